// localcluster's live progress as plain values: the executor's events → the run's state → the screen model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NO_PROGRESS,
  type ProgressEvent,
  type ProgressState,
  progressAfter,
  progressScreen,
} from '../../src/localcluster/executor/progress.js';
import type { Lane, Phase } from '../../src/localcluster/model/actions.js';
import { run } from '../../src/localcluster/model/commands.js';

const east: Lane = {
  cluster: 'east',
  label: 'east',
  actions: [
    { kind: 'run', command: run('kind', ['create', 'cluster', '--name', 'east']) },
    { kind: 'note', text: 'MetalLB takes the range 172.18.1.0/24\nand announces it' },
  ],
};
const west: Lane = { cluster: 'west', label: 'west', actions: [east.actions[0]!] };
const creating: Phase = { title: 'Creating clusters', lanes: [east, west] };

const after = (events: ProgressEvent[], from: ProgressState = NO_PROGRESS) => events.reduce(progressAfter, from);

test('a phase starts with every lane waiting, none of its actions started', () => {
  const screen = progressScreen(after([{ kind: 'phase', phase: creating }]));
  assert.deepEqual(screen, {
    finished: [],
    title: 'Creating clusters',
    labelWidth: 4,
    rows: [
      { mark: { kind: 'sign', text: '·', color: 'gray' }, label: 'east', count: '0/2', current: '' },
      { mark: { kind: 'sign', text: '·', color: 'gray' }, label: 'west', count: '0/1', current: '' },
    ],
  });
});

test('a running lane spins and shows its action on one line, and the last line the action printed', () => {
  const state = after([
    { kind: 'phase', phase: creating },
    { kind: 'lane-started', lane: east },
    { kind: 'action-started', lane: east, action: east.actions[1]!, index: 1 },
    { kind: 'output', lane: east, line: 'configured' },
    { kind: 'output', lane: west, line: 'west is not running: not shown' },
  ]);
  const [row, waiting] = progressScreen(state).rows;
  assert.deepEqual(row, {
    mark: { kind: 'spinner' },
    label: 'east',
    count: '2/2',
    current: 'MetalLB takes the range 172.18.1.0/24\\nand announces it',
    last: 'configured',
  });
  assert.equal(waiting!.last, undefined);
  // A new action starts without the last one's output.
  const next = after([{ kind: 'action-started', lane: east, action: east.actions[0]!, index: 0 }], state);
  assert.equal(progressScreen(next).rows[0]!.last, undefined);
});

test('a blocked lane shows why as soon as it starts', () => {
  const blocked: Lane = { ...west, blocked: 'the network is missing' };
  const state = after([
    { kind: 'phase', phase: { ...creating, lanes: [blocked] } },
    { kind: 'lane-started', lane: blocked },
  ]);
  assert.equal(progressScreen(state).rows[0]!.current, 'the network is missing');
});

test('a finished lane shows how it ended; the next phase, and the end, sum up the one before', () => {
  const state = after([
    { kind: 'phase', phase: creating },
    { kind: 'lane-started', lane: east },
    { kind: 'lane-finished', outcome: { lane: east, status: 'ok', steps: 2, ms: 12_345 } },
    {
      kind: 'lane-finished',
      outcome: { lane: west, status: 'failed', steps: 0, ms: 10, failure: { message: 'kind exited 1', output: [] } },
    },
  ]);
  const rows = progressScreen(state).rows;
  assert.deepEqual(
    rows.map((row) => [row.mark, row.current]),
    [
      [{ kind: 'sign', text: '✔', color: 'green' }, 'done in 12.3s'],
      [{ kind: 'sign', text: '✖', color: 'red' }, 'kind exited 1'],
    ],
  );
  const linking: Phase = { title: 'Linking', lanes: [{ label: 'east→west', actions: [] }] };
  const next = after([{ kind: 'phase', phase: linking }], state);
  assert.deepEqual(progressScreen(next).finished, ['Creating clusters: 1 ok, 1 failed']);
  assert.equal(progressScreen(next).labelWidth, 'east→west'.length);
  const skipped = after(
    [
      {
        kind: 'lane-finished',
        outcome: { lane: linking.lanes[0]!, status: 'skipped', steps: 0, ms: 0, reason: 'east failed' },
      },
    ],
    next,
  );
  assert.equal(progressScreen(skipped).rows[0]!.current, 'east failed');
  const stopped = progressScreen(after([{ kind: 'stop' }], skipped));
  assert.deepEqual(stopped, {
    finished: ['Creating clusters: 1 ok, 1 failed', 'Linking: 1 skipped'],
    title: '',
    labelWidth: 4,
    rows: [],
  });
});

test('stopping with no phase under way adds no summary', () => {
  assert.deepEqual(after([{ kind: 'stop' }]), NO_PROGRESS);
});
