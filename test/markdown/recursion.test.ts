// Macros that call themselves: found statically by lint, guarded at expansion time by the player.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './fixtures.js';
import { MACRO_DEPTH_LIMIT, macroChains, recursionError } from '../../src/markdown/recursion.js';
import { checkSteps } from '../../src/markdown/lint.js';

test('direct and indirect macro recursion are found once each, at the definition', () => {
  const { steps } = load({
    'w.sh':
      '#@macro self\n#@self\n#@end\n#@macro a\n#@ifhook h\n#@b\n#@endif\n#@end\n#@macro b\n#@a\n#@end\n#@macro fine\n#@wait_clear\n#@end\n',
  });
  assert.deepEqual(
    macroChains(steps).cycles.map((c) => [c.cycle.join(' → '), c.at.line]),
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

/** `n` macros, each calling the next, the last one a command; then a call of the first. */
function chain(n: number): string {
  const macros = Array.from({ length: n }, (_, i) => `#@macro m${i}\n#@m${i + 1}\n#@end\n`).join('');
  return `${macros}#@macro m${n}\necho end\n#@end\n#@m0\n`;
}

test('a chain of macros as deep as the limit is fine; one deeper is an error at its first definition', () => {
  assert.deepEqual(
    checkSteps(load({ 'w.sh': chain(MACRO_DEPTH_LIMIT - 1) }).steps, () => true),
    [],
  );
  const errors = checkSteps(load({ 'w.sh': chain(MACRO_DEPTH_LIMIT) }).steps, () => true);
  assert.deepEqual(
    errors.map((m) => [m.line, m.ruleId, m.message]),
    [[1, 'too-deep', `macros call each other more than ${MACRO_DEPTH_LIMIT} deep: m0 → m1 → m2 → … → m99 → m100`]],
  );
});

test('a chain of 30,000 macros is reported, not a stack overflow', () => {
  const { steps } = load({ 'w.sh': chain(30_000) });
  const { cycles, tooDeep } = macroChains(steps);
  assert.deepEqual(cycles, []);
  assert.equal(tooDeep?.chain.length, MACRO_DEPTH_LIMIT + 1);
  assert.equal(tooDeep?.chain[0], 'm0');
});

test('recursionError stops an expansion deeper than the limit', () => {
  const active = Array.from({ length: MACRO_DEPTH_LIMIT }, (_, i) => `m${i}`);
  assert.equal(recursionError(active.slice(1), 'x'), undefined);
  assert.match(
    recursionError(active, 'x') ?? '',
    /^macros call each other more than 100 deep: m0 → m1 → m2 → … → m99 → x$/,
  );
});
