// Every directive, as demosh's README and source define it, and how modifiers fold into commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, load } from './fixtures.js';
import { defaultFlags, type Step } from '../../src/markdown/steps.js';
import { callFlags } from '../../src/markdown/directives.js';

const flagsOf = (step: Step | undefined) => {
  assert.ok(step && (step.kind === 'command' || step.kind === 'call'), `a command or call, not ${step?.kind}`);
  return step.flags;
};

test('mode, wait, clear and print directives are steps of their own', () => {
  const { steps, messages } = load({
    'w.sh': '#@SHOW\n#@HIDE\n#@SKIP\n#@wait\n#@clear\n#@print "# Found  pod" ${POD}\n',
  });
  assert.deepEqual(messages, []);
  // @print splits and rejoins its words like demosh (shlex): quotes group, `${POD}` is left for the player.
  assert.deepEqual(brief(steps), ['mode:SHOW', 'mode:HIDE', 'mode:SKIP', 'wait', 'clear', 'print:# Found  pod ${POD}']);
});

test('each modifier changes the next command only', () => {
  const cases: [string, Partial<typeof defaultFlags>][] = [
    ['waitafter', { waitAfter: true }],
    ['nowaitbefore', { waitBefore: false }],
    ['noshow', { show: false }],
    ['notypeout', { typeout: false }],
    ['immed', { show: false, waitBefore: false, waitAfter: false }],
    ['immediate', { show: false, waitBefore: false, waitAfter: false }],
    ['failok', { failOk: true }],
  ];
  for (const [modifier, change] of cases) {
    const { steps, messages } = load({
      'w.md': `<!-- @${modifier} -->\n\nSome text in between.\n\n\`\`\`bash\nfirst\nsecond\n\`\`\`\n`,
    });
    assert.deepEqual(messages, [], modifier);
    assert.deepEqual(flagsOf(steps[1]), { ...defaultFlags, ...change }, modifier);
    assert.deepEqual(flagsOf(steps[2]), defaultFlags, `${modifier} does not reach the second command`);
  }
});

test('modifiers combine', () => {
  const { steps } = load({ 'w.sh': '#@waitafter\n#@notypeout\n#@failok\nls\n' });
  assert.deepEqual(flagsOf(steps[0]), { ...defaultFlags, waitAfter: true, typeout: false, failOk: true });
});

test('any other @word is a call, immediate by default (demosh: `#@foobar` is `#@immed` + `foobar`)', () => {
  const { steps } = load({
    'w.md': '<!-- @show_browser -->\n<!-- @kubectl get pods -A -->\n<!-- @waitafter -->\n<!-- @show_terminal -->\n',
  });
  assert.deepEqual(brief(steps), ['call:show_browser', 'call:kubectl get pods -A', 'call:show_terminal']);
  assert.deepEqual(flagsOf(steps[0]), callFlags);
  assert.deepEqual(flagsOf(steps[2]), { ...callFlags, waitAfter: true });
});

test('a modifier with nothing to modify is a warning (wait, clear, print and the end of a body use it up)', () => {
  const { messages } = load({ 'w.sh': '#@immed\n#@wait\nls\n#@macro m\n#@noshow\n#@end\n#@failok\n' });
  assert.deepEqual(
    messages.map((m) => [m.severity, m.ruleId, m.line]),
    [
      ['warning', 'dangling-modifier', 1],
      ['warning', 'dangling-modifier', 5],
      ['warning', 'dangling-modifier', 7],
    ],
  );
});

test('@macro … @end and @ifhook … @endif hold parsed bodies, and nest', () => {
  const { steps, messages } = load({
    'w.sh':
      '#@macro outer\n  #@wait\n  #@ifhook show_slides\n    #@show_slides\n    echo inside\n  #@endif\n#@end\n#@outer\n',
  });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), [
    'macro:outer[wait | ifhook:show_slides[call:show_slides | command:echo inside]]',
    'call:outer',
  ]);
});

test('a macro body can span Markdown comments and code blocks', () => {
  const { steps, messages } = load({
    'w.md': '<!-- @macro setup -->\n\n```bash\nexport A=1\n```\n\n<!-- @end -->\n<!-- @setup -->\n',
  });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), ['macro:setup[command:export A=1]', 'call:setup']);
});

test('@hook NAME VAR', () => {
  const { steps } = load({ 'w.sh': '#@hook show_terminal TERMINAL\n' });
  assert.deepEqual(brief(steps), ['hook:show_terminal:TERMINAL']);
});

test('unterminated and unmatched blocks are errors at the directive', () => {
  const { steps, messages } = load({ 'w.sh': '#@end\n#@ifhook h\nls\n#@end\n#@macro m\nls\n' });
  assert.deepEqual(
    messages.map((m) => [m.severity, m.ruleId, m.line]),
    [
      ['error', 'unmatched-end', 1],
      ['error', 'unterminated-block', 2],
      ['error', 'unmatched-end', 4],
      ['error', 'unterminated-block', 5],
    ],
  );
  assert.match(messages[2]!.message, /`@end` cannot close `@ifhook h` \(line 2\); it needs `@endif`/);
  // What was read is still there, so `list` can show it.
  assert.deepEqual(brief(steps), ['ifhook:h[command:ls | macro:m[command:ls]]']);
});

test('misused directives are errors with the usage', () => {
  const { messages } = load({ 'w.sh': '#@hook only_name\n#@hook bad;name X\n#@macro\n#@import\n#@\n' });
  assert.deepEqual(
    messages.map((m) => [m.ruleId, m.line]),
    [
      ['directive-usage', 1],
      ['directive-usage', 2],
      ['directive-usage', 3],
      ['directive-usage', 4],
      ['directive-usage', 5],
    ],
  );
  assert.match(messages[0]!.message, /@hook NAME VAR/);
});

test('directives are case-sensitive like demosh: @show is a call, not a mode', () => {
  const { steps } = load({ 'w.sh': '#@show\n' });
  assert.deepEqual(brief(steps), ['call:show']);
});
