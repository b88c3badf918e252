// @expect, @status, @retry and @timeout: what the next command must do, folded like the modifiers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './fixtures.js';
import type { CommandConditions, Step } from '../../src/markdown/steps.js';

const conditionsOf = (step: Step | undefined): CommandConditions | undefined => {
  assert.ok(step && (step.kind === 'command' || step.kind === 'call'), `a command or call, not ${step?.kind}`);
  return step.conditions;
};

test('both forms, combined, carried across commentary, for the next command only', () => {
  const { steps, messages } = load({
    'w.md': [
      '<!-- @expect Running -->',
      '',
      'Some text in between.',
      '',
      '```bash',
      '#@expect /ready: \\d+/i',
      '#@status 3',
      '#@retry 30s every 2s',
      '#@timeout 5s',
      'first',
      'second',
      '```',
      '',
    ].join('\n'),
  });
  assert.deepEqual(messages, []);
  assert.deepEqual(conditionsOf(steps[1]), {
    output: [{ text: 'Running' }, { regex: 'ready: \\d+', flags: 'i' }],
    status: 3,
    retry: { withinMs: 30_000, pauseMs: 2000 },
    timeLimitMs: 5000,
  });
  assert.equal(conditionsOf(steps[2]), undefined);
});

test('@retry N counts attempts with a one-second pause; quotes keep spaces in @expect; a later @status wins', () => {
  const { steps, messages } = load({ 'w.sh': '#@retry 5\n#@expect "  two  "\n#@status 1\n#@status 2\n@call\nls\n' });
  assert.deepEqual(messages, []);
  assert.deepEqual(conditionsOf(steps[0]), {
    output: [{ text: '  two  ' }],
    status: 2,
    retry: { attempts: 5, pauseMs: 1000 },
  });
});

test('conditions apply to calls too (`#@expect x` then `#@word`)', () => {
  const { steps } = load({ 'w.sh': '#@expect hello\n#@echo hello\n' });
  assert.equal(steps[0]?.kind, 'call');
  assert.deepEqual(conditionsOf(steps[0])?.output, [{ text: 'hello' }]);
});

test('a condition with no command after it is reported like a dangling modifier', () => {
  const { messages } = load({ 'w.sh': 'ls\n#@expect x\n#@wait\nls\n#@retry 3\n' });
  assert.deepEqual(
    messages.map((m) => [m.severity, m.ruleId, m.line]),
    [
      ['warning', 'dangling-modifier', 2],
      ['warning', 'dangling-modifier', 5],
    ],
  );
  assert.match(messages[0]!.message, /`@expect` has no effect/);
});

test('bad arguments are errors at the directive, with the column', () => {
  const bad = [
    '@expect /a(/',
    '@expect /a/g',
    '@expect',
    '@expect ""',
    '@status 256',
    '@status -1',
    '@status',
    '@retry -3',
    '@retry 0',
    '@retry 100000',
    '@retry 2h',
    '@retry 0s',
    '@retry soon',
    '@retry 3 every 1h',
    '@retry 3 every',
    '@timeout forever',
    '@timeout 48h',
    '@timeout -1s',
  ];
  const directives = bad.map((d) => `  <!-- ${d} -->\n`).join('');
  const { steps, messages } = load({ 'w.md': `${directives}\n\`\`\`bash\nls\n\`\`\`\n` });
  assert.deepEqual(
    messages.map((m) => [m.severity, m.ruleId, m.line, m.column]),
    bad.map((_, i) => ['error', 'directive-usage', i + 1, 8]),
  );
  assert.match(messages[0]!.message, /not a valid regular expression/);
  assert.match(messages[4]!.message, /0 to 255/);
  // Nothing unusable reaches the command.
  assert.equal(conditionsOf(steps[0]), undefined);
});

test('@timeout 0 lifts the limit for one command', () => {
  const { steps } = load({ 'w.sh': '#@timeout 0\nsleep 1\n' });
  assert.deepEqual(conditionsOf(steps[0]), { output: [], timeLimitMs: 0 });
});
