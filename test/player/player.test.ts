import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Player } from '../../src/player/player.js';
import { KEY, call, clear, cmd, drive, heading, hook, ifhook, macro, mode, play, print, text, wait } from './script.js';

const interactive = { interactive: true } as const;

describe('check mode (not interactive)', () => {
  test('runs hidden and shown commands alike, and nothing else', () => {
    const trace = play([cmd('a'), mode('SHOW'), text('hello'), wait(), cmd('b'), print('x'), mode('HIDE'), cmd('c')]);
    assert.deepEqual(trace, ['run a', 'run b', 'run c', 'end finished 0']);
  });

  test('@SKIP regions do not run, until @SHOW (not @HIDE)', () => {
    const trace = play([cmd('a'), mode('SKIP'), cmd('b'), mode('HIDE'), cmd('c'), clear(), mode('SHOW'), cmd('d')]);
    assert.deepEqual(trace, ['run a', 'run d', 'end finished 0']);
  });

  test("@clear runs the shell's clear", () => {
    assert.deepEqual(play([clear()]), ['run clear clear', 'end finished 0']);
  });

  test('stops at the first failure and counts the rest as skipped', () => {
    const trace = play([cmd('a'), cmd('b'), cmd('c'), call('d')], {}, { status: { b: 2 } });
    assert.deepEqual(trace.slice(0, 5), [
      'run a',
      'run b',
      'verdict failed: failed with status 2',
      'skipped stopped c',
      'skipped stopped d',
    ]);
    assert.match(trace.at(-1)!, /^end failed 1: w\.md:\d+:1: command failed with status 2$/);
  });

  test('a command killed by the timeout stops the run with a message that says so', () => {
    const trace = play([cmd('a'), cmd('b')], {}, { status: { a: 124 }, timesOut: ['a'] });
    assert.deepEqual(trace.slice(0, 3), ['run a', 'verdict failed: timed out (status 124)', 'skipped stopped b']);
    assert.match(trace.at(-1)!, /^end failed 1: w\.md:\d+:1: command timed out \(status 124\)$/);
  });

  test('keep-going runs on and still ends with status 1', () => {
    const trace = play([cmd('a'), cmd('b')], { keepGoing: true }, { status: { a: 1 } });
    assert.deepEqual(trace, ['run a', 'verdict failed: failed with status 1', 'run b', 'end finished 1']);
  });

  test('set -e wins over keep-going', () => {
    const trace = play(
      [cmd('set -e'), cmd('a'), cmd('b')],
      { keepGoing: true },
      { errexitAfter: ['set -e'], status: { a: 1 } },
    );
    assert.deepEqual(trace.slice(0, 4), [
      'run set -e',
      'run a',
      'verdict failed: failed with status 1',
      'skipped stopped b',
    ]);
    assert.match(trace.at(-1)!, /^end failed 1: .*command failed with status 1 \(set -e is in effect\)$/);
  });

  test('@failok commands may fail', () => {
    const trace = play([cmd('a', { failOk: true }), cmd('b')], {}, { status: { a: 7 } });
    assert.deepEqual(trace, ['run a', 'verdict passed: failed with status 7', 'run b', 'end finished 0']);
  });

  test('a shell that exits ends the run with its status', () => {
    const trace = play([cmd('exit 3'), cmd('b')], { keepGoing: true }, { exits: ['exit 3'], status: { 'exit 3': 3 } });
    assert.deepEqual(trace.slice(1, 3), ['verdict failed: failed with status 3', 'skipped stopped b']);
    assert.match(trace.at(-1)!, /^end exited 3: w\.md:\d+:1: the shell exited with status 3; the rest is not run$/);
  });

  test('exit 0 after a failure still ends with status 1', () => {
    const trace = play([cmd('false'), cmd('exit 0')], { keepGoing: true }, { exits: ['exit 0'], status: { false: 1 } });
    assert.match(trace.at(-1)!, /^end exited 1: /);
  });

  test('the failure of housekeeping (clear) neither counts nor stops', () => {
    const trace = play([clear(), cmd('a')], {}, { status: { clear: 1 } });
    assert.deepEqual(trace, ['run clear clear', 'run a', 'end finished 0']);
  });
});

