// localcluster's live progress as plain values: the executor's events → the state of the run (a reducer), and
// that state → what the display shows (the screen model). No I/O: live.tsx draws the screen with Ink.
import type { Action, Lane, Phase } from '../model/actions.js';
import { describeAction } from '../plan/format.js';
import type { LaneOutcome, LaneStatus } from './types.js';

/** A lane of the phase under way. */
export interface LaneRow {
  label: string;
  state: 'waiting' | 'running' | LaneStatus;
  /** Actions started so far, and in all. */
  step: number;
  total: number;
  /** The action under way, or how the lane ended. */
  current: string;
  /** The last line the action under way printed. */
  last: string;
}

export interface ProgressState {
  /** A summary line per phase that is over. */
  finished: readonly string[];
  /** The phase under way ('' when none is). */
  title: string;
  lanes: readonly LaneRow[];
}

export const NO_PROGRESS: ProgressState = { finished: [], title: '', lanes: [] };

/** What the executor reports (ProgressDisplay's calls, as data). */
export type ProgressEvent =
  | { kind: 'phase'; phase: Phase }
  | { kind: 'lane-started'; lane: Lane }
  | { kind: 'action-started'; lane: Lane; action: Action; index: number }
  | { kind: 'output'; lane: Lane; line: string }
  | { kind: 'lane-finished'; outcome: LaneOutcome }
  | { kind: 'stop' };

export function progressAfter(state: ProgressState, event: ProgressEvent): ProgressState {
  switch (event.kind) {
    case 'phase':
      return {
        finished: closed(state),
        title: event.phase.title,
        lanes: event.phase.lanes.map((lane) => ({
          label: lane.label,
          state: 'waiting',
          step: 0,
          total: lane.actions.length,
          current: '',
          last: '',
        })),
      };
    case 'lane-started':
      return changed(state, event.lane.label, { state: 'running', current: event.lane.blocked ?? '' });
    case 'action-started':
      return changed(state, event.lane.label, {
        step: event.index + 1,
        current: describeAction(event.action),
        last: '',
      });
    case 'output':
      return changed(state, event.lane.label, { last: event.line });
    case 'lane-finished': {
      const { outcome } = event;
      return changed(state, outcome.lane.label, {
        state: outcome.status,
        current:
          outcome.status === 'ok'
            ? `done in ${(outcome.ms / 1000).toFixed(1)}s`
            : (outcome.failure?.message ?? outcome.reason ?? ''),
      });
    }
    case 'stop':
      return { finished: closed(state), title: '', lanes: [] };
  }
}

function changed(state: ProgressState, label: string, change: Partial<LaneRow>): ProgressState {
  return { ...state, lanes: state.lanes.map((lane) => (lane.label === label ? { ...lane, ...change } : lane)) };
}

/** The finished lines, with the phase under way (if any) summed up: `Creating clusters: 2 ok, 1 failed`. */
function closed(state: ProgressState): readonly string[] {
  if (!state.title) return state.finished;
  const counts = new Map<string, number>();
  for (const lane of state.lanes) counts.set(lane.state, (counts.get(lane.state) ?? 0) + 1);
  const parts = [...counts].map(([laneState, n]) => `${n} ${laneState}`).join(', ');
  return [...state.finished, `${state.title}: ${parts}`];
}

/** A lane's mark: a spinner while it runs, else a sign in a colour. */
export type Mark = { kind: 'spinner' } | { kind: 'sign'; text: string; color: string };

export interface ProgressRow {
  mark: Mark;
  label: string;
  /** `step/total`. */
  count: string;
  current: string;
  /** Under a running lane: the last line its action printed. */
  last?: string;
}

export interface ProgressScreen {
  /** Written once, above the rest. */
  finished: readonly string[];
  title: string;
  /** The labels' column: as wide as the widest label, at least 4. */
  labelWidth: number;
  rows: ProgressRow[];
}

const SIGNS: Record<Exclude<LaneRow['state'], 'running'>, { text: string; color: string }> = {
  waiting: { text: '·', color: 'gray' },
  ok: { text: '✔', color: 'green' },
  failed: { text: '✖', color: 'red' },
  skipped: { text: '–', color: 'gray' },
  interrupted: { text: '!', color: 'yellow' },
};

export function progressScreen(state: ProgressState): ProgressScreen {
  return {
    finished: state.finished,
    title: state.title,
    labelWidth: Math.max(4, ...state.lanes.map((lane) => lane.label.length)),
    rows: state.lanes.map((lane) => ({
      mark: lane.state === 'running' ? { kind: 'spinner' } : { kind: 'sign', ...SIGNS[lane.state] },
      label: lane.label,
      count: `${lane.step}/${lane.total}`,
      current: lane.current,
      ...(lane.state === 'running' && lane.last ? { last: lane.last } : {}),
    })),
  };
}
