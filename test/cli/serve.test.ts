// `stepdown serve` as a program: it prints its address, and a stop signal ends the server and the session,
// leaving no process and no temporary folder behind.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkshop } from '../../src/markdown/load.js';
import { isAlive } from '../../src/session/processes.js';
import { connect, type Tab } from '../serve/tab.js';
import { Screen, testEnv } from '../ui/screen.js';

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

test('--open hands the address, token included, to the desktop opener', async () => {
  const bin = join(dir, 'opener-bin');
  const opened = join(dir, 'opened.txt');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$*" > ${opened}\n`, { mode: 0o755 });
  writeFileSync(join(dir, 'open.md'), '<!-- @SHOW -->\n\n# One\n\n```bash\necho one\n```\n');
  const child = spawn(process.execPath, [cli, 'serve', '--open', 'open.md'], {
    cwd: dir,
    env: { ...env, PATH: `${bin}:${process.env.PATH}` },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await until(
    () => /token=/.test(stdout) && existsSync(opened) && readFileSync(opened, 'utf8').endsWith('\n'),
    [child.stdout],
  );
  assert.equal(readFileSync(opened, 'utf8').trim(), /http:\S+/.exec(stdout)![0]);
  child.kill('SIGTERM');
  assert.equal(await exited, 143);
});

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

/** `stepdown serve ARGS…` in `dir`, and a page connected to it once it prints its address. */
async function served(args: string[]) {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { cwd: dir, env });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await until(() => /token=\S+\n/.test(stdout), [child.stdout]);
  const url = new URL(/http:\S+/.exec(stdout)![0]);
  const port = Number(url.port);
  const tab = (await connect(port, {
    Origin: `http://127.0.0.1:${port}`,
    Cookie: `stepdown-${port}=${url.searchParams.get('token')}`,
  })) as Tab;
  return { child, exited, tab, stdout: () => stdout };
}

type State = { statuses: Record<number, { result: string }>; current: number; ended?: unknown };
const lastState = (tab: Tab) =>
  (tab.messages.filter((m) => (m as { type: string }).type === 'state').at(-1) as { state: State } | undefined)?.state;
const pageOutput = (tab: Tab) =>
  tab.messages.map((m) => ((m as { type: string }).type === 'output' ? (m as { data: string }).data : '')).join('');

test('a learner switches between serve and play: each --resume starts where the other stopped', async () => {
  const fence = (text: string) => ['```bash', text, '```'].join('\n');
  writeFileSync(
    join(dir, 'switch.md'),
    [
      '<!-- @SHOW -->',
      '# One',
      fence('A=from-serve; echo "one ran"'),
      '# Two',
      fence('B=from-play; echo "two: A=$A"'),
      '# Three',
      fence('echo "three: A=$A B=$B"'),
    ].join('\n\n'),
  );
  const [one, , three] = loadWorkshop(join(dir, 'switch.md')).steps.flatMap((step, index) =>
    step.kind === 'command' ? [index] : [],
  );
  // In the browser: the first command runs, then the server is stopped.
  const first = await served(['switch.md']);
  first.tab.socket.send(JSON.stringify({ type: 'run', index: one }));
  await first.tab.until(() => lastState(first.tab)?.statuses[one!]?.result === 'passed');
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 143);

  // In the terminal: play picks up at the second section, the first command's state replayed.
  const play = new Screen(process.execPath, [cli, '--no-typing', '--resume', 'switch.md'], {
    cols: 100,
    rows: 30,
    cwd: dir,
    env: testEnv({ XDG_STATE_HOME: env.XDG_STATE_HOME }),
  });
  try {
    const text = await play.waitFor(/\$ B=from-play/);
    assert.match(text, /Resuming where the last run stopped in “Two”/);
    play.type('\r');
    await play.waitFor(/^two: A=from-serve$/m);
    await play.waitFor(/\$ echo "three/);
    play.type('Q');
    assert.equal((await play.waitExit()).exitCode, 0);
  } finally {
    play.kill();
  }

  // Back in the browser: serve --resume waits at the third command, both earlier ones replayed.
  const last = await served(['--resume', 'switch.md']);
  assert.match(last.stdout(), /Resuming where the last run stopped in “Three”/);
  await last.tab.until(() => lastState(last.tab)?.current === three);
  last.tab.socket.send(JSON.stringify({ type: 'run', index: three }));
  assert.equal(await last.exited, 0);
  assert.match(pageOutput(last.tab), /three: A=from-serve B=from-play/);
  assert.doesNotMatch(pageOutput(last.tab), /one ran|two: A/);
});
