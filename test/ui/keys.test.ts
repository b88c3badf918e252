import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKeys } from '../../src/ui/keys.js';
import { KeyQueue } from '../../src/ui/key-queue.js';

const names = (chunk: string) => parseKeys(chunk).map((k) => (k.name === 'char' ? k.sequence : k.name));

test('several keys in one chunk are all seen, in order', () => {
  assert.deepEqual(names('\x1b[B\x1b[B\r'), ['down', 'down', 'return']);
  assert.deepEqual(names('+-Q'), ['+', '-', 'Q']);
  assert.deepEqual(names(' \r\n\x03\x04'), ['space', 'return', 'ctrl-c', 'ctrl-d']);
});

test('escape sequences, a lone escape, and non-ASCII characters', () => {
  assert.deepEqual(names('\x1b'), ['escape']);
  assert.deepEqual(names('\x1bOA\x1b[5~\x1b[6~\x1b[H'), ['up', 'pageup', 'pagedown', 'home']);
  assert.deepEqual(names('é🚀'), ['é', '🚀']);
  assert.deepEqual(names('\x1b[200~'), ['unknown']);
});

test('the key queue keeps typeahead, times out, and can be cancelled', async () => {
  const queue = new KeyQueue();
  queue.push('ab');
  assert.equal((await queue.next())?.sequence, 'a');
  assert.equal((await queue.next())?.sequence, 'b');
  assert.equal(await queue.next(20), undefined);
  const waiting = queue.next();
  queue.push('\r');
  assert.equal((await waiting)?.name, 'return');
  const cancelled = queue.next();
  queue.cancel();
  assert.equal(await cancelled, undefined);
  queue.push('xy');
  queue.drop();
  assert.equal(await queue.next(10), undefined);
  queue.push('z');
  queue.unshift(parseKeys('t')[0]!);
  assert.equal((await queue.next())?.sequence, 't');
  assert.equal((await queue.next())?.sequence, 'z');
});
