// Macros that call themselves: found statically by lint, guarded at expansion time by the player.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './fixtures.js';
import { macroCycles, recursionError } from '../../src/markdown/recursion.js';
import { checkSteps } from '../../src/markdown/lint.js';

test('direct and indirect macro recursion are found once each, at the definition', () => {
  const { steps } = load({
    'w.sh':
      '#@macro self\n#@self\n#@end\n#@macro a\n#@ifhook h\n#@b\n#@endif\n#@end\n#@macro b\n#@a\n#@end\n#@macro fine\n#@wait_clear\n#@end\n',
  });
  assert.deepEqual(
    macroCycles(steps).map((c) => [c.cycle.join(' → '), c.at.line]),
    [
      ['self → self', 1],
      ['a → b → a', 4],
    ],
  );
  const errors = checkSteps(steps, () => true).filter((m) => m.ruleId === 'macro-recursion');
  assert.deepEqual(
    errors.map((m) => [m.line, m.message]),
    [
      [1, 'macro `self` calls itself'],
      [4, 'macros call each other in a loop: a → b → a'],
    ],
  );
});

test('recursionError tells the player when an expansion would recurse', () => {
  assert.equal(recursionError([], 'a'), undefined);
  assert.equal(recursionError(['a', 'b'], 'c'), undefined);
  assert.equal(recursionError(['top', 'a', 'b'], 'a'), 'macro `a` calls itself: a → b → a');
});
