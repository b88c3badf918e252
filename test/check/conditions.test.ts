// @expect, @status, @retry and @timeout in `stepdown check`, with real commands in a real shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { bash, check } from './cli.js';

/**
 * A server that starts late: after a second it listens on a free port of localhost and only then writes the
 * port to `port` (so a client never guesses). The client fails until the file and the server are there.
 */
const LATE_SERVER = `node -e 'setTimeout(() => { const s = require("http").createServer((q, r) => r.end("hello from the server\\n")); s.listen(0, "127.0.0.1", () => require("fs").writeFileSync("port", String(s.address().port))); }, 1000)' &`;
const CLIENT = `node -e 'fetch("http://127.0.0.1:" + require("fs").readFileSync("port", "utf8")).then((r) => r.text()).then((t) => process.stdout.write(t))'`;

test('@retry runs a request until the late server answers; the report shows the attempts', async () => {
  const workshop = [bash(LATE_SERVER), '<!-- @retry 60s every 200ms -->', '<!-- @expect hello -->', bash(CLIENT)].join(
    '\n',
  );
  const run = await check({ 'w.md': workshop }, ['--json', 'report.json', 'w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const line = run.stdout.split('\n').find((l) => l.includes('fetch'));
  const attempts = Number(/\((\d+) attempts\)$/.exec(line ?? '')?.[1]);
  assert.ok(attempts >= 2, `attempts in: ${line}`);
  const report = JSON.parse(readFileSync(join(run.dir, 'report.json'), 'utf8'));
  assert.equal(report.outcomes[1].attempts, attempts);
  assert.equal(report.outcomes[1].result, 'passed');
});

test('@retry that never works fails with the last attempt, after the count', async () => {
  const workshop = ['<!-- @retry 3 every 10ms -->', bash('echo "attempt $((++n))"; false'), bash('touch not-run')].join(
    '\n',
  );
  const run = await check({ 'w.md': workshop }, ['w.md']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^FAIL .* w\.md:3 {2}echo "attempt \$\(\(\+\+n\)\)"; false {2}\(3 attempts\)$/m);
  assert.match(run.stdout, /^ {6}\| attempt 3$/m);
  assert.doesNotMatch(run.stdout, /\| attempt 2/);
  assert.match(run.stdout, /^stopped: w\.md:3:1: command failed with status 1 after 3 attempts$/m);
});

test('@expect: a command that prints the wrong thing fails, in the human report, JUnit and JSON', async () => {
  const workshop = [
    '<!-- @expect Running -->',
    '<!-- @expect /web-[a-z0-9]+/ -->',
    bash('echo "No resources found in default namespace."'),
  ].join('\n');
  const run = await check({ 'w.md': workshop }, ['--junit', 'j.xml', '--json', 'r.json', 'w.md']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^ {6}expected output not found: "Running", \/web-\[a-z0-9\]\+\/ \(exit status 0\)$/m);
  assert.match(run.stdout, /^ {6}\| No resources found in default namespace\.$/m);
  const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(run.dir, 'j.xml'), 'utf8'));
  const failure = junit.testsuites.testsuite.testcase.failure;
  assert.equal(failure['@_type'], 'expected-output');
  assert.match(failure['@_message'], /^expected output not found: "Running"/);
  assert.match(failure['#text'], /No resources found/);
  const json = JSON.parse(readFileSync(join(run.dir, 'r.json'), 'utf8'));
  assert.equal(json.outcomes[0].failure.kind, 'expected-output');
  assert.deepEqual(json.outcomes[0].output, ['No resources found in default namespace.']);
});

test('@expect compares without colours: a pattern matches what the audience reads', async () => {
  const workshop = ['#@expect /^pod Running$/m', "printf 'pod \\033[32mRunning\\033[0m\\n'"].join('\n');
  const run = await check({ 'w.sh': workshop }, ['w.sh']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test('@status: a denied request passes when it is denied, and fails when it is let through', async () => {
  const deny = 'bash -c "echo 403 Forbidden; exit 3"';
  const workshop = ['#@status 3', deny, '#@status 3', 'echo "200 OK"'].join('\n');
  const run = await check({ 'w.sh': workshop }, ['--keep-going', 'w.sh']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^ok .* w\.sh:2 {2}bash -c/m);
  assert.match(run.stdout, /^FAIL .* w\.sh:4 {2}echo "200 OK"$/m);
  assert.match(run.stdout, /^ {6}exited with status 0, expected 3 \(exit status 0\)$/m);
});

test('@timeout overrides --step-timeout for one command, both ways', async () => {
  const workshop = ['#@timeout 300ms', 'sleep 30', '#@timeout 0', 'sleep 0.5', 'sleep 0.5'].join('\n');
  const run = await check({ 'w.sh': workshop }, ['--keep-going', '--step-timeout', '200ms', 'w.sh']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^ {6}timed out after 300ms \(@timeout\), killed: status \d+$/m);
  assert.match(run.stdout, /^ok .* w\.sh:4 {2}sleep 0\.5$/m);
  assert.match(run.stdout, /^FAIL .* w\.sh:5 {2}sleep 0\.5$/m);
  assert.match(run.stdout, /^ {6}timed out after 200ms \(--step-timeout\)/m);
});

test('bad arguments stop check before anything runs, with file:line:column', async () => {
  const workshop = ['touch ran', '#@status 300', 'true', '#@expect /(/', 'true'].join('\n');
  const run = await check({ 'w.sh': workshop }, ['w.sh']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^w\.sh:2:1: error `@status 300`: an exit status is 0 to 255/m);
  assert.match(run.stderr, /^w\.sh:4:1: error `@expect \/\(\/` is not a valid regular expression/m);
  assert.throws(() => readFileSync(join(run.dir, 'ran')));
});

test('--from replays the state of commands with conditions like any other', async () => {
  const workshop = [
    '# One',
    '<!-- @retry 3 -->',
    bash('export GREETING=hello; touch one-ran'),
    '# Two',
    '<!-- @expect hello -->',
    bash('echo "$GREETING"'),
  ].join('\n');
  const run = await check({ 'w.md': workshop }, ['--from', 'Two', 'w.md']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.throws(() => readFileSync(join(run.dir, 'one-ran')));
});
