// Nesting and folding: `@macro`/`@ifhook` … `@end`/`@endif` become steps with bodies (per file: a block
// never spans files), and modifier directives are folded into the flags of the command or call they
// precede (after imports are inlined, as demosh reads imported lines in place).
import type { CommandFlags, Position, Step } from './steps.js';
import type { Condition, Draft, Item, Modifier } from './drafts.js';
import { addCondition } from './conditions.js';
import { problem, type Message } from '../common/messages.js';

type Open = { block: 'macro' | 'ifhook'; name: string; at: Position; body: Item[] };

/** Deeper nesting of `@macro`/`@ifhook` than this is refused (the builtins nest 3 deep). */
export const MAX_BLOCK_DEPTH = 32;

const OPENER = { macro: '@macro', ifhook: '@ifhook' } as const;
const CLOSER = { macro: '@end', ifhook: '@endif' } as const;

/**
 * Nests the drafts of one file. `expandImport` returns the items of an imported file (already nested) in
 * place of an `@import`.
 */
export function nest(
  drafts: readonly Draft[],
  expandImport: (path: string, at: Position) => Item[],
  messages: Message[],
): Item[] {
  const top: Item[] = [];
  const stack: Open[] = [];
  const current = () => (stack.length > 0 ? stack[stack.length - 1]!.body : top);
  const close = (open: Open) => {
    const item: Item =
      open.block === 'macro'
        ? { kind: 'macro', name: open.name, body: open.body, at: open.at }
        : { kind: 'ifhook', hook: open.name, body: open.body, at: open.at };
    current().push(item);
  };

  // The first opener too deep is reported, with how many more follow: one message each would be a flood
  // (100,000 lines of a 1 MiB file). The closers of ignored openers are ignored with them.
  let tooDeep: { message: Message; more: number } | undefined;
  let ignored = 0;
  for (const draft of drafts) {
    switch (draft.kind) {
      case 'open':
        if (stack.length >= MAX_BLOCK_DEPTH) ignored++;
        if (tooDeep && stack.length >= MAX_BLOCK_DEPTH) {
          tooDeep.more++;
        } else if (stack.length >= MAX_BLOCK_DEPTH) {
          const message = problem(
            draft.at,
            'error',
            'too-deep',
            `\`${OPENER[draft.block]}\` nested more than ${MAX_BLOCK_DEPTH} deep (ignored)`,
          );
          messages.push(message);
          tooDeep = { message, more: 0 };
        } else {
          stack.push({ block: draft.block, name: draft.name, at: draft.at, body: [] });
        }
        break;
      case 'close': {
        const open = stack[stack.length - 1];
        if (ignored > 0) {
          ignored--;
        } else if (!open) {
          messages.push(
            problem(
              draft.at,
              'error',
              'unmatched-end',
              `\`${CLOSER[draft.block]}\` without a \`${OPENER[draft.block]}\` before it`,
            ),
          );
        } else if (open.block !== draft.block) {
          messages.push(
            problem(
              draft.at,
              'error',
              'unmatched-end',
              `\`${CLOSER[draft.block]}\` cannot close \`${OPENER[open.block]} ${open.name}\` (line ${open.at.line}); it needs \`${CLOSER[open.block]}\``,
            ),
          );
        } else {
          stack.pop();
          close(open);
        }
        break;
      }
      case 'import':
        for (const item of expandImport(draft.path, draft.at)) current().push(item);
        break;
      case 'modifier':
      case 'condition':
        current().push(draft);
        break;
      case 'step':
        current().push({ kind: 'step', step: draft.step as Extract<Item, { kind: 'step' }>['step'] });
        break;
    }
  }
  if (tooDeep?.more) tooDeep.message.message += `, and ${tooDeep.more} more openers after it in this file`;
  while (stack.length > 0) {
    const open = stack.pop()!;
    messages.push(
      problem(
        open.at,
        'error',
        'unterminated-block',
        `\`${OPENER[open.block]} ${open.name}\` is never closed: \`${CLOSER[open.block]}\` is missing before the end of the file`,
      ),
    );
    close(open);
  }
  return top;
}

function applyModifier(flags: CommandFlags, modifier: Modifier): void {
  switch (modifier) {
    case 'waitafter':
      flags.waitAfter = true;
      break;
    case 'nowaitbefore':
      flags.waitBefore = false;
      break;
    case 'noshow':
      flags.show = false;
      break;
    case 'notypeout':
      flags.typeout = false;
      break;
    case 'immed':
    case 'immediate':
      flags.show = false;
      flags.waitBefore = false;
      flags.waitAfter = false;
      break;
    case 'failok':
      flags.failOk = true;
      break;
  }
}

/**
 * Folds modifiers into the next command or call of the same list. Like demosh, `@wait`, `@clear` and
 * `@print` use up pending modifiers (they are "commands" there), and so does the end of a list; modifiers
 * used up that way did nothing and are reported.
 */
export function foldModifiers(items: readonly Item[], messages: Message[]): Step[] {
  const steps: Step[] = [];
  let pending: ({ name: Modifier; at: Position } | { name: Condition['name']; condition: Condition; at: Position })[] =
    [];
  const dangling = (reason: string) => {
    for (const m of pending)
      messages.push(problem(m.at, 'warning', 'dangling-modifier', `\`@${m.name}\` has no effect: ${reason}`));
    pending = [];
  };
  for (const item of items) {
    switch (item.kind) {
      case 'modifier':
        pending.push(item);
        break;
      case 'condition':
        pending.push({ name: item.condition.name, condition: item.condition, at: item.at });
        break;
      case 'macro':
        steps.push({ kind: 'macro', name: item.name, body: foldModifiers(item.body, messages), at: item.at });
        break;
      case 'ifhook':
        steps.push({ kind: 'ifhook', hook: item.hook, body: foldModifiers(item.body, messages), at: item.at });
        break;
      case 'step': {
        const step = item.step;
        if (step.kind === 'command' || step.kind === 'call') {
          for (const m of pending) {
            if ('condition' in m) step.conditions = addCondition(step.conditions, m.condition);
            else applyModifier(step.flags, m.name);
          }
          pending = [];
        } else if (step.kind === 'wait' || step.kind === 'clear' || step.kind === 'print') {
          dangling(`the \`@${step.kind}\` after it comes before any command (line ${step.at.line})`);
        }
        steps.push(step);
        break;
      }
    }
  }
  dangling('no command follows it');
  return steps;
}
