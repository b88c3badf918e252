// `stepdown serve` as a program: it prints its address, and a stop signal ends the server and the session,
// leaving no process and no temporary folder behind.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../../src/session/processes.js';

const cli = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stepdown-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, XDG_STATE_HOME: join(dir, 'state') };

/** Resolves once `condition` holds, checking at every output chunk and every 50 ms (a file written by bash). */
function until(condition: () => boolean, streams: NodeJS.ReadableStream[]): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      clearInterval(timer);
      for (const stream of streams) stream.off('data', check);
      resolve();
    };
    const timer = setInterval(check, 50);
    for (const stream of streams) stream.on('data', check);
    check();
  });
}

for (const [signal, host] of [
  ['SIGTERM', '127.0.0.1'],
  ['SIGINT', '0.0.0.0'],
] as const) {
  test(`${signal} ends stepdown serve --host ${host}, its session and every process in it`, async () => {
    const marks = join(dir, `${signal}.txt`);
    writeFileSync(
      join(dir, `${signal}.md`),
      // Hidden, so it runs at once: the shell's pid, a child that would outlive a careless stop, and the
      // session's own folder (first on PATH).
      [
        '```bash',
        `sleep 600 & echo "$$ $! \${PATH%%:*}" > ${marks}`,
        '```',
        '<!-- @SHOW -->',
        '# One',
        '```bash',
        'echo one',
        '```',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [cli, 'serve', '--host', host, `${signal}.md`], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(
      () => /token=/.test(stdout) && existsSync(marks) && readFileSync(marks, 'utf8').endsWith('\n'),
      [child.stdout],
    );
    assert.match(
      stdout,
      new RegExp(`^stepdown serve: ${signal}\\.md at http://${host.replace(/\./g, '\\.')}:\\d+/\\?token=[\\w-]{43}\\n`),
    );
    if (host === '0.0.0.0')
      assert.match(stderr, /warning: --host 0\.0\.0\.0: the live shell is reachable from other machines/);
    else assert.equal(stderr, '');
    const [shell, sleeper, bin] = readFileSync(marks, 'utf8').trim().split(' ');
    child.kill(signal);
    assert.equal(await exited, signal === 'SIGTERM' ? 143 : 130);
    assert.equal(isAlive(Number(shell)), false, 'the shell');
    assert.equal(isAlive(Number(sleeper)), false, 'its background job');
    assert.match(bin!, /stepdown-/);
    assert.equal(existsSync(join(bin!, '..')), false, 'the session folder');
    assert.doesNotMatch(stderr, /internal error|at .*\.js:\d+/);
  });
}

test('serve: a port that is no port is a usage error', () => {
  writeFileSync(join(dir, 'fine.md'), '# Setup\n\n```bash\necho hi\n```\n');
  const result = spawnSync(process.execPath, [cli, 'serve', '--port', '80x', 'fine.md'], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^stepdown: --port: expected a port number/);
});
