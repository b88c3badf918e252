// The human report: a line per command as it is judged, the details of a failure, a closing count.
import { formatPosition } from '../markdown/steps.js';
import { formatDuration } from '../common/duration.js';
import type { CheckReport, CommandOutcome } from './report.js';
import { firstLine } from './text.js';

const LABEL: Record<CommandOutcome['result'], string> = { passed: 'ok  ', failed: 'FAIL', skipped: '' };

/**
 * `ok     12ms  file.md:14  first line of the command`, plus the details when it failed. Skipped commands get
 * no line (after a failure they would bury it); the closing line counts them.
 */
export function outcomeLines(outcome: CommandOutcome): string[] {
  if (outcome.result === 'skipped') return [];
  const where = `${outcome.at.file}:${outcome.at.line}`;
  const notes = [
    outcome.attempts ? `${outcome.attempts} attempts` : '',
    outcome.failOk ? `status ${outcome.status}, @failok` : '',
  ].filter(Boolean);
  const note = notes.length > 0 ? `  (${notes.join(', ')})` : '';
  const line = `${LABEL[outcome.result]}  ${formatDuration(outcome.durationMs).padStart(6)}  ${where}  ${firstLine(outcome.command)}${note}`;
  if (outcome.result !== 'failed') return [line];
  const status = failureText(outcome, 'killed: status');
  const via = outcome.macro ? ` (in macro ${outcome.macro})` : '';
  const output = outcome.output ?? [];
  return [
    line,
    `      ${formatPosition(outcome.at)}: command failed${via}:`,
    ...outcome.command
      .trimEnd()
      .split('\n')
      .map((text) => `        ${text}`),
    `      ${status}`,
    ...(output.length > 0
      ? [`      last ${output.length} lines of output:`, ...output.map((text) => `      | ${text}`)]
      : ['      (no output)']),
  ];
}

/**
 * What went wrong, for a report: `exit status 2`, `timed out after 5m (--step-timeout), killed: status 124`,
 * `expected output not found: "Running" (exit status 0)`; `killed` is how the status of a killed command is
 * introduced.
 */
export function failureText(outcome: CommandOutcome, killed: string): string {
  const failure = outcome.failure;
  if (outcome.timeoutMs !== undefined)
    return `timed out after ${formatDuration(outcome.timeoutMs)} (${outcome.timeoutBy ?? '--step-timeout'}), ${killed} ${outcome.status}`;
  if (failure?.kind === 'expected-output' || failure?.kind === 'expected-status')
    return `${failure.message} (exit status ${outcome.status})`;
  return `exit status ${outcome.status}`;
}

/** `N passed, N failed, N skipped`. */
export function summaryLine(report: Pick<CheckReport, 'passed' | 'failed' | 'skipped'>): string {
  return `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`;
}
