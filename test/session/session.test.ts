// A real bash in a real pty: what each kind of command does to the session and what `run` reports.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSession, type PtySession, type SessionOptions } from '../../src/session/session.js';
import { BUILT_COMMANDS } from './own-commands.js';

async function withSession<T>(options: SessionOptions, body: (session: PtySession) => Promise<T>): Promise<T> {
  const session = await createSession(options);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

describe('state carries over from one command to the next', () => {
  let sh: PtySession;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stepdown-session-test-'));
    sh = await createSession({ cwd: dir });
  });
  after(async () => {
    await sh.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const out = async (command: string) => {
    const result = await sh.run(command);
    assert.equal(result.status, 0, `${command}: ${result.output}`);
    return result.output;
  };

  it('variables, arrays and `${VAR:-x}`', async () => {
    await out('X=42; declare -A M=([k]=v); unset NOPE');
    assert.equal(await out('echo "$X ${M[k]} ${NOPE:-fallback}"'), '42 v fallback\n');
  });

  it('exports reach child processes, and so do plain variables (as in demosh: see environment)', async () => {
    await out('export EXPORTED=yes; PLAIN=no');
    assert.equal(await out(`bash -c 'echo "\${EXPORTED-unset} \${PLAIN-unset}"'`), 'yes no\n');
  });

  it('functions, including multi-line definitions', async () => {
    await out('greet() {\n  local who=$1\n  echo "hello, $who"\n}');
    assert.equal(await out('greet world'), 'hello, world\n');
  });

  it('aliases defined in one command apply to the next (and later lines of the same command)', async () => {
    await out("alias hi='echo alias says'");
    assert.equal(await out('hi there'), 'alias says there\n');
    assert.equal(await out("alias bye='echo bye'\nbye now"), 'bye now\n');
  });

  it('cd', async () => {
    await out('mkdir -p sub && cd sub');
    assert.equal(await out('pwd'), `${join(dir, 'sub')}\n`);
    await out('cd ..');
  });

  it('shell options other than errexit (set -u, pipefail, shopt)', async () => {
    await out('set -o pipefail; shopt -s nullglob');
    const result = await sh.run('false | true');
    assert.equal(result.status, 1);
    assert.equal(await out('echo nothing*here'), '\n');
    await out('set +o pipefail; shopt -u nullglob');
  });

  it('`$?` is the status of the previous command', async () => {
    assert.equal((await sh.run('(exit 7)')).status, 7);
    assert.equal(await out('echo $?'), '7\n');
  });

  it('`$LINENO` counts the lines of the command, as in a script', async () => {
    assert.equal(await out('echo $LINENO\n\necho $LINENO'), '1\n3\n');
  });
});

describe('what a command prints', () => {
  let sh: PtySession;
  before(async () => {
    sh = await createSession({});
  });
  after(() => sh.close());

  it('reports exit statuses', async () => {
    assert.equal((await sh.run('true')).status, 0);
    assert.equal((await sh.run('false')).status, 1);
    assert.equal((await sh.run('(exit 42)')).status, 42);
    assert.equal((await sh.run('no-such-command-anywhere')).status, 127);
  });

  it('output with no trailing newline', async () => {
    assert.equal((await sh.run('printf abc')).output, 'abc');
  });

  it('stdout and stderr interleaved, CRLF as LF in the result, raw through onOutput', async () => {
    let raw = '';
    const result = await sh.run('echo out; echo err >&2', { onOutput: (chunk) => (raw += chunk) });
    assert.equal(result.output, 'out\nerr\n');
    assert.equal(raw, 'out\r\nerr\r\n');
  });

  it('heredocs, quoted and unquoted', async () => {
    const result = await sh.run("Y=yes\ncat <<EOF\n$Y\nEOF\ncat <<'EOF'\n$Y\nEOF");
    assert.equal(result.output, 'yes\n$Y\n');
  });

  it('a fake end mark in the output does not end the command', async () => {
    const result = await sh.run(`printf '\\033]133;D;0\\007'; printf '\\033]133;D;%s;0;\\007' nonce; echo after`);
    assert.equal(result.status, 0);
    assert.match(result.output, /after\n$/);
    assert.ok(result.output.startsWith('\x1b]133;D;0\x07'));
  });

  it('escape sequences pass through untouched', async () => {
    const result = await sh.run("printf '\\033[31mred\\033[0m\\n'");
    assert.equal(result.output, '\x1b[31mred\x1b[0m\n');
  });

  it('megabytes of output stream through onOutput; the result keeps a bounded tail', async () => {
    let streamed = 0;
    const result = await sh.run('head -c 3000000 /dev/zero | tr "\\0" x; echo; echo last line', {
      onOutput: (chunk) => (streamed += chunk.length),
    });
    assert.equal(result.status, 0);
    assert.equal(streamed, 3_000_000 + 2 + 'last line\r\n'.length);
    assert.ok(result.output.length <= 64 * 1024, `kept ${result.output.length}`);
    assert.match(result.output, /x\nlast line\n$/);
  });

  it('a command longer than the terminal line limit (> 8 KB)', async () => {
    const word = 'w'.repeat(9000);
    const result = await sh.run(`V=${word}\necho \${#V}`);
    assert.equal(result.output, '9000\n');
  });

  it('a syntax error is a failed command, not a hang', async () => {
    const result = await sh.run('echo before\nif then fi');
    assert.equal(result.status, 2);
    assert.match(result.output, /before\n.*syntax error/s);
    assert.equal((await sh.run('echo fine')).output, 'fine\n');
  });

  it('refuses a second command while one is running', async () => {
    const first = sh.run('sleep 0.2');
    await assert.rejects(sh.run('true'), /already running/);
    assert.equal((await first).status, 0);
  });
});

describe('set -e', () => {
  it('is reported after the command that set it and kept until set +e; the shell never exits on it', async () => {
    await withSession({}, async (sh) => {
      assert.equal((await sh.run('true')).errexit, false);
      assert.deepEqual(await pick(sh.run('set -e'), 'status', 'errexit'), { status: 0, errexit: true });
      const failed = await sh.run('false');
      assert.deepEqual(
        { ...failed, durationMs: 0 },
        {
          status: 1,
          output: '',
          durationMs: 0,
          timedOut: false,
          errexit: true,
          shellExited: false,
          quietFailure: false,
        },
      );
      assert.equal((await sh.run('echo "$-"')).output.includes('e'), true, '$- shows e');
      assert.deepEqual(await pick(sh.run('set +e'), 'errexit'), { errexit: false });
      assert.deepEqual(await pick(sh.run('false'), 'status', 'errexit', 'shellExited'), {
        status: 1,
        errexit: false,
        shellExited: false,
      });
    });
  });

  it('inside one command does not end the shell (the command runs on, as with errexit ignored)', async () => {
    await withSession({}, async (sh) => {
      const result = await sh.run('set -euo pipefail\nfalse\necho still running');
      assert.deepEqual(await pick(Promise.resolve(result), 'status', 'output', 'errexit', 'shellExited'), {
        status: 0,
        output: 'still running\n',
        errexit: true,
        shellExited: false,
      });
      assert.equal((await sh.run('echo alive')).output, 'alive\n');
    });
  });

  it('does not change `$?` for the next command', async () => {
    await withSession({}, async (sh) => {
      await sh.run('set -e');
      await sh.run('(exit 4)');
      assert.equal((await sh.run('echo $?')).output, '4\n');
    });
  });
});

describe('commands that tamper with the shell', () => {
  it('PS1, PS0, PS2, PROMPT_COMMAND and a DEBUG trap do not break detection', async () => {
    await withSession({}, async (sh) => {
      await sh.run("PS1='my prompt> '; PS0='ps0!'; PS2='> '; PROMPT_COMMAND='echo from-prompt-command'");
      assert.deepEqual(await pick(sh.run('echo one'), 'status', 'output'), { status: 0, output: 'one\n' });
      assert.deepEqual(await pick(sh.run('false'), 'status'), { status: 1 });
      await sh.run("trap 'true' DEBUG");
      assert.equal((await sh.run('echo two')).output, 'two\n');
    });
  });

  it('`exec >file 2>&1` hides the output but not the end of the command', async () => {
    await withSession({}, async (sh) => {
      assert.deepEqual(await pick(sh.run('exec >/dev/null 2>&1; echo hidden; false'), 'status', 'output'), {
        status: 1,
        output: '',
      });
      assert.equal((await sh.run('exec >/dev/tty 2>&1; echo visible')).output, 'visible\n');
    });
  });

  it('a command that leaves the terminal in raw mode does not stall the next one', async () => {
    await withSession({}, async (sh) => {
      await sh.run('stty raw -echo');
      assert.equal((await sh.run('echo after')).output, 'after\n');
      await sh.run('stty sane');
      assert.equal((await sh.run('echo sane')).output, 'sane\n');
    });
  });

  it('IFS, set -u, noglob and posix mode do not disturb the session', async () => {
    await withSession({}, async (sh) => {
      await sh.run('IFS=x; set -uf -o posix');
      assert.deepEqual(await pick(sh.run('echo "a b" *'), 'status', 'output'), { status: 0, output: 'a b *\n' });
      assert.deepEqual(await pick(sh.run('false'), 'status'), { status: 1 });
    });
  });

  it('set -x traces the command, not the session machinery', async () => {
    await withSession({}, async (sh) => {
      assert.equal((await sh.run('set -x')).output, '');
      const traced = await sh.run('echo traced');
      assert.match(traced.output, /^\++ echo traced\ntraced\n$/);
      await sh.run('set +x');
      assert.equal((await sh.run('echo plain')).output, 'plain\n');
    });
  });

  it('functions of the session cannot be redefined', async () => {
    await withSession({}, async (sh) => {
      const result = await sh.run('__sd_d() { :; }');
      assert.notEqual(result.status, 0);
      assert.equal((await sh.run('echo ok')).output, 'ok\n');
    });
  });
});

describe('the shell going away', () => {
  it('`exit 3` ends the session with status 3', async () => {
    await withSession({}, async (sh) => {
      assert.deepEqual(await pick(sh.run('echo bye; exit 3'), 'status', 'output', 'shellExited'), {
        status: 3,
        output: 'bye\n',
        shellExited: true,
      });
      assert.deepEqual(await pick(sh.run('echo again'), 'status', 'shellExited'), { status: 3, shellExited: true });
    });
  });

  it('`exit` after a lot of output: none of it is lost when the shell goes (the terminal may drop unread data)', async () => {
    // Without the shell waiting for the session to read it all, about a third of these lost their end.
    for (let attempt = 1; attempt <= 6; attempt++) {
      await withSession({}, async (sh) => {
        const result = await sh.run('seq 100000; exit 3');
        assert.deepEqual([result.status, result.shellExited], [3, true]);
        assert.ok(
          result.output.endsWith('\n99999\n100000\n'),
          `attempt ${attempt}: …${JSON.stringify(result.output.slice(-40))}`,
        );
      });
    }
  });

  it('`exec sleep` ends the session when that program ends', async () => {
    await withSession({}, async (sh) => {
      assert.deepEqual(await pick(sh.run('exec sleep 0.1'), 'status', 'shellExited'), {
        status: 0,
        shellExited: true,
      });
    });
  });

  it('`exec bash` without a terminal for stdin (interactive: false) ends at once', async () => {
    await withSession({ interactive: false }, async (sh) => {
      assert.deepEqual(await pick(sh.run('exec bash'), 'status', 'shellExited'), { status: 0, shellExited: true });
    });
  });

  it('`exec bash` with the terminal (interactive) ends when its user types exit', async () => {
    await withSession({ env: { ...process.env, HOME: tmpdir() } }, async (sh) => {
      const result = sh.run('exec bash --norc');
      setTimeout(() => sh.write('exit 5\r'), 100);
      assert.deepEqual(await pick(result, 'status', 'shellExited'), { status: 5, shellExited: true });
    });
  });
});

describe('stdin', () => {
  it('interactive: false gives commands /dev/null, so nothing waits for a key', async () => {
    await withSession({ interactive: false }, async (sh) => {
      const result = await sh.run('read -r line; echo "read=$?"; cat; echo "cat=$?"');
      assert.equal(result.output, 'read=1\ncat=0\n');
    });
  });

  it('interactive: false turns the terminal echo off; an interactive session keeps it', async () => {
    await withSession({ interactive: false }, async (sh) => {
      assert.match((await sh.run('stty -a </dev/tty')).output, /(^|\s)-echo(\s|$)/m);
    });
    await withSession({}, async (sh) => {
      assert.match((await sh.run('stty -a')).output, /(^|\s)echo(\s|$)/m);
    });
  });

  it('interactive: false makes less and more print and end (they read keys from the terminal, not stdin)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepdown-pager-test-'));
    try {
      // Longer than the terminal, so a real pager would stop at the first screen and wait for a key.
      const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
      writeFileSync(join(dir, 'notes.txt'), `${lines.join('\n')}\n`);
      await withSession({ interactive: false, cwd: dir }, async (sh) => {
        for (const command of [
          'less -e notes.txt',
          'less +G notes.txt',
          'less -R -p 50 notes.txt',
          'more notes.txt',
          'cat notes.txt | less',
          'PAGER=less; $PAGER notes.txt',
        ]) {
          const result = await sh.run(command, { timeoutMs: 10_000 });
          assert.deepEqual(
            {
              status: result.status,
              timedOut: result.timedOut,
              lines: result.output.split('\n').filter((l) => l.startsWith('line ')),
            },
            { status: 0, timedOut: false, lines },
            command,
          );
        }
        // The pager's own options and status still apply: `--tabs 4` takes its value, a missing file is reported.
        assert.equal((await sh.run('less --tabs 4 notes.txt | wc -l', { timeoutMs: 10_000 })).output, '100\n');
        assert.match((await sh.run('less no-such-file', { timeoutMs: 10_000 })).output, /no-such-file: No such file/);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('interactive (default): less is the real one', async () => {
    await withSession({ ownCommands: BUILT_COMMANDS }, async (sh) => {
      const found = (await sh.run('type -P -a less more')).output;
      assert.ok(found.includes('/less\n') && found.includes('/more\n'), found);
      assert.ok(!found.includes(dirname(sh.binDir!)), `no stand-in in a presenter's session: ${found}`);
    });
  });

  it('interactive (default): keys written to the session reach the command', async () => {
    await withSession({}, async (sh) => {
      const result = sh.run('read -r -p "name? " name; echo "hi $name"', {
        onOutput: (chunk) => {
          if (chunk.includes('name? ')) sh.write('Ada\r');
        },
      });
      assert.equal((await result).output, 'name? Ada\nhi Ada\n');
    });
  });
});

describe('keys the command does not read', () => {
  for (const [what, keys] of [
    ['an unfinished line', 'junk'],
    ['a whole line', 'echo stray\r'],
  ] as const) {
    it(`${what} typed during a command neither breaks nor leaks into the next one`, async () => {
      await withSession({}, async (sh) => {
        const first = runAfterOutput(sh, 'echo go; sleep 0.2', 'go', () => sh.write(keys));
        assert.equal((await first).status, 0);
        assert.deepEqual(await pick(sh.run('echo next'), 'status', 'output'), { status: 0, output: 'next\n' });
      });
    });
  }

  it('in raw mode too', async () => {
    await withSession({}, async (sh) => {
      await runAfterOutput(sh, 'stty raw; echo go; sleep 0.2', 'go', () => sh.write('junk'));
      assert.deepEqual(await pick(sh.run('stty sane; echo next'), 'status', 'output'), { status: 0, output: 'next\n' });
    });
  });

  it('keys written while no command runs are ignored', async () => {
    await withSession({}, async (sh) => {
      sh.write('echo injected\r');
      assert.equal((await sh.run('echo fine')).output, 'fine\n');
    });
  });
});

describe('environment', () => {
  it('positional parameters: $0 is the script, $1… the arguments; `set --` and shift persist', async () => {
    await withSession({ scriptPath: 'workshop/DEMO.md', args: ['a', 'b c'] }, async (sh) => {
      assert.equal((await sh.run('echo "$0|$1|$2|$#"')).output, 'workshop/DEMO.md|a|b c|2\n');
      await sh.run('shift');
      assert.equal((await sh.run('echo "$1|$#"')).output, 'b c|1\n');
      await sh.run('set -- x y z');
      assert.equal((await sh.run('echo "$*"')).output, 'x y z\n');
    });
  });

  // demosh README, *Processing*: an assignment updates demosh's environment, "the environment passed to each
  // command being executed".
  it('every variable a command sets is in the environment of later programs, as in demosh; `set +a` stops it', async () => {
    await withSession({}, async (sh) => {
      await sh.run('GREETING=hello; count=3');
      assert.equal((await sh.run(`bash -c 'echo "$GREETING $count"'`)).output, 'hello 3\n');
      await sh.run('set +a');
      await sh.run('QUIET=1');
      assert.equal((await sh.run(`bash -c 'echo "\${QUIET-unset} $GREETING"'`)).output, 'unset hello\n');
      await sh.run('set -a');
      await sh.run('LOUD=2');
      assert.equal((await sh.run(`bash -c 'echo "\${LOUD-unset}"'`)).output, '2\n');
      // The session's own variables stay its own.
      assert.equal((await sh.run(`env | grep -c '^__sd_\\|^PROMPT_COMMAND=' || true`)).output, '0\n');
    });
  });

  // demosh reads DEMOSH_QUIET_FAILURE at start and at each assignment, with its str2bool (yes, true, t, y, 1).
  it('says whether DEMOSH_QUIET_FAILURE is true after each command and when the shell exits, under set -u too', async () => {
    await withSession({}, async (sh) => {
      assert.equal((await sh.run('true')).quietFailure, false);
      for (const value of ['TRUE', 'yes', 'Y', 't', '1']) {
        assert.equal((await sh.run(`DEMOSH_QUIET_FAILURE=${value}`)).quietFailure, true, value);
      }
      for (const value of ['false', '0', 'no', '', 'truthy']) {
        assert.equal((await sh.run(`DEMOSH_QUIET_FAILURE=${value}`)).quietFailure, false, value);
      }
      await sh.run('set -u; unset DEMOSH_QUIET_FAILURE');
      const unset = await sh.run('echo still here');
      assert.deepEqual([unset.output, unset.quietFailure], ['still here\n', false]);
      await sh.run('DEMOSH_QUIET_FAILURE=true');
      const exited = await sh.run('exit 4');
      assert.deepEqual([exited.shellExited, exited.status, exited.quietFailure], [true, 4, true]);
    });
  });

  it('TERM defaults to xterm-256color; a TERM that is set is kept, and so is everything else', async () => {
    const { TERM: _, ...noTerm } = process.env;
    await withSession({ env: { ...noTerm, STEPDOWN_TEST_VAR: 'kept' } }, async (sh) => {
      assert.equal((await sh.run('echo "$TERM $STEPDOWN_TEST_VAR"')).output, 'xterm-256color kept\n');
    });
    await withSession({ env: { ...process.env, TERM: 'dumb' } }, async (sh) => {
      assert.equal((await sh.run('echo $TERM')).output, 'dumb\n');
    });
  });

  it('the bin folder comes first on PATH with the stepdown and localcluster the caller gives', async () => {
    await withSession({ ownCommands: BUILT_COMMANDS }, async (sh) => {
      assert.equal((await sh.run('echo "${PATH%%:*}"')).output, `${sh.binDir}\n`);
      for (const [name, target] of Object.entries(BUILT_COMMANDS)) {
        assert.equal((await sh.run(`command -v ${name}`)).output, `${join(sh.binDir!, name)}\n`);
        assert.equal(readlinkSync(join(sh.binDir!, name)), target);
      }
      assert.ok(existsSync(BUILT_COMMANDS.stepdown), 'run `npm run build` first: the session runs dist/cli');
      const help = await sh.run('stepdown --help');
      assert.equal(help.status, 0, help.output);
      assert.match(help.output, /Usage: stepdown/);
    });
  });

  it('binDir puts a given folder first on PATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepdown-bin-test-'));
    try {
      writeFileSync(join(dir, 'localcluster'), '#!/bin/sh\necho "fake localcluster $*"\n', { mode: 0o755 });
      await withSession({ binDir: dir }, async (sh) => {
        assert.equal((await sh.run('localcluster create')).output, 'fake localcluster create\n');
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('start-up', () => {
  it('fails with what the terminal said when bash cannot start', async () => {
    await assert.rejects(createSession({ cwd: '/no/such/dir' }), /^Error: bash could not start \(status 1\): chdir/);
    await assert.rejects(createSession({ shell: '/no/such/bash' }), /^Error: \/no\/such\/bash could not start/);
  });
});

/** Runs `command` and calls `act` once its output contains `cue`. */
function runAfterOutput(sh: PtySession, command: string, cue: string, act: () => void) {
  let done = false;
  return sh.run(command, {
    onOutput: (chunk) => {
      if (!done && chunk.includes(cue)) {
        done = true;
        act();
      }
    },
  });
}

/** The named fields of a run's result (durations vary). */
async function pick<K extends keyof Awaited<ReturnType<PtySession['run']>>>(
  result: ReturnType<PtySession['run']>,
  ...keys: K[]
): Promise<Pick<Awaited<ReturnType<PtySession['run']>>, K>> {
  const value = await result;
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<typeof value, K>;
}