describe('macros', () => {
  test('are expanded on call, after their definition is reached', () => {
    const steps = [call('m'), macro('m', cmd('x'), call('y')), call('m')];
    assert.deepEqual(play(steps), ['run call m', 'run x (in m)', 'run call y (in m)', 'end finished 0']);
  });

  test('bodies start hidden, as in demosh, and the caller keeps its mode', () => {
    const steps = [mode('SHOW'), macro('m', text('inside'), cmd('x')), call('m'), cmd('after')];
    const trace = play(steps, interactive);
    assert.deepEqual(trace, ['run x (in m)', 'type after', 'wait before', 'run after', 'end finished 0']);
  });

  // demosh README, *Macros*: a macro need not be invoked with a leading `#@`; shellstate.py looks the first
  // word of each command up among the macros before it runs a shell.
  test('a command whose first word is a macro defined at that point runs the macro, not the command', () => {
    const steps = [cmd('greet'), macro('greet', cmd('echo hi')), cmd('greet'), cmd('greet world && echo after')];
    assert.deepEqual(play(steps), ['run greet', 'run echo hi (in greet)', 'run echo hi (in greet)', 'end finished 0']);
  });

  test('a macro may call another plainly, and the caller carries on after it', () => {
    const steps = [
      macro('greet', cmd('echo hi')),
      macro('twice', cmd('greet'), cmd('echo between'), cmd('greet')),
      cmd('twice'),
      cmd('echo done'),
    ];
    assert.deepEqual(play(steps), [
      'run echo hi (in greet)',
      'run echo between (in twice)',
      'run echo hi (in greet)',
      'run echo done',
      'end finished 0',
    ]);
  });

  test('presenting, a plain call is typed and waited for like a command, then the body runs (demosh too)', () => {
    const steps = [mode('SHOW'), macro('greet', cmd('echo hi')), cmd('greet'), call('greet')];
    assert.deepEqual(play(steps, interactive), [
      'type greet',
      'wait before',
      'run echo hi (in greet)',
      'run echo hi (in greet)',
      'end finished 0',
    ]);
    // `+` passes over the call: the macro does not run.
    assert.deepEqual(play(steps, interactive, { keys: [KEY.plus] }), [
      'type greet',
      'wait before',
      'skipped key greet',
      'run echo hi (in greet)',
      'end finished 0',
    ]);
  });

  // demosh README: `-` and `+` "currently [don't] work well when executing a macro"; here they do.
  test('+ and - work on the commands of a macro as anywhere else', () => {
    const steps = [macro('m', mode('SHOW'), cmd('a'), cmd('b'), cmd('c')), call('m'), cmd('after')];
    const trace = play(steps, interactive, { keys: [KEY.ret, KEY.plus, KEY.minus, KEY.ret, KEY.ret, KEY.ret] });
    assert.deepEqual(trace, [
      'type a',
      'wait before',
      'run a (in m)',
      'type b',
      'wait before',
      'skipped key b',
      'type c',
      'wait before',
      // `-` runs the last shown command again, then the macro goes on where it was.
      'type a (at once)',
      'wait before',
      'run a (in m)',
      'type c (at once)',
      'wait before',
      'run c (in m)',
      'run after',
      'end finished 0',
    ]);
  });

  test('a macro defined in an @SKIP region is defined all the same (demosh reads every definition)', () => {
    const steps = [mode('SKIP'), macro('m', cmd('x')), mode('SHOW'), call('m')];
    assert.deepEqual(play(steps), ['run x (in m)', 'end finished 0']);
  });

  test('plain recursion ends the run with the chain, like @ recursion', () => {
    const steps = [macro('a', cmd('b')), macro('b', cmd('a')), cmd('a'), cmd('later')];
    const trace = play(steps, { keepGoing: true });
    assert.deepEqual(trace.slice(0, 1), ['skipped stopped later']);
    assert.match(trace.at(-1)!, /^end error 1: w\.md:\d+:1: macro `a` calls itself: a → b → a$/);
  });

  test('recursion ends the run with a clear error, not a stack overflow', () => {
    const steps = [macro('a', cmd('x'), call('b')), macro('b', call('a')), call('a'), cmd('later')];
    const trace = play(steps, { keepGoing: true });
    assert.deepEqual(trace.slice(0, 2), ['run x (in a)', 'skipped stopped later']);
    assert.match(trace.at(-1)!, /^end error 1: w\.md:\d+:1: macro `a` calls itself: a → b → a$/);
  });
});

