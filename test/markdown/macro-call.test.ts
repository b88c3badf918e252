// A command line whose first word is a macro calls the macro (demosh README, *Macros*: "it's not strictly
// necessary to invoke the macro with a leading `#@`"; demosh/shellstate.py `run_command` looks the first
// shlex word of every command up among the macros before running a shell).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './fixtures.js';
import { plainMacroCall } from '../../src/markdown/macro-call.js';
import { macroChains, macroNames } from '../../src/markdown/recursion.js';
import { checkSteps } from '../../src/markdown/lint.js';

const macros = new Set(['greet', 'wait_clear', 'setup.v2']);
const call = (text: string) => plainMacroCall(text, (name) => macros.has(name));

test('the first word of a command names the macro it calls; everything after it is what is ignored', () => {
  assert.deepEqual(call('greet'), { name: 'greet', ignored: '' });
  assert.deepEqual(call('  greet\n'), { name: 'greet', ignored: '' });
  assert.deepEqual(call('setup.v2'), { name: 'setup.v2', ignored: '' });
  assert.deepEqual(call('greet # say hello'), { name: 'greet', ignored: '' });
  // shlex.split drops quotes, so demosh finds the macro in a quoted first word too.
  assert.deepEqual(call('"greet"'), { name: 'greet', ignored: '' });
  assert.deepEqual(call("gr'ee't x"), { name: 'greet', ignored: 'x' });
  assert.deepEqual(call('greet world'), { name: 'greet', ignored: 'world' });
  // demosh looks at the first word only: the macro runs and the rest of the line does not.
  assert.deepEqual(call('greet && echo after'), { name: 'greet', ignored: '&& echo after' });
  assert.deepEqual(call('greet | cat'), { name: 'greet', ignored: '| cat' });
  assert.deepEqual(call('greet; echo after'), { name: 'greet', ignored: '; echo after' });
});

test('other commands call nothing: another first word, assignments, function definitions, compound commands', () => {
  for (const text of [
    'echo greet',
    'greeting',
    'greet-all',
    'GREET',
    // demosh treats these as an assignment and a function definition before it looks for macros.
    'greet=1',
    'X=1 greet',
    'greet() { echo hi; }',
    'function greet { echo hi; }',
    '! greet',
    '(greet)',
    '{ greet; }',
    'if greet; then :; fi',
    '$greet',
    '"greet x"',
    // A command bash rejects is a syntax error, reported as such, never a call.
    'greet "unclosed',
  ]) {
    assert.equal(call(text), undefined, text);
  }
});

test('macro recursion through plain calls is found, as through @ calls', () => {
  const { steps } = load({
    'w.sh':
      '#@macro a\necho in a\nb\n#@end\n#@macro b\n  a\n#@end\n#@macro self\nself\n#@end\n#@macro fine\nwait_clear\n#@end\n',
  });
  assert.deepEqual(
    macroChains(steps).cycles.map((c) => c.cycle.join(' → ')),
    ['a → b → a', 'self → self'],
  );
});

test('lint: a plain call is no unknown command; text after the macro name is a warning', () => {
  const { steps } = load({
    'w.md': [
      '```bash',
      '#@macro greet',
      'echo hello',
      '#@end',
      '#@macro twice',
      'greet',
      'greet',
      '#@end',
      'twice',
      'greet world',
      'greet && echo \\',
      '  after',
      '```',
      '<!-- @greet loudly -->',
    ].join('\n'),
  });
  assert.deepEqual([...macroNames(steps)].sort(), ['greet', 'twice']);
  const messages = checkSteps(steps, () => false);
  assert.deepEqual(
    messages.map((m) => [m.line, m.ruleId, m.message]),
    [
      [
        10,
        'macro-call',
        'this calls the macro `greet`, which takes no arguments: `world` after its name does not run (as in demosh)',
      ],
      [
        11,
        'macro-call',
        'this calls the macro `greet`, which takes no arguments: `&& echo \\ …` after its name does not run (as in demosh)',
      ],
      [
        14,
        'macro-call',
        'this calls the macro `greet`, which takes no arguments: `loudly` after its name does not run (as in demosh)',
      ],
    ],
  );
});
