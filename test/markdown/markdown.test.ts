// Markdown mode: which blocks run, what is commentary, how directives in comments are read, positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, load } from './fixtures.js';
import type { Step } from '../../src/markdown/steps.js';

const fence = '```';

test('only bash, sh and shell fences run; other fences, indented and inline code are commentary', () => {
  const md = [
    '# Title',
    '',
    'Run `inline code`, not this:',
    '',
    `${fence}yaml`,
    'key: value',
    fence,
    '',
    '    indented code',
    '',
    `${fence}bash`,
    'echo one',
    fence,
    '',
    `${fence}sh`,
    'echo two',
    fence,
    '',
    `${fence}shell`,
    'echo three',
    fence,
    '',
    `${fence}console`,
    '$ echo four',
    fence,
    '',
    `${fence}`,
    'echo five',
    fence,
    '',
  ].join('\n');
  const { steps, messages } = load({ 'w.md': md });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), [
    'heading:1:Title',
    `commentary:Run \`inline code\`, not this:\n\n${fence}yaml\nkey: value\n${fence}\n\n    indented code`,
    'command:echo one',
    'command:echo two',
    'command:echo three',
    `commentary:${fence}console\n$ echo four\n${fence}\n\n${fence}\necho five\n${fence}`,
  ]);
});

test('fences nested in lists and block quotes run, with positions in the file', () => {
  const md = [
    '1. First, list the pods:',
    '',
    `   ${fence}bash`,
    '   kubectl get pods',
    `   ${fence}`,
    '',
    '2. Then:',
    '',
    `   > ${fence}sh`,
    '   > ls -l',
    `   > ${fence}`,
    '',
  ].join('\n');
  const { steps, messages } = load({ 'w.md': md });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), [
    'commentary:1. First, list the pods:',
    'command:kubectl get pods',
    'commentary:2. Then:',
    'command:ls -l',
  ]);
  assert.deepEqual(steps[1]!.at, { file: 'w.md', line: 4, column: 4 });
  assert.deepEqual(steps[3]!.at, { file: 'w.md', line: 10, column: 6 });
});

test('commentary keeps the original Markdown source of its span', () => {
  const md =
    'Some **bold** text with a [link](https://example.com)\nand a second line.\n\n* a list\n* of items\n\n' +
    `${fence}bash\nls\n${fence}\n`;
  const { steps } = load({ 'w.md': md });
  assert.equal((steps[0] as Extract<Step, { kind: 'commentary' }>).markdown, md.slice(0, md.indexOf(fence)).trimEnd());
  assert.equal(steps[0]!.kind === 'commentary' && steps[0]!.source, 'markdown');
});

test('HTML comments: `<!-- @NAME -->` is a directive, other comments are hidden, other HTML is commentary', () => {
  const md = [
    '<!-- @SHOW -->',
    '',
    'Text.',
    '',
    '<!-- an ordinary comment, never shown -->',
    '',
    '<!--',
    '  @wait',
    '  @clear',
    '-->',
    '',
    '<div>kept</div>',
    '',
  ].join('\n');
  const { steps, messages } = load({ 'w.md': md });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), ['mode:SHOW', 'commentary:Text.', 'wait', 'clear', 'commentary:<div>kept</div>']);
  assert.deepEqual(steps[3]!.at, { file: 'w.md', line: 9, column: 3 });
});

test('text in a directive comment that is not a directive is reported', () => {
  const { steps, messages } = load({ 'w.md': '<!-- @wait\nplease -->\n' });
  assert.deepEqual(brief(steps), ['wait']);
  assert.equal(messages[0]!.ruleId, 'directive-comment');
  assert.equal(messages[0]!.line, 2);
});

test('inside shell blocks: #@ lines are directives, # lines commentary, ## and #! lines hidden', () => {
  const md = `${fence}bash\n#!/bin/bash\n## a note for authors\n# Shown as commentary\n# on two lines\n#@immed\nkubectl get ns\n${fence}\n`;
  const { steps, messages } = load({ 'w.md': md });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), ['commentary:# Shown as commentary\n# on two lines', 'command:kubectl get ns']);
  assert.equal(steps[0]!.kind === 'commentary' && steps[0]!.source, 'shell');
  const command = steps[1] as Extract<Step, { kind: 'command' }>;
  assert.equal(command.flags.show, false);
  assert.equal(command.flags.waitBefore, false);
});

