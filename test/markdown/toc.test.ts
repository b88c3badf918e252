// The table of contents and how places are found in it (`check --from/--to/--only`, the UI's jump).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { folder } from './fixtures.js';
import { loadWorkshop } from '../../src/markdown/load.js';
import { findSection, tableOfContents, type Section } from '../../src/markdown/toc.js';

const md = [
  'Intro text.',
  '',
  '# Setup',
  '',
  '```bash',
  'echo setup',
  '```',
  '',
  '## Install Linkerd',
  '',
  '```bash',
  'linkerd install',
  '```',
  '',
  '## Check',
  '',
  'text',
  '',
  '# Cleanup',
  '',
  '```bash',
  'echo bye',
  '```',
  '',
  '## Check',
  '',
].join('\n');

function sections(): { toc: Section[]; kinds: string[] } {
  const root = folder({ 'w.md': md });
  const { steps } = loadWorkshop('w.md', { cwd: root }); // with builtins: they belong to no section
  return { toc: tableOfContents(steps), kinds: steps.map((s) => s.kind) };
}

test('sections: numbers, titles, depths and step ranges (own and with subsections)', () => {
  const { toc, kinds } = sections();
  assert.deepEqual(
    toc.map((s) => [s.number, s.title, s.depth, s.at.line]),
    [
      [0, '(start)', 0, 1],
      [1, 'Setup', 1, 3],
      [2, 'Install Linkerd', 2, 9],
      [3, 'Check', 2, 15],
      [4, 'Cleanup', 1, 19],
      [5, 'Check', 2, 25],
    ],
  );
  const [start, setup, install, , cleanup, lastCheck] = toc as [Section, Section, Section, Section, Section, Section];
  assert.equal(start.start, 3, 'after the three builtin macros');
  assert.deepEqual(kinds.slice(start.start, start.ownEnd), ['commentary']);
  assert.deepEqual(kinds.slice(setup.start, setup.ownEnd), ['heading', 'command']);
  assert.equal(setup.end, cleanup.start, 'Setup with its subsections ends where Cleanup begins');
  assert.deepEqual(kinds.slice(install.start, install.ownEnd), ['heading', 'command']);
  assert.equal(lastCheck.end, kinds.length);
});

test('findSection: by number, by title (any case), by a unique part of a title; ambiguity is explained', () => {
  const { toc } = sections();
  const title = (q: string) => {
    const found = findSection(toc, q);
    return 'section' in found ? found.section.title : found.error;
  };
  assert.equal(title('2'), 'Install Linkerd');
  assert.equal(title('install linkerd'), 'Install Linkerd');
  assert.equal(title('  INSTALL   linkerd '), 'Install Linkerd');
  assert.equal(title('linkerd'), 'Install Linkerd');
  assert.equal(title('0'), '(start)');
  assert.match(title('check'), /matches 2 sections: 3 "Check", 5 "Check"; use the number/);
  assert.match(title('9'), /there is no section 9/);
  assert.match(title('nowhere'), /no section is called "nowhere"/);
});

test('a section ends at the next heading no deeper than its own, for any sequence of heading levels', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 60 }), (levels) => {
      const at = { file: 'w.md', line: 1, column: 1 };
      const steps = levels.map((depth, i) => ({ kind: 'heading' as const, depth, text: `h${i}`, markdown: '#', at }));
      const ends = tableOfContents(steps).map((section) => section.end);
      const expected = levels.map((depth, i) => {
        const next = levels.findIndex((other, j) => j > i && other <= depth);
        return next === -1 ? levels.length : next;
      });
      assert.deepEqual(ends, expected);
    }),
    { seed: 20261205 },
  );
});