describe('hooks', () => {
  const steps = () => [
    hook('show_slides', 'SLIDES'),
    call('show_slides'),
    ifhook('show_slides', cmd('inside')),
    ifhook('undefined_hook', cmd('never')),
  ];

  test('a hook defines a shell function and is called as an immediate command', () => {
    assert.deepEqual(play(steps()), ['run hook show_slides', 'run call show_slides', 'end finished 0']);
  });

  test("@ifhook bodies run only when the hook's variable is set and non-empty", () => {
    const trace = play(steps(), { hooks: new Set(['DEMO_HOOK_SLIDES']) });
    assert.deepEqual(trace, ['run hook show_slides', 'run call show_slides', 'run inside', 'end finished 0']);
  });

  test('hooks are defined even inside @SKIP regions (demosh defines them all up front)', () => {
    const trace = play([mode('SKIP'), hook('h', 'H'), call('h'), mode('SHOW'), call('h')]);
    assert.deepEqual(trace, ['run hook h', 'run call h', 'end finished 0']);
  });

  test('a hook name that is not a shell name is an error', () => {
    const trace = play([hook('bad name', 'X'), cmd('a')]);
    assert.match(trace.at(-1)!, /^end error 1: w\.md:\d+:1: invalid hook: bad name X$/);
    assert.equal(trace[0], 'skipped stopped a');
  });
});

