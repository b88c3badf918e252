import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Progress } from '../../src/player/effects.js';
import { InkLive } from '../../src/ui/ink-live.js';
import { PlayView, type StatusFacts } from '../../src/ui/play-view.js';
import type { Output } from '../../src/ui/terminal.js';
import { span } from '../../src/ui/text.js';
import { Emulator } from './screen.js';

const progress: Progress = { index: 3, step: 2, steps: 7, mode: 'SHOW' };

/** A view drawing through Ink into a headless terminal. */
function setup(status: StatusFacts | undefined) {
  const emulator = new Emulator(40, 10);
  const out: Output = { write: (data) => emulator.term.write(data), columns: 40, rows: 10 };
  const view = new PlayView(new InkLive(out, false), out, status, () => []);
  return { emulator, view };
}

const facts: StatusFacts = { file: 'demo.md', rehearse: false, progress: () => progress, elapsedMs: () => 61_000 };

test('blocks are one blank row apart, none at the top; a typed command goes to the scrollback once', async () => {
  const { emulator, view } = setup(facts);
  view.separate();
  view.commit([[span('# Title')]]);
  view.separate();
  view.typed = { rows: [[span('$ ls')]], current: [span('$ ls')], typing: false };
  view.mode = 'before';
  view.render();
  const waiting = await emulator.history();
  assert.deepEqual(waiting.slice(0, 3), ['# Title', '', '$ ls'], waiting.join('\n'));
  assert.ok(
    waiting.some((row) => /demo\.md .*step 2\/7/.test(row)),
    'the status line while waiting',
  );
  view.flushTyped();
  view.mode = undefined;
  view.clear();
  await emulator.write('next');
  assert.deepEqual(await emulator.history(), ['# Title', '', '$ ls', 'next']);
  emulator.dispose();
});

test('--no-status: no status line; a quiet run shows its output where the command would have', async () => {
  const { emulator, view } = setup(undefined);
  view.mode = 'after';
  view.commit([[span('$ curl server')]]);
  view.waitingAttempt = 3;
  view.render();
  assert.ok((await emulator.history()).includes('waiting… (attempt 3)'));
  view.showOutput('hello');
  assert.deepEqual(await emulator.history(), ['$ curl server', 'hello'], 'the output in place of the waiting line');
  view.separate();
  view.commit([[span('next block')]]);
  view.clear();
  const rows = await emulator.history();
  assert.deepEqual(rows, ['$ curl server', 'hello', '', 'next block']);
  emulator.dispose();
});
