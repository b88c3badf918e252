import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveRegion, type Output } from '../../src/ui/live.js';
import type { LiveScreen } from '../../src/ui/screen.js';
import { type Line, span } from '../../src/ui/text.js';
import { cursorVisibleAfter, Emulator } from './screen.js';

/** Rows as the live part (the screen model's shape). */
const rows = (lines: Line[]): LiveScreen => ({ command: lines, gap: false, below: [] });

/** A LiveRegion drawing into a headless terminal. */
function setup(cols = 30, rows = 8) {
  const emulator = new Emulator(cols, rows);
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
    rows,
  };
  return { emulator, out, live: new LiveRegion(out) };
}

test('the live region is redrawn in place; committed lines stay above it, once', async () => {
  const { emulator, live } = setup();
  live.draw(rows([[span('typing: a')], [span('status')]]));
  live.draw(rows([[span('typing: ab')], [span('status')]]));
  live.commit([[span('first')], [span('second')]]);
  live.draw(rows([[span('typing: abc')], [span('status 2')]]));
  assert.deepEqual(await emulator.history(), ['first', 'second', 'typing: abc', 'status 2']);
  emulator.dispose();
});

test('rows wider than the terminal are cut, so the region height stays known', async () => {
  const { emulator, live } = setup(10, 6);
  live.draw(rows([[span('0123456789abcdef')], [span('x')]]));
  live.draw(rows([[span('short')]]));
  assert.deepEqual(await emulator.history(), ['short']);
  emulator.dispose();
});

test('a region taller than the screen keeps its last rows', async () => {
  const { emulator, live } = setup(20, 4);
  live.draw(rows(Array.from({ length: 10 }, (_, i) => [span(`row ${i}`)])));
  assert.deepEqual(await emulator.lines(), ['row 7', 'row 8', 'row 9', '']);
  emulator.dispose();
});

test('clear erases the region and shows the cursor where it began', async () => {
  const { emulator, out, live } = setup();
  live.commit([[span('kept')]]);
  live.draw(rows([[span('live 1')], [span('live 2')]]));
  assert.equal(cursorVisibleAfter(out.raw), false, 'hidden while the region is drawn');
  live.clear();
  assert.equal(cursorVisibleAfter(out.raw), true);
  await emulator.write('next');
  assert.deepEqual(await emulator.history(), ['kept', 'next']);
  emulator.dispose();
});

test('after the terminal narrows, the reflowed region is still erased completely', async () => {
  const { emulator, out, live } = setup(20, 8);
  live.commit([[span('above')]]);
  live.draw(rows([[span('0123456789012345')], [span('status')]]));
  emulator.term.resize(8, 8);
  out.cols = 8;
  live.draw(rows([[span('new')]]));
  assert.deepEqual(
    (await emulator.history()).filter((l) => l !== ''),
    ['above', 'new'],
  );
  emulator.dispose();
});
