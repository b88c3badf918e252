import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { processesRunning, startedRunning, uniqueSleep } from '../session/leftovers.js';
import { alive, bash, check, readIn, startCheck } from './cli.js';

test('stops at the first failure: the command, its status and the tail of its output', async () => {
  const workshop = bash(
    'echo fine',
    'for i in $(seq 1 30); do echo "line $i"; done; exit_with() { return $1; }; exit_with 4',
    'touch never-made',
  );
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^ok .* w\.md:2 {2}echo fine$/m);
  assert.match(run.stdout, /^FAIL .* w\.md:3 {2}for i in/m);
  assert.match(run.stdout, /w\.md:3:1: command failed:/);
  assert.match(run.stdout, /exit status 4/);
  assert.match(run.stdout, /last 20 lines of output:\n {6}\| line 11\n[\s\S]*\| line 30\n/);
  assert.doesNotMatch(run.stdout, /\| line 10\n/);
  assert.match(run.stdout, /^1 passed, 1 failed, 1 skipped$/m);
  assert.throws(() => readIn(run.dir, 'never-made'));
});

test('--keep-going runs on and still exits 1; @failok may fail', async () => {
  const workshop = [
    '<!-- @failok -->',
    bash('false'),
    bash('exit_status() { return 3; }; exit_status', 'echo ran > ran.txt'),
  ].join('\n');
  const run = await check({ 'w.md': workshop }, ['--keep-going', 'w.md']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^ok .* w\.md:3 {2}false {2}\(status 1, @failok\)$/m);
  assert.equal(readIn(run.dir, 'ran.txt'), 'ran\n');
  assert.match(run.stdout, /^2 passed, 1 failed, 0 skipped$/m);
});

test('only @failok failures: exit 0', async () => {
  const run = await check({ 'w.md': ['<!-- @failok -->', bash('false')].join('\n') }, ['w.md']);
  assert.equal(run.status, 0, run.stdout);
});

test('set -e in the workshop wins over --keep-going, and set +e turns it off again', async () => {
  const workshop = bash('set -e', 'set +e', 'false', 'set -e', 'false', 'touch never-made');
  const run = await check({ 'w.md': workshop }, ['--keep-going', 'w.md']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /stopped: w\.md:6:1: command failed with status 1 \(set -e is in effect\)/);
  assert.match(run.stdout, /^3 passed, 2 failed, 1 skipped$/m);
});

test('exit 3 ends the run with status 3 and a clear message', async () => {
  const run = await check({ 'w.md': bash('echo one', 'exit 3', 'echo never') }, ['--keep-going', 'w.md']);
  assert.equal(run.status, 3);
  assert.match(run.stdout, /w\.md:3:1: the shell exited with status 3; the rest is not run/);
  assert.match(run.stdout, /^1 passed, 1 failed, 1 skipped$/m);
});

test('exec of another program ends the session, not a hang', async () => {
  const run = await check({ 'w.md': bash('exec bash --norc --noprofile -c "exit 5"', 'echo never') }, ['w.md']);
  assert.equal(run.status, 5);
  assert.match(run.stdout, /the shell exited with status 5/);
});

test('a command that stops its own shell: the shell is ended, the report says so, status 147', async () => {
  // A stop that went unseen would wait for the step timeout and end with 124 instead.
  const run = await check({ 'w.md': bash('echo one', 'kill -STOP $$', 'echo never > never.txt') }, [
    '--keep-going',
    '--step-timeout',
    '2m',
    'w.md',
  ]);
  assert.equal(run.status, 147, run.stdout);
  assert.match(run.stdout, /^FAIL .* w\.md:3 {2}kill -STOP \$\$$/m);
  assert.match(run.stdout, /w\.md:3:1: the shell was stopped .* stepdown ended it \(status 147\); the rest is not run/);
  assert.match(run.stdout, /^1 passed, 1 failed, 1 skipped$/m);
  assert.throws(() => readIn(run.dir, 'never.txt'));
});

test('--step-timeout fails a hanging command, says so with the limit, and the session goes on', async () => {
  // The command shrugs off the first SIGINT, so it is killed well after the limit: the report names the limit.
  const stubborn = `bash -c 'trap "" INT; sleep 60'`;
  const started = Date.now();
  const run = await check({ 'w.md': bash(stubborn, 'echo after > after.txt') }, [
    '--step-timeout',
    '1s',
    '--keep-going',
    'w.md',
  ]);
  assert.ok(Date.now() - started < 20_000);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^FAIL +[\d.]+s {2}w\.md:2 {2}bash -c/m);
  assert.match(run.stdout, /^ {6}timed out after 1s \(--step-timeout\), killed: status 124$/m);
  assert.equal(readIn(run.dir, 'after.txt'), 'after\n');
  assert.match(run.stdout, /^1 passed, 1 failed, 0 skipped$/m);
});

