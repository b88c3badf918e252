// Loading: imports (inlined, resolved next to the importer, then in the current folder), and bad input —
// every case a clear, positioned message, never an exception and never a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { brief, folder, load } from './fixtures.js';
import { loadWorkshop } from '../../src/markdown/load.js';
import { BUILTIN_FILE, builtinSteps } from '../../src/markdown/builtins.js';
import { MAX_SOURCE_BYTES } from '../../src/markdown/source.js';
import { MAX_BLOCKS, MAX_NESTED_IN_QUOTE } from '../../src/markdown/markdown-text.js';

const summary = (messages: { severity: string; ruleId: string; file: string; line: number; column: number }[]) =>
  messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity} ${m.ruleId}`);

test('imports are inlined with their own positions; .md is Markdown, anything else shell', () => {
  const { steps, messages } = load({
    'main.md': '# Main\n\n<!-- @import lib/tools.sh -->\n<!-- @import lib/more.md -->\n',
    'lib/tools.sh': '# tools\nexport A=1\n',
    'lib/more.md': 'More text.\n\n```bash\necho more\n```\n',
  });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), [
    'heading:1:Main',
    'commentary:# tools',
    'command:export A=1',
    'commentary:More text.',
    'command:echo more',
  ]);
  assert.deepEqual(steps[2]!.at, { file: join('lib', 'tools.sh'), line: 2, column: 1 });
  assert.deepEqual(steps[4]!.at, { file: join('lib', 'more.md'), line: 4, column: 1 });
});

test('an import is looked for next to the importing file first, then in the current folder', () => {
  const root = folder({
    'docs/main.md': '<!-- @import sub/a.sh -->\n<!-- @import top.sh -->\n',
    'docs/sub/a.sh': '#@import b.sh\n',
    'docs/sub/b.sh': 'echo b\n',
    'top.sh': 'echo top\n',
  });
  const { steps, messages } = loadWorkshop('docs/main.md', { builtins: false, cwd: root });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), ['command:echo b', 'command:echo top']);
  assert.equal(steps[1]!.at.file, 'top.sh');
});

test('a modifier before an import applies to the first command imported (lines are read in place)', () => {
  const { steps } = load({ 'main.md': '<!-- @immed -->\n<!-- @import a.sh -->\n', 'a.sh': 'ls\n' });
  assert.equal(steps[0]!.kind === 'command' && steps[0]!.flags.show, false);
});

test('a missing import is an error at the directive', () => {
  const { messages } = load({ 'main.md': 'Text\n\n<!-- @import nope.sh -->\n' });
  assert.deepEqual(summary(messages), ['main.md:3:6 error missing-import']);
  assert.match(messages[0]!.message, /cannot import `nope.sh`: no such file/);
});

test('importing itself, and longer import cycles, are errors (and terminate)', () => {
  const self = load({ 'main.md': '<!-- @import main.md -->\n' });
  assert.deepEqual(summary(self.messages), ['main.md:1:6 error import-cycle']);
  const loop = load({ 'a.sh': 'echo a\n#@import b.sh\n', 'b.sh': '#@import a.sh\n' });
  assert.deepEqual(summary(loop.messages), ['b.sh:1:1 error import-cycle']);
  assert.match(loop.messages[0]!.message, /a\.sh → b\.sh → a\.sh/);
  assert.deepEqual(brief(loop.steps), ['command:echo a']);
});

test('a file imported twice (not in a cycle) is read twice, as demosh does', () => {
  const { steps, messages } = load({ 'main.sh': '#@import x.sh\n#@import x.sh\n', 'x.sh': 'echo x\n' });
  assert.deepEqual(messages, []);
  assert.equal(steps.length, 2);
});

test('bad input: each case is one clear message with a position', () => {
  const root = folder({
    'empty.md': '',
    'blank.md': '\n  \n',
    'binary.md': Buffer.from([0x23, 0x20, 0x68, 0x69, 0x0a, 0x41, 0x00, 0x01, 0x02]),
    'latin1.md': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    'dir.md/inside.txt': 'x',
  });
  const cases: [string, string, RegExp][] = [
    ['empty.md', 'empty.md:1:1 error empty-file', /empty/],
    ['blank.md', 'blank.md:1:1 error empty-file', /empty/],
    ['binary.md', 'binary.md:2:2 error binary', /binary file/],
    ['latin1.md', 'latin1.md:1:4 error encoding', /not UTF-8/],
    ['missing.md', 'missing.md:1:1 error read', /no such file/],
    ['dir.md', 'dir.md:1:1 error read', /is a directory/],
  ];
  for (const [file, expected, message] of cases) {
    const { steps, messages } = loadWorkshop(file, { builtins: false, cwd: root });
    assert.deepEqual(summary(messages), [expected], file);
    assert.match(messages[0]!.message, message, file);
    assert.deepEqual(steps, [], file);
  }
});

test('CRLF line endings and a byte order mark are read as usual, with a warning each', () => {
  const { steps, messages } = load({ 'w.md': '\uFEFF# Title\r\n\r\n```bash\r\necho hi\r\n```\r\n' });
  assert.deepEqual(summary(messages), ['w.md:1:1 warning bom', 'w.md:1:8 warning crlf']);
  assert.deepEqual(brief(steps), ['heading:1:Title', 'command:echo hi']);
});

test('a file over the size limit (10 MB of Markdown) is refused quickly, not parsed', () => {
  const big = 'Lorem ipsum dolor sit amet.\n'.repeat(Math.ceil((10 * 1024 * 1024) / 28));
  assert.ok(big.length > MAX_SOURCE_BYTES);
  const { messages } = load({ 'big.md': big });
  assert.deepEqual(summary(messages), ['big.md:1:1 error too-large']);
  assert.match(messages[0]!.message, /10\.0 MiB; the limit is 1\.0 MiB/);
});

test('nesting that would make parsing explode is refused at the line where it gets too deep', () => {
  const quotes = load({ 'q.md': `Intro\n\n${'>'.repeat(5000)} deep\n` });
  assert.deepEqual(summary(quotes.messages), ['q.md:3:1 error too-deep']);
  const indented = Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 * i)}- item ${i}`).join('\n');
  assert.deepEqual(summary(load({ 'l.md': indented }).messages), ['l.md:17:1 error too-deep']);
  const fine = load({ 'ok.md': `${'- '.repeat(16)}sixteen levels\n\n- - - - - - - - - - - - - - - - - - - -\n` });
  assert.deepEqual(fine.messages, []);
  const blocks = load({ 'm.sh': `${'#@macro m\n'.repeat(33)}ls\n${'#@end\n'.repeat(34)}` });
  assert.deepEqual(summary(blocks.messages), ['m.sh:33:1 error too-deep', 'm.sh:68:1 error unmatched-end']);
  // One message for every opener too deep, however many; their closers are theirs, not unmatched.
  const many = load({ 'm.sh': `${'#@ifhook h\n'.repeat(5000)}ls\n${'#@endif\n'.repeat(5000)}` });
  assert.deepEqual(summary(many.messages), ['m.sh:33:1 error too-deep']);
  assert.match(many.messages[0]!.message, /nested more than 32 deep \(ignored\), and 4967 more openers after it/);
});