describe('presenting (interactive)', () => {
  test('starts hidden: commands run untyped, commentary is not shown', () => {
    assert.deepEqual(play([text('intro'), cmd('a')], interactive), ['run a', 'end finished 0']);
  });

  test('show mode: commentary, typed command, wait before, run', () => {
    const trace = play([mode('SHOW'), heading('Start'), text('hello'), cmd('a')], interactive);
    assert.deepEqual(trace, ['show ## Start', 'show hello', 'type a', 'wait before', 'run a', 'end finished 0']);
  });

  test('flags: typeout, waitBefore, waitAfter, show', () => {
    const steps = [
      mode('SHOW'),
      cmd('a', { typeout: false }),
      cmd('b', { waitBefore: false, waitAfter: true }),
      cmd('c', { show: false, waitBefore: false }),
    ];
    assert.deepEqual(play(steps, interactive), [
      'type a (at once)',
      'wait before',
      'run a',
      'type b',
      'run b',
      'wait after',
      'run c',
      'end finished 0',
    ]);
  });

  test('@wait waits in hidden mode too; @print waits after only in show mode', () => {
    const trace = play([wait(), print('p1'), mode('SHOW'), print('p2'), wait()], interactive);
    assert.deepEqual(trace, ['wait explicit', 'print p1', 'print p2', 'wait after', 'wait explicit', 'end finished 0']);
  });

  test('a failing shown command waits for the presenter; - retries it', () => {
    const trace = play([mode('SHOW'), cmd('a', { waitBefore: false }), cmd('b', { waitBefore: false })], interactive, {
      status: { a: 1 },
      keys: [KEY.minus, KEY.ret, KEY.ret],
    });
    assert.deepEqual(trace, [
      'type a',
      'run a',
      'verdict failed: failed with status 1',
      'wait failed',
      'type a (at once)',
      'wait before',
      'run a',
      'verdict failed: failed with status 1',
      'wait failed',
      'type b',
      'run b',
      'end finished 1',
    ]);
  });

  test('set -e stops an interactive run too', () => {
    const trace = play([cmd('set -e'), cmd('a'), cmd('b')], interactive, {
      errexitAfter: ['set -e'],
      status: { a: 1 },
    });
    assert.equal(trace.at(-1)!.startsWith('end failed 1'), true);
  });

  test('+ skips the command', () => {
    const trace = play([mode('SHOW'), cmd('a'), cmd('b')], interactive, { keys: [KEY.plus] });
    assert.deepEqual(trace, [
      'type a',
      'wait before',
      'skipped key a',
      'type b',
      'wait before',
      'run b',
      'end finished 0',
    ]);
  });

  test('- runs the previous shown command again, then comes back', () => {
    const trace = play(
      [mode('SHOW'), cmd('a'), cmd('hidden', { show: false, waitBefore: false }), cmd('b')],
      interactive,
      {
        keys: [KEY.ret, KEY.minus],
      },
    );
    assert.deepEqual(trace, [
      'type a',
      'wait before',
      'run a',
      'run hidden',
      'type b',
      'wait before',
      'type a (at once)',
      'wait before',
      'run a',
      'type b (at once)',
      'wait before',
      'run b',
      'end finished 0',
    ]);
  });

  test('- with nothing earlier says so and waits again', () => {
    const trace = play([mode('SHOW'), cmd('a')], interactive, { keys: [KEY.minus] });
    assert.deepEqual(trace, [
      'type a',
      'wait before',
      'notice nothing earlier to repeat',
      'type a (at once)',
      'wait before',
      'run a',
      'end finished 0',
    ]);
  });

  test('! opens the shell and comes back to the same command', () => {
    const trace = play([mode('SHOW'), cmd('a')], interactive, { keys: [KEY.bang] });
    assert.deepEqual(trace, [
      'type a',
      'wait before',
      'shell',
      'type a (at once)',
      'wait before',
      'run a',
      'end finished 0',
    ]);
  });

  test('Q ends at once', () => {
    const trace = play([mode('SHOW'), cmd('a'), cmd('b')], interactive, { keys: [KEY.quit] });
    assert.deepEqual(trace, ['type a', 'wait before', 'end quit 0']);
  });

  test('a key pressed while typing stands in for the wait before', () => {
    const trace = play([mode('SHOW'), cmd('a'), cmd('b', { waitBefore: false })], interactive, {
      typingKeys: { a: KEY.ret, b: KEY.plus },
    });
    assert.deepEqual(trace, ['type a', 'run a', 'type b', 'skipped key b', 'end finished 0']);
  });
});

describe('protocol', () => {
  test('next must be answered as the effect asks', () => {
    const player = new Player([cmd('a')], { interactive: false, hooks: new Set() });
    assert.equal(player.next().kind, 'run');
    assert.throws(() => player.next(), /expected ran, got nothing/);
  });

  test('end repeats', () => {
    const player = new Player([], { interactive: false, hooks: new Set() });
    assert.equal(player.next().kind, 'end');
    assert.equal(player.next().kind, 'end');
  });

  test('progress counts top-level commands and knows the heading', () => {
    const player = new Player([heading('One'), cmd('a'), cmd('b'), heading('Two'), cmd('c')], {
      interactive: false,
      hooks: new Set(),
    });
    assert.deepEqual([player.progress.step, player.progress.steps], [0, 3]);
    player.next();
    const ran = { status: 0, output: '', durationMs: 1, timedOut: false, errexit: false, shellExited: false };
    assert.equal(player.next({ kind: 'ran', result: ran }).kind, 'verdict');
    player.next();
    const progress = player.progress;
    assert.deepEqual([progress.step, progress.steps, progress.heading?.text, progress.mode], [2, 3, 'One', 'HIDE']);
  });

  test('progress after the end is the final one', () => {
    const steps = [heading('One'), cmd('a'), mode('SHOW'), heading('Two'), cmd('b'), macro('m', cmd('c')), call('m')];
    const player = new Player(steps, { interactive: false, hooks: new Set() });
    assert.deepEqual(drive(player).at(-1), 'end finished 0');
    const progress = player.progress;
    assert.deepEqual(
      [progress.step, progress.steps, progress.index, progress.heading?.text, progress.mode],
      [2, 2, steps.length - 1, 'Two', 'SHOW'],
    );
  });
});

