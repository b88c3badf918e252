import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HeadingInfo } from '../../src/player/effects.js';
import { commandFor } from '../../src/ui/key-map.js';
import {
  type LiveState,
  liveRows,
  liveScreen,
  typingCommand,
  type WaitState,
  waitCommand,
  waitMode,
} from '../../src/ui/screen.js';
import { plain, span } from '../../src/ui/text.js';

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

/**
 * Feeds keys (as the key table names them) to waitCommand, each as its command in the mode the wait is in;
 * returns the last state and the action that ended the wait, if any.
 */
function press(keys: string[], state: WaitState = {}) {
  let action: ReturnType<typeof waitCommand>['action'];
  for (const id of keys) {
    const next = waitCommand(state, commandFor(waitMode(context.reason, state.overlay), id), context);
    state = next.state;
    action = next.action;
    if (action) break;
  }
  return { state, action };
}

test('waiting keys: RETURN, +, -, !, Q end the wait with the player action', () => {
  assert.deepEqual(press(['return']).action, { kind: 'continue' });
  assert.deepEqual(press(['+']).action, { kind: 'skip' });
  assert.deepEqual(press(['-']).action, { kind: 'repeat' });
  assert.deepEqual(press(['!']).action, { kind: 'shell' });
  assert.deepEqual(press(['Q']).action, { kind: 'quit' });
  assert.deepEqual(press(['x']), { state: {}, action: undefined });
  // demosh: "This must be a capital `Q`; lowercase `q` will do nothing."
  assert.deepEqual(press(['q']), { state: {}, action: undefined });
});

test('Ctrl-C with nothing running explains, and the next key clears the hint', () => {
  assert.match(press(['ctrl-c']).state.hint ?? '', /Nothing is running\. Q quits/);
  assert.deepEqual(press(['ctrl-c', 'x']).state, {});
});

test('? opens the help, and any key closes it without acting', () => {
  assert.deepEqual(press(['?']).state, { overlay: { kind: 'help' } });
  assert.deepEqual(press(['?', 'Q']), { state: {}, action: undefined });
});

test('contents: opens on the current heading, moves within bounds, RETURN jumps, ESC goes back', () => {
  assert.deepEqual(press(['t']).state, { overlay: { kind: 'contents', selected: 1 } });
  assert.deepEqual(press(['t', 'j', 'down']).state, { overlay: { kind: 'contents', selected: 3 } });
  assert.deepEqual(
    press(['t', 'j', 'j', 'j', 'j', 'j']).state,
    { overlay: { kind: 'contents', selected: 3 } },
    'stops at the last',
  );
  assert.deepEqual(press(['t', 'k', 'k', 'k', 'k']).state, { overlay: { kind: 'contents', selected: 0 } });
  assert.deepEqual(press(['t', 'end']).state, { overlay: { kind: 'contents', selected: 3 } });
  assert.deepEqual(press(['t', 'k', 'return']).action, { kind: 'jump', index: 0 });
  assert.deepEqual(press(['t', 'escape']).state, {});
  assert.deepEqual(press(['t', 'x']).state, { overlay: { kind: 'contents', selected: 1 } }, 'other keys do nothing');
});

test('t without headings does nothing', () => {
  assert.deepEqual(waitCommand({}, commandFor('before', 't'), { ...context, headings: [] }).state, {});
});

test('typing keys: SPACE finishes, RETURN runs, ? and t wait for the typing to end', () => {
  assert.equal(typingCommand(commandFor('typing', 'space')), 'finish');
  assert.deepEqual(typingCommand(commandFor('typing', 'return')), { kind: 'continue' });
  assert.deepEqual(typingCommand(commandFor('typing', '+')), { kind: 'skip' });
  assert.equal(typingCommand(commandFor('typing', '?')), 'later');
  assert.equal(typingCommand(commandFor('typing', 'x')), 'ignore');
});
