// `stepdown serve` end to end without a browser: a real session, a real server, pages as WebSocket clients.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkshop } from '../../src/markdown/load.js';
import { PositionStore } from '../../src/player/resume.js';
import type { DriverState } from '../../src/serve/driver.js';
import { runnableSteps } from '../../src/serve/page.js';
import { startedRunning, uniqueSleep } from '../session/leftovers.js';
import { startServe } from './served.js';
import { get } from './tab.js';

const fence = (...lines: string[]) => ['```bash', ...lines, '```'].join('\n');

type StateMessage = { type: 'state'; state: DriverState; labels: Record<number, string> };
const states = (messages: unknown[]) =>
  messages.filter((m): m is StateMessage => (m as { type: string }).type === 'state');
const lastState = (messages: unknown[]) => states(messages).at(-1)?.state;
const output = (messages: unknown[]) =>
  messages.map((m) => ((m as { type: string }).type === 'output' ? (m as { data: string }).data : '')).join('');

test('a page runs commands, types into the same shell, survives a tab closed mid-command; the end stops the server', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-e2e-'));
  const file = join(dir, 'w.md');
  writeFileSync(
    file,
    [
      '<!-- @SHOW -->',
      '# One',
      fence('A=first; sleep 0.5; echo "one: A=$A"'),
      '# Two',
      fence('echo "two: A=$A T=$T"'),
    ].join('\n\n'),
  );
  const steps = loadWorkshop(file).steps;
  const [first, second] = steps.flatMap((step, index) => (step.kind === 'command' ? [index] : []));
  const positions = new PositionStore(join(dir, 'state'));
  const served = await startServe(file, positions);
  try {
    const { port, url } = served;
    const page = await get(port, '/', { Cookie: `stepdown-${port}=${url.searchParams.get('token')}` });
    assert.match(page.body, new RegExp(`<button class="run" data-index="${first}">Run</button>`));

    // The first tab asks for the first command and is closed while it runs.
    const tab = await served.openTab();
    tab.socket.send(JSON.stringify({ type: 'run', index: first }));
    await tab.until((m) => lastState(m)?.running === true);
    tab.socket.close();

    // A new tab sees the command finish, and the learner's own shell after it.
    const later = await served.openTab();
    await later.until((m) => lastState(m)?.statuses[first!]?.result === 'passed');
    await later.until((m) => /one: A=first[\s\S]*\[stepdown shell\]/.test(output(m)));
    assert.match(states(later.messages).at(-1)!.labels[first!]!, /^✔ \d/);
    later.socket.send(JSON.stringify({ type: 'input', data: 'T=typed\r' }));
    await later.until((m) => /T=typed[\s\S]*\[stepdown shell\]/.test(output(m).split('one: A=first')[1] ?? ''));
    later.socket.send(JSON.stringify({ type: 'run', index: second }));
    await later.until((m) => lastState(m)?.ended !== undefined);
    assert.match(output(later.messages), /two: A=first T=typed/);
    assert.equal(lastState(later.messages)?.statuses[second!]?.result, 'passed');

    assert.equal(await served.status, 0);
    // The server is gone with the session; the position says the workshop was played to its end.
    await assert.rejects(get(port, '/'), /ECONNREFUSED/);
    assert.equal(positions.load(file)?.index, steps.length);
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the terminal takes the page pane’s size, and Ctrl-C from the page interrupts a running command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-keys-'));
  const seconds = uniqueSleep();
  const file = join(dir, 'w.md');
  writeFileSync(
    file,
    ['<!-- @SHOW -->', '# One', fence(`sleep ${seconds}`), fence('echo "size: $(stty size)"')].join('\n\n'),
  );
  const [sleeper, size] = loadWorkshop(file).steps.flatMap((step, index) => (step.kind === 'command' ? [index] : []));
  const served = await startServe(file, new PositionStore(join(dir, 'state')));
  try {
    const tab = await served.openTab();
    tab.socket.send(JSON.stringify({ type: 'resize', cols: 91, rows: 33 }));
    tab.socket.send(JSON.stringify({ type: 'run', index: sleeper }));
    // Ctrl-C once sleep runs, as a person would (not in the moment between the click and its start).
    await startedRunning(['sleep', String(seconds)]);
    tab.socket.send(JSON.stringify({ type: 'input', data: '\x03' }));
    await tab.until((m) => lastState(m)?.statuses[sleeper!] !== undefined);
    assert.deepEqual(
      { ...lastState(tab.messages)?.statuses[sleeper!], durationMs: 0 },
      { result: 'failed', status: 130, durationMs: 0 },
    );
    assert.match(states(tab.messages).at(-1)!.labels[sleeper!]!, /^✘ 130 /);
    tab.socket.send(JSON.stringify({ type: 'run', index: size }));
    await tab.until((m) => lastState(m)?.ended !== undefined);
    // A command failed on the way: the status says so, as play's does.
    assert.equal(await served.status, 1);
    assert.match(output(tab.messages), /^size: 33 91\r?$/m);
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the server ends when the session does: bash killed from the learner’s own shell', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-killed-'));
  const file = join(dir, 'w.md');
  writeFileSync(file, ['<!-- @SHOW -->', '# One', fence('echo one')].join('\n\n'));
  const served = await startServe(file, new PositionStore(join(dir, 'state')));
  try {
    const tab = await served.openTab();
    await tab.until((m) => output(m).includes('[stepdown shell]'));
    tab.socket.send(JSON.stringify({ type: 'input', data: 'kill -KILL $$\r' }));
    // 128 + SIGKILL: the run did not end well, and the page and the terminal say why.
    assert.equal(await served.status, 137);
    await tab.until((m) => lastState(m)?.ended !== undefined);
    assert.equal(lastState(tab.messages)?.ended?.reason, 'exited');
    assert.match(
      served.printed(),
      /stepdown: the shell exited with status 137 in the learner's terminal; the rest is not run/,
    );
    await assert.rejects(get(served.port, '/'), /ECONNREFUSED/);
    assert.doesNotMatch(served.printed(), /internal error|at .*\.[jt]s:\d+/);
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--resume starts where the last run (of play or serve) stopped, earlier state replayed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-resume-'));
  const file = join(dir, 'w.md');
  writeFileSync(
    file,
    ['<!-- @SHOW -->', '# One', fence('A=from-one; echo one ran'), '# Two', fence('echo "two: A=$A"')].join('\n\n'),
  );
  const steps = loadWorkshop(file).steps;
  const two = steps.findIndex((step) => step.kind === 'heading' && step.text === 'Two');
  const second = steps.findIndex((step, index) => index > two && step.kind === 'command');
  const positions = new PositionStore(join(dir, 'state'));
  positions.save(file, two, 'Two');
  const served = await startServe(file, positions, { resume: true });
  try {
    const tab = await served.openTab();
    assert.match(served.printed(), /Resuming where the last run stopped in “Two”/);
    await tab.until((m) => lastState(m)?.current === second);
    tab.socket.send(JSON.stringify({ type: 'run', index: second }));
    await tab.until((m) => lastState(m)?.ended !== undefined);
    assert.equal(await served.status, 0);
    assert.match(output(tab.messages), /two: A=from-one/);
    assert.doesNotMatch(output(tab.messages), /one ran/);
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the tour can be followed to its end from the page: every Run, then past the last wait', async () => {
  const tour = fileURLToPath(new URL('../../workshop/tour.md', import.meta.url));
  const steps = loadWorkshop(tour).steps;
  const runnable = [...runnableSteps(steps)];
  const state = mkdtempSync(join(tmpdir(), 'serve-tour-'));
  const served = await startServe(tour, new PositionStore(state));
  try {
    const tab = await served.openTab();
    for (const index of runnable) {
      const from = output(tab.messages).length;
      tab.socket.send(JSON.stringify({ type: 'run', index }));
      if (/^less /.test((steps[index] as { text: string }).text)) {
        // The tour's pager: it has the terminal until the learner quits it.
        await tab.until((m) => output(m).slice(from).includes('Directives at a glance'));
        tab.socket.send(JSON.stringify({ type: 'input', data: 'q' }));
      }
      await tab.until((m) => lastState(m)?.statuses[index] !== undefined);
      assert.equal(lastState(tab.messages)?.statuses[index]?.result, 'passed', `step ${index}`);
    }
    // The tour ends on a wait: "continue" there is "run up to" the end.
    tab.socket.send(JSON.stringify({ type: 'upto', index: steps.length }));
    await tab.until((m) => lastState(m)?.ended !== undefined);
    assert.deepEqual(lastState(tab.messages)?.ended, { status: 0, reason: 'finished' });
    assert.equal(await served.status, 0);
  } finally {
    await served.stop();
    rmSync(state, { recursive: true, force: true });
  }
});
