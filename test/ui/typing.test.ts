import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charDelay, parseSpeed } from '../../src/ui/typing.js';

test('typing delay: 10–100 ms per character, divided by the speed factor', () => {
  assert.equal(
    charDelay(() => 0, 1),
    10,
  );
  assert.equal(charDelay(() => 0.999999, 1) < 100, true);
  assert.equal(
    charDelay(() => 0.5, 2),
    27.5,
  );
  assert.equal(parseSpeed('2.5'), 2.5);
  assert.equal(parseSpeed('0'), undefined);
  assert.equal(parseSpeed('fast'), undefined);
});
