import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  charWidth,
  hardWrap,
  lineWidth,
  plain,
  span,
  textWidth,
  toAnsi,
  truncate,
  withStyle,
  wrap,
} from '../../src/ui/text.js';

const rows = (lines: ReturnType<typeof wrap>) => lines.map(plain);

test('display width counts wide characters twice and combining marks not at all', () => {
  assert.equal(textWidth('abc'), 3);
  assert.equal(textWidth('日本'), 4);
  assert.equal(textWidth('e\u0301'), 1);
  assert.equal(textWidth('🚀'), 2);
  assert.equal(charWidth(0x1b), 0);
});

test('wrap breaks at spaces and never exceeds the width', () => {
  const lines = wrap([span('the quick brown fox jumps over the lazy dog')], 10);
  assert.deepEqual(rows(lines), ['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
  for (const line of lines) assert.ok(lineWidth(line) <= 10);
});

test('a word may span styles and stays whole; styles survive the break', () => {
  const lines = wrap([span('see '), span('bold', '1'), span(', then more')], 9);
  assert.deepEqual(rows(lines), ['see bold,', 'then more']);
  assert.deepEqual(lines[0], [span('see '), span('bold', '1'), span(',')]);
});

test('words longer than the row are cut, and a prefix indents the rows after the first', () => {
  assert.deepEqual(rows(wrap([span('abcdefghij')], 4)), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(rows(wrap([span('one two three')], 8, { first: [span('• ')] })), ['• one', '  two', '  three']);
});

test('a newline in the text is a hard break; empty text is one empty row', () => {
  assert.deepEqual(rows(wrap([span('a\nb')], 10)), ['a', 'b']);
  assert.deepEqual(rows(wrap([], 10)), ['']);
});

test('hardWrap cuts at the width, keeping spaces', () => {
  assert.deepEqual(hardWrap([span('ab  cd', '1')], 3).map(plain), ['ab ', ' cd']);
  assert.deepEqual(hardWrap([span('日本語')], 4).map(plain), ['日本', '語']);
});

test('truncate, withStyle and toAnsi', () => {
  assert.equal(plain(truncate([span('hello'), span(' world', '1')], 7)), 'hello w');
  assert.deepEqual(withStyle([span('a'), span('b', '3')], '1'), [span('a', '1'), span('b', '1;3')]);
  assert.equal(toAnsi([span('a'), span('b', '31')]), 'a\x1b[31mb\x1b[0m');
  assert.equal(toAnsi([span('b', '31')], false), 'b', 'NO_COLOR: no colours');
  assert.equal(toAnsi([span('b', '1;4;95')], false), '\x1b[1;4mb\x1b[0m', 'NO_COLOR: bold and underline stay');
});
