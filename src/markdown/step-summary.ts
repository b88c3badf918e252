// One-line descriptions of steps, for listings (`stepdown list`) and menus.
import { defaultFlags, type CommandConditions, type CommandFlags, type Step } from './steps.js';
import { callFlags } from './directives.js';
import { formatDuration } from '../common/duration.js';
import { describePattern } from './conditions.js';
import { plainMacroCall } from './macro-call.js';

function firstLine(text: string, max = 72): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let line = (lines[0] ?? '').trim();
  const more = lines.length > 1;
  if (line.length > max) line = `${line.slice(0, max - 1)}…`;
  else if (more) line += ' …';
  return line;
}

/** Flags that differ from the default for this kind of step, by the directive that sets them. */
export function flagNames(flags: CommandFlags, base: Readonly<CommandFlags> = defaultFlags): string[] {
  const names: string[] = [];
  if (flags.show !== base.show) names.push(flags.show ? 'show' : 'noshow');
  if (flags.typeout !== base.typeout) names.push(flags.typeout ? 'typeout' : 'notypeout');
  if (flags.waitBefore !== base.waitBefore) names.push(flags.waitBefore ? 'waitbefore' : 'nowaitbefore');
  if (flags.waitAfter !== base.waitAfter) names.push(flags.waitAfter ? 'waitafter' : 'nowaitafter');
  if (flags.failOk !== base.failOk) names.push('failok');
  return names;
}

/** The conditions of a command, as the directives that set them say: `expect "Running"`, `retry 30s`. */
function conditionNames(conditions: CommandConditions | undefined): string[] {
  if (!conditions) return [];
  const names = conditions.output.map((pattern) => `expect ${describePattern(pattern)}`);
  if (conditions.status !== undefined) names.push(`status ${conditions.status}`);
  const retry = conditions.retry;
  if (retry) names.push(`retry ${retry.attempts ?? formatDuration(retry.withinMs ?? 0)}`);
  if (conditions.timeLimitMs !== undefined) names.push(`timeout ${formatDuration(conditions.timeLimitMs)}`);
  return names;
}

/**
 * A short, single-line summary of `step`. A command whose first word is one of the workshop's `macros` says
 * it calls that macro.
 */
export function stepSummary(step: Step, macros: ReadonlySet<string> = new Set()): string {
  const flagged = (text: string, names: string[]) => (names.length > 0 ? `${text}  [${names.join(' ')}]` : text);
  switch (step.kind) {
    case 'commentary':
    case 'heading':
      return firstLine(step.kind === 'heading' ? step.text : step.markdown);
    case 'command': {
      const call = plainMacroCall(step.text, (name) => macros.has(name));
      return flagged(firstLine(step.text), [
        ...(call ? [`macro ${call.name}`] : []),
        ...flagNames(step.flags),
        ...conditionNames(step.conditions),
      ]);
    }
    case 'mode':
      return `@${step.mode}`;
    case 'wait':
    case 'clear':
      return `@${step.kind}`;
    case 'print':
      return firstLine(`@print ${step.text}`);
    case 'macro':
      return `@macro ${step.name} (${step.body.length} step${step.body.length === 1 ? '' : 's'})`;
    case 'hook':
      return `@hook ${step.name} ${step.variable}`;
    case 'ifhook':
      return `@ifhook ${step.hook} (${step.body.length} step${step.body.length === 1 ? '' : 's'})`;
    case 'call':
      return flagged(firstLine(`@${step.name}${step.args ? ` ${step.args}` : ''}`), [
        ...flagNames(step.flags, callFlags),
        ...conditionNames(step.conditions),
      ]);
  }
}
