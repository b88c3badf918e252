import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bash, check, readIn } from './cli.js';

test('an unknown flag is a usage error (exit 2)', async () => {
  const run = await check({ 'w.md': bash('true') }, ['--no-such-flag', 'w.md']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /unknown option '--no-such-flag'/);
});

test('a missing file is a usage error (exit 2)', async () => {
  const run = await check({}, ['missing.md']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'stepdown: missing.md: no such file\n');
});

test('a folder is a usage error that says what it is (exit 2)', async () => {
  const run = await check({ 'dir.md/inside.md': bash('true') }, ['dir.md']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'stepdown: dir.md: is a directory, not a workshop file\n');
});

test('a bad --step-timeout is a usage error (exit 2)', async () => {
  const run = await check({ 'w.md': bash('true') }, ['--step-timeout', '10 minutes', 'w.md']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--step-timeout: expected a duration such as 30s, 10m or 1h, got "10 minutes"/);
});

test('parse errors are printed file:line:col and nothing runs (exit 1)', async () => {
  const workshop = [bash('touch ran'), '<!-- @import nowhere.sh -->', bash('echo "unclosed')].join('\n');
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^w\.md:5:6: error cannot import `nowhere\.sh`/m);
  assert.match(run.stderr, /^w\.md:7:6: error shell syntax: unterminated quoted string/m);
  assert.match(run.stderr, /not run: fix the errors above first/);
  assert.equal(run.stdout, '');
  assert.throws(() => readIn(run.dir, 'ran'));
});

test('options after the file belong to the workshop', async () => {
  const run = await check({ 'w.md': bash('test "$1" = --keep-going') }, ['w.md', '--keep-going']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
