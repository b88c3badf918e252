// The special blocks of Markdown (code, HTML, headings) come out exactly as remark parses the whole text,
// although the text is hollowed and parsed in pieces first; and where the line scan guesses wrong, the
// parse of the original text is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes } from 'mdast';
import { specialBlocks } from '../../../src/markdown/blocks/parse.js';
import { hollow } from '../../../src/markdown/blocks/hollow.js';
import { topLevelPieces } from '../../../src/markdown/blocks/pieces.js';
import fc from 'fast-check';

const fence = '```';

/** What a block is, compared: everything but the children of headings (their text is checked by the loader tests). */
function describe(node: Nodes) {
  return {
    type: node.type,
    lang: 'lang' in node ? node.lang : undefined,
    meta: 'meta' in node ? node.meta : undefined,
    value: 'value' in node ? node.value : undefined,
    depth: 'depth' in node ? node.depth : undefined,
    start: node.position!.start,
    end: node.position!.end,
  };
}

/** The special blocks of a plain remark parse of the whole text. */
function reference(text: string) {
  const out: ReturnType<typeof describe>[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'code' || node.type === 'html' || node.type === 'heading') out.push(describe(node));
    else if (node.type === 'root' || node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
      for (const child of node.children) walk(child as Nodes);
    }
  };
  walk(unified().use(remarkParse).parse(text));
  return out;
}

const same = (text: string) =>
  assert.deepEqual(specialBlocks(text).map(describe), reference(text), JSON.stringify(text));

/** The headings of a plain remark parse of the whole text, also those in lists and block quotes. */
function remarkHeadings(text: string): Nodes[] {
  const out: Nodes[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'heading') out.push(node);
    else if ('children' in node && node.type !== 'paragraph') for (const child of node.children) walk(child as Nodes);
  };
  walk(unified().use(remarkParse).parse(text));
  return out;
}

test('a workshop-like text: prose, top-level fences, headings, comments and list item text are taken out, and the blocks are those of the whole text', () => {
  const md = [
    '# Title',
    '',
    'Some prose about `kubectl`,',
    'on two lines.',
    '',
    `${fence}bash`,
    'kubectl get pods',
    '',
    '# not a heading',
    fence,
    '',
    'More prose.',
    '',
    '<!-- @wait_clear -->',
    '',
    '- a list item',
    '',
    `   ${fence}sh`,
    '   ls',
    `   ${fence}`,
    '',
    'Prose after the list.',
    '',
    '  indented text after the prose',
    '',
    'Setext',
    '======',
    '',
    `~~~~ yaml  meta data`,
    '~~~~',
    '',
    'Last words.',
    '',
  ].join('\n');
  const hollowed = hollow(md)!;
  const lines = hollowed.text.split('\n');
  for (const gone of [
    'kubectl',
    'Some prose',
    'More prose',
    'Prose after',
    'Last words',
    'yaml',
    'Title',
    '@wait_clear',
  ]) {
    assert.ok(!hollowed.text.includes(gone), `${gone} is taken out`);
  }
  assert.equal(lines[hollowed.origin.indexOf(16) - 1], '- x', 'a list item keeps its place and marker, not its prose');
  assert.ok(lines.includes('   ls'), 'a fence in a list is parsed');
  assert.deepEqual(
    hollowed.blocks.map((block) => block.type),
    ['heading', 'code', 'html', 'heading', 'code'],
  );
  same(md);
  const code = specialBlocks(md).filter((node) => node.type === 'code');
  assert.deepEqual(
    code.map((node) => [node.lang, node.meta, node.value]),
    [
      ['bash', null, 'kubectl get pods\n\n# not a heading'],
      ['sh', null, 'ls'],
      ['yaml', 'meta data', ''],
    ],
  );
});

