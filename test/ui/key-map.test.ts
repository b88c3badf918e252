import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { commandFor, hints, keyMap, keyTableMarkdown, type Mode } from '../../src/ui/key-map.js';
import { parseKeys } from '../../src/ui/keys.js';

const key = (text: string) => parseKeys(text)[0]!;

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
  assert.equal(commandFor('before', key('\r')), 'continue');
  assert.equal(commandFor('before', key('+')), 'skip');
  assert.equal(commandFor('failed', key('-')), 'repeat');
  assert.equal(commandFor('before', key('\x03')), 'explain');
  assert.equal(commandFor('before', key('q')), undefined, 'only a capital Q quits');
  assert.equal(commandFor('contents', key('\x1b[A')), 'up');
  assert.equal(commandFor('contents', key('k')), 'up');
  assert.equal(commandFor('contents', key('q')), 'close');
  assert.equal(commandFor('typing', key(' ')), 'finish');
  assert.equal(commandFor('typing', key('t')), 'later');
  assert.equal(commandFor('help', key('x')), 'close', 'any key closes the help');
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
