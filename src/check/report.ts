// What `check` found: one outcome per workshop command, and the whole run. Reporters (human lines, JUnit,
// JSON) only format these.
import type { Position } from '../markdown/steps.js';
import type { EndReason, SkipReason } from '../player/effects.js';
import type { Failure } from '../player/judge.js';

export interface CommandOutcome {
  /** The command as written (a `@word` call as `word args`). */
  command: string;
  at: Position;
  /** Nearest heading above the command. */
  heading?: string;
  /** Innermost macro the command was expanded from. */
  macro?: string;
  result: 'passed' | 'failed' | 'skipped';
  /** Exit status (not for skipped commands). */
  status?: number;
  durationMs: number;
  /** Set when the command ran into its time limit (and was killed): that limit. */
  timeoutMs?: number;
  /** Where that limit came from. */
  timeoutBy?: '--step-timeout' | '@timeout';
  /** Failed, but `@failok` allows it (result is `passed`). */
  failOk?: boolean;
  /** Why it failed (also when `@failok` lets it pass): `expected output not found: "Running"`, … */
  failure?: Failure;
  /** `@retry`: how many times it ran, when more than once. */
  attempts?: number;
  /** The end of the output, as plain lines (failed and failok-failed commands). */
  output?: string[];
  skipReason?: SkipReason;
}

export interface CheckReport {
  file: string;
  args: readonly string[];
  outcomes: CommandOutcome[];
  passed: number;
  failed: number;
  skipped: number;
  /** The exit status of `stepdown check`. */
  status: number;
  reason: EndReason | 'interrupted';
  /** Why the run ended early (shell exit, error, interrupt), with a position where there is one. */
  message?: string;
  /** Housekeeping that failed (`clear`, replayed state): reported, never counted. */
  warnings: string[];
  startedAt: Date;
  durationMs: number;
}

export function counts(outcomes: readonly CommandOutcome[]): Pick<CheckReport, 'passed' | 'failed' | 'skipped'> {
  const count = (result: CommandOutcome['result']) => outcomes.filter((o) => o.result === result).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}
