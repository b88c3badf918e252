import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { shellQuote } from '../../src/localcluster/plan/quote.js';
import { formatAction } from '../../src/localcluster/plan/format.js';

const WORDS = ['plain', 'a b', "it's", '$HOME', 'my certs\nrm -rf $HOME', "a'b\\c\n\t\x1b\x7f", 'ünïcode ✓'];

test('a quoted word stays on one line and bash reads it back as it was', () => {
  for (const word of WORDS) {
    const quoted = shellQuote(word);
    assert.doesNotMatch(quoted, /\n/, quoted);
    assert.equal(execFileSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' }), word);
  }
});

test('in-process steps and notes stay one comment line whatever paths they name', () => {
  const dir = 'my certs\nrm -rf $HOME';
  for (const action of [
    { kind: 'anchor', dir } as const,
    { kind: 'issuer', anchorDir: dir, dir: `${dir}/faces` } as const,
    { kind: 'note', text: `trust anchor ${dir}/root.crt kept` } as const,
  ]) {
    const line = formatAction(action);
    assert.doesNotMatch(line, /\n/, line);
    assert.match(line, /^# /);
  }
});
