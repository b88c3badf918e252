// `stepdown check --each`: several workshops in one run, each in its own shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { bash, check, startCheck } from './cli.js';

const files = {
  'workshops/a-first.md': ['# First', bash('export SECRET=from-the-first', 'echo "first: $SECRET"')].join('\n'),
  'workshops/b-second.md': [
    '# Second',
    '<!-- @expect unset -->',
    bash('echo "second sees ${SECRET:-unset}"'),
    bash('false'),
    bash('echo never'),
  ].join('\n'),
  'workshops/notes.txt': 'not a workshop',
};

test('--each --jobs 2: grouped output, one closing count, one JUnit with a suite per workshop, exit 1', async () => {
  const run = await check(files, ['--each', '--jobs', '2', '--junit', 'j.xml', '--json', 'r.json', 'workshops']);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  // Groups in the order given (folders sorted), never interleaved.
  const lines = run.stdout.split('\n');
  const first = lines.indexOf('== workshops/a-first.md');
  const second = lines.indexOf('== workshops/b-second.md');
  assert.ok(first >= 0 && second > first, run.stdout);
  assert.ok(
    lines.slice(first, second).every((line) => !line.includes('b-second.md')),
    `the first group holds only its own lines:\n${run.stdout}`,
  );
  assert.match(lines.slice(first, second).join('\n'), /workshops\/a-first\.md: 2 passed, 0 failed, 0 skipped/);
  // The second workshop's shell never saw the first one's export.
  assert.match(run.stdout, /^ok .* workshops\/b-second\.md:4 {2}echo "second sees/m);
  assert.match(run.stdout, /^FAIL .* workshops\/b-second\.md:8 {2}false$/m);
  assert.match(run.stdout, /^2 workshops, 1 failed\n3 passed, 1 failed, 1 skipped\n$/m);
  assert.ok(run.stdout.endsWith('3 passed, 1 failed, 1 skipped\n'));

  const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(run.dir, 'j.xml'), 'utf8'));
  const suites = junit.testsuites.testsuite;
  assert.deepEqual(
    suites.map((s: Record<string, string>) => [s['@_name'], s['@_tests'], s['@_failures']]),
    [
      ['workshops/a-first.md', '2', '0'],
      ['workshops/b-second.md', '3', '1'],
    ],
  );
  assert.equal(junit.testsuites['@_failures'], '1');
  const json = JSON.parse(readFileSync(join(run.dir, 'r.json'), 'utf8'));
  assert.deepEqual(
    [json.passed, json.failed, json.skipped, json.status, json.workshops.map((w: { file: string }) => w.file)],
    [3, 1, 1, 1, ['workshops/a-first.md', 'workshops/b-second.md']],
  );
});

test('--each: a workshop with errors is not run, the others are; files and folders mix', async () => {
  const run = await check({ ...files, 'bad.md': '<!-- @status 999 -->\n```bash\ntouch ran\n```\n' }, [
    '--each',
    'bad.md',
    'workshops/a-first.md',
  ]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^bad\.md:1:6: error `@status 999`/m);
  assert.throws(() => readFileSync(join(run.dir, 'ran')));
  assert.match(run.stdout, /^2 workshops, 1 failed\n2 passed, 0 failed, 0 skipped$/m);
});

test('without --each the arguments after the file are still $1 …; --jobs alone and bad paths are usage errors', async () => {
  const positional = await check({ 'w.sh': 'test "$1" = workshops/b-second.md\n', ...files }, [
    'w.sh',
    'workshops/b-second.md',
  ]);
  assert.equal(positional.status, 0, positional.stdout + positional.stderr);
  assert.equal((await check(files, ['--jobs', '2', 'workshops'])).status, 2);
  const missing = await check(files, ['--each', 'workshops', 'nowhere']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nowhere/);
  const zero = await check(files, ['--each', '--jobs', '0', 'workshops']);
  assert.equal(zero.status, 2);
  assert.match(zero.stderr, /--jobs: expected a number from 1 to 64/);
});

test('--each: SIGINT ends the whole run with 130, and the workshops not started yet do not start', async () => {
  const started = startCheck({ 'one.md': bash('touch started', 'sleep 30'), 'two.md': bash('touch two-ran') }, [
    '--each',
    'one.md',
    'two.md',
  ]);
  const deadline = Date.now() + 20_000;
  while (!existsSync(join(started.dir, 'started'))) {
    assert.ok(Date.now() < deadline, 'the first workshop started');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  started.child.kill('SIGINT');
  const run = await started.finished;
  assert.equal(run.status, 130, run.stdout + run.stderr);
  assert.match(run.stdout, /^interrupted by SIGINT$/m);
  assert.match(run.stdout, /^1 workshop, 1 failed$/m);
  assert.equal(existsSync(join(run.dir, 'two-ran')), false);
});
