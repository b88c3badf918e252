// The JSON report: the check report as data, for tools.
import type { CheckReport } from './report.js';

import { counts } from './report.js';

// Durations to the microsecond: more digits than that are noise.
const round = (key: string, value: unknown) =>
  key === 'durationMs' && typeof value === 'number' ? Math.round(value * 1000) / 1000 : value;

const data = ({ startedAt, ...rest }: CheckReport) => ({ startedAt: startedAt.toISOString(), ...rest });

export function jsonReport(report: CheckReport): string {
  return `${JSON.stringify(data(report), round, 2)}\n`;
}

/** `check --each`: the workshops' reports, with the counts over all of them and the exit status. */
export function jsonReports(reports: readonly CheckReport[]): string {
  const all = { ...counts(reports.flatMap((r) => r.outcomes)), status: reports.some((r) => r.status !== 0) ? 1 : 0 };
  return `${JSON.stringify({ ...all, workshops: reports.map(data) }, round, 2)}\n`;
}
