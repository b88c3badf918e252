// The executor: bounded concurrency, order inside a lane, one kubeconfig writer at a time, captured output,
// interrupts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executePhase, realInProcess, type InProcess } from '../../src/localcluster/executor/executor.js';
import { exitCodeOf, summarize } from '../../src/localcluster/executor/summary.js';
import { run, type Command } from '../../src/localcluster/model/commands.js';
import type { Action, Phase } from '../../src/localcluster/model/actions.js';
import type { ProgressDisplay } from '../../src/localcluster/executor/types.js';
import type { CommandRunner, RunOptions, CommandResult } from '../../src/localcluster/runner/types.js';
import { tempDir } from './helpers.js';

/** Takes `ms` per command and records how many ran at once, overall and among writers of the user's kubeconfig. */
class TimingRunner implements CommandRunner {
  running = 0;
  peak = 0;
  writers = 0;
  peakWriters = 0;
  order: string[] = [];
  constructor(private readonly ms: number) {}
  async run(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    const writer = command.args[0] === 'config';
    this.running++;
    if (writer) this.writers++;
    this.peak = Math.max(this.peak, this.running);
    this.peakWriters = Math.max(this.peakWriters, this.writers);
    this.order.push(command.args.join(' '));
    const aborted = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.ms);
      options.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve(true);
        },
        { once: true },
      );
    });
    this.running--;
    if (writer) this.writers--;
    return aborted
      ? { exitCode: 130, stdout: '', stderr: '', failure: 'interrupted' }
      : { exitCode: 0, stdout: '', stderr: '' };
  }
  pipe(from: Command, _to: Command, options?: RunOptions): Promise<CommandResult> {
    return this.run(from, options);
  }
}

const silent: ProgressDisplay = {
  phase() {},
  laneStarted() {},
  actionStarted() {},
  output() {},
  laneFinished() {},
  stop() {},
};
const noFiles: InProcess = {
  write: async () => {},
  remove: async () => {},
  exclusive: (_path, work) => work(),
  anchor: async () => {},
  issuer: async () => {},
};
const step = (lane: string, n: number): Action => ({ kind: 'run', command: run('step', [lane, String(n)]) });
const kubeconfigWrite = (lane: string): Action => ({
  kind: 'run',
  command: run('kubectl', ['config', lane]),
  kubeconfig: true,
});
const kubeconfigMerge = (lane: string): Action => ({
  kind: 'capture',
  command: run('kubectl', ['config', 'view', lane]),
  path: 'config',
  kubeconfig: true,
});
const ownFileEdit = (lane: string): Action => ({
  kind: 'run',
  command: run('kubectl', ['--kubeconfig', lane, 'config', 'set']),
});

function phase(lanes: number, actions: (lane: string) => Action[]): Phase {
  return {
    title: 'test',
    lanes: Array.from({ length: lanes }, (_, i) => ({ cluster: `c${i}`, label: `c${i}`, actions: actions(`c${i}`) })),
  };
}

test('at most `concurrency` lanes run at once, and each lane keeps its order', async () => {
  const runner = new TimingRunner(15);
  const outcomes = await executePhase(
    phase(5, (lane) => [step(lane, 1), step(lane, 2), step(lane, 3)]),
    {
      runner,
      concurrency: 2,
      progress: silent,
      inProcess: noFiles,
    },
  );
  assert.equal(runner.peak, 2);
  assert.deepEqual(
    outcomes.map((o) => o.status),
    Array(5).fill('ok'),
  );
  for (let i = 0; i < 5; i++) {
    assert.deepEqual(
      runner.order.filter((line) => line.startsWith(`c${i} `)),
      [`c${i} 1`, `c${i} 2`, `c${i} 3`],
    );
  }
});

test('without a bound, every lane of the phase runs at once', async () => {
  const runner = new TimingRunner(15);
  await executePhase(
    phase(4, (lane) => [step(lane, 1), step(lane, 2)]),
    { runner, progress: silent, inProcess: noFiles },
  );
  assert.equal(runner.peak, 4);
});

test("writers of the user's kubeconfig never overlap, even when everything else runs in parallel", async () => {
  const runner = new TimingRunner(10);
  await executePhase(
    phase(6, (lane) => [ownFileEdit(lane), kubeconfigWrite(lane), step(lane, 2), kubeconfigMerge(lane)]),
    {
      runner,
      concurrency: 6,
      progress: silent,
      inProcess: noFiles,
    },
  );
  assert.equal(runner.peak, 6, "edits of a cluster's own kubeconfig run side by side");
  assert.equal(runner.peakWriters, 1);
});

/** Answers every command with this output; records whether the kubeconfig lock was held while it ran. */
function answering(result: Partial<CommandResult>, lock?: string) {
  const seen: { calls: number; locked?: boolean } = { calls: 0 };
  const runner: CommandRunner = {
    run: async () => {
      seen.calls++;
      if (lock) seen.locked = existsSync(lock);
      return { exitCode: 0, stdout: '', stderr: '', ...result };
    },
    pipe: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
  };
  return { runner, seen };
}

function recording(): { progress: ProgressDisplay; shown: string[] } {
  const shown: string[] = [];
  return { shown, progress: { ...silent, output: (_lane, line) => shown.push(line) } };
}

