// One directive (`@NAME args`, from `<!-- @NAME args -->` or a `#@NAME args` shell line) → a draft.
// Names are case-sensitive, as in demosh: `@SHOW` is a mode, `@show` would be a call of `show`.
import { defaultFlags, type CommandFlags, type Position } from './steps.js';
import type { Draft, Modifier } from './drafts.js';
import { problem, type Message } from '../common/messages.js';
import { splitWords } from './words.js';
import { CONDITION_NAMES, parseCondition } from './conditions.js';
import type { Condition } from './drafts.js';

const MODIFIERS: ReadonlySet<string> = new Set<Modifier>([
  'waitafter',
  'nowaitbefore',
  'noshow',
  'notypeout',
  'immed',
  'immediate',
  'failok',
]);

/** A call runs like `@immed` (not shown, no waits) unless modifiers before it say otherwise. */
export const callFlags: Readonly<CommandFlags> = Object.freeze({
  ...defaultFlags,
  show: false,
  waitBefore: false,
  waitAfter: false,
});

const BLOCK_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** Hook names become shell functions; the variable becomes part of `DEMO_HOOK_VAR`. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const VARIABLE_SUFFIX = /^[A-Za-z0-9_]+$/;

/**
 * Parses the text after `@` (`SHOW`, `macro name`, `print hello`). `at` is the position of the `@` (or the
 * `#` of `#@`). Returns no draft when the directive is unusable; the messages say why.
 */
export function parseDirective(text: string, at: Position): { draft?: Draft; messages: Message[] } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const name = space === -1 ? trimmed : trimmed.slice(0, space);
  const args = space === -1 ? '' : trimmed.slice(space + 1).trim();
  const messages: Message[] = [];
  const usage = (message: string) => ({ messages: [problem(at, 'error', 'directive-usage', message)] });
  const noArgs = () => {
    if (args)
      messages.push(
        problem(at, 'warning', 'directive-usage', `\`@${name}\` takes no arguments (\`${args}\` is ignored)`),
      );
  };

  if (name === '') return usage('`@` without a directive name');
  switch (name) {
    case 'SHOW':
    case 'HIDE':
    case 'SKIP':
      noArgs();
      return { draft: { kind: 'step', step: { kind: 'mode', mode: name, at } }, messages };
    case 'wait':
    case 'clear':
      noArgs();
      return { draft: { kind: 'step', step: { kind: name, at } }, messages };
    case 'print': {
      const words = splitWords(args);
      if (!words)
        messages.push(problem(at, 'warning', 'directive-usage', '`@print` has an unclosed quote (printed as written)'));
      return { draft: { kind: 'step', step: { kind: 'print', text: words ? words.join(' ') : args, at } }, messages };
    }
    case 'import':
      if (!args) return usage('`@import` needs a file: `@import PATH`');
      return { draft: { kind: 'import', path: args, at }, messages };
    case 'macro':
    case 'ifhook': {
      const what = name === 'macro' ? 'a macro name: `@macro NAME`' : 'a hook name: `@ifhook NAME`';
      if (!args) return usage(`\`@${name}\` needs ${what}`);
      if (!BLOCK_NAME.test(args)) return usage(`\`${args}\` is not a valid name for \`@${name}\``);
      return { draft: { kind: 'open', block: name, name: args, at }, messages };
    }
    case 'end':
    case 'endif':
      noArgs();
      return { draft: { kind: 'close', block: name === 'end' ? 'macro' : 'ifhook', at }, messages };
    case 'hook': {
      const parts = args.split(/\s+/).filter(Boolean);
      if (parts.length !== 2)
        return usage('`@hook` needs a name and a variable: `@hook NAME VAR` (runs `$DEMO_HOOK_VAR`)');
      const [hook, variable] = parts as [string, string];
      if (!FUNCTION_NAME.test(hook)) return usage(`\`${hook}\` is not a valid shell function name for \`@hook\``);
      if (!VARIABLE_SUFFIX.test(variable)) return usage(`\`${variable}\` is not a valid variable name for \`@hook\``);
      return { draft: { kind: 'step', step: { kind: 'hook', name: hook, variable, at } }, messages };
    }
  }
  if (CONDITION_NAMES.has(name)) {
    const condition = parseCondition(name as Condition['name'], args);
    if ('error' in condition) return usage(condition.error);
    return { draft: { kind: 'condition', condition, at }, messages };
  }
  if (MODIFIERS.has(name)) {
    noArgs();
    return { draft: { kind: 'modifier', name: name as Modifier, at }, messages };
  }
  // Any other word is a call, whatever it looks like: demosh runs `@$SHELL x.md` as `$SHELL x.md`.
  return { draft: { kind: 'step', step: { kind: 'call', name, args, flags: { ...callFlags }, at } }, messages };
}
