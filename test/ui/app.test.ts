// The App performs the player's effects and decides nothing itself: a scripted player hands it effects and
// records the inputs it gets back, a fake session runs the commands, and a headless terminal shows the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Effect, Input, Progress } from '../../src/player/effects.js';
import type { RunOptions, RunResult, Session } from '../../src/session/types.js';
import { App } from '../../src/ui/app.js';
import { InkLive } from '../../src/ui/ink-live.js';
import { Terminal } from '../../src/ui/terminal.js';
import { Emulator } from './screen.js';

const at = { file: 'w.md', line: 1, column: 1 };
const progress: Progress = { index: 1, step: 1, steps: 2, mode: 'SHOW' };

/** Hands out `effects` in order, records each input, and types the next of `keys` when a wait starts. */
function scriptedPlayer(effects: Effect[], press: (key: string) => void, keys: string[] = []) {
  const inputs: (Input | undefined)[] = [];
  return {
    inputs,
    player: {
      progress,
      headings: [],
      next(input?: Input): Effect {
        inputs.push(input);
        const effect = effects.shift() ?? assert.fail('the App asked for more effects than the script has');
        // Keys are queued until the wait reads them, so typing one now is typing ahead of the wait.
        const key = effect.kind === 'wait' ? keys.shift() : undefined;
        if (key) setImmediate(() => press(key));
        return effect;
      },
    },
  };
}

/** A session whose commands print `output` and exit with `status`. */
function fakeSession(results: Record<string, { output: string; status: number }>) {
  const ran: string[] = [];
  const session: Session = {
    async run(command: string, options: RunOptions = {}): Promise<RunResult> {
      ran.push(command);
      const { output, status } = results[command] ?? assert.fail(`unexpected command ${command}`);
      options.onOutput?.(output.replace(/\n/g, '\r\n'));
      return {
        status,
        output,
        durationMs: 1,
        timedOut: false,
        errexit: false,
        shellExited: false,
        quietFailure: false,
      };
    },
    interrupt() {},
    write() {},
    resize() {},
    async close() {},
  };
  return { session, ran };
}

/** A terminal 60 × 16 whose screen is a headless emulator and whose keyboard the test types on. */
function fakeTerminal() {
  const emulator = new Emulator(60, 16);
  const stdout = Object.assign(new EventEmitter(), {
    columns: 60,
    rows: 16,
    writable: true,
    write: (data: string) => {
      emulator.term.write(data);
      return true;
    },
  });
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: () => stdin,
    setEncoding: () => stdin,
    resume: () => stdin,
    pause: () => stdin,
  });
  const terminal = new Terminal(stdin as unknown as NodeJS.ReadStream, stdout as unknown as NodeJS.WriteStream);
  terminal.start();
  return { emulator, terminal, press: (key: string) => stdin.emit('data', key) };
}

function app(player: ConstructorParameters<typeof App>[0], session: Session, terminal: Terminal, rehearse = false) {
  return new App(player, session, terminal, {
    file: 'w.md',
    typing: false,
    speed: 1,
    status: true,
    rehearse,
    now: () => 0,
    live: new InkLive(terminal, false),
  });
}

const run = (command: string): Effect => ({
  kind: 'run',
  command,
  purpose: 'command',
  shown: true,
  failOk: false,
  attempt: 1,
  quiet: false,
  at,
});
const end: Effect = { kind: 'end', status: 1, reason: 'finished', failures: 1 };

test('a shown command: commentary, the command, its output and why it failed; keys answer the waits', async () => {
  const { emulator, terminal, press } = fakeTerminal();
  const { session, ran } = fakeSession({ 'grep x f': { output: 'no such file\n', status: 2 } });
  const { player, inputs } = scriptedPlayer(
    [
      { kind: 'show', markdown: 'Look for *x*.', source: 'markdown', at },
      { kind: 'type', command: 'grep x f', typeout: false, at },
      { kind: 'wait', reason: 'before', at },
      run('grep x f'),
      {
        kind: 'verdict',
        result: 'failed',
        failure: { kind: 'status', message: 'failed' },
        attempts: 1,
        durationMs: 1,
        at,
      },
      { kind: 'wait', reason: 'failed', at },
      end,
    ],
    press,
    ['\r', '+'],
  );
  assert.deepEqual(await app(player, session, terminal).run(), end);
  assert.deepEqual(ran, ['grep x f']);
  assert.deepEqual(inputs, [
    undefined,
    undefined,
    undefined,
    { kind: 'key', action: { kind: 'continue' } },
    {
      kind: 'ran',
      result: {
        status: 2,
        output: 'no such file\n',
        durationMs: 1,
        timedOut: false,
        errexit: false,
        shellExited: false,
        quietFailure: false,
      },
    },
    undefined,
    { kind: 'key', action: { kind: 'skip' } },
  ]);
  assert.deepEqual(await emulator.history(), [
    'Look for x.',
    '',
    '$ grep x f',
    'no such file',
    '✘ the command failed (exit status 2)',
  ]);
  emulator.dispose();
});

test('a rehearsal runs nothing: the command is marked as not run, and a skipped one as skipped', async () => {
  const { emulator, terminal, press } = fakeTerminal();
  const { session, ran } = fakeSession({});
  const { player, inputs } = scriptedPlayer(
    [
      { kind: 'type', command: 'kubectl get pods', typeout: false, at },
      { kind: 'wait', reason: 'before', at },
      run('kubectl get pods'),
      { kind: 'verdict', result: 'passed', attempts: 1, durationMs: 0, at },
      { kind: 'type', command: 'rm -rf /tmp/x', typeout: false, at },
      { kind: 'wait', reason: 'before', at },
      { kind: 'skipped', command: 'rm -rf /tmp/x', reason: 'key', at },
      { ...end, status: 0, failures: 0 },
    ],
    press,
    ['\r', '+'],
  );
  await app(player, session, terminal, true).run();
  assert.deepEqual(ran, []);
  assert.equal(inputs[3]?.kind, 'ran');
  assert.deepEqual(inputs[6], { kind: 'key', action: { kind: 'skip' } });
  assert.deepEqual(await emulator.history(), ['$ kubectl get pods', '(not run)', '', '$ rm -rf /tmp/x', '(skipped)']);
  emulator.dispose();
});
