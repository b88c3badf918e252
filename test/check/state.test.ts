import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bash, check, readIn } from './cli.js';

test('state persists between commands: variables, exports, functions, aliases, cd', async () => {
  const workshop = [
    '# State',
    bash(
      'X=1',
      'export Y=two',
      'greet() {',
      '  echo "hi $1"',
      '}',
      "alias ll='echo aliased'",
      'mkdir -p sub && cd sub',
    ),
    'Later, in another block:',
    bash(
      'test "$X" = 1',
      'bash -c \'test "$Y" = two\'',
      'test "$(greet you)" = "hi you"',
      'test "$(ll)" = aliased',
      'test "$(basename "$PWD")" = sub',
      'test "${UNSET:-fallback}" = fallback',
    ),
  ].join('\n');
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^11 passed, 0 failed, 0 skipped$/m);
});

test('heredocs and multi-line commands run as one command', async () => {
  const workshop = bash(
    'cat > out.txt <<EOF',
    'line one $((1 + 1))',
    "it's here",
    'EOF',
    'for i in 1 2; do',
    '  echo "n$i" >> out.txt',
    'done',
  );
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'out.txt'), "line one 2\nit's here\nn1\nn2\n");
  assert.match(run.stdout, /^2 passed, 0 failed, 0 skipped$/m);
});

test('arguments after the file are $1…, $0 is the file; pagers and editors cannot wait', async () => {
  const workshop = bash(
    'test "$0" = w.md && test "$1" = a && test "$2" = "b c" && test "$3" = --flag && test $# = 3',
    'test "$PAGER" = cat && test "$GIT_PAGER" = cat && test "$EDITOR" = true',
    '! read -r line',
  );
  const run = await check({ 'w.md': workshop }, ['w.md', 'a', 'b c', '--flag']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^3 passed, 0 failed, 0 skipped$/m);
});

test('less and more print their file and end instead of waiting for a key', async () => {
  const notes = Array.from({ length: 100 }, (_, i) => `note ${i + 1}`).join('\n');
  const workshop = bash('less -e notes.txt', 'more notes.txt', 'seq 100 | less -R');
  const started = Date.now();
  const run = await check({ 'w.md': workshop, 'notes.txt': `${notes}\n` }, ['--step-timeout', '30s', 'w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^3 passed, 0 failed, 0 skipped$/m);
  assert.ok(Date.now() - started < 30_000, 'no command waited for its timeout');
});

test('a pager the user set is kept', async () => {
  const run = await check({ 'w.md': bash('test "$PAGER" = "less -R"') }, ['w.md'], { PAGER: 'less -R' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('a changed PS1 or PROMPT_COMMAND does not confuse the session', async () => {
  const workshop = bash(
    "PS1='weird> '; PROMPT_COMMAND='echo from-prompt'",
    'echo one > a.txt',
    'test "$(cat a.txt)" = one',
  );
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^3 passed, 0 failed, 0 skipped$/m);
});

test('megabytes of output and no trailing newline are fine', async () => {
  const workshop = bash('head -c 5000000 /dev/zero | tr "\\0" x', 'printf "no newline"', 'echo next > n.txt');
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'n.txt'), 'next\n');
});

test("a workshop's EXIT trap runs however the run ends: at the end, or stopped by a failure", async () => {
  const trap = `trap 'echo cleaned >> "${'$'}TRAP_LOG"' EXIT`;
  for (const [last, status] of [
    ['true', 0],
    ['false', 1],
  ] as const) {
    const run = await check({ 'w.md': bash('export TRAP_LOG=$PWD/log', trap, last, 'echo after >> log') }, ['w.md']);
    assert.equal(run.status, status, run.stdout + run.stderr);
    assert.equal(readIn(run.dir, 'log'), status === 0 ? 'after\ncleaned\n' : 'cleaned\n');
  }
});
