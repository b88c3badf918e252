// The step list: what the parser produces and everything else (player, check, ui, lint, list) consumes.
// Pure data, JSON-serialisable, every step positioned in the file it came from.

import type { Position } from '../common/messages.js';

export type { Position };

/**
 * Per-command presentation flags. The parser folds the modifier directives that precede a command
 * (`@waitafter`, `@nowaitbefore`, `@noshow`, `@notypeout`, `@immed`, `@failok`) into the command they modify.
 */
export interface CommandFlags {
  /** Show the command (typed after a prompt) before running it. `@noshow` and `@immed` clear it. */
  show: boolean;
  /** Type the command character by character. `@notypeout` clears it. */
  typeout: boolean;
  /** Wait for RETURN before running. `@nowaitbefore` and `@immed` clear it. */
  waitBefore: boolean;
  /** Wait for RETURN after running. `@waitafter` sets it; `@immed` clears it. */
  waitAfter: boolean;
  /** A failure does not stop the run or count as failed. `@failok` sets it. */
  failOk: boolean;
}

export const defaultFlags: Readonly<CommandFlags> = Object.freeze({
  show: true,
  typeout: true,
  waitBefore: true,
  waitAfter: false,
  failOk: false,
});

/** One `@expect`: a text the output must contain, or a regular expression (source and flags) it must match. */
export type OutputPattern = { text: string } | { regex: string; flags: string };

/** `@retry`: run again until the command succeeds, for at most `attempts` tries or `withinMs` (one of them). */
export interface RetryPolicy {
  attempts?: number;
  withinMs?: number;
  /** Between two attempts. */
  pauseMs: number;
}

/**
 * What a command must do to succeed, from `@expect`, `@status`, `@retry` and `@timeout` before it. Absent
 * when none was given: the command then succeeds when it exits 0.
 */
export interface CommandConditions {
  /** Every one must be found in the output (compared without terminal escape sequences). */
  output: OutputPattern[];
  /** The exit status it must have (default 0). */
  status?: number;
  retry?: RetryPolicy;
  /** Time limit of one attempt, overriding `--step-timeout`. */
  timeLimitMs?: number;
}

export type Mode = 'SHOW' | 'HIDE' | 'SKIP';

export type Step =
  /** Markdown prose (or `#` comment lines of a shell file/block) to render in show mode. */
  | { kind: 'commentary'; markdown: string; source: 'markdown' | 'shell'; at: Position }
  /** A Markdown heading: commentary that also names a place (table of contents, --from/--to/--only). */
  | { kind: 'heading'; depth: number; text: string; markdown: string; at: Position }
  /** One complete shell command (may span lines: heredocs, functions, compound commands). */
  | { kind: 'command'; text: string; flags: CommandFlags; conditions?: CommandConditions; at: Position }
  /** `@SHOW`, `@HIDE`, `@SKIP`. */
  | { kind: 'mode'; mode: Mode; at: Position }
  /** `@wait`: wait for RETURN (also in hidden mode, as demosh does). */
  | { kind: 'wait'; at: Position }
  /** `@clear`: run the shell's `clear`. */
  | { kind: 'clear'; at: Position }
  /** `@print ARGS`: print text (like echo) without running anything. */
  | { kind: 'print'; text: string; at: Position }
  /** `@macro NAME … @end`: a definition; takes effect when reached, expanded by the player on call. */
  | { kind: 'macro'; name: string; body: Step[]; at: Position }
  /** `@hook NAME VAR`: defines shell function NAME that runs `$DEMO_HOOK_VAR` when set, else nothing. */
  | { kind: 'hook'; name: string; variable: string; at: Position }
  /** `@ifhook NAME … @endif`: body runs only when hook NAME is defined with a non-empty variable. */
  | { kind: 'ifhook'; hook: string; body: Step[]; at: Position }
  /**
   * Any other `@word args`: a macro call when a macro of that name is defined at that point, otherwise an
   * immediate command `word args` (which is how hooks are called: they are shell functions).
   */
  | { kind: 'call'; name: string; args: string; flags: CommandFlags; conditions?: CommandConditions; at: Position };

export type StepKind = Step['kind'];

/** Formats a position the way every message does: `file:line:column`. */
export function formatPosition(at: Position): string {
  return `${at.file}:${at.line}:${at.column}`;
}
