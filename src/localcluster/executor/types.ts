// What the executor reports while it runs and what it returns.
import type { Action, Lane, Phase } from '../model/actions.js';

export type LaneStatus = 'ok' | 'failed' | 'skipped' | 'interrupted';

export interface LaneOutcome {
  lane: Lane;
  status: LaneStatus;
  /** Failed or interrupted: the action that did not complete, why, and the last lines it printed. */
  failure?: { action?: Action; message: string; output: string[] };
  /** Skipped: why. */
  reason?: string;
  /** Actions completed. */
  steps: number;
  ms: number;
}

/** A live view of a run: a TTY display or plain log lines. */
export interface ProgressDisplay {
  phase(phase: Phase): void;
  laneStarted(lane: Lane): void;
  actionStarted(lane: Lane, action: Action, index: number): void;
  output(lane: Lane, line: string): void;
  laneFinished(outcome: LaneOutcome): void;
  /** The run is over: release the terminal. */
  stop(): void;
}