describe('selection and jumps', () => {
  const workshop = () => [
    heading('A'), // 0
    hook('h', 'H'), // 1
    cmd('X=1'), // 2
    cmd('echo one'), // 3
    heading('B'), // 4
    cmd('b'), // 5
    heading('C'), // 6
    cmd('c'), // 7
  ];

  test('steps before the selection are skipped, their state replayed; steps after it are skipped', () => {
    const trace = play(workshop(), { selection: { start: 4, end: 6, replay: true } });
    assert.deepEqual(trace, [
      'run hook h',
      'skipped selection X=1',
      'run replay X=1',
      'skipped selection echo one',
      'run b',
      'skipped selection c',
      'end finished 0',
    ]);
  });

  test('without replay nothing before the selection runs but hook definitions', () => {
    const trace = play(workshop(), { selection: { start: 4, end: 8, replay: false } });
    assert.deepEqual(trace, [
      'run hook h',
      'skipped selection X=1',
      'skipped selection echo one',
      'run b',
      'run c',
      'end finished 0',
    ]);
  });

  test('@SKIP regions before the selection are not replayed', () => {
    const steps = [mode('SKIP'), cmd('Y=1'), mode('SHOW'), cmd('Z=1'), heading('B'), cmd('b')];
    const trace = play(steps, { selection: { start: 4, end: 6, replay: true } });
    assert.deepEqual(trace, ['skipped selection Z=1', 'run replay Z=1', 'run b', 'end finished 0']);
  });

  test('a jump forward passes over the current command and replays what it passes', () => {
    const steps = [mode('SHOW'), ...workshop()];
    const trace = play(steps, interactive, { keys: [KEY.ret, KEY.jump(5)] });
    assert.deepEqual(trace, [
      'show ## A',
      'run hook h',
      'type X=1',
      'wait before',
      'run X=1',
      'type echo one',
      'wait before',
      'skipped jump echo one',
      'show ## B',
      'type b',
      'wait before',
      'run b',
      'show ## C',
      'type c',
      'wait before',
      'run c',
      'end finished 0',
    ]);
  });

  test('a jump forward from an unplayed assignment replays it', () => {
    const steps = [mode('SHOW'), ...workshop()];
    const trace = play(steps, interactive, { keys: [KEY.jump(7)] });
    assert.deepEqual(trace.slice(2, 10), [
      'type X=1',
      'wait before',
      'skipped jump X=1',
      'run replay X=1',
      'skipped jump echo one',
      'skipped jump b',
      'show ## C',
      'type c',
    ]);
  });

  test('a jump back plays again from there, in the mode the workshop is in there', () => {
    const steps = [cmd('setup'), mode('SHOW'), heading('A'), cmd('a'), mode('HIDE'), cmd('h'), mode('SHOW'), cmd('b')];
    const trace = play(steps, interactive, { keys: [KEY.ret, KEY.jump(2)] });
    assert.deepEqual(trace, [
      'run setup',
      'show ## A',
      'type a',
      'wait before',
      'run a',
      'run h',
      'type b',
      'wait before',
      'show ## A',
      'type a',
      'wait before',
      'run a',
      'run h',
      'type b',
      'wait before',
      'run b',
      'end finished 0',
    ]);
  });

  test('a jump from inside a macro drops the rest of the macro', () => {
    const steps = [macro('m', wait(), cmd('rest')), call('m'), heading('B'), cmd('b')];
    const trace = play(steps, interactive, { keys: [KEY.jump(2)] });
    assert.deepEqual(trace, ['wait explicit', 'run b', 'end finished 0']);
  });

  test('jump targets are the top-level headings', () => {
    const player = new Player(workshop(), { interactive: true, hooks: new Set() });
    assert.deepEqual(
      player.headings.map((h) => [h.index, h.text]),
      [
        [0, 'A'],
        [4, 'B'],
        [6, 'C'],
      ],
    );
  });
});
