// What one file turns into before the loader nests macro/ifhook bodies, inlines imports and folds modifier
// directives into the command they modify. Internal to src/markdown/.
import type { OutputPattern, Position, RetryPolicy, Step } from './steps.js';

/** The directives that modify the next command (or call) instead of being steps of their own. */
export type Modifier = 'waitafter' | 'nowaitbefore' | 'noshow' | 'notypeout' | 'immed' | 'immediate' | 'failok';

/** The directives that say what the next command (or call) must do to succeed. */
export type Condition =
  | { name: 'expect'; pattern: OutputPattern }
  | { name: 'status'; status: number }
  | { name: 'retry'; retry: RetryPolicy }
  | { name: 'timeout'; ms: number };

export type Draft =
  | { kind: 'step'; step: Step }
  | { kind: 'modifier'; name: Modifier; at: Position }
  | { kind: 'condition'; condition: Condition; at: Position }
  /** `@macro NAME` / `@ifhook NAME`: opens a body that `@end` / `@endif` closes. */
  | { kind: 'open'; block: 'macro' | 'ifhook'; name: string; at: Position }
  | { kind: 'close'; block: 'macro' | 'ifhook'; at: Position }
  | { kind: 'import'; path: string; at: Position };

/** A draft after nesting: macro and ifhook steps hold nested items until modifiers are folded. */
export type Item =
  | { kind: 'step'; step: Exclude<Step, { kind: 'macro' } | { kind: 'ifhook' }> }
  | { kind: 'modifier'; name: Modifier; at: Position }
  | { kind: 'condition'; condition: Condition; at: Position }
  | { kind: 'macro'; name: string; body: Item[]; at: Position }
  | { kind: 'ifhook'; hook: string; body: Item[]; at: Position };