const capturePhase = (path: string, kubeconfig?: true): Phase => ({
  title: 'capture',
  lanes: [
    {
      label: 'c',
      actions: [
        {
          kind: 'capture',
          command: run('kubectl', ['config', 'view', '--raw']),
          path,
          ...(kubeconfig ? { kubeconfig } : {}),
        },
      ],
    },
  ],
});

test('capture: the output replaces the file, mode 0600, holding the kubeconfig lock; credentials never reach the display', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'config');
  writeFileSync(path, 'old\n', { mode: 0o644 });
  const { runner, seen } = answering({ stdout: 'users:\n- user: {token: s3cret}\n' }, `${path}.lock`);
  const { progress, shown } = recording();
  const [outcome] = await executePhase(capturePhase(path, true), {
    runner,
    concurrency: 1,
    progress,
    inProcess: realInProcess,
  });
  assert.equal(outcome!.status, 'ok');
  assert.equal(readFileSync(path, 'utf8'), 'users:\n- user: {token: s3cret}\n');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(seen.locked, true, 'the lock file exists while kubectl reads');
  assert.equal(existsSync(`${path}.lock`), false, 'and is gone after');
  assert.deepEqual(shown, []);
});

test('capture: a failing command leaves the file as it was and reports its error output', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'config');
  writeFileSync(path, 'old\n');
  const { runner } = answering({
    exitCode: 1,
    stdout: 'partial',
    stderr: 'error: bad kubeconfig\n',
    failure: 'kubectl exited with 1',
  });
  const [outcome] = await executePhase(capturePhase(path, true), {
    runner,
    concurrency: 1,
    progress: silent,
    inProcess: realInProcess,
  });
  assert.equal(outcome!.status, 'failed');
  assert.deepEqual(outcome!.failure?.output, ['error: bad kubeconfig']);
  assert.equal(readFileSync(path, 'utf8'), 'old\n');
  assert.equal(existsSync(`${path}.lock`), false);
});

test('capture: a kubeconfig lock someone else holds fails the step before anything runs', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'config');
  writeFileSync(path, 'old\n');
  writeFileSync(`${path}.lock`, '');
  const { runner, seen } = answering({ stdout: 'new\n' });
  const [outcome] = await executePhase(capturePhase(path, true), {
    runner,
    concurrency: 1,
    progress: silent,
    inProcess: realInProcess,
  });
  assert.equal(outcome!.status, 'failed');
  assert.equal(
    outcome!.failure?.message,
    `${path}.lock exists: another program is changing the kubeconfig (if none is, remove that file)`,
  );
  assert.equal(seen.calls, 0);
  assert.equal(readFileSync(path, 'utf8'), 'old\n');
  assert.equal(existsSync(`${path}.lock`), true, "someone else's lock is left alone");
  // A capture into a file that is not the user's kubeconfig takes no lock.
  const [own] = await executePhase(capturePhase(path), {
    runner,
    concurrency: 1,
    progress: silent,
    inProcess: realInProcess,
  });
  assert.equal(own!.status, 'ok');
  assert.equal(readFileSync(path, 'utf8'), 'new\n');
});

test('a failing or blocked lane stops itself only; skip() keeps lanes from running', async () => {
  const failing: CommandRunner = {
    run: async (command) =>
      command.args[0] === 'c1'
        ? { exitCode: 2, stdout: '', stderr: '', failure: 'step exited with 2' }
        : { exitCode: 0, stdout: '', stderr: '' },
    pipe: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
  };
  const plan = phase(4, (lane) => [step(lane, 1), step(lane, 2)]);
  plan.lanes[2]!.blocked = 'no such thing';
  const outcomes = await executePhase(plan, {
    runner: failing,
    concurrency: 4,
    progress: silent,
    inProcess: noFiles,
    skip: (lane) => (lane.cluster === 'c3' ? 'an earlier step for c3 failed' : undefined),
  });
  assert.deepEqual(
    outcomes.map((o) => [o.status, o.steps]),
    [
      ['ok', 2],
      ['failed', 0],
      ['failed', 0],
      ['skipped', 0],
    ],
  );
  assert.equal(outcomes[1]!.failure!.message, 'step exited with 2');
  assert.equal(outcomes[2]!.failure!.message, 'no such thing');
  assert.equal(exitCodeOf(summarize(outcomes)), 1);
});

test('an interrupt kills what runs, starts nothing new, and ends with 130', async () => {
  const runner = new TimingRunner(1000);
  const interrupt = new AbortController();
  setTimeout(() => interrupt.abort(), 30);
  const started = Date.now();
  const outcomes = await executePhase(
    phase(4, (lane) => [step(lane, 1), step(lane, 2)]),
    {
      runner,
      concurrency: 2,
      progress: silent,
      inProcess: noFiles,
      signal: interrupt.signal,
    },
  );
  assert.ok(Date.now() - started < 900, 'did not wait for the running commands to finish');
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['interrupted', 'interrupted', 'skipped', 'skipped'],
  );
  assert.equal(runner.order.length, 2);
  assert.equal(exitCodeOf(summarize(outcomes)), 130);
});
