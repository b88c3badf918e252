// The one signal policy, in a process of its own: a first stop signal aborts the run (which ends in order),
// a second ends the process at once with 128 + the signal's number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { signalStatus } from '../../src/common/exit.js';

const exitModule = new URL('../../src/common/exit.ts', import.meta.url).href;

/** A run that notices the abort, says so, and then (like a teardown that hangs) never finishes. */
const STUBBORN = `
  import { abortOnSignals } from ${JSON.stringify(exitModule)};
  await abortOnSignals((signal) => new Promise(() => {
    signal.addEventListener('abort', () => console.log('aborted ' + signal.reason));
    setInterval(() => {}, 1000);
    console.log('running');
  }));
`;

/** A run that ends in order once aborted: its status is the one it chose. */
const ORDERLY = `
  import { abortOnSignals } from ${JSON.stringify(exitModule)};
  const reason = await abortOnSignals((signal) => new Promise((done) => {
    signal.addEventListener('abort', () => done(signal.reason));
    setInterval(() => {}, 1000);
    console.log('running');
  }));
  console.log('ended in order after ' + reason);
  process.exit(0);
`;

function start(script: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of waiters.filter((w) => out.includes(w.text))) w.resolve();
  });
  const waitFor = (text: string) =>
    out.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve }));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, waitFor, exited, output: () => out };
}

test('128 + the number of the signal, as a shell reports it', () => {
  assert.equal(signalStatus('SIGINT'), 130);
  assert.equal(signalStatus('SIGTERM'), 143);
  assert.equal(signalStatus('SIGHUP'), 129);
  assert.equal(signalStatus('SIGPIPE'), 141);
});

test('a first signal aborts the run, which ends in order', async () => {
  const run = start(ORDERLY);
  await run.waitFor('running');
  run.child.kill('SIGHUP');
  const [code] = await run.exited;
  assert.equal(code, 0);
  assert.match(run.output(), /ended in order after SIGHUP/);
});

for (const [first, second] of [
  ['SIGTERM', 'SIGINT'],
  ['SIGINT', 'SIGTERM'],
] as const) {
  test(`${first} aborts; ${second} after it exits at once with ${signalStatus(second)}`, async () => {
    const run = start(STUBBORN);
    await run.waitFor('running');
    run.child.kill(first);
    await run.waitFor(`aborted ${first}`);
    assert.equal(run.child.exitCode, null, 'still running after the first signal');
    run.child.kill(second);
    const [code, signal] = await run.exited;
    assert.equal(signal, null, 'ended by itself, not by the default action of the signal');
    assert.equal(code, signalStatus(second));
  });
}
