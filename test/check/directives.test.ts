import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bash, check, readIn } from './cli.js';

const hooked = [
  bash(
    '#@hook show_slides SLIDES',
    '#@show_slides',
    '#@ifhook show_slides',
    'echo "in ifhook" >> log',
    '#@endif',
    'echo end >> log',
  ),
].join('\n');

test('hooks run $DEMO_HOOK_… when it is set, and @ifhook bodies run', async () => {
  const run = await check({ 'w.md': hooked }, ['w.md'], { DEMO_HOOK_SLIDES: 'echo "slides shown" >> log' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'log'), 'slides shown\nin ifhook\nend\n');
  assert.match(run.stdout, /^ok .* w\.md:3 {2}show_slides$/m);
});

test('unset (or empty) hooks are no-ops, and @ifhook bodies do not run', async () => {
  for (const env of [{}, { DEMO_HOOK_SLIDES: '' }] as Record<string, string>[]) {
    const run = await check({ 'w.md': hooked }, ['w.md'], env);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(readIn(run.dir, 'log'), 'end\n');
  }
});

test('a failing hook fails the check like any command', async () => {
  const run = await check({ 'w.md': hooked }, ['w.md'], { DEMO_HOOK_SLIDES: 'false' });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^FAIL .* w\.md:3 {2}show_slides$/m);
});

test('an @ifhook looks at the environment stepdown started with; a hook reads its variable when called', async () => {
  const workshop = bash(
    '#@hook show_slides SLIDES',
    `export DEMO_HOOK_SLIDES='echo "set by the workshop" >> log'`,
    '#@show_slides',
    '#@ifhook show_slides',
    'echo "in ifhook" >> log',
    '#@endif',
    'echo end >> log',
  );
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'log'), 'set by the workshop\nend\n');
});

test('the builtins browser_then_terminal and start_livecast act only when both of their hooks are set', async () => {
  const workshop = [
    bash(
      'clear() { echo cleared >> log; }',
      '#@hook show_browser BROWSER',
      '#@hook show_slides SLIDES',
      '#@hook show_terminal TERMINAL',
    ),
    '<!-- @browser_then_terminal -->',
    '<!-- @start_livecast -->',
    bash('echo end >> log'),
  ].join('\n');
  const hooks = {
    DEMO_HOOK_BROWSER: 'echo browser >> log',
    DEMO_HOOK_SLIDES: 'echo slides >> log',
    DEMO_HOOK_TERMINAL: 'echo terminal >> log',
  };
  const both = await check({ 'w.md': workshop }, ['w.md'], hooks);
  assert.equal(both.status, 0, both.stdout + both.stderr);
  assert.equal(readIn(both.dir, 'log'), 'browser\ncleared\nterminal\nslides\ncleared\ncleared\nterminal\nend\n');
  assert.match(both.stdout, /Waiting\.\.\./);
  const { DEMO_HOOK_TERMINAL: _, ...withoutTerminal } = hooks;
  const one = await check({ 'w.md': workshop }, ['w.md'], withoutTerminal);
  assert.equal(one.status, 0, one.stdout + one.stderr);
  assert.equal(readIn(one.dir, 'log'), 'end\n');
});

test('a `#$` line is a comment, not a command; no ~/.demoshrc is read', async () => {
  const workshop = bash('#$ echo "typed, not run" >> log', 'echo end >> log');
  const run = await check(
    { 'w.md': workshop, '.demoshrc': 'echo rc >> log\n', '.demoshrc.md': bash('echo rc.md >> log') },
    ['w.md'],
    {
      HOME: '.',
    },
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'log'), 'end\n');
});

test("macros expand where they are called; the builtin wait_clear runs the shell's clear", async () => {
  const workshop = [
    bash('clear() { echo cleared >> log; }', '#@macro twice', 'echo one >> log', 'echo two >> log', '#@end'),
    '<!-- @twice -->',
    '<!-- @wait_clear -->',
    '<!-- @clear -->',
  ].join('\n');
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'log'), 'one\ntwo\ncleared\ncleared\n');
});

test('a command line naming a macro runs the macro, even over a shell function of that name', async () => {
  const workshop = [
    bash(
      'greet() { echo "function, not macro" >> log; }',
      '#@macro greet',
      'echo "hello from greet" >> log',
      '#@end',
      '#@macro twice',
      '  greet',
      '  greet',
      '#@end',
    ),
    '<!-- @SHOW -->',
    bash('twice', 'wait_clear', 'echo done >> log'),
  ].join('\n');
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'log'), 'hello from greet\nhello from greet\ndone\n');
  assert.doesNotMatch(run.stdout + run.stderr, /command not found/);
});

