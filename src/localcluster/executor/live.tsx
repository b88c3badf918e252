import { Box, Static, Text, render, type Instance } from 'ink';
import Spinner from 'ink-spinner';
import { describeAction } from '../plan/format.js';
import type { Phase } from '../model/actions.js';
import type { LaneStatus, ProgressDisplay } from './types.js';

export interface Row {
  label: string;
  state: 'waiting' | 'running' | LaneStatus;
  step: number;
  total: number;
  current: string;
  last: string;
}

export interface LiveSnapshot {
  finishedPhases: string[];
  title: string;
  rows: Row[];
}

const MARK: Record<LaneStatus | 'waiting', { text: string; color: string }> = {
  waiting: { text: '·', color: 'gray' },
  ok: { text: '✔', color: 'green' },
  failed: { text: '✖', color: 'red' },
  skipped: { text: '–', color: 'gray' },
  interrupted: { text: '!', color: 'yellow' },
};

export function LiveView({ snapshot }: { snapshot: LiveSnapshot }) {
  const width = Math.max(4, ...snapshot.rows.map((row) => row.label.length));
  return (
    <>
      <Static items={snapshot.finishedPhases}>{(line) => <Text key={line}>{line}</Text>}</Static>
      <Box flexDirection="column">
        <Text bold>{snapshot.title}</Text>
        {snapshot.rows.map((row) => (
          <Box key={row.label} flexDirection="column">
            <Box>
              <Box width={2} flexShrink={0}>
                {row.state === 'running' ? (
                  <Text color="cyan">
                    <Spinner type="dots" />
                  </Text>
                ) : (
                  <Text color={MARK[row.state].color}>{MARK[row.state].text}</Text>
                )}
              </Box>
              <Box width={width + 1} flexShrink={0}>
                <Text bold>{row.label}</Text>
              </Box>
              <Box width={8} flexShrink={0}>
                <Text color="gray">{`${row.step}/${row.total}`}</Text>
              </Box>
              <Text wrap="truncate-end">{row.current}</Text>
            </Box>
            {row.state === 'running' && row.last ? (
              <Box paddingLeft={width + 11}>
                <Text color="gray" wrap="truncate-end">
                  {row.last}
                </Text>
              </Box>
            ) : null}
          </Box>
        ))}
      </Box>
    </>
  );
}

/** Drives LiveView from executor events; redraws at most every 100 ms. */
export function liveProgress(stdout: NodeJS.WriteStream): ProgressDisplay {
  const snapshot: LiveSnapshot = { finishedPhases: [], title: '', rows: [] };
  const rows = new Map<string, Row>();
  const view = () => <LiveView snapshot={{ ...snapshot, rows: [...rows.values()] }} />;
  const instance: Instance = render(view(), { stdout, patchConsole: false, exitOnCtrlC: false });
  let dirty = false;
  const timer = setInterval(() => {
    if (dirty) instance.rerender(view());
    dirty = false;
  }, 100);
  const update = (label: string, change: Partial<Row>) => {
    const row = rows.get(label);
    if (row) Object.assign(row, change);
    dirty = true;
  };
  const closePhase = () => {
    if (!snapshot.title) return;
    const counts = new Map<string, number>();
    for (const row of rows.values()) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
    const parts = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
    snapshot.finishedPhases = [...snapshot.finishedPhases, `${snapshot.title}: ${parts}`];
  };
  return {
    phase(phase: Phase) {
      closePhase();
      snapshot.title = phase.title;
      rows.clear();
      for (const lane of phase.lanes) {
        rows.set(lane.label, {
          label: lane.label,
          state: 'waiting',
          step: 0,
          total: lane.actions.length,
          current: '',
          last: '',
        });
      }
      dirty = true;
    },
    laneStarted: (lane) => update(lane.label, { state: 'running', current: lane.blocked ?? '' }),
    actionStarted: (lane, action, index) =>
      update(lane.label, { step: index + 1, current: describeAction(action).split('\n')[0]!, last: '' }),
    output: (lane, line) => update(lane.label, { last: line }),
    laneFinished: (outcome) =>
      update(outcome.lane.label, {
        state: outcome.status,
        current:
          outcome.status === 'ok'
            ? `done in ${(outcome.ms / 1000).toFixed(1)}s`
            : (outcome.failure?.message ?? outcome.reason ?? ''),
      }),
    stop() {
      clearInterval(timer);
      closePhase();
      snapshot.title = '';
      rows.clear();
      instance.rerender(view());
      instance.unmount();
    },
  };
}
