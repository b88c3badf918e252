// What the player's effects write to the scrollback, as plain values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Effect } from '../../src/player/effects.js';
import { shellStyles } from '../../src/ui/highlight.js';
import { commandRows, printedLines, shownLines, verdictLines } from '../../src/ui/scrollback.js';
import { plain } from '../../src/ui/text.js';
import { viewStyles } from '../../src/ui/views.js';

const values = new Map([['CLUSTER', 'east']]);
const at = { file: 'w.md', line: 1, column: 1 };
const verdict = (result: 'passed' | 'failed', failure?: { kind: 'status' | 'expected-output'; message: string }) =>
  ({ kind: 'verdict', result, failure, attempts: 1, durationMs: 1, at }) satisfies Effect;

test('commentary: Markdown is rendered and a shell block’s comments are coloured, ${NAME}s with their values', () => {
  assert.deepEqual(shownLines('Cluster *${CLUSTER}* is up.', 'markdown', 40, values).map(plain), [
    'Cluster east is up.',
  ]);
  const comments = shownLines('# on ${CLUSTER}\n# a second line that is long enough to wrap', 'shell', 24, values);
  assert.deepEqual(comments.map(plain), ['# on east', '# a second line that is', 'long enough to wrap']);
  assert.ok(comments.every((line) => line.every((s) => s.sgr === shellStyles.comment)));
});

test('@print: a # line is coloured as a comment, any other line is plain', () => {
  const [comment, other] = [printedLines('# ${CLUSTER}', 40, values), printedLines('hello ${CLUSTER}', 40, values)];
  assert.deepEqual([plain(comment[0]!), comment[0]![0]!.sgr], ['# east', shellStyles.comment]);
  assert.deepEqual([plain(other[0]!), other[0]![0]!.sgr], ['hello east', '']);
});

test('a command: a row per line, the first after the prompt, the others indented, values shown', () => {
  const rows = commandRows('kubectl --context ${CLUSTER} \\\n  get pods', values);
  assert.deepEqual(rows.map(plain), ['$ kubectl --context east \\', '    get pods']);
  assert.deepEqual(rows[0]![0], { text: '$ ', sgr: '1;32' });
  assert.deepEqual(commandRows('echo a\n\necho b', new Map()).map(plain), ['$ echo a', '  ', '  echo b']);
});

test('a verdict: why a shown command failed, dim when it was allowed to; nothing for a hidden or good one', () => {
  const shown = { shown: true, status: 3 };
  const lines = (effect: Extract<Effect, { kind: 'verdict' }>, judged = shown) =>
    verdictLines(effect, judged, 60).map((line) => [plain(line), line[0]!.sgr]);
  assert.deepEqual(lines(verdict('failed', { kind: 'status', message: 'failed with status 3' })), [
    ['✘ the command failed (exit status 3)', viewStyles.failure],
  ]);
  assert.deepEqual(
    lines(verdict('failed', { kind: 'expected-output', message: 'expected output not found: "Running"' })),
    [['✘ the command failed: expected output not found: "Running"', viewStyles.failure]],
  );
  assert.deepEqual(lines(verdict('passed', { kind: 'status', message: 'failed with status 3' })), [
    ['exit status 3 (allowed to fail)', viewStyles.dim],
  ]);
  assert.deepEqual(lines(verdict('passed', { kind: 'expected-output', message: 'no "Running"' })), [
    ['no "Running" (allowed to fail)', viewStyles.dim],
  ]);
  assert.deepEqual(lines(verdict('failed', { kind: 'status', message: 'x' }), { shown: false, status: 3 }), []);
  assert.deepEqual(lines(verdict('passed')), []);
});