test('where the scan guesses wrong, the blocks still come out as remark parses them', () => {
  same(`<div>\n${fence}bash\necho inside HTML\n${fence}\n</div>\n`); // a fence inside an HTML block is HTML
  same(`<div>\n${fence}bash\necho inside HTML\n${fence}\n\nafter it\n`);
  same(`${fence}sh\necho never closed\n    ${fence}`); // four spaces of indentation do not close a fence
  same(`- a\n  ${fence}\nb\n${fence}\n\nprose inside a fence the scan saw close\n\n${fence}\n${fence}\n`);
  // The scan takes the fence in the list item to close at line 4, where a top-level fence opens instead.
  same(`- a\n  ${fence}\nb\n${fence}\n\nprose inside the fence, up to the end`);
  same(`- a\n  ${fence}\nb\n${fence}\n\nprose inside\nthe fence\n\n  indented\n  ${fence}\n`);
  same(`- a\n  ${fence}\nb\n${fence}\n\nprose inside the fence\n\n- x\n  ${fence}\n\n- y\n`);
  same('<!-- a comment\n\nprose --> ends the comment\n\n# Heading\n');
  same('Prose\n===\n\nProse\n---\n\n> quote\n\nprose\n\n    indented code\n\n\n    more code\n\nend\n');
  same('- item\n\n  continued\n\nprose\n\n  not in the list\n\n1. one\n\nprose\n\n2. two\n');
  same('Prose\r\nwith CR line endings\r\n\r\n```bash\r\nls\r\n```\r\n');
  same(`prose\n\n${fence}bash\n${fence}\n\n${fence}\n\n${fence}\n\nlast prose`);
  same(
    '# Title ##  \n<!-- a --> tail\n<!-- b -->\n#\n## a \\# b #\n\n<!--\nnot one line -->\n\n> <!-- c -->\n> # d\n\n- <!-- e -->\n<!-- f -->\n  <!-- g -->\n',
  );
  same('<!-- open\n# inside a comment\n<!-- still inside -->\n\n# out\n');
  same(
    '- item\n  text\n  ---\n\n- [a]: /url\n  ===\n\n1. one\n   two\n   - nested\n     more\n\n         code?\n\n    - after a blank\n',
  );
  same('<!-- a comment with\n- a list item --> inside\n\n- b\n\n    - indented code at the top\n');
  // Lists of prose items only are cut out whole; anything that could hold a block keeps them.
  same('- a\n- b\n  - c\n    more\n\n- d\n\n      code in d\n\n- e\n\ntext\n');
  same('- a\n\n  b\n\n1. c\n2. d\n   ===\n\n- e\n  # f\n\n- g\n-\n\n- h\n  <!-- i -->\n\nj\n');
  same('- a\n\n  ```sh\n  - not an item\n  ```\n- b\n     c\n- d\n  <!-- x -->\n');
});

test('long texts are parsed in pieces; where the scan splits inside a fence or HTML block, the pieces are joined again', () => {
  const lines = (n: number, what: string) => Array.from({ length: n }, (_, i) => `${what} ${i}`).join('\n');
  // The scan takes the list item's closing fence for an opening, and so the top-level fence's opening for a
  // closing: it would split before the line at column 0 after a blank line, in the middle of the code.
  same(`- ${fence}\n  in the list\n  ${fence}\n\n${fence}\n${lines(70, 'code')}\n\nstill code\n${fence}\n\nafter\n`);
  // The scan takes `<?php` in the list item to run on through the `<div>` block, which goes on past `?>`.
  same(`- a\n  <?php\n\n<div>\n${lines(70, 'html')}\n?>\n+ still HTML\n\n# after\n`);
  // An item numbered 2 cannot interrupt a paragraph: here it is text of a setext heading.
  same(`${lines(70, 'prose')}\n2. not an item\n===\n`);
  // A fence opening on the last line of a piece, in a block quote, ends where the quote does: in the next piece.
  same(`${'> a\n'.repeat(64)}> ${fence}\n+ plus\n`);
});