test('a timed-out command stops the run with a message that says it timed out', async () => {
  const run = await check({ 'w.md': bash('sleep 60', 'echo never') }, [
    '--step-timeout',
    '500ms',
    '--junit',
    'r.xml',
    'w.md',
  ]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^ {6}timed out after 500ms \(--step-timeout\), killed: status 124$/m);
  assert.match(run.stdout, /^stopped: w\.md:2:1: command timed out \(status 124\)$/m);
  assert.match(run.stdout, /^0 passed, 1 failed, 1 skipped$/m);
  assert.match(
    readIn(run.dir, 'r.xml'),
    /<failure message="timed out after 500ms \(--step-timeout\), exit status 124" type="timeout">/,
  );
});

test('commands that read stdin get end-of-file at once: nothing waits for the step timeout', async () => {
  const workshop = bash(
    'read x',
    'read -r -p "name? " name; echo "name=[$name]"',
    'cat',
    'head -n 1',
    'echo done > done.txt',
  );
  const started = Date.now();
  const run = await check({ 'w.md': workshop }, ['--step-timeout', '60s', '--keep-going', 'w.md']);
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  // `read` fails at end of input, as in any script run with </dev/null; the others just see no input.
  assert.match(run.stdout, /^FAIL .* w\.md:2 {2}read x$/m);
  assert.match(run.stdout, /^ {6}exit status 1$/m);
  assert.match(run.stdout, /^ok .* w\.md:3 {2}read -r -p/m);
  assert.match(run.stdout, /^ok .* w\.md:4 {2}cat$/m);
  assert.match(run.stdout, /^ok .* w\.md:5 {2}head -n 1$/m);
  assert.equal(readIn(run.dir, 'done.txt'), 'done\n');
  assert.doesNotMatch(run.stdout, /timed out/);
  assert.match(run.stdout, /^4 passed, 1 failed, 0 skipped$/m);
});

test('a background job started by a step is gone when check ends', async () => {
  const run = await check({ 'w.md': bash('sleep 1000 & echo $! > pid') }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const pid = Number(readIn(run.dir, 'pid'));
  assert.ok(pid > 0);
  assert.equal(alive(pid), false, `sleep ${pid} outlived check`);
});

test('a process that left both the session and the terminal is gone when check ends', async () => {
  const [forked, subshell] = [uniqueSleep(), uniqueSleep()];
  const workshop = bash(
    `setsid -f sleep ${forked} </dev/null >/dev/null 2>&1`,
    `(setsid sleep ${subshell} </dev/null >/dev/null 2>&1 &)`,
    `until pgrep -f '^sleep ${subshell}$' >/dev/null && pgrep -f '^sleep ${forked}$' >/dev/null; do sleep 0.02; done`,
  );
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  for (const seconds of [forked, subshell])
    assert.deepEqual(processesRunning(['sleep', String(seconds)]), [], `sleep ${seconds} outlived check`);
});

for (const [signal, status] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  test(`${signal} during a command: nothing started by the workshop is left (setsid, nohup), no temp folder, exit ${status}`, async () => {
    const [escaped, immune, job] = [uniqueSleep(), uniqueSleep(), uniqueSleep()];
    const workshop = bash(
      `setsid sleep ${escaped} &`,
      `nohup sleep ${immune} >/dev/null 2>&1 &`,
      `sleep ${job} &`,
      'echo "${PATH%%:*}" > bin-dir',
      'echo started',
      'sleep 1000',
      'echo never',
    );
    const started = startCheck({ 'w.md': workshop }, ['w.md']);
    await started.waitFor('echo started');
    const binDir = readIn(started.dir, 'bin-dir').trim();
    for (const seconds of [escaped, immune, job]) {
      assert.equal(
        (await startedRunning(['sleep', String(seconds)])).length,
        1,
        `sleep ${seconds} runs before the signal`,
      );
    }
    assert.ok(existsSync(binDir), binDir);
    started.child.kill(signal);
    const run = await started.finished;
    assert.equal(run.status, status, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`interrupted by ${signal}`));
    // Every command is accounted for: the one that was running failed, the one after it did not run.
    assert.match(run.stdout, /^5 passed, 1 failed, 1 skipped$/m);
    for (const seconds of [escaped, immune, job]) {
      assert.deepEqual(processesRunning(['sleep', String(seconds)]), [], `sleep ${seconds} outlived check`);
    }
    assert.equal(existsSync(dirname(binDir)), false, `the session's temporary folder ${dirname(binDir)} is gone`);
  });
}

test('output closed early (`stepdown check … | head`): the run ends as SIGPIPE would end it, quietly, nothing left', async () => {
  const workshop = bash('sleep 1000 & echo $! > pid', 'echo started', 'sleep 0.2', 'sleep 0.2', 'sleep 1000');
  const started = startCheck({ 'w.md': workshop }, ['w.md']);
  await started.waitFor('echo started');
  // The reader goes away, as `head` does once it has its lines: check's next write finds no one to read it.
  started.child.stdout!.destroy();
  const run = await started.finished;
  assert.equal(run.status, 141, run.stderr);
  assert.equal(run.stderr, '', 'no error, no stack trace');
  const pid = Number(readIn(started.dir, 'pid'));
  assert.equal(alive(pid), false, `sleep ${pid} outlived check`);
});