test('more headings and code blocks than a workshop could have are refused at the first one over the limit, before parsing', () => {
  const over = load({ 'h.md': `Intro\n\n${'> # h\n\n'.repeat(MAX_BLOCKS + 1)}` });
  assert.deepEqual(summary(over.messages), [`h.md:${3 + 2 * MAX_BLOCKS}:1 error too-many-blocks`]);
  assert.deepEqual(
    over.steps.filter((step) => step.kind === 'heading'),
    [],
  );
  const underlined = load({ 's.md': 'h\n-\n'.repeat(MAX_BLOCKS + 1) });
  assert.deepEqual(summary(underlined.messages), [`s.md:${2 * MAX_BLOCKS + 2}:1 error too-many-blocks`]);
  // Shell comments in fences are no headings.
  const comments = load({ 'c.md': `# Title\n\n\`\`\`bash\n${'# a comment\n'.repeat(MAX_BLOCKS + 1)}\`\`\`\n` });
  assert.deepEqual(comments.messages, []);
  const fences = load({ 'f.md': `- \`\`\`bash\n  ls\n  \`\`\`\n`.repeat(MAX_BLOCKS / 2 + 1) });
  // A closing fence in a list item counts as well (it may open one): the opening of item MAX_BLOCKS / 2 + 1.
  assert.deepEqual(summary(fences.messages), [`f.md:${(MAX_BLOCKS / 2) * 3 + 1}:1 error too-many-blocks`]);
});

