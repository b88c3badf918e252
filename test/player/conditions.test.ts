// @expect, @status, @retry and @timeout as player decisions: driven by plain results, no clock, no shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandConditions, Step } from '../../src/markdown/steps.js';
import { judge, mayRetry } from '../../src/player/judge.js';
import { KEY, cmd, mode, play } from './script.js';

const when = (text: string, conditions: Partial<CommandConditions>, flags = {}): Step => {
  const step = cmd(text, flags);
  assert.equal(step.kind, 'command');
  return { ...(step as Extract<Step, { kind: 'command' }>), conditions: { output: [], ...conditions } };
};
const interactive = { interactive: true } as const;

test('judge: status, expected status, output text and regex (escape sequences ignored), timeouts', () => {
  const ran = (status: number, output = '', timedOut = false) => ({ status, output, timedOut });
  assert.equal(judge(ran(0), undefined)?.message, undefined);
  assert.equal(judge(ran(2), undefined)?.message, 'failed with status 2');
  assert.equal(judge(ran(124, '', true), { output: [], status: 124 })?.message, 'timed out (status 124)');
  assert.equal(judge(ran(1), { output: [], status: 1 })?.message, undefined);
  assert.equal(judge(ran(0), { output: [], status: 1 })?.message, 'exited with status 0, expected 1');
  const output = [{ text: 'Running' }, { regex: '^ready: \\d+$', flags: 'm' }];
  assert.equal(judge(ran(0, 'pod \x1b[32mRunning\x1b[0m\nready: 3\n'), { output })?.message, undefined);
  assert.equal(
    judge(ran(0, 'No resources found\n'), { output })?.message,
    'expected output not found: "Running", /^ready: \\d+$/m',
  );
  // The status is judged first: a failing command's output is not the news.
  assert.equal(judge(ran(1, 'Running'), { output })?.message, 'failed with status 1');
});

test('mayRetry: by attempts, or by time spent (from the results, not a clock)', () => {
  assert.equal(mayRetry(undefined, 1, 0), false);
  assert.equal(mayRetry({ attempts: 3, pauseMs: 0 }, 2, 1e9), true);
  assert.equal(mayRetry({ attempts: 3, pauseMs: 0 }, 3, 0), false);
  assert.equal(mayRetry({ withinMs: 1000, pauseMs: 0 }, 50, 999), true);
  assert.equal(mayRetry({ withinMs: 1000, pauseMs: 0 }, 1, 1000), false);
});

test('@retry N: runs again after a pause until it passes, and says how many attempts it took', () => {
  const trace = play(
    [when('curl', { retry: { attempts: 5, pauseMs: 250 } }), cmd('next')],
    {},
    { status: { curl: [7, 7, 0] } },
  );
  assert.deepEqual(trace, [
    'run curl',
    'pause 250 before attempt 2',
    'run curl [attempt 2]',
    'pause 250 before attempt 3',
    'run curl [attempt 3]',
    'verdict passed (3 attempts, 800 ms)',
    'run next',
    'end finished 0',
  ]);
});

test('@retry that never succeeds fails with the last attempt, after the count', () => {
  const trace = play(
    [when('curl', { retry: { attempts: 2, pauseMs: 0 } }), cmd('next')],
    {},
    { status: { curl: [7, 6] } },
  );
  assert.deepEqual(trace.slice(0, 5), [
    'run curl',
    'pause 0 before attempt 2',
    'run curl [attempt 2]',
    'verdict failed: failed with status 6 (2 attempts, 200 ms)',
    'skipped stopped next',
  ]);
  assert.match(trace.at(-1)!, /^end failed 1: w\.md:\d+:1: command failed with status 6 after 2 attempts$/);
});

