// When steps are skipped (`check --from`, a jump in the UI), later commands still expect the shell state
// those steps set up. These helpers pick out the parts of a command that change that state, so a driver
// can run just those.
import { parseScript, type ShellCommand } from './shell/syntax.js';

/**
 * Builtins whose whole point is the shell's own state: variables, options, directory, aliases, traps,
 * sourced definitions.
 */
const STATE_BUILTINS: ReadonlySet<string> = new Set([
  'export',
  'declare',
  'typeset',
  'readonly',
  'local',
  'unset',
  'alias',
  'unalias',
  'cd',
  'pushd',
  'popd',
  'set',
  'shopt',
  'source',
  '.',
  'trap',
  'umask',
  'ulimit',
  'hash',
  'enable',
]);

function changesState(command: ShellCommand): boolean {
  if (command.type === 'function') return true;
  if (command.type !== 'simple') return false;
  if (command.words.length === 0) return command.assignments.length > 0;
  const first = command.words[0]!.literal;
  return first !== undefined && STATE_BUILTINS.has(first);
}

/**
 * The state-changing statements of `command` (assignments, `export`/`declare`/`unset`, `cd`/`pushd`/
 * `popd`, `set`/`shopt`, `alias`, `source`, `trap`, function definitions), each as written, one per line;
 * undefined when there are none. Only top-level statements count: an assignment inside `if`, a pipeline or
 * an `&&` chain depends on commands that are not replayed. Command substitutions in a replayed assignment
 * (`X=$(kubectl …)`) do run.
 */
export function replayText(command: string): string | undefined {
  const { statements, error } = parseScript(command);
  if (error) return undefined;
  const parts = statements
    .filter((s) => changesState(s.command) && !s.background)
    .map((s) => command.slice(s.command.span.start, s.command.span.end).trim());
  return parts.length > 0 ? parts.join('\n') : undefined;
}
