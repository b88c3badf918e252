// The JSON report: the check report as data, for tools.
import type { CheckReport } from './report.js';

export function jsonReport(report: CheckReport): string {
  const { startedAt, ...rest } = report;
  // Durations to the microsecond: more digits than that are noise.
  const round = (key: string, value: unknown) =>
    key === 'durationMs' && typeof value === 'number' ? Math.round(value * 1000) / 1000 : value;
  return `${JSON.stringify({ startedAt: startedAt.toISOString(), ...rest }, round, 2)}\n`;
}