test('@retry DURATION: attempts and pauses count against the budget; no pause that would overrun it', () => {
  // 100 ms a run, 200 ms a pause: runs start at 0, 300, 600 and 900; a fifth would start at 1200.
  const trace = play([when('curl', { retry: { withinMs: 1000, pauseMs: 200 } })], {}, { status: { curl: 1 } });
  assert.deepEqual(
    trace.filter((line) => line.startsWith('run')),
    ['run curl', 'run curl [attempt 2]', 'run curl [attempt 3]', 'run curl [attempt 4]'],
  );
  assert.equal(trace.at(-2), 'verdict failed: failed with status 1 (4 attempts, 1000 ms)');
});

test('@expect retried until the output shows it; @status 3 passes on 3 only', () => {
  const trace = play(
    [
      when('kubectl get pods', { output: [{ text: 'Running' }], retry: { attempts: 3, pauseMs: 0 } }),
      when('deny', { status: 3 }),
    ],
    { keepGoing: true },
    { output: { 'kubectl get pods': ['No resources found', 'web Running'] }, status: { deny: 0 } },
  );
  assert.deepEqual(trace, [
    'run kubectl get pods',
    'pause 0 before attempt 2',
    'run kubectl get pods [attempt 2]',
    'verdict passed (2 attempts, 200 ms)',
    'run deny',
    'verdict failed: exited with status 0, expected 3',
    'end finished 1',
  ]);
});

test('@failok passes a command whose expectation fails, and the verdict still says why', () => {
  const trace = play([when('a', { output: [{ text: 'x' }] }, { failOk: true })], {}, { output: { a: 'y' } });
  assert.deepEqual(trace, ['run a', 'verdict passed: expected output not found: "x"', 'end finished 0']);
});

test('@timeout is carried on the run effect for the driver to apply', () => {
  assert.deepEqual(play([when('slow', { timeLimitMs: 5000 })]), ['run slow [limit 5000]', 'end finished 0']);
});

test('presenting: a retried command is typed once, runs quietly, then its last output is shown', () => {
  const steps = [mode('SHOW'), when('curl', { retry: { attempts: 3, pauseMs: 10 } })];
  const trace = play(steps, interactive, { status: { curl: [1, 0] }, output: { curl: ['refused', 'hello'] } });
  assert.deepEqual(trace, [
    'type curl',
    'wait before',
    'run curl [quiet]',
    'pause 10 before attempt 2',
    'run curl [attempt 2, quiet]',
    'output hello',
    'verdict passed (2 attempts, 210 ms)',
    'end finished 0',
  ]);
});

test('presenting: a retried command that never works shows its last output, then waits like any failure', () => {
  const steps = [mode('SHOW'), when('curl', { retry: { attempts: 2, pauseMs: 0 } })];
  const trace = play(steps, interactive, {
    status: { curl: 7 },
    output: { curl: 'refused' },
    keys: [KEY.ret, KEY.plus],
  });
  assert.deepEqual(trace.slice(4), [
    'run curl [attempt 2, quiet]',
    'output refused',
    'verdict failed: failed with status 7 (2 attempts, 200 ms)',
    'wait failed',
    'end finished 1',
  ]);
});

test('a selection passes over commands with conditions like any other, replaying their state', () => {
  const steps = [when('export A=1; curl x', { retry: { attempts: 3, pauseMs: 0 } }), cmd('echo $A')];
  const trace = play(steps, { selection: { start: 1, end: 2, replay: true } });
  assert.deepEqual(trace, [
    'skipped selection export A=1; curl x',
    'run replay export A=1',
    'run echo $A',
    'end finished 0',
  ]);
});

test('presenting: Ctrl-C on an attempt ends the retries; the command failed as any interrupted one', () => {
  const steps = [mode('SHOW'), when('curl', { retry: { attempts: 5, pauseMs: 0 } })];
  const trace = play(steps, interactive, { status: { curl: 130 }, interrupted: ['curl'], keys: [KEY.ret, KEY.plus] });
  assert.deepEqual(trace.slice(2), [
    'run curl [quiet]',
    'output ',
    'verdict failed: failed with status 130',
    'wait failed',
    'end finished 1',
  ]);
});
