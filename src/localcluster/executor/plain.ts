// Progress as plain lines, for logs and non-terminals: every line says which cluster it is about.
import { describeAction } from '../plan/format.js';
import type { ProgressDisplay } from './types.js';

export function plainProgress(write: (text: string) => void): ProgressDisplay {
  return {
    phase: (phase) => write(`== ${phase.title}\n`),
    laneStarted: (lane) => {
      if (lane.blocked) write(`[${lane.label}] cannot run: ${lane.blocked}\n`);
    },
    actionStarted: (lane, action) => {
      const text = describeAction(action);
      write(`[${lane.label}] ${action.kind === 'note' ? '# ' : '$ '}${text}\n`);
    },
    output: (lane, line) => write(`[${lane.label}]   ${line}\n`),
    laneFinished: (outcome) => {
      const label = `[${outcome.lane.label}]`;
      if (outcome.status === 'ok')
        write(
          `${label} ✔ done (${outcome.steps} ${outcome.steps === 1 ? 'step' : 'steps'}, ${(outcome.ms / 1000).toFixed(1)}s)\n`,
        );
      else if (outcome.status === 'skipped') write(`${label} – skipped: ${outcome.reason}\n`);
      else write(`${label} ✖ ${outcome.status}: ${outcome.failure?.message}\n`);
    },
    stop: () => {},
  };
}
