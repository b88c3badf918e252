import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InkLive } from '../../src/ui/ink-live.js';
import type { Output } from '../../src/ui/terminal.js';
import type { LiveScreen } from '../../src/ui/screen.js';
import { type Line, span } from '../../src/ui/text.js';
import { cursorVisibleAfter, Emulator } from './screen.js';

/** Rows as the live part (the screen model's shape). */
const rows = (lines: Line[]): LiveScreen => ({ command: lines, gap: false, below: [] });

/** An InkLive drawing into a headless terminal. Each test ends with clear(), which writes Ink's last frame. */
function setup(cols = 30, height = 8) {
  const emulator = new Emulator(cols, height);
  const out: Output & { cols: number; raw: string } = {
    cols,
    raw: '',
    write(data) {
      this.raw += data;
      emulator.term.write(data);
    },
    get columns() {
      return this.cols;
    },
    rows: height,
  };
  return { emulator, out, live: new InkLive(out, false) };
}

test('committed lines stay, once, with their blank rows; clear takes the live part off and shows the cursor', async () => {
  const { emulator, out, live } = setup();
  live.commit([[span('first')], [span('second')]]);
  live.commit([[]]);
  live.draw(rows([[span('typing: a')], [span('status')]]));
  live.commit([[span('third')]], rows([[span('status 2')]]));
  live.draw(rows([[span('live 1')], [span('live 2')]]));
  live.clear();
  assert.equal(cursorVisibleAfter(out.raw), true);
  assert.ok(!/[^\r]\n/.test(out.raw), 'every line ends with \\r\\n, as the terminal shows it');
  await emulator.write('next');
  assert.deepEqual(await emulator.history(), ['first', 'second', '', 'third', 'next']);
  emulator.dispose();
});

test('after the terminal narrows, the re-wrapped live rows are erased completely', async () => {
  const { emulator, out, live } = setup(20, 8);
  live.commit([[span('above')]]);
  live.draw(rows([[span('0123456789012345')], [span('status')]]));
  emulator.term.resize(8, 8);
  out.cols = 8;
  live.draw(rows([[span('new')]]));
  live.clear();
  await emulator.write('next');
  assert.deepEqual(
    (await emulator.history()).filter((l) => l !== ''),
    ['above', 'next'],
  );
  emulator.dispose();
});

test('a live part taller than the window keeps its last rows and never clears the screen', async () => {
  const { emulator, out, live } = setup(30, 5);
  live.commit([[span('above')]]);
  live.draw(rows(Array.from({ length: 9 }, (_, i) => [span(`row ${i}`)])));
  assert.doesNotMatch(out.raw, /\x1b\[2J|\x1bc/, 'the terminal is not cleared');
  assert.deepEqual((await emulator.history()).slice(-5), ['above', 'row 5', 'row 6', 'row 7', 'row 8']);
  live.clear();
  emulator.dispose();
});

test('keys are read through Ink one at a time, each in the mode asked for; typeahead is kept', async () => {
  const { emulator, live } = setup();
  live.draw(rows([[span('waiting')]]));
  // One chunk, as a fast typist or a paste sends it: each key is read in the mode of its own read.
  live.keys.push('t\x1b[Bj\n');
  const reads = [];
  for (const mode of ['before', 'contents', 'contents', 'contents'] as const) {
    const read = await live.read(mode);
    reads.push([mode, read?.key.sequence, read?.command]);
  }
  assert.deepEqual(reads, [
    ['before', 't', 'contents'],
    ['contents', '\x1b[B', 'down'],
    ['contents', 'j', 'down'],
    ['contents', '\n', 'continue'],
  ]);
  live.keys.push('\x03');
  assert.equal((await live.read('typing'))?.command, undefined, 'Ctrl-C means nothing while typing');
  live.keys.push('\x1b');
  assert.equal((await live.read('help'))?.command, 'close', 'a lone ESC is a key of its own');
  assert.equal(await live.read('before', 20), undefined, 'no key in time');
  live.clear();
  emulator.dispose();
});

test('stopping (the queue cancelled, Ink cleared) ends a read with nothing; a new mount reads again', async () => {
  const { emulator, live } = setup();
  live.draw(rows([[span('waiting')]]));
  const reading = live.read('before');
  live.keys.cancel();
  live.clear();
  assert.equal(await reading, undefined);
  live.draw(rows([[span('again')]]));
  live.keys.push('Q');
  assert.equal((await live.read('before'))?.command, 'quit', 'reading goes on after a new mount');
  live.clear();
  assert.equal(process.stdin.listenerCount('readable') + process.stdin.listenerCount('data'), 0);
  emulator.dispose();
});
