// End to end: the real CLI (dist/, built by `npm run build`) in a real pty, the screen read through a terminal
// emulator. Most runs use --no-typing; every wait polls the screen with a timeout.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { processesRunning, startedRunning, uniqueSleep } from '../session/leftovers.js';
import { Emulator, Screen, testEnv } from './screen.js';
import { scratchDir } from '../scratch.js';

const root = new URL('../../', import.meta.url).pathname;
const CLI = join(root, 'dist/cli/stepdown.js');
const DEMO = join(root, 'test/ui/fixtures/demo.md');
const NARROW = join(root, 'test/ui/fixtures/narrow.md');

const screens: Screen[] = [];
after(() => {
  for (const screen of screens) screen.kill();
});

/** A private state directory per test, so --resume sees only its own runs. */
const stateDir = () => scratchDir('stepdown-state');

function play(args: string[], options: { cols?: number; rows?: number; state?: string } = {}): Screen {
  const screen = new Screen(process.execPath, [CLI, ...args], {
    cols: options.cols ?? 100,
    rows: options.rows ?? 30,
    cwd: join(root, 'test/ui/fixtures'),
    env: testEnv({ XDG_STATE_HOME: options.state ?? stateDir() }),
  });
  screens.push(screen);
  return screen;
}

/** The CLI under a bash that reports its exit status and then the terminal settings (`stty -a`). */
function playInShell(args: string[], state = stateDir(), env: NodeJS.ProcessEnv = {}): Screen {
  const script = 'node "$0" "$@"; echo "[exit $?]"; stty -a; echo "[stty done]"';
  const screen = new Screen('bash', ['--noprofile', '--norc', '-c', script, CLI, ...args], {
    cols: 100,
    rows: 40,
    cwd: join(root, 'test/ui/fixtures'),
    env: testEnv({ XDG_STATE_HOME: state, ...env }),
  });
  screens.push(screen);
  return screen;
}

/** `stty -a` output says the terminal is back in cooked mode with echo. */
function assertSaneTty(text: string): void {
  const flags = text.split(/\s+/);
  for (const flag of ['icanon', 'echo', 'isig']) {
    assert.ok(flags.includes(flag), `${flag} is on:\n${text}`);
    assert.ok(!flags.includes(`-${flag}`), `-${flag} is not there:\n${text}`);
  }
}

const FIRST = /\$ echo "hello from step one"/;