test('a block quote that opens too many quotes inside it is refused where it starts; blank lines reset the count', () => {
  const reopened = (n: number) => Array.from({ length: n }, (_, i) => `> > reply ${i}\n>`).join('\n');
  const refused = load({ 'q.md': `Intro\n\n${reopened(MAX_NESTED_IN_QUOTE + 1)}\n` });
  assert.deepEqual(summary(refused.messages), ['q.md:3:1 error too-deep']);
  assert.match(refused.messages[0]!.message, /opens more than 100 quotes and lists inside it/);
  const separated = load({ 'ok.md': `${reopened(MAX_NESTED_IN_QUOTE)}\n\n${reopened(MAX_NESTED_IN_QUOTE)}\n` });
  assert.deepEqual(separated.messages, []);
  // A long list in a quote opens one list, not one per item.
  const list = load({ 'l.md': Array.from({ length: 5000 }, (_, i) => `> - item ${i}`).join('\n') });
  assert.deepEqual(list.messages, []);
});

test('long inputs do not overflow the stack: 100,000 statements in one function, 100,000 commands', () => {
  const body = Array.from({ length: 100_000 }, (_, i) => `  : ${i}`).join('\n');
  const fn = load({ 'f.sh': `big () {\n${body}\n}\n` });
  assert.deepEqual(fn.messages, []);
  assert.equal(fn.steps.length, 1);
  const many = load({ 'many.md': `${'`'.repeat(3)}bash\n${'echo x\n'.repeat(100_000)}${'`'.repeat(3)}\n` });
  assert.equal(many.steps.length, 100_000);
});

test('builtin macros come first (file <builtin>) unless turned off, and can be redefined', () => {
  const root = folder({ 'w.sh': 'echo hi\n' });
  const withBuiltins = loadWorkshop('w.sh', { cwd: root });
  assert.deepEqual(
    withBuiltins.steps.filter((s) => s.at.file === BUILTIN_FILE).map((s) => s.kind === 'macro' && s.name),
    ['wait_clear', 'browser_then_terminal', 'start_livecast'],
  );
  assert.deepEqual(brief(withBuiltins.steps.slice(3)), ['command:echo hi']);
  assert.deepEqual(brief(loadWorkshop('w.sh', { cwd: root, builtins: false }).steps), ['command:echo hi']);
});

test('each workshop gets its own copy of the builtin macros', () => {
  const first = builtinSteps();
  const macro = first[2]!;
  assert.ok(macro.kind === 'macro' && macro.body[0]!.kind === 'ifhook');
  const inner = macro.body[0].body[0]!;
  assert.ok(inner.kind === 'ifhook' && inner.body[1]!.kind === 'command');
  inner.body[1].flags.failOk = true;
  inner.body[1].at.line = 999;
  const again = builtinSteps()[2]!;
  assert.ok(again.kind === 'macro' && again.body[0]!.kind === 'ifhook' && again.body[0].body[0]!.kind === 'ifhook');
  const command = again.body[0].body[0].body[1]!;
  assert.ok(command.kind === 'command' && command.flags.failOk === false && command.at.line !== 999);
});

test('the builtin macros do what demosh defines', () => {
  assert.deepEqual(brief(builtinSteps()), [
    'macro:wait_clear[wait | clear]',
    'macro:browser_then_terminal[ifhook:show_browser[ifhook:show_terminal[wait | call:show_browser | wait | clear | call:show_terminal]]]',
    'macro:start_livecast[ifhook:show_slides[ifhook:show_terminal[call:show_slides | command:clear | command:echo Waiting... | call:wait_clear | call:show_terminal]]]',
  ]);
});
