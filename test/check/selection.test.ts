import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bash, check, readIn } from './cli.js';

const workshop = [
  '# Setup',
  bash('export NAME=world', 'cd work', 'shout() { echo "$1!"; }', 'echo setup-ran > setup.txt'),
  '## Greeting',
  bash('shout "hello $NAME" > greeting.txt'),
  '## Details',
  bash('echo details > details.txt'),
  '# Cleanup',
  bash('echo cleanup > cleanup.txt'),
].join('\n');
// `work` exists beforehand: a replayed `cd work` cannot rely on an earlier `mkdir` (that is not replayed).
const files = { 'w.md': workshop, 'work/.keep': '' };

test('--from replays assignments, exports, functions and cd of earlier steps, and runs none of the rest', async () => {
  const run = await check(files, ['--from', 'greeting', 'w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^w\.md: from 2 "Greeting", earlier state replayed$/m);
  assert.equal(readIn(run.dir, 'work/greeting.txt'), 'hello world!\n');
  assert.throws(() => readIn(run.dir, 'work/setup.txt'), 'the echo of an earlier step ran');
  assert.equal(readIn(run.dir, 'work/cleanup.txt'), 'cleanup\n');
  assert.match(run.stdout, /^3 passed, 0 failed, 4 skipped$/m);
});

test('--no-replay runs the selection in a fresh shell', async () => {
  const run = await check(files, ['--from', '2', '--no-replay', 'w.md']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^FAIL .* w\.md:11 {2}shout "hello \$NAME" > greeting\.txt$/m);
  assert.match(run.stdout, /command not found/);
});

test('--to stops after that section (its subsections included)', async () => {
  const run = await check(files, ['--to', 'Setup', 'w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'work/details.txt'), 'details\n');
  assert.throws(() => readIn(run.dir, 'work/cleanup.txt'));
  assert.match(run.stdout, /^6 passed, 0 failed, 1 skipped$/m);
});

test('--only runs one section, with replay', async () => {
  const run = await check(files, ['--only', 'Greeting', 'w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'work/greeting.txt'), 'hello world!\n');
  assert.throws(() => readIn(run.dir, 'work/details.txt'));
  assert.match(run.stdout, /^1 passed, 0 failed, 6 skipped$/m);
});

test('a heading that is not there, or an impossible range, is a usage error', async () => {
  const missing = await check(files, ['--from', 'nowhere', 'w.md']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--from: no section is called "nowhere"/);
  const backwards = await check(files, ['--from', 'Cleanup', '--to', 'Greeting', 'w.md']);
  assert.equal(backwards.status, 2);
  assert.match(backwards.stderr, /--to 2 "Greeting" comes before --from 4 "Cleanup"/);
  const both = await check(files, ['--only', 'Cleanup', '--to', 'Greeting', 'w.md']);
  assert.equal(both.status, 2);
});