test('commentary appears, a command runs on RETURN, Q quits and the terminal is restored', {
  timeout: 60_000,
}, async () => {
  const screen = playInShell(['--no-typing', 'demo.md']);
  let text = await screen.waitFor(FIRST);
  assert.match(text, /# Getting started/);
  assert.match(text, /Welcome to the demo\. Commands run in bash\./);
  assert.doesNotMatch(text, /This part is hidden/, 'commentary before @SHOW is not shown');
  assert.match(text, /demo\.md │ Getting started │ step 2\/7/, 'status line: file, heading, step k/n');
  assert.match(text, /RETURN run/);
  screen.type('\r');
  text = await screen.waitFor(/^hello from step one$/m);
  await screen.waitFor(/\$ GREETING=howdy/);
  screen.type('Q');
  text = await screen.waitFor(/\[stty done\]/);
  assert.match(text, /\[exit 0\]/);
  assertSaneTty(text);
  assert.match(screen.output, /\x1b\[\?25h[\s\S]*\[exit 0\]/, 'cursor shown before the shell takes over');
});

test('typing: SPACE finishes typing, RETURN while typing finishes and runs', { timeout: 60_000 }, async () => {
  // A very slow typist (about a second per character): only a key can finish in time.
  const screen = play(['--speed', '0.05', 'demo.md']);
  await screen.waitFor(/\$ e/);
  screen.type(' ');
  await screen.waitFor(FIRST, 5000, 'the whole command after SPACE');
  screen.type('\r');
  await screen.waitFor(/^hello from step one$/m);
  await screen.waitFor(/\$ G/);
  screen.type('\r');
  await screen.waitFor(/\$ GREETING=howdy\s*\n/, 5000, 'RETURN finished the typing and ran it');
  // The next command's typing has begun (not the first command's `$ e`, on screen from the start): the UI has
  // the keyboard again, so Q reaches it rather than the assignment still running in the session.
  await screen.waitFor(/\$ GREETING=howdy\s*\n[\s\S]*\$ e/);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('+ skips a command, - runs the previous one again, ${VAR} is shown with its value', {
  timeout: 60_000,
}, async () => {
  const screen = play(['--no-typing', 'demo.md']);
  await screen.waitFor(FIRST);
  screen.type('+');
  await screen.waitFor(/\(skipped\)/);
  await screen.waitFor(/\$ GREETING=howdy/);
  let text = await screen.text();
  assert.doesNotMatch(text, /^hello from step one$/m, 'the skipped command did not run');
  screen.type('\r');
  text = await screen.waitFor(/\$ echo "howdy partner"/, 10_000, 'the value of ${GREETING} in the shown command');
  screen.type('-');
  await screen.waitFor(/\$ GREETING=howdy[\s\S]*\$ GREETING=howdy/, 10_000, 'the previous command shown again');
  screen.type('\r');
  await screen.waitFor(/\$ echo "howdy partner"[\s\S]*\$ echo "howdy partner"/);
  screen.type('\r');
  await screen.waitFor(/^howdy partner$/m);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('! opens the live session shell: same variables, and exit comes back to the demo', {
  timeout: 60_000,
}, async () => {
  const screen = play(['--no-typing', 'demo.md']);
  await screen.waitFor(FIRST);
  screen.type('\r');
  await screen.waitFor(/\$ GREETING=howdy/);
  screen.type('\r');
  await screen.waitFor(/\$ echo "howdy partner"/);
  screen.type('!');
  await screen.waitFor(/\[stepdown shell\] \S+ [$#]\s*$/m);
  screen.type('echo "setup=$SETUP_DONE greeting=$GREETING"; LIVE=made-live\r');
  await screen.waitFor(/^setup=yes greeting=howdy$/m);
  screen.type('exit\r');
  await screen.waitFor(/Back to the demo\.[\s\S]*\$ echo "howdy partner"/);
  screen.type('\r');
  const ran = await screen.waitFor(/^howdy partner$/m);
  // Everything between coming back and running it is on screen now: the command shown once, not twice.
  const after = ran.slice(ran.lastIndexOf('Back to the demo.'));
  assert.equal(after.split('$ echo "howdy partner"').length - 1, 1, `the pending command is shown once:\n${after}`);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('t opens the table of contents and jumps to a heading; less works inside a step and the UI comes back', {
  timeout: 60_000,
}, async () => {
  const screen = play(['--no-typing', 'demo.md']);
  await screen.waitFor(FIRST);
  screen.type('t');
  await screen.waitFor(/Contents/);
  let text = await screen.text();
  for (const heading of ['Getting started', 'Variables', 'Paging', 'Sleeping', 'The end'])
    assert.match(text, new RegExp(heading));
  screen.type('\x1b[B\x1b[B\r'); // two down and RETURN in one chunk: Paging
  await screen.waitFor(/\$ less \/etc\/services/);
  text = await screen.text();
  assert.match(text, /Paging/);
  screen.type('\r');
  await screen.waitFor(() => screen.term.buffer.active.type === 'alternate', 10_000, 'less on the alternate screen');
  await screen.waitFor(/tcpmux|Network services/);
  screen.type(' ');
  screen.type('q');
  await screen.waitFor(/\$ sleep 30/, 10_000, 'the UI back after less');
  assert.equal(screen.term.buffer.active.type, 'normal');
  text = await screen.text();
  assert.match(text, /\$ less \/etc\/services/, 'the scrollback is intact');
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('a running command follows window size changes', { timeout: 60_000 }, async () => {
  const screen = play(['--no-typing', 'resize.md'], { cols: 100, rows: 30 });
  await screen.waitFor(/\$ first=\$\(stty size\)/);
  screen.type('\r');
  await screen.waitFor(/^size before: 30 100$/m, 10_000, 'the command running');
  screen.resize(72, 20);
  await screen.waitFor(/^size: 20 72$/m);
  assert.equal((await screen.waitExit()).exitCode, 0);
});

/** Lines of `history` that `test` matches. */
const matching = (history: string[], test: RegExp) => history.filter((line) => test.test(line));

test('resizing while a command is typed and while the contents are open leaves each line once, whole', {
  timeout: 90_000,
}, async () => {
  const screen = new Screen(process.execPath, [CLI, '--speed', '0.3', 'resize-live.md'], {
    cols: 100,
    rows: 30,
    cwd: join(root, 'test/ui/fixtures'),
    env: testEnv({ XDG_STATE_HOME: stateDir() }),
  });
  screens.push(screen);
  /** How much of the command is on screen: its rows, joined, up to the blank row under it. */
  const typed = (text: string) => {
    const rows = text.split('\n');
    const first = rows.findIndex((row) => row.startsWith('$ echo'));
    if (first === -1) return 0;
    const end = rows.indexOf('', first);
    return rows
      .slice(first, end === -1 ? undefined : end)
      .join('')
      .trimEnd().length;
  };
  await screen.waitFor(/\$ echo "the q/, 20_000, 'typing has begun');
  for (const [cols, rows] of [
    [60, 24],
    [44, 20],
    [90, 26],
  ] as const) {
    screen.resize(cols, rows);
    // The next typed character is drawn at the new size.
    const before = typed(await screen.text());
    await screen.waitFor((text) => typed(text) > before, 20_000, `typing goes on at ${cols} columns`);
    const history = await screen.history();
    const shown = history.join('\n');
    assert.equal(matching(history, /step \d+\/\d+/).length, 1, `one status line at ${cols} columns:\n${shown}`);
    assert.equal(matching(history, /SPACE|RETURN/).length, 1, `one help line at ${cols} columns:\n${shown}`);
    assert.equal(matching(history, /^\$ echo/).length, 1, `the command once at ${cols} columns:\n${shown}`);
    assert.equal(matching(history, /^A short line of commentary\.$/).length, 1, shown);
    assert.equal(matching(history, /│/).length, 1, `no piece of an old status line:\n${shown}`);
  }
  screen.type(' ');
  await screen.waitFor(/RETURN run/, 10_000, 'typing finished');
  screen.type('t');
  await screen.waitFor(/Contents 2\/4/);
  screen.resize(50, 14);
  await screen.waitFor((text) => text.split('\n').every((line) => line.length <= 50), 10_000, 'narrowed');
  screen.type('j');
  await screen.waitFor(/Contents 3\/4/, 10_000, 'the contents drawn after the resize');
  let history = await screen.history();
  assert.equal(matching(history, /Contents/).length, 1, history.join('\n'));
  assert.equal(matching(history, /choose/).length, 1, history.join('\n'));
  assert.equal(matching(history, /▸/).length, 1, history.join('\n'));
  assert.equal(matching(history, /Two/).length, 1, history.join('\n'));
  screen.type('\x1b');
  await screen.waitFor((text) => !/Contents/.test(text) && /step \d+\/\d+/.test(text), 10_000, 'contents closed');
  history = await screen.history();
  assert.equal(matching(history, /Contents|choose|▸/).length, 0, history.join('\n'));
  assert.equal(matching(history, /step \d+\/\d+/).length, 1, history.join('\n'));
  assert.equal(matching(history, /^\$ echo/).length, 1, history.join('\n'));
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('Ctrl-C interrupts sleep 30, the failure is marked, + goes on', { timeout: 60_000 }, async () => {
  const screen = play(['--no-typing', 'demo.md']);
  await screen.waitFor(FIRST);
  screen.type('t');
  await screen.waitFor(/Contents/);
  screen.type('\x1b[B\x1b[B\x1b[B\r'); // Sleeping
  await screen.waitFor(/\$ sleep 30/);
  screen.type('\r');
  // Ctrl-C once sleep runs, as a person would (not in the millisecond between RETURN and its start).
  await until(() => descendants(screen.pty.pid).some((pid) => commandName(pid) === 'sleep'), 'sleep running');
  const started = Date.now();
  screen.type('\x03');
  await screen.waitFor(/failed \(exit status 130\)/);
  assert.ok(Date.now() - started < 10_000);
  await screen.waitFor(/- retry .*\+ go on/);
  screen.type('+');
  await screen.waitFor(/\$ echo "after the sleep"/);
  screen.type('\r');
  await screen.waitFor(/^after the sleep$/m);
  // The end of the workshop ends the run; a command failed on the way, so the status says so.
  assert.equal((await screen.waitExit()).exitCode, 1);
  assert.match(await screen.text(), /That is all\./);
});

test('--from starts at a heading; --rehearse shows everything and runs nothing; ? shows every key', {
  timeout: 60_000,
}, async () => {
  const screen = play(['--no-typing', '--rehearse', '--from', 'variables', 'demo.md']);
  let text = await screen.waitFor(/\$ GREETING=howdy/);
  assert.match(text, /Starting at “Variables”\./);
  assert.match(text, /REHEARSAL │ demo\.md │ Variables/);
  assert.doesNotMatch(text, /hello from step one/);
  screen.type('?');
  text = await screen.waitFor(/any key closes this help/);
  assert.match(text, /open the live session shell/);
  assert.match(text, /while a command runs: interrupt it/);
  screen.type('x');
  await screen.waitFor((t) => !/any key closes/.test(t) && /RETURN run/.test(t), 10_000, 'help closed');
  screen.type('\x03');
  await screen.waitFor(/Nothing is running\. Q quits stepdown/, 10_000, 'Ctrl-C while waiting only explains');
  screen.type('\r');
  await screen.waitFor(/\(not run\)/);
  text = await screen.waitFor(/\$ echo "\$\{GREETING\} partner"/, 10_000, 'nothing ran, so no value to show');
  screen.type('\r');
  await screen.waitFor(/\(not run\)[\s\S]*\(not run\)/);
  assert.doesNotMatch(await screen.text(), /^howdy partner$/m);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('--resume continues where the last run stopped', { timeout: 60_000 }, async () => {
  const state = stateDir();
  const first = play(['--no-typing', 'demo.md'], { state });
  await first.waitFor(FIRST);
  first.type('\r');
  await first.waitFor(/\$ GREETING=howdy/);
  first.type('\r');
  await first.waitFor(/\$ echo "howdy partner"/);
  first.type('Q');
  await first.waitExit();
  assert.equal(readdirSync(join(state, 'stepdown')).length, 1, 'one position file');

  const second = play(['--no-typing', '--resume', 'demo.md'], { state });
  const text = await second.waitFor(/\$ echo "howdy partner"/);
  assert.match(text, /Resuming where the last run stopped in “Variables”/);
  assert.doesNotMatch(text, /hello from step one/);
  second.type('\r');
  await second.waitFor(/^howdy partner$/m, 10_000, 'the replayed assignment is in effect');
  second.type('Q');
  assert.equal((await second.waitExit()).exitCode, 0);
});

test('--record writes an asciicast v2 file whose replay reproduces the final screen', { timeout: 60_000 }, async () => {
  const dir = scratchDir('stepdown-cast');
  const cast = join(dir, 'talk.cast');
  const screen = play(['--no-typing', '--record', cast, 'demo.md'], { cols: 90, rows: 20 });
  await screen.waitFor(FIRST);
  screen.type('\r');
  await screen.waitFor(/\$ GREETING=howdy/);
  screen.type('\r');
  await screen.waitFor(/\$ echo "howdy partner"/);
  screen.type('\r');
  await screen.waitFor(/^howdy partner$/m);
  await screen.waitFor(/\$ less/);
  const seen = await screen.lines();
  screen.type('Q');
  await screen.waitExit();

  const [header, ...events] = readFileSync(cast, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(header.version, 2);
  assert.deepEqual([header.width, header.height], [90, 20]);
  let last = 0;
  for (const event of events) {
    assert.ok(Array.isArray(event) && event.length === 3 && ['o', 'm', 'r'].includes(event[1]));
    assert.ok(event[0] >= last, 'times never go back');
    last = event[0];
  }
  const markers = events.filter((e) => e[1] === 'm').map((e) => e[2]);
  assert.deepEqual(markers, ['Getting started', 'Variables', 'Paging']);
  const replay = new Emulator(header.width, header.height);
  for (const event of events) if (event[1] === 'o') await replay.write(event[2]);
  const replayed = await replay.lines();
  // Q clears the live part; everything above it is what the audience saw.
  const content = (lines: string[]) => lines.slice(0, lines.findIndex((l) => /\$ less/.test(l)) + 1);
  assert.deepEqual(content(replayed), content(seen));
  replay.dispose();
});

/**
 * A workshop under `playInShell`: the `hidden` lines run before anything shows, then the `shown` command waits;
 * resolves once it is on screen. `assertSessionGone` says, after stepdown ended, that its session's processes
 * and temporary folder went with it.
 */
async function playWatched(hidden: string[], shown: string, env: NodeJS.ProcessEnv = {}) {
  const dir = scratchDir('stepdown-watched-test');
  const probe = `echo "\${PATH%%:*}" > ${dir}/bin-dir`;
  const file = join(dir, 'w.md');
  writeFileSync(file, ['```bash', ...hidden, probe, '```', '<!-- @SHOW -->', '```bash', shown, '```', ''].join('\n'));
  const screen = playInShell(['--no-typing', file], stateDir(), env);
  await screen.waitFor(new RegExp(`\\$ ${shown}`));
  const binDir = readFileSync(join(dir, 'bin-dir'), 'utf8').trim();
  assert.ok(existsSync(binDir), binDir);
  // stepdown's node, a child of the shell that reports; its session's bash, a child of node.
  const node = childrenOf(screen.pty.pid)[0]!;
  const shells = childrenOf(node);
  assert.ok(shells.length > 0, 'the session shell runs');
  const assertSessionGone = (label: string) => {
    for (const pid of shells)
      assert.equal(existsSync(`/proc/${pid}`), false, `${label}: session process ${pid} is gone`);
    assert.equal(existsSync(dirname(binDir)), false, `${label}: the session's temporary folder is gone`);
  };
  return { screen, node, assertSessionGone };
}

test('SIGINT, SIGTERM, SIGHUP: terminal restored, nothing the workshop started is left, no temp folder', {
  timeout: 90_000,
}, async () => {
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    const sleeps = [uniqueSleep(), uniqueSleep(), uniqueSleep()];
    const hidden = [
      `setsid sleep ${sleeps[0]} &`,
      `nohup sleep ${sleeps[1]} >/dev/null 2>&1 &`,
      `sleep ${sleeps[2]} &`,
    ];
    const { screen, node, assertSessionGone } = await playWatched(hidden, 'echo ready');
    for (const seconds of sleeps)
      assert.equal((await startedRunning(['sleep', String(seconds)])).length, 1, `sleep ${seconds} runs`);
    const before = screen.output.length;
    process.kill(node, signal);
    const text = await screen.waitFor(/\[stty done\]/);
    assert.match(
      text,
      new RegExp(`^\\$ echo ready\\n\\[exit ${status}\\]$`, 'm'),
      `${signal}: the waiting command stays, the status and help lines go`,
    );
    assertSaneTty(text);
    assert.match(screen.output.slice(before), /\x1b\[\?25h[\s\S]*\[exit/, 'cursor shown before the shell takes over');
    for (const seconds of sleeps)
      assert.deepEqual(
        processesRunning(['sleep', String(seconds)]),
        [],
        `${signal}: sleep ${seconds} outlived stepdown`,
      );
    assertSessionGone(signal);
  }
});

test('a crash, waiting or while a command has the terminal: terminal restored, the bug reported, nothing left', {
  timeout: 60_000,
}, async () => {
  const crash = join(root, 'test/ui/fixtures/crash-on-ctrl-g.mjs');
  for (const running of [false, true]) {
    const seconds = uniqueSleep();
    const { screen, assertSessionGone } = await playWatched([], `sleep ${seconds}`, {
      NODE_OPTIONS: `--import=${crash}`,
    });
    if (running) {
      screen.type('\r');
      assert.equal((await startedRunning(['sleep', String(seconds)])).length, 1, 'the command runs');
    }
    const before = screen.output.length;
    screen.type('\x07');
    const text = await screen.waitFor(/\[stty done\]/);
    assert.match(
      text,
      new RegExp(`^\\$ sleep ${seconds}\\n+stepdown: internal error: injected crash$`, 'm'),
      'one line says what broke, after the command',
    );
    assert.doesNotMatch(text, /at .*\.js:\d+/, 'no stack trace');
    assert.match(text, /\[exit 70\]/);
    assertSaneTty(text);
    assert.match(screen.output.slice(before), /\x1b\[\?25h[\s\S]*internal error/, 'cursor shown before the report');
    assert.deepEqual(processesRunning(['sleep', String(seconds)]), [], 'the command did not outlive stepdown');
    assertSessionGone(running ? 'while running' : 'while waiting');
  }
});

test('a signal while a long workshop is still loading: the shell already started is gone, and its temp folder', {
  timeout: 60_000,
}, async () => {
  // bash starts while the workshop is parsed; a file this long takes long enough to parse to be caught at it.
  const dir = scratchDir('stepdown-loading-test');
  const blocks = Array.from(
    { length: 15_000 },
    (_, i) => `Step ${i}, *some* prose.\n\n\`\`\`bash\necho ${i}\n\`\`\`\n`,
  );
  writeFileSync(join(dir, 'long.md'), `# Long\n\n${blocks.join('\n')}`);
  const tmp = scratchDir('stepdown-loading-tmp');
  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const) {
    const screen = new Screen(process.execPath, [CLI, '--no-typing', join(dir, 'long.md')], {
      env: testEnv({ TMPDIR: tmp }),
    });
    screens.push(screen);
    let shells: number[] = [];
    await until(() => {
      shells = childrenOf(screen.pty.pid);
      return shells.length > 0;
    }, 'the session shell to start');
    process.kill(screen.pty.pid, signal);
    assert.equal((await screen.waitExit()).exitCode, status, signal);
    for (const pid of shells)
      await until(() => !existsSync(`/proc/${pid}`), `${signal}: session shell ${pid} to be gone`, 2000);
    assert.deepEqual(readdirSync(tmp), [], `${signal}: no temporary folder left`);
  }
});

test('not a terminal: say so, suggest stepdown check, exit 2', { timeout: 60_000 }, () => {
  const result = spawnSync(process.execPath, [CLI, DEMO], { input: '', encoding: 'utf8', env: testEnv() });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /needs a terminal/);
  assert.match(result.stderr, /stepdown check/);
  // A file that is not there is said first, terminal or not.
  const missing = spawnSync(process.execPath, [CLI, 'no-such-workshop.md'], {
    input: '',
    encoding: 'utf8',
    env: testEnv(),
  });
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'stepdown: no-such-workshop.md: no such file\n');
});

test('a terminal narrower than 40 columns wraps commentary and still runs', { timeout: 60_000 }, async () => {
  const screen = play(['--no-typing', NARROW], { cols: 30, rows: 24 });
  const text = await screen.waitFor(/\$ echo narrow-ok/);
  assert.match(text, /# A heading long enough/);
  assert.match(text.replace(/\s+/g, ' '), /Commentary that is long enough to be wrapped several times/);
  screen.type('\r');
  await screen.waitFor(/^narrow-ok$/m);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

/** Every process below `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const children = childrenOf(queue.shift()!);
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

function commandName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

async function until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Child pids of `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // The process has just ended.
  }
  return out;
}

/** A workshop of its own for one test, in a scratch folder, shown from the start; returns its path. */
function workshop(markdown: string): string {
  const file = join(scratchDir('stepdown-ui-test'), 'w.md');
  writeFileSync(file, `<!-- @SHOW -->\n\n${markdown}`);
  return file;
}

const bash = (...lines: string[]) => ['```bash', ...lines, '```', ''].join('\n');

test('a command that leaves the alternate screen on: the demo comes back to the main screen', {
  timeout: 60_000,
}, async () => {
  const file = workshop(
    [
      bash("printf '\\e[?1049h\\e[?1000h\\e[2Jfull screen, never left\\n'"),
      'Back on the main screen.',
      '',
      bash('echo after-alt'),
    ].join('\n'),
  );
  const screen = play(['--no-typing', file]);
  await screen.waitFor(/\$ printf/);
  screen.type('\r');
  const text = await screen.waitFor(/Back on the main screen\.[\s\S]*\$ echo after-alt/);
  assert.equal(screen.term.buffer.active.type, 'normal');
  assert.match(text, /\$ printf/, 'the scrollback from before the command is there');
  assert.match(screen.output, /\x1b\[\?1000l/, 'mouse reporting switched off again');
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('vi inside a step edits a file, and the UI comes back', { timeout: 60_000 }, async () => {
  const dir = scratchDir('stepdown-vi-test');
  const file = workshop(
    [bash(`vi -u NONE ${join(dir, 'notes.txt')}`), bash(`cat ${join(dir, 'notes.txt')}`)].join('\n'),
  );
  const screen = play(['--no-typing', file]);
  await screen.waitFor(/\$ vi -u NONE/);
  screen.type('\r');
  await screen.waitFor(() => screen.term.buffer.active.type === 'alternate', 10_000, 'vi on the alternate screen');
  screen.type('iwritten in vi\x1b:wq\r');
  await screen.waitFor(/\$ cat /, 10_000, 'the UI back after vi');
  assert.equal(screen.term.buffer.active.type, 'normal');
  screen.type('\r');
  await screen.waitFor(/^written in vi$/m);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('--no-status hides the status and help lines; @notypeout shows a command at once', {
  timeout: 60_000,
}, async () => {
  const file = workshop(
    [
      '# Quiet',
      '',
      '<!-- @notypeout -->',
      bash('echo "shown at once, a rather long command line"'),
      bash('echo second'),
    ].join('\n'),
  );
  const screen = play(['--no-status', file]);
  // Typing is on: only @notypeout makes the whole line appear before any key is pressed.
  let text = await screen.waitFor(/\$ echo "shown at once, a rather long command line"/);
  assert.doesNotMatch(text, /RETURN run|step \d+\/\d+/);
  screen.type('\r');
  // Its output, then the next command's typing: the UI has the keyboard again, so Q is not left to the session.
  text = await screen.waitFor(/^shown at once, a rather long command line$[\s\S]*\$ e/m);
  assert.doesNotMatch(text, /RETURN run|step \d+\/\d+/);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('a state folder that cannot be written does not stop the demo; it says so at the end', {
  timeout: 60_000,
}, async () => {
  const notAFolder = join(scratchDir('stepdown-state-file'), 'file');
  writeFileSync(notAFolder, 'x');
  const file = workshop(bash('echo still-running'));
  const screen = playInShell(['--no-typing', file], notAFolder);
  await screen.waitFor(/\$ echo still-running/);
  screen.type('\r');
  const text = await screen.waitFor(/\[stty done\]/);
  assert.match(text, /^still-running$/m);
  assert.match(text, /\[exit 0\]/);
  assert.match(text, /stepdown: warning: cannot save the position for --resume in [\s\S]*: ENOTDIR/);
});

test('@retry: typed once, a quiet waiting line while the late server starts, then its answer', {
  timeout: 60_000,
}, async () => {
  const dir = scratchDir('stepdown-retry-test');
  // After a second the server listens on a free port and only then writes it down; the client fails until then.
  const server = `node -e 'setTimeout(() => { const s = require("http").createServer((q, r) => r.end("hello from the server\\n")); s.listen(0, "127.0.0.1", () => require("fs").writeFileSync("port", String(s.address().port))); }, 1000)' &`;
  const client = `node -e 'fetch("http://127.0.0.1:" + require("fs").readFileSync("port", "utf8")).then((r) => r.text()).then((t) => process.stdout.write(t))'`;
  const file = workshop(
    [
      '<!-- @immed -->',
      bash(`cd ${dir}`),
      '<!-- @immed -->',
      bash(server),
      '<!-- @retry 60s every 200ms -->',
      '<!-- @expect hello -->',
      bash(client),
      bash('echo "after the request"'),
    ].join('\n'),
  );
  const screen = play(['--no-typing', file]);
  await screen.waitFor(/\$ node -e 'fetch/);
  screen.type('\r');
  const text = await screen.waitFor(/^hello from the server$/m, 30_000);
  assert.match(screen.output, /waiting… \(attempt 2\)/);
  assert.equal(text.match(/\$ node -e 'fetch/g)?.length, 1, 'typed once');
  assert.doesNotMatch(text, /ENOENT|ECONNREFUSED|waiting…/, 'failed attempts and the waiting line are gone');
  await screen.waitFor(/\$ echo "after the request"/);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('@expect, @status and @timeout while presenting: wrong output fails, a denied request passes, a hang is cut', {
  timeout: 60_000,
}, async () => {
  const file = workshop(
    [
      '<!-- @expect Running -->',
      bash('echo "No resources found"'),
      '<!-- @status 3 -->',
      bash('bash -c "echo 403 Forbidden; exit 3"'),
      '<!-- @timeout 500ms -->',
      bash('sleep 30'),
    ].join('\n'),
  );
  const screen = play(['--no-typing', file]);
  await screen.waitFor(/\$ echo "No resources found"/);
  screen.type('\r');
  await screen.waitFor(/✘ the command failed: expected output not found: "Running"/);
  await screen.waitFor(/- retry .*\+ go on/);
  screen.type('+');
  await screen.waitFor(/\$ bash -c "echo 403 Forbidden; exit 3"/);
  screen.type('\r');
  await screen.waitFor(/\$ sleep 30/);
  assert.doesNotMatch(await screen.text(), /failed \(exit status 3\)/, 'the denied request is what was expected');
  const started = Date.now();
  screen.type('\r');
  await screen.waitFor(/failed \(exit status 124\)/);
  assert.ok(Date.now() - started < 20_000, 'cut by @timeout, not by the end of sleep 30');
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('@retry while presenting: Ctrl-C stops the attempt that runs, and no other is made', {
  timeout: 60_000,
}, async () => {
  const file = workshop(['<!-- @retry 100 every 100ms -->', bash('sleep 30')].join('\n'));
  const screen = play(['--no-typing', file]);
  await screen.waitFor(/\$ sleep 30/);
  screen.type('\r');
  await until(() => descendants(screen.pty.pid).some((pid) => commandName(pid) === 'sleep'), 'sleep running');
  screen.type('\x03');
  await screen.waitFor(/failed \(exit status 130\)/);
  await screen.waitFor(/- retry .*\+ go on/);
  assert.doesNotMatch(screen.output, /attempt 2/);
  screen.type('Q');
  assert.equal((await screen.waitExit()).exitCode, 0);
});

test('a malformed @expect or @retry: play refuses to start, with file:line:column', { timeout: 60_000 }, async () => {
  const file = workshop(['<!-- @expect /(unclosed/ -->', '<!-- @retry -1 -->', bash('echo never')].join('\n'));
  const screen = play(['--no-typing', file]);
  assert.equal((await screen.waitExit()).exitCode, 1);
  const text = await screen.text();
  assert.match(text, /cannot play/);
  assert.match(text, /w\.md:3:6: error `@expect \/\(unclosed\/` is not a valid regular expression/);
  assert.match(text, /w\.md:4:6: error `@retry -1`: attempts are 1 to 1000/);
  assert.doesNotMatch(text, /^never$/m);
});

// demosh workshops run their parts with `$SHELL FILE.md`, `$SHELL` being demosh itself.
test('`$SHELL part.md` plays the part in the same terminal, then the workshop goes on', {
  timeout: 60_000,
}, async () => {
  const dir = scratchDir('stepdown-nested');
  writeFileSync(join(dir, 'main.md'), '<!-- @SHOW -->\n\n```bash\n$SHELL part.md\necho "back in main"\n```\n');
  writeFileSync(join(dir, 'part.md'), '<!-- @SHOW -->\n\n# The part\n\n```bash\necho "inside the part"\n```\n');
  const screen = new Screen(process.execPath, [CLI, '--no-typing', 'main.md'], {
    cols: 100,
    rows: 30,
    cwd: dir,
    env: testEnv({ XDG_STATE_HOME: stateDir() }),
  });
  screens.push(screen);
  await screen.waitFor(/\$ \$SHELL part\.md/);
  screen.type('\r');
  // The part's own player: its heading, its command waiting for RETURN, its status line.
  await screen.waitFor((text) => /\$ echo "inside the part"/.test(text) && /part\.md │ The part/.test(text));
  screen.type('\r');
  await screen.waitFor(/^inside the part$/m);
  await screen.waitFor(/\$ echo "back in main"/);
  screen.type('\r');
  await screen.waitFor(/^back in main$/m);
  const { exitCode } = await screen.waitExit(20_000);
  assert.equal(exitCode, 0);
});
