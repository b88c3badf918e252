// Interrupts, timeouts, resizing and teardown of a real bash in a real pty.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { isAlive } from '../../src/session/processes.js';
import { closeAllSessions } from '../../src/session/registry.js';
import { createSession, type PtySession } from '../../src/session/session.js';
import { BUILT_COMMANDS } from './own-commands.js';
import { scratchDir } from '../scratch.js';

/** Runs `command` and calls `act` once its output contains `cue` (the command is surely running by then). */
function runAndAct(sh: PtySession, command: string, cue: string, act: () => void, timeoutMs?: number) {
  let done = false;
  return sh.run(command, {
    timeoutMs,
    onOutput: (chunk) => {
      if (!done && chunk.includes(cue)) {
        done = true;
        act();
      }
    },
  });
}

/** `promise`, or a failure after `ms` (the caller's `finally` closes the session, which ends the run). */
function settles<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no result after ${ms} ms`)), ms)),
  );
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('interrupt', () => {
  it('stops a running program with SIGINT (status 130); the shell and its state survive', async () => {
    const sh = await createSession({});
    try {
      await sh.run('X=kept; cd /');
      // The program prints the cue itself, so the signal cannot land while the shell is still starting it.
      const command = `bash -c 'echo started; exec sleep 30'; echo not reached`;
      const result = await runAndAct(sh, command, 'started', () => sh.interrupt());
      assert.equal(result.status, 130);
      assert.equal(result.shellExited, false);
      assert.doesNotMatch(result.output, /not reached/);
      assert.ok(result.durationMs < 10_000);
      assert.equal((await sh.run('echo "$X $PWD"')).output, 'kept /\n');
    } finally {
      await sh.close();
    }
  });

  it('stops a loop of builtins (the shell itself in the foreground)', async () => {
    const sh = await createSession({});
    try {
      const result = await runAndAct(sh, 'echo looping; while :; do :; done', 'looping', () => sh.interrupt());
      assert.equal(result.status, 130);
      assert.equal((await sh.run('echo alive')).output, 'alive\n');
    } finally {
      await sh.close();
    }
  });

  it('asked for before the command has begun, it applies as soon as it begins', async () => {
    const sh = await createSession({});
    try {
      const result = sh.run('sleep 30');
      sh.interrupt();
      assert.equal((await result).status, 130);
    } finally {
      await sh.close();
    }
  });

  for (const [key, name, status] of [
    ['\x03', 'Ctrl-C', 130],
    ['\x1c', 'Ctrl-\\', 131],
  ] as const) {
    it(`a ${name} key written before the shell has read the command line signals the command (no hang)`, async () => {
      const sh = await createSession({});
      try {
        // Written at once: the terminal gets the key while the command line is still in its input queue.
        const result = sh.run('sleep 30');
        sh.write(`typed before${key}`);
        const { status: got, output } = await settles(result, 10_000);
        assert.equal(got, status);
        assert.doesNotMatch(output, /typed before/);
        assert.equal((await sh.run('echo alive')).output, 'alive\n');
      } finally {
        await sh.close();
      }
    });
  }

  for (const [how, send] of [
    ['interrupt()', (sh: PtySession) => sh.interrupt()],
    ['a Ctrl-C key', (sh: PtySession) => sh.write('\x03')],
  ] as const) {
    it(`${how} at any moment of a command's start reaches the program (20 starts, 0-19 ms in)`, async () => {
      // While the shell forks the program, the signal may land on the shell (which ignores it while it waits
      // for the program) or on the child before its exec (where the shell's handler swallows it).
      const sh = await createSession({});
      try {
        const statuses: number[] = [];
        for (let delayMs = 0; delayMs < 20; delayMs++) {
          const result = sh.run('sleep 30');
          await sleep(delayMs);
          send(sh);
          statuses.push((await settles(result, 10_000)).status);
        }
        assert.deepEqual(statuses, Array(20).fill(130));
      } finally {
        await sh.close();
      }
    });
  }

  it('does nothing when no command runs', async () => {
    const sh = await createSession({});
    try {
      sh.interrupt();
      assert.equal((await sh.run('echo fine')).output, 'fine\n');
    } finally {
      await sh.close();
    }
  });
});

