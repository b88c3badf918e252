// After a run, one line per cluster (and per shared resource): ok, failed (where, why, the last output), or
// skipped — collected across every phase of the command.
import { describeAction } from '../plan/format.js';
import type { LaneOutcome, LaneStatus } from './types.js';

export interface ClusterSummary {
  label: string;
  status: LaneStatus;
  steps: number;
  ms: number;
  failure?: LaneOutcome['failure'];
  reason?: string;
}

const SEVERITY: Record<LaneStatus, number> = { ok: 0, skipped: 1, interrupted: 2, failed: 3 };

export function summarize(outcomes: readonly LaneOutcome[]): ClusterSummary[] {
  const byLabel = new Map<string, ClusterSummary>();
  for (const outcome of outcomes) {
    const entry = byLabel.get(outcome.lane.label) ?? { label: outcome.lane.label, status: 'ok', steps: 0, ms: 0 };
    entry.steps += outcome.steps;
    entry.ms += outcome.ms;
    if (SEVERITY[outcome.status] > SEVERITY[entry.status]) {
      entry.status = outcome.status;
      entry.failure = outcome.failure;
      entry.reason = outcome.reason;
    }
    byLabel.set(outcome.lane.label, entry);
  }
  return [...byLabel.values()];
}

export function exitCodeOf(summaries: readonly ClusterSummary[]): number {
  if (summaries.some((s) => s.status === 'interrupted')) return 130;
  return summaries.some((s) => s.status !== 'ok') ? 1 : 0;
}

const MARK: Record<LaneStatus, string> = { ok: '✔', failed: '✖', skipped: '–', interrupted: '!' };

export function formatSummary(command: string, summaries: readonly ClusterSummary[]): string {
  const counts = (['ok', 'failed', 'skipped', 'interrupted'] as const)
    .map((status) => [status, summaries.filter((s) => s.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  const width = Math.max(...summaries.map((s) => s.label.length), 4);
  const lines = [`localcluster ${command}: ${counts.join(', ') || 'nothing to do'}`];
  const indent = ' '.repeat(width + 5);
  for (const s of summaries) {
    const head = `  ${MARK[s.status]} ${s.label.padEnd(width)} `;
    if (s.status === 'ok')
      lines.push(`${head}ok (${s.steps} ${s.steps === 1 ? 'step' : 'steps'}, ${(s.ms / 1000).toFixed(1)}s)`);
    else if (s.status === 'skipped') lines.push(`${head}skipped: ${s.reason}`);
    else {
      const where = s.failure?.action ? ` at: ${describeAction(s.failure.action).split('\n')[0]}` : '';
      lines.push(`${head}${s.status}${where}`);
      lines.push(`${indent}${s.failure?.message ?? ''}`);
      for (const line of s.failure?.output ?? []) lines.push(`${indent}│ ${line}`);
    }
  }
  return lines.join('\n');
}
