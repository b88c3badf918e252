import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HeadingInfo } from '../../src/player/effects.js';
import { parseKeys } from '../../src/ui/keys.js';
import { type LiveState, liveRows, liveScreen, typingKey, type WaitState, waitKey } from '../../src/ui/screen.js';
import { plain, span } from '../../src/ui/text.js';

const key = (text: string) => parseKeys(text)[0]!;
const at = { file: 'w.md', line: 1, column: 1 };
const headings: HeadingInfo[] = ['Intro', 'Install', 'Link', 'Clean up'].map((text, i) => ({
  index: i * 10,
  depth: i === 0 ? 1 : 2,
  text,
  at,
}));

const base: LiveState = {
  columns: 60,
  rows: 20,
  spacing: 'top',
  headings,
  status: { file: 'w.md', heading: 'Install', step: 3, steps: 9, elapsedMs: 5_000 },
};

test('waiting: the status line and the help line, with a blank row only after content', () => {
  const top = liveScreen({ ...base, mode: 'before' });
  assert.equal(top.gap, false);
  assert.match(plain(top.below[0]!), /w\.md │ Install │ step 3\/9 │ 0:05/);
  assert.match(plain(top.below[1]!), /^RETURN run {2}\+ skip/);
  const after = liveRows(liveScreen({ ...base, mode: 'after', spacing: 'content' })).map(plain);
  assert.equal(after[0], '');
  assert.match(after[2]!, /^RETURN continue {2}- again/);
});

test('nothing live but the command when no key means anything, or with --no-status', () => {
  const command = { row: [span('$ '), span('ls')], cursor: false };
  assert.deepEqual(liveRows(liveScreen({ ...base, command })).map(plain), ['$ ls']);
  assert.deepEqual(liveRows(liveScreen({ ...base, command, mode: 'before', status: undefined })).map(plain), ['$ ls']);
});

test('the command being typed wraps at the width, with the block cursor after it', () => {
  const screen = liveScreen({
    ...base,
    columns: 10,
    mode: 'typing',
    command: { row: [span('$ echo 12345678')], cursor: true },
  });
  assert.deepEqual(screen.command.map(plain), ['$ echo 123', '45678 ']);
  assert.equal(screen.gap, true);
  assert.equal(screen.below.length, 2, 'the status line and the help line (empty: no hint fits 10 columns)');
});

test('a one-off hint takes the help line', () => {
  const rows = liveRows(liveScreen({ ...base, mode: 'before', hint: 'Nothing is running.' })).map(plain);
  assert.equal(rows.at(-1), 'Nothing is running.');
});

test('the help screen and the contents take the place of the footer, within the window', () => {
  const help = liveRows(liveScreen({ ...base, rows: 8, mode: 'before', overlay: { kind: 'help' } })).map(plain);
  assert.ok(help.length <= 7, `${help.length} rows`);
  assert.equal(help.at(-1), 'any key closes this help');
  const toc = liveRows(liveScreen({ ...base, mode: 'before', overlay: { kind: 'contents', selected: 2 } })).map(plain);
  assert.deepEqual(toc.slice(0, 3), ['', 'Contents 3/4', '  Intro']);
  assert.ok(toc.includes('▸   Link'));
});

const context = { reason: 'before' as const, headings, here: 10, rows: 20 };

/** Feeds keys to waitKey; returns the last state and the action that ended the wait, if any. */
function press(keys: string, state: WaitState = {}) {
  let action: ReturnType<typeof waitKey>['action'];
  for (const k of parseKeys(keys)) {
    const next = waitKey(state, k, context);
    state = next.state;
    action = next.action;
    if (action) break;
  }
  return { state, action };
}

test('waiting keys: RETURN, +, -, !, Q end the wait with the player action', () => {
  assert.deepEqual(press('\r').action, { kind: 'continue' });
  assert.deepEqual(press('+').action, { kind: 'skip' });
  assert.deepEqual(press('-').action, { kind: 'repeat' });
  assert.deepEqual(press('!').action, { kind: 'shell' });
  assert.deepEqual(press('Q').action, { kind: 'quit' });
  assert.deepEqual(press('x'), { state: {}, action: undefined });
  // demosh: "This must be a capital `Q`; lowercase `q` will do nothing."
  assert.deepEqual(press('q'), { state: {}, action: undefined });
});

test('Ctrl-C with nothing running explains, and the next key clears the hint', () => {
  assert.match(press('\x03').state.hint ?? '', /Nothing is running\. Q quits/);
  assert.deepEqual(press('\x03x').state, {});
});

test('? opens the help, and any key closes it without acting', () => {
  assert.deepEqual(press('?').state, { overlay: { kind: 'help' } });
  assert.deepEqual(press('?Q'), { state: {}, action: undefined });
});

test('contents: opens on the current heading, moves within bounds, RETURN jumps, ESC goes back', () => {
  assert.deepEqual(press('t').state, { overlay: { kind: 'contents', selected: 1 } });
  assert.deepEqual(press('tj\x1b[B').state, { overlay: { kind: 'contents', selected: 3 } });
  assert.deepEqual(press('tjjjjj').state, { overlay: { kind: 'contents', selected: 3 } }, 'stops at the last');
  assert.deepEqual(press('tkkkk').state, { overlay: { kind: 'contents', selected: 0 } });
  assert.deepEqual(press('t\x1b[F').state, { overlay: { kind: 'contents', selected: 3 } });
  assert.deepEqual(press('tk\r').action, { kind: 'jump', index: 0 });
  assert.deepEqual(press('t\x1b').state, {});
  assert.deepEqual(press('tx').state, { overlay: { kind: 'contents', selected: 1 } }, 'other keys do nothing');
});

test('t without headings does nothing', () => {
  assert.deepEqual(waitKey({}, key('t'), { ...context, headings: [] }).state, {});
});

test('typing keys: SPACE finishes, RETURN runs, ? and t wait for the typing to end', () => {
  assert.equal(typingKey(key(' ')), 'finish');
  assert.deepEqual(typingKey(key('\r')), { kind: 'continue' });
  assert.deepEqual(typingKey(key('+')), { kind: 'skip' });
  assert.equal(typingKey(key('?')), 'later');
  assert.equal(typingKey(key('x')), 'ignore');
});