describe('timeout', () => {
  it('kills a hanging command with status 124; the session goes on', async () => {
    const sh = await createSession({});
    try {
      const result = await sh.run('Y=before; sleep 30', { timeoutMs: 150 });
      assert.equal(result.status, 124);
      assert.equal(result.timedOut, true);
      assert.equal(result.shellExited, false);
      assert.equal((await sh.run('echo "$Y"')).output, 'before\n');
      const next = await sh.run('sleep 0.05', { timeoutMs: 5000 });
      assert.deepEqual([next.status, next.timedOut], [0, false]);
    } finally {
      await sh.close();
    }
  });

  it('escalates to SIGTERM when the command ignores SIGINT', async () => {
    const sh = await createSession({ killGraceMs: 150 });
    try {
      const result = await sh.run(`bash -c 'trap "" INT; sleep 30'`, { timeoutMs: 100 });
      assert.equal(result.status, 124);
      assert.equal(result.timedOut, true);
      assert.ok(result.durationMs < 5000, `${result.durationMs} ms`);
      assert.equal((await sh.run('echo alive')).output, 'alive\n');
    } finally {
      await sh.close();
    }
  });
});

describe('resize', () => {
  it('changes the terminal size commands see', async () => {
    const sh = await createSession({ cols: 80, rows: 24 });
    try {
      assert.equal((await sh.run('stty size')).output, '24 80\n');
      sh.resize(132, 40);
      assert.equal((await sh.run('stty size')).output, '40 132\n');
    } finally {
      await sh.close();
    }
  });
});

describe('teardown', () => {
  /** Starts background processes in the session and returns their pids. */
  async function startOrphans(sh: PtySession): Promise<number[]> {
    const result = await sh.run(
      'sleep 1000 & a=$!\n' +
        'nohup sleep 1001 >/dev/null 2>&1 & b=$!\n' +
        'bash -c \'trap "" HUP TERM; sleep 1002\' & c=$!\n' +
        "d=$(setsid --fork sh -c 'echo $$; exec sleep 1003 >/dev/null')\n" +
        'sleep 0.1; echo "$a $b $c $d"',
    );
    const pids = result.output.trim().split(' ').map(Number);
    assert.equal(pids.length, 4, result.output);
    for (const pid of pids) assert.ok(isAlive(pid), `pid ${pid} runs before close`);
    return pids;
  }

  it('close() ends the shell and everything started in it, even what ignores hangups or left the session', async () => {
    const sh = await createSession({ killGraceMs: 300 });
    const pids = await startOrphans(sh);
    await sh.close();
    for (const pid of [sh.pid, ...pids]) assert.equal(isAlive(pid), false, `pid ${pid} survived close()`);
    await sh.close(); // idempotent
  });

  it('close() during a running command ends it too', async () => {
    const sh = await createSession({});
    const running = runAndAct(sh, 'echo go; sleep 30', 'go', () => void sh.close());
    const result = await running;
    // The command is hung up first; its end mark may still make it out before the shell goes.
    assert.ok(result.shellExited || result.status === 129, JSON.stringify(result));
    await sh.close();
    assert.equal(isAlive(sh.pid), false);
  });

  it('close() while a program reads the terminal: the program hears the hangup, not what stepdown tells the shell', async () => {
    const log = join(scratchDir('stepdown-reader'), 'read.log');
    const sh = await createSession({});
    // A pager in miniature: every line it reads from the terminal goes to the log.
    const reader = `bash -c 'echo reading; while IFS= read -r line; do printf "%s\\n" "$line" >> ${log}; done'`;
    const running = runAndAct(sh, reader, 'reading', () => void sh.close());
    await running;
    await sh.close();
    assert.equal(isAlive(sh.pid), false);
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '', 'the reader read nothing');
  });

  it('closeAllSessions() closes every open session', async () => {
    const sessions = await Promise.all([createSession({}), createSession({})]);
    await closeAllSessions();
    for (const sh of sessions) {
      assert.equal(isAlive(sh.pid), false);
      assert.equal((await sh.run('true')).shellExited, true);
    }
  });

  it('when stepdown exits without closing, nothing it started survives', () => {
    // A separate node process that opens a session, starts background jobs and exits without closing it.
    const program = `
      import { createSession } from './src/session/session.ts';
      const sh = await createSession({});
      const r = await sh.run('sleep 1000 & a=$!; nohup sleep 1001 >/dev/null 2>&1 & echo "$a $! $$"');
      console.log(r.output.trim());
      process.exit(0);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(child.status, 0, child.stderr);
    const pids = child.stdout.trim().split(' ').map(Number);
    assert.equal(pids.length, 3);
    // SIGKILL was sent before that process ended; give the kernel a moment to deliver it.
    const deadline = Date.now() + 2000;
    while (pids.some(isAlive) && Date.now() < deadline) spawnSync('sleep', ['0.02']);
    for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} outlived its stepdown`);
  });

  it('removes the temporary folder', async () => {
    const sh = await createSession({ ownCommands: BUILT_COMMANDS });
    assert.ok(existsSync(sh.binDir!));
    await sh.close();
    assert.equal(existsSync(sh.binDir!), false);
  });
});
