// Heading texts are worked out in batches and without a parse where there is no markup; each must be what a
// parse of its heading on its own gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toString as plainText } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { plainHeadingTexts } from '../../src/markdown/markdown-text.js';

const alone = (raw: string) =>
  plainText(
    unified()
      .use(remarkParse)
      .parse(`# ${raw.replace(/\s+/g, ' ')}`),
    { includeHtml: false },
  )
    .replace(/\s+/g, ' ')
    .trim();

const piece = fc.constantFrom(
  'a',
  ' ',
  'word',
  '`',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '&amp;',
  '\\',
  '#',
  '!',
  '~',
);
const raw = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

test('each heading text is what a parse of its heading alone gives, in batches of any size', () => {
  fc.assert(
    fc.property(fc.array(raw, { maxLength: 300 }), (raws) => {
      assert.deepEqual(plainHeadingTexts(raws), raws.map(alone));
    }),
    { seed: 20261205, numRuns: 15 },
  );
});