test('a fence never closed is code to the end of the text, made without a parse of that text', () => {
  for (const text of [
    `${fence}\na\nb\n`,
    `${fence}\na\nb`,
    `${fence}\n`,
    fence,
    `${fence}\n\n`,
    `${fence}\n\n\n`,
    `${fence}\na\n  `,
    `# h\n\n${fence}bash x y\n  a\n\n`,
    `~~~\n${fence}\n`,
    `prose\n${fence}sh\n# not a heading\n<!-- not a comment\n`,
    `- item\n\n${fence}\n${'#@macro a\n'.repeat(3)}`,
  ]) {
    same(text);
  }
});

test('an HTML block of a block-level tag is made from its lines, without a parse, up to the next blank line', () => {
  for (const text of [
    '<div>\n  a  \n\nprose\n',
    'prose\n<DIV class="x">\n<!-- @SHOW -->\n# not a heading\n',
    '<table/>\n<tr>',
    '</p>\n\n<p>\n',
    `<div>\n${fence}bash\necho inside\n${fence}\n\n${fence}bash\necho outside\n${fence}\n`,
    '- item\n<div>\nlazy?\n\n> quote\n<div>\n',
    '<span>\n<div>\n\n<div-x>\n<div>\n',
  ]) {
    same(text);
  }
  // The hostile shape of issue 14 (one block through a whole file): taken out as one block, not parsed.
  const long = 'prose\n<div>\n<!-- @nosuch -->\n'.repeat(2000);
  const hollowed = hollow(long)!;
  assert.deepEqual(
    hollowed.blocks.map(({ type, open, close, verbatim }) => ({ type, open, close, verbatim })),
    [{ type: 'html', open: 2, close: 6000, verbatim: true }],
  );
  same(long);
});

test('a blank line after a block is never read as the start of a heading (which sent the whole text to a plain parse)', () => {
  const text = `${fence}\na\n${fence}\n\nTitle\n---\n`;
  assert.deepEqual(
    hollow(text)!.blocks.map(({ type, open, close }) => ({ type, open, close })),
    [
      { type: 'code', open: 1, close: 3 },
      { type: 'heading', open: 5, close: 6 },
    ],
  );
  same(text);
});

test('texts without blank lines are still parsed in pieces: after a one-line comment or a stand-in, a list item or prose starts one', () => {
  const items = `<!-- c -->\n- ${fence}bash\nx\n`.repeat(300);
  assert.ok(topLevelPieces(items).length > 1);
  same(items);
  const between = `${fence}bash\necho\n${fence}\nprose\nmore prose\n<!-- @SHOW -->\n*k\n# h\n`.repeat(300);
  assert.ok(topLevelPieces(hollow(between)!.text).length > 1);
  assert.ok(!hollow(between)!.text.includes('prose'), 'prose between blocks is taken out');
  same(between);
});

test('randomly assembled documents give the blocks of the whole text', () => {
  const vocabulary = [
    '',
    '',
    '',
    'prose line',
    'prose with `code` and _emphasis_',
    '    indented four',
    '  two spaces',
    '\tafter a tab',
    '- item',
    '* item',
    '1. item',
    '2) item',
    '  - nested',
    '> quote',
    '>',
    '> - item',
    '> > - > 1. deep',
    '>   continued',
    '> # heading in a quote',
    `> ${fence}bash`,
    `> ${fence}`,
    '>     indented in a quote',
    '> <!-- @SHOW -->',
    '> ---',
    '> ===',
    '>\tafter a tab',
    '# Heading',
    '## Two',
    'Title',
    '===',
    '---',
    '***',
    '___',
    fence,
    `${fence}bash`,
    `${fence}sh x`,
    '~~~',
    '~~~~',
    '````',
    `  ${fence}`,
    `   ${fence}bash`,
    `    ${fence}`,
    '<!-- @SHOW -->',
    '<!--',
    '-->',
    'text -->',
    '<div>',
    '</div>',
    '<DIV class="x">  ',
    '<table/>',
    '<divx>',
    '<span>',
    '  <div>',
    '<p>text',
    '<script>',
    '</script>',
    '<?php',
    '?>',
    '[ref]: /url',
    '[ref]',
    'x',
    '\u00a0',
    'a\\',
    '#nohash',
    '####### seven',
    '+',
    '-',
    '1.',
    '`single',
    '``double',
    `${fence} a\`b`,
    `end ${fence}`,
    '= not',
    '_emphasis_ first',
    '*star* first',
  ];
  let seed = 20261128;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let n = 0; n < 460; n++) {
    // Most under 64 lines, so that they test hollowing alone; the longer ones are also parsed in pieces.
    const length = n < 400 ? 1 + Math.floor(random() * 60) : 64 + Math.floor(random() * 240);
    const lines = Array.from({ length }, () => vocabulary[Math.floor(random() * vocabulary.length)]!);
    same(lines.join('\n') + (random() < 0.5 ? '\n' : ''));
  }
});