test('headings are steps with plain text and their source', () => {
  const { steps } = load({ 'w.md': '## Install `linkerd` **now**\n\nSetext\n======\n' });
  assert.deepEqual(brief(steps), ['heading:2:Install linkerd now', 'heading:1:Setext']);
  assert.equal(steps[0]!.kind === 'heading' && steps[0]!.markdown, '## Install `linkerd` **now**');
});

test('heading text keeps inline code literally, angle brackets and markup characters included', () => {
  const md = '## Compare `a<b>` with <em>HTML</em>\n\n### `` `x` `` and `[not](a link)` and `*not*` *but* \\*\n';
  const { steps } = load({ 'w.md': md });
  assert.deepEqual(brief(steps), [
    'heading:2:Compare a<b> with HTML',
    'heading:3:`x` and [not](a link) and *not* but *',
  ]);
  const text = load({ 't.md': '# Sect <&> "q"\n\n## a < b > c <br/> <span class="x">d</span>\n' });
  assert.deepEqual(brief(text.steps), ['heading:1:Sect <&> "q"', 'heading:2:a < b > c d']);
});

test('a shell syntax error is a positioned error; in a file without directives only a warning', () => {
  // bash too: "syntax error near unexpected token `oops'" (`echo (` starts a function definition).
  const broken = `${fence}bash\necho ok\necho (oops)\necho after\n${fence}\n`;
  const workshop = load({ 'w.md': `<!-- @SHOW -->\n${broken}` });
  assert.deepEqual(
    workshop.messages.map((m) => [m.severity, m.ruleId, m.line, m.column]),
    [['error', 'shell-syntax', 4, 7]],
  );
  assert.deepEqual(brief(workshop.steps), [
    'mode:SHOW',
    'command:echo ok',
    'command:echo (oops)',
    'command:echo after',
  ]);
  const plain = load({ 'w.md': broken });
  assert.equal(plain.messages[0]!.severity, 'warning');
  assert.match(plain.messages[0]!.message, /no directives/);
});

test('an unterminated bash fence is an error at the fence', () => {
  const { messages } = load({ 'w.md': `Intro\n\n${fence}bash\necho never closed\n` });
  assert.deepEqual(
    messages.map((m) => [m.severity, m.ruleId, m.line]),
    [['error', 'unterminated-fence', 3]],
  );
});

test('long documents (parsed in pieces) keep fences and comments that span blank lines whole', () => {
  const filler = Array.from({ length: 80 }, (_, i) => `Paragraph ${i}.\n`).join('\n');
  const body = Array.from({ length: 70 }, (_, i) => `line ${i}`);
  const md = [
    filler,
    `${fence}bash`,
    'cat <<EOF',
    ...body,
    '',
    'second: at column 0 after a blank line',
    'EOF',
    '',
    'echo after',
    fence,
    '',
    '<!--',
    ...body,
    '',
    'hidden: at column 0 after a blank line',
    '-->',
    '',
    filler,
    ...Array.from({ length: 100 }, (_, i) => `- item ${i}`),
    '',
    `${fence}sh`,
    'echo end',
    fence,
    '',
  ].join('\n');
  const { steps, messages } = load({ 'long.md': md });
  assert.deepEqual(messages, []);
  const special = brief(steps).filter((s) => !s.startsWith('commentary:'));
  assert.deepEqual(special, [
    `command:cat <<EOF\n${body.join('\n')}\n\nsecond: at column 0 after a blank line\nEOF`,
    'command:echo after',
    'command:echo end',
  ]);
  assert.ok(!brief(steps).some((s) => s.includes('hidden:')), 'the comment stays hidden');
  const lineOf = (text: string) => md.slice(0, md.indexOf(text)).split('\n').length;
  assert.equal(steps.find((s) => s.kind === 'command' && s.text === 'echo end')!.at.line, lineOf('echo end'));
});
