import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { commandFor, hints, keyMap, keyTableMarkdown, type Mode } from '../../src/ui/key-map.js';

test("the README's key table is the key map's", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(`${keyTableMarkdown()}\n`), 'README.md: paste keyTableMarkdown() over the key table');
});

test('no key means two things in one mode', () => {
  for (const [mode, bindings] of Object.entries(keyMap)) {
    const ids = bindings.flatMap((b) => b.keys);
    assert.equal(new Set(ids).size, ids.length, mode);
  }
});

test('a key is read by its name, or by its character', () => {
  assert.equal(commandFor('before', 'return'), 'continue');
  assert.equal(commandFor('before', '+'), 'skip');
  assert.equal(commandFor('failed', '-'), 'repeat');
  assert.equal(commandFor('before', 'ctrl-c'), 'explain');
  assert.equal(commandFor('before', 'q'), undefined, 'only a capital Q quits');
  assert.equal(commandFor('contents', 'up'), 'up');
  assert.equal(commandFor('contents', 'k'), 'up');
  assert.equal(commandFor('contents', 'q'), 'close');
  assert.equal(commandFor('typing', 'space'), 'finish');
  assert.equal(commandFor('typing', 't'), 'later');
  assert.equal(commandFor('help', 'x'), 'close', 'any key closes the help');
});

test('every hinted key does something in its mode', () => {
  for (const mode of Object.keys(keyMap) as Mode[]) {
    for (const [label] of hints(mode)) assert.ok(label.length > 0, mode);
    for (const b of keyMap[mode]) if (b.hint) assert.ok(b.keys.length > 0, `${mode}: ${b.hint}`);
  }
  assert.deepEqual(
    hints('failed').map(([k]) => k),
    ['-', '+', '!', 'Q'],
    'a failure offers retry first',
  );
});
