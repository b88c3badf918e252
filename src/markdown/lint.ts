// `stepdown lint` without the CLI: everything loading finds, plus what needs the whole workshop —
// macro recursion, and calls (`@word`) that nothing can run.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Step } from './steps.js';
import { loadWorkshop, type LoadOptions } from './load.js';
import { problem, sortMessages, type Message } from '../common/messages.js';
import { formatChain, MACRO_DEPTH_LIMIT, macroChains, macroNames, walkSteps } from './recursion.js';
import { plainMacroCall } from './macro-call.js';
import { BUILTIN_FILE } from './builtins.js';
import { parseScript, walkCommands } from './shell/syntax.js';

const BASH_BUILTINS: ReadonlySet<string> = new Set([
  '.',
  ':',
  '[',
  'alias',
  'bg',
  'bind',
  'break',
  'builtin',
  'caller',
  'cd',
  'command',
  'compgen',
  'complete',
  'compopt',
  'continue',
  'declare',
  'dirs',
  'disown',
  'echo',
  'enable',
  'eval',
  'exec',
  'exit',
  'export',
  'false',
  'fc',
  'fg',
  'getopts',
  'hash',
  'help',
  'history',
  'jobs',
  'kill',
  'let',
  'local',
  'logout',
  'mapfile',
  'popd',
  'printf',
  'pushd',
  'pwd',
  'read',
  'readarray',
  'readonly',
  'return',
  'set',
  'shift',
  'shopt',
  'source',
  'suspend',
  'test',
  'times',
  'trap',
  'true',
  'type',
  'typeset',
  'ulimit',
  'umask',
  'unalias',
  'unset',
  'wait',
]);

export interface LintOptions extends LoadOptions {
  /** Whether `name` is a command that can be run (default: an executable file on `$PATH`). */
  commandExists?: (name: string) => boolean;
}

/** Whether an executable file called `name` is in one of `$PATH`'s directories. */
export function onPath(name: string, path = process.env.PATH ?? ''): boolean {
  if (name.includes('/')) return false;
  return path.split(delimiter).some((dir) => {
    if (!dir) return false;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

/** Names of the shell functions that commands in `steps` define. */
export function definedFunctions(steps: readonly Step[]): Set<string> {
  const names = new Set<string>();
  walkSteps(steps, (step) => {
    if (step.kind !== 'command' || !/\(\s*\)|\bfunction\b/.test(step.text)) return;
    walkCommands(parseScript(step.text).statements, (command) => {
      if (command.type === 'function') names.add(command.name);
    });
  });
  return names;
}

/**
 * Macros of loaded `steps` that call themselves, directly or through others, and chains of calls too deep to
 * expand: errors, before anything runs.
 */
export function recursionProblems(steps: readonly Step[]): Message[] {
  const { cycles, tooDeep } = macroChains(steps);
  const messages = cycles.map(({ cycle, at }) =>
    problem(
      at,
      'error',
      'macro-recursion',
      cycle.length === 2
        ? `macro \`${cycle[0]}\` calls itself`
        : `macros call each other in a loop: ${cycle.join(' → ')}`,
    ),
  );
  if (tooDeep) {
    messages.push(
      problem(
        tooDeep.at,
        'error',
        'too-deep',
        `macros call each other more than ${MACRO_DEPTH_LIMIT} deep: ${formatChain(tooDeep.chain)}`,
      ),
    );
  }
  return messages;
}

/** Calls of a macro with more after its name: demosh drops the rest, and so does stepdown, so it is reported. */
function ignoredByMacroCalls(steps: readonly Step[]): Message[] {
  const macros = macroNames(steps);
  const messages: Message[] = [];
  walkSteps(steps, (step) => {
    if (step.at.file === BUILTIN_FILE) return;
    const call =
      step.kind === 'call'
        ? macros.has(step.name) && { name: step.name, ignored: step.args }
        : step.kind === 'command' && plainMacroCall(step.text, (name) => macros.has(name));
    if (!call || call.ignored === '') return;
    const ignored = call.ignored.split('\n')[0]!.trim() + (call.ignored.includes('\n') ? ' …' : '');
    messages.push(
      problem(
        step.at,
        'warning',
        'macro-call',
        `this calls the macro \`${call.name}\`, which takes no arguments: \`${ignored}\` after its name does not run (as in demosh)`,
      ),
    );
  });
  return messages;
}

/** Problems with the calls and macros of loaded `steps`. */
export function checkSteps(steps: readonly Step[], commandExists: (name: string) => boolean = onPath): Message[] {
  const messages = [...recursionProblems(steps), ...ignoredByMacroCalls(steps)];

  const known = new Set<string>([...BASH_BUILTINS, ...definedFunctions(steps)]);
  walkSteps(steps, (step) => {
    if (step.kind === 'macro') known.add(step.name);
    if (step.kind === 'hook') known.add(step.name);
  });
  const exists = new Map<string, boolean>();
  walkSteps(steps, (step) => {
    if (step.kind !== 'call' || step.at.file === BUILTIN_FILE || known.has(step.name)) return;
    // `@$SHELL x.md`, `@./run.sh`: what runs is only known at run time.
    if (/[$/`]/.test(step.name)) return;
    if (!exists.has(step.name)) exists.set(step.name, commandExists(step.name));
    if (exists.get(step.name)) return;
    const hint = /^(show|hide|skip)$/.test(step.name) ? ` (did you mean \`@${step.name.toUpperCase()}\`?)` : '';
    messages.push(
      problem(
        step.at,
        'warning',
        'unknown-directive',
        `\`@${step.name}\` is not a directive, macro, hook, shell function or command on PATH${hint}`,
      ),
    );
  });
  return messages;
}

/** Loads `path` and reports everything wrong with it, in reading order. */
export function lintWorkshop(path: string, options: LintOptions = {}): Message[] {
  const workshop = loadWorkshop(path, { ...options, builtins: options.builtins ?? true });
  return sortMessages([...workshop.messages, ...checkSteps(workshop.steps, options.commandExists)]);
}
