// Whether one attempt of a command did what it must (exit status, `@expect`ed output), and whether `@retry`
// allows another. Plain values in, plain values out.
import type { CommandConditions, OutputPattern, RetryPolicy } from '../markdown/steps.js';
import { plainText } from '../common/plain-text.js';
import { describePattern } from '../markdown/conditions.js';

export interface Attempt {
  status: number;
  output: string;
  timedOut: boolean;
}

/** Why an attempt failed: what kind of failure (reports file them by kind), and in words. */
export interface Failure {
  kind: 'status' | 'timeout' | 'expected-status' | 'expected-output';
  /** `failed with status 1`, `expected output not found: "Running"`, … */
  message: string;
}

/** Why the attempt failed, or undefined when it passed. */
export function judge(attempt: Attempt, conditions: CommandConditions | undefined): Failure | undefined {
  if (attempt.timedOut) return { kind: 'timeout', message: `timed out (status ${attempt.status})` };
  const expected = conditions?.status;
  if (expected === undefined && attempt.status !== 0)
    return { kind: 'status', message: `failed with status ${attempt.status}` };
  if (expected !== undefined && attempt.status !== expected)
    return { kind: 'expected-status', message: `exited with status ${attempt.status}, expected ${expected}` };
  const missing = (conditions?.output ?? []).filter((pattern) => !found(pattern, attempt.output));
  if (missing.length > 0)
    return {
      kind: 'expected-output',
      message: `expected output not found: ${missing.map(describePattern).join(', ')}`,
    };
  return undefined;
}

function found(pattern: OutputPattern, output: string): boolean {
  const text = plainText(output);
  return 'text' in pattern ? text.includes(pattern.text) : new RegExp(pattern.regex, pattern.flags).test(text);
}

/**
 * Whether attempt `attempt + 1` may start, `spentMs` after the first began (attempts and pauses so far,
 * the coming pause included): the durations come from the results, so the player needs no clock.
 */
export function mayRetry(retry: RetryPolicy | undefined, attempt: number, spentMs: number): boolean {
  if (!retry) return false;
  if (retry.attempts !== undefined) return attempt < retry.attempts;
  return retry.withinMs !== undefined && spentMs < retry.withinMs;
}
