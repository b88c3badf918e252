// The real runner, with real processes: argument arrays, output lines, pipes connected in code, exit
// statuses, a missing program, and cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecaRunner } from '../../src/localcluster/runner/execa.js';
import { run } from '../../src/localcluster/model/commands.js';

const node = (script: string, env?: Record<string, string>) =>
  run(process.execPath, ['-e', script], env ? { env } : {});
const runner = new ExecaRunner();

test('run: output is collected and streamed line by line; a failure says who failed', async () => {
  const lines: string[] = [];
  const result = await runner.run(node("console.log('one\\ntwo'); console.error('oops'); process.exit(3)"), {
    onLine: (l) => lines.push(l),
  });
  assert.equal(result.exitCode, 3);
  assert.equal(result.stdout, 'one\ntwo');
  assert.equal(result.stderr, 'oops');
  assert.deepEqual([...lines].sort(), ['one', 'oops', 'two']);
  assert.equal(result.failure, `${process.execPath} exited with 3`);
});

test('arguments reach the program untouched by any shell; env is added', async () => {
  const tricky = ["it's", '$(rm -rf /)', 'a b', '*', '`x`'];
  const result = await runner.run(
    run(process.execPath, ['-e', 'console.log(JSON.stringify(process.argv.slice(1)) + process.env.LC_X)', ...tricky], {
      env: { LC_X: '!' },
    }),
  );
  assert.equal(result.stdout, `${JSON.stringify(tricky)}!`);
});

test('a program that is not on PATH is exit 127 with a clear message', async () => {
  const result = await runner.run(run('localcluster-no-such-program', ['x']));
  assert.equal(result.exitCode, 127);
  assert.equal(result.failure, 'localcluster-no-such-program: not found on PATH');
});

test('pipe: stdout of one feeds stdin of the other; either side failing fails the pipe', async () => {
  const upper = node(
    "let s=''; process.stdin.on('data', d => s += d).on('end', () => process.stdout.write(s.toUpperCase()))",
  );
  const piped = await runner.pipe(node("process.stdout.write('hello\\n'.repeat(20000))"), upper);
  assert.equal(piped.exitCode, 0);
  assert.equal(piped.stdout, 'HELLO\n'.repeat(20000).trimEnd());
  const sourceFails = await runner.pipe(node("console.error('render failed'); process.exit(4)"), upper);
  assert.equal(sourceFails.exitCode, 4);
  assert.match(sourceFails.stderr, /render failed/);
  const sinkFails = await runner.pipe(node("process.stdout.write('x'.repeat(1 << 20))"), node('process.exit(5)'));
  assert.equal(sinkFails.exitCode, 5);
});

test('an abort kills the command', async () => {
  const interrupt = new AbortController();
  const started = Date.now();
  setTimeout(() => interrupt.abort(), 100);
  const result = await runner.run(node('setTimeout(() => {}, 20000)'), { signal: interrupt.signal });
  assert.equal(result.exitCode, 130);
  assert.ok(Date.now() - started < 5000);
});