test('heading lines come out as remark makes them, text and positions included, whether parsed or read from the line', () => {
  // Characters of heading text that are no inline markup, so that remark's full parse gives one text node;
  // `#`, spaces and tabs decide where the text starts and ends.
  const headingLine = fc
    .tuple(
      fc.integer({ min: 1, max: 7 }),
      fc.stringMatching(/^[ \t]{0,3}$/),
      fc.array(fc.constantFrom('a', 'Z', '1', '.', '-', '=', '>', ' ', '\t', '#', '\u00a0', 'é'), { maxLength: 12 }),
    )
    .map(([depth, space, text]) => `${'#'.repeat(depth)}${space}${text.join('')}`);
  fc.assert(
    fc.property(fc.array(headingLine, { minLength: 1, maxLength: 6 }), (headings) => {
      const text = `${headings.join('\n\n')}\n\nprose\n`;
      const children = (blocks: Nodes[]) =>
        blocks.map((node) => ('children' in node ? node.children.map((child) => ({ ...child })) : []));
      const parsed = specialBlocks(text);
      const walked = remarkHeadings(text);
      assert.deepEqual(parsed.map(describe), walked.map(describe));
      assert.deepEqual(children(parsed), children(walked));
    }),
    { seed: 20261205, numRuns: 300 },
  );
});

test('setext headings come out as remark makes them, text over several lines included, one after another or not', () => {
  const textLine = fc.constantFrom(
    'Title',
    'two words',
    'a  b',
    'x',
    '[not a ref',
    'end ',
    '    indented',
    '-- dashes',
  );
  const underline = fc.constantFrom('=', '===', '-', '---', ' --', '   =  ', '    -', '- -');
  const heading = fc
    .tuple(fc.array(textLine, { minLength: 1, maxLength: 3 }), underline)
    .map(([text, under]) => [...text, under].join('\n'));
  const between = fc.constantFrom('', '\n', '\n\n', '\n\n# atx\n\n', '\n> quote\n\n', '\n- item\n\n');
  fc.assert(
    fc.property(fc.array(fc.tuple(heading, between), { minLength: 1, maxLength: 8 }), (parts) => {
      const text = `${parts.map(([h, b]) => `${h}\n${b}`).join('')}prose\n`;
      // The text is what the loader reads of a heading's children (the positions of those parsed in place
      // are the hollowed text's).
      const children = (blocks: Nodes[]) =>
        blocks.map((node) =>
          'children' in node ? node.children.map((child) => ('value' in child ? child.value : '')) : [],
        );
      const parsed = specialBlocks(text).filter((node) => node.type === 'heading');
      const walked = remarkHeadings(text);
      assert.deepEqual(parsed.map(describe), walked.map(describe));
      assert.deepEqual(children(parsed), children(walked));
    }),
    { seed: 20261205, numRuns: 300 },
  );
});
