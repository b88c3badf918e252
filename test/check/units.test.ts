import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { formatDuration, parseDuration } from '../../src/common/duration.js';
import { xmlText } from '../../src/check/junit.js';
import { firstLine, lastLines, MAX_TAIL_LINE } from '../../src/check/text.js';
import { plainText } from '../../src/common/plain-text.js';

test('durations: ms, s, m, h and combinations; anything else is refused', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration('10m'), 600_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('0'), 0);
  for (const bad of ['', '10', 'm', '5 m', '1x', '-1s', '1s2']) assert.equal(parseDuration(bad), undefined, bad);
});

test('durations print short', () => {
  assert.deepEqual([12.4, 1234, 12_345, 185_000, 3_725_000].map(formatDuration), [
    '12ms',
    '1.23s',
    '12.3s',
    '3m05s',
    '1h02m',
  ]);
  // Limits such as --step-timeout values print the way they are written.
  assert.deepEqual([500, 1000, 1500, 30_000, 600_000, 5_400_000, 3_600_000].map(formatDuration), [
    '500ms',
    '1s',
    '1.5s',
    '30s',
    '10m',
    '1h30m',
    '1h',
  ]);
});

test('terminal output becomes plain text: colours, OSC, clear and redrawn lines', () => {
  assert.equal(plainText('\x1b[31mred\x1b[0m \x1b]0;title\x07x\x1b[H\x1b[2J'), 'red x');
  assert.equal(plainText('10%\r50%\r100%\r\ndone'), '100%\ndone');
  assert.deepEqual(lastLines('a\nb\nc\n\n', 2), ['b', 'c']);
});

test('a report keeps at most MAX_TAIL_LINE characters of one output line', () => {
  const [line] = lastLines(`${'x'.repeat(MAX_TAIL_LINE + 1234)}\n`, 20);
  assert.equal(line, `${'x'.repeat(MAX_TAIL_LINE)}… (1234 more characters)`);
  assert.deepEqual(lastLines('y'.repeat(MAX_TAIL_LINE), 1), ['y'.repeat(MAX_TAIL_LINE)]);
});

test('first lines are shortened and say when more follows', () => {
  assert.equal(firstLine('echo a\necho b'), 'echo a …');
  assert.equal(firstLine('x'.repeat(150), 10), `${'x'.repeat(9)}…`);
});

test('XML text escapes markup and shows characters XML cannot hold', () => {
  const nasty = 'a<b>&"\'\x00\x1b\x7f\ud800 z';
  const escaped = xmlText(nasty);
  assert.equal(escaped, 'a&lt;b&gt;&amp;&quot;&apos;\\x00\\x1b\x7f\\xd800 z');
  assert.equal(XMLValidator.validate(`<a t="${escaped}">${escaped}</a>`), true);
});
