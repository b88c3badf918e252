import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCommentary, styles } from '../../src/ui/commentary.js';
import { lineWidth, plain, type Line } from '../../src/ui/text.js';

const text = (lines: Line[]) => lines.map(plain);
const styleOf = (lines: Line[], fragment: string) => lines.flat().find((s) => s.text.includes(fragment))?.sgr;

test('headings show their level and stand out', () => {
  const lines = renderCommentary('# Title\n\n### Deeper', 80);
  assert.deepEqual(text(lines), ['# Title', '', '### Deeper']);
  assert.equal(styleOf(lines, 'Title'), styles.heading[0]);
  assert.equal(styleOf(lines, 'Deeper'), styles.heading[2]);
  assert.match(styles.heading[0]!, /^1;/);
});

test('inline code, emphasis, strong and links', () => {
  const lines = renderCommentary('Run `kubectl` *now*, **really**: see [docs](https://linkerd.io/docs).', 80);
  assert.deepEqual(text(lines), ['Run kubectl now, really: see docs (https://linkerd.io/docs).']);
  assert.equal(styleOf(lines, 'kubectl'), styles.code);
  assert.equal(styleOf(lines, 'now'), styles.emphasis);
  assert.equal(styleOf(lines, 'really'), styles.strong);
  assert.equal(styleOf(lines, 'docs'), styles.link);
  assert.equal(styleOf(lines, 'https://linkerd.io/docs'), styles.url);
});

test('a link whose text is its address is shown once; references resolve to their definitions', () => {
  assert.deepEqual(text(renderCommentary('<https://buoyant.io>', 80)), ['https://buoyant.io']);
  assert.deepEqual(text(renderCommentary('Use [demosh].\n\n[demosh]: https://github.com/BuoyantIO/demosh', 80)), [
    'Use demosh (https://github.com/BuoyantIO/demosh).',
  ]);
});

test('lists: bullets, numbers, nesting, and wrapped items indented under their text', () => {
  const lines = renderCommentary('- one\n- two words here\n  1. first\n  2. second', 12);
  assert.deepEqual(text(lines), ['• one', '• two words', '  here', '  1. first', '  2. second']);
});

test('block quotes carry a bar on every row; code blocks keep their text and a gutter', () => {
  assert.deepEqual(text(renderCommentary('> quoted words that wrap', 12)), ['│ quoted', '│ words that', '│ wrap']);
  const code = renderCommentary('```yaml\nkind: Pod\n  name: x\n```', 40);
  assert.deepEqual(text(code), ['│ kind: Pod', '│   name: x']);
  assert.equal(styleOf(code, 'kind'), styles.code);
});

test('paragraphs are separated by one blank line; soft line breaks become spaces', () => {
  assert.deepEqual(text(renderCommentary('one\ntwo\n\nthree', 80)), ['one two', '', 'three']);
});

test('HTML comments (directives) show nothing', () => {
  assert.deepEqual(text(renderCommentary('<!-- @wait -->', 80)), []);
  assert.deepEqual(text(renderCommentary('a\n\n<!-- @SHOW -->\n\nb', 80)), ['a', '', 'b']);
});

test('every row fits the width, even very narrow terminals', () => {
  const markdown =
    '## A heading that is long\n\nSome `inline code` and a [link](https://example.com/a/long/path) in a paragraph.\n\n- item with words\n\n> quote';
  for (const width of [80, 39, 20, 8]) {
    for (const line of renderCommentary(markdown, width))
      assert.ok(lineWidth(line) <= width, `${plain(line)} > ${width}`);
  }
});

test('${VAR} in prose and inline code can be expanded', () => {
  const lines = renderCommentary('Pod `${POD}` in ${NS}', 80, {
    expand: (t) => t.replace('${POD}', 'web-1').replace('${NS}', 'faces'),
  });
  assert.deepEqual(text(lines), ['Pod web-1 in faces']);
});