// demosh README, *Environment variables*: "`$SHELL` is `demosh` itself"; workshops run their parts with
// `#@$SHELL CREATE.md`.
test('`$SHELL FILE.md` runs another workshop with stepdown; under check it is checked, and its failure counts', async () => {
  const files = {
    'main.md': bash('echo main >> log', '#@$SHELL part.md', 'echo "back, SHELL is $(basename "$SHELL")" >> log'),
    'part.md': `<!-- @SHOW -->\n\n${bash('echo "part, with $1" >> log', 'echo part >&2')}`,
    'broken.md': bash('#@$SHELL failing.md first', 'echo never >> log'),
    'failing.md': bash('echo "failing got $1" >> log', 'false'),
  };
  const run = await check(files, ['main.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'log'), 'main\npart, with \nback, SHELL is stepdown\n');
  assert.match(run.stdout, /^ok .* main\.md:\d+ {2}\$SHELL part\.md$/m);

  const broken = await check(files, ['broken.md']);
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /^FAIL .* broken\.md:\d+ {2}\$SHELL failing\.md first$/m);
  // The nested check's own report is the failed call's output.
  assert.match(broken.stdout, /\| FAIL .* failing\.md:\d+ {2}false$/m);
  assert.equal(readIn(broken.dir, 'log'), 'failing got first\n');
});

// Corpus parts (linkerd-and-ingress, mtls-workshop, …) start with `set -e`, `DEMOSH_QUIET_FAILURE=true` and a
// test that ends with `exit 1` when there is nothing to do: demosh then stops the part silently, with status 0.
test('DEMOSH_QUIET_FAILURE: a failure that ends the run (set -e, or exit) ends it quietly with status 0', async () => {
  const files = {
    'main.md': bash('#@$SHELL part.md exists', 'echo "back" >> log', '#@$SHELL part.md missing', 'echo end >> log'),
    'part.md': bash(
      'set -e',
      'DEMOSH_QUIET_FAILURE=true',
      'if [ "$1" = exists ]; then echo "already there" >&2; exit 1; fi',
      'echo "created" >> log',
    ),
    'errexit.md': bash('set -e', 'DEMOSH_QUIET_FAILURE=yes', 'false', 'echo never >> log'),
    'loud.md': bash('set -e', 'DEMOSH_QUIET_FAILURE=no', 'false', 'echo never >> log'),
    'kept-going.md': bash('DEMOSH_QUIET_FAILURE=true', 'false', 'echo never >> log'),
  };
  const run = await check(files, ['main.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'log'), 'back\ncreated\nend\n');

  const errexit = await check(files, ['errexit.md']);
  assert.equal(errexit.status, 0, errexit.stdout + errexit.stderr);
  assert.match(
    errexit.stdout,
    /^errexit\.md:4:1: stopped here, as DEMOSH_QUIET_FAILURE asks \(it failed under set -e\)$/m,
  );
  assert.match(errexit.stdout, /^3 passed, 0 failed, 1 skipped$/m);

  // Only a failure that ends the run is quiet: without set -e a failure is one, as without the variable.
  for (const name of ['loud.md', 'kept-going.md']) {
    const loud = await check(files, [name]);
    assert.equal(loud.status, 1, name);
    assert.match(loud.stdout, /^FAIL .* false$/m, name);
  }
});

test('macros that call each other are an error before anything runs, with the chain, not a hang', async () => {
  const workshop = bash(
    'touch not-run-either',
    '#@macro a',
    '#@b',
    '#@end',
    '#@macro b',
    '#@a',
    '#@end',
    '#@a',
    'touch never-made',
  );
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /w\.md:\d+:\d+: error macros call each other in a loop: a → b → a \[macro-recursion\]/);
  assert.match(run.stderr, /not run: fix the errors above first/);
  assert.throws(() => readIn(run.dir, 'not-run-either'));
  assert.throws(() => readIn(run.dir, 'never-made'));
});

test('imports are inlined: their functions and commands run in the same shell', async () => {
  const files = {
    'w.md': ['<!-- @import lib/tools.sh -->', bash('greet world > out')].join('\n'),
    'lib/tools.sh': 'greet() {\n  echo "hello $1"\n}\necho imported > imported\n',
  };
  const run = await check(files, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'out'), 'hello world\n');
  assert.equal(readIn(run.dir, 'imported'), 'imported\n');
  assert.match(run.stdout, /^ok .* lib\/tools\.sh:4 {2}echo imported > imported$/m);
});

test('@SKIP regions do not run, up to the next @SHOW; hidden steps do run', async () => {
  const workshop = [
    bash('echo hidden >> log'),
    '<!-- @SKIP -->',
    bash('echo skipped >> log'),
    '<!-- @HIDE -->',
    bash('echo still-skipped >> log'),
    '<!-- @SHOW -->',
    bash('echo shown >> log'),
  ].join('\n');
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(readIn(run.dir, 'log'), 'hidden\nshown\n');
  assert.match(run.stdout, /^2 passed, 0 failed, 0 skipped$/m);
});

test('an unknown #@word runs as an immediate command', async () => {
  const ok = await check({ 'w.md': bash('#@touch made-by-word') }, ['w.md']);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal(readIn(ok.dir, 'made-by-word'), '');
  const missing = await check({ 'w.md': bash('#@no_such_command_here') }, ['w.md']);
  assert.equal(missing.status, 1);
  assert.match(missing.stdout, /exit status 127/);
});
