// The UI's use of the real session: variable values for display, handing the terminal to a command, and the
// live session shell. Real bash in a real pty; only the outer terminal is in memory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createSession, type PtySession } from '../../src/session/session.js';
import { endsAtLineStart, handOver } from '../../src/ui/handover.js';
import { closeLiveShell, openLiveShell } from '../../src/player/live-shell.js';
import { bracedNames, expandBraced, parseVariableAnswer, variableQuery } from '../../src/ui/variables.js';
import { fakeTerminal } from './fake-tty.js';

let session: PtySession;
before(async () => {
  session = await createSession({ cwd: '/tmp' });
});
after(async () => {
  await session.close();
});

/** A process called `name` runs in the terminal session led by `sid` (Linux /proc). */
function sessionHas(sid: number, name: string): boolean {
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (comm === name && Number(fields[3]) === sid && fields[0] !== 'Z') return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

/** Resolves when `read()` matches, polling (never a fixed sleep as the assertion). */
async function until(read: () => string, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(read())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('variable values come from the session, and the next command still sees the previous $?', {
  timeout: 30_000,
}, async () => {
  await session.run('POD=web-7f9; NS="faces ns"; MULTI=$\'a\\nb\'; false');
  const names = bracedNames('kubectl -n ${NS} logs ${POD} ${POD} ${NOPE} ${MULTI}');
  assert.deepEqual(names, ['NS', 'POD', 'NOPE', 'MULTI']);
  const answer = await session.run(variableQuery(names));
  const values = parseVariableAnswer(answer.output);
  assert.deepEqual(
    [...values],
    [
      ['NS', 'faces ns'],
      ['POD', 'web-7f9'],
    ],
  );
  assert.equal(expandBraced('logs ${POD} ${NOPE}', values), 'logs web-7f9 ${NOPE}');
  const status = await session.run('echo "status=$?"');
  assert.match(status.output, /status=1/);
});

test('a handed-over command reads the keyboard and writes to the screen; input comes back afterwards', {
  timeout: 30_000,
}, async () => {
  const { stdin, stdout, terminal } = fakeTerminal();
  terminal.start();
  const back: string[] = [];
  const running = handOver(session, terminal, 'read -r -p "name? " name; echo "hi $name"', (d) => back.push(d));
  await until(() => stdout.data, /name\? /);
  stdin.write('Ada\r');
  const result = await running;
  assert.equal(result.status, 0);
  assert.match(stdout.data, /hi Ada/);
  stdin.write('x');
  await until(() => back.join(''), /x/);
  terminal.restore();
});

test('Ctrl-C interrupts the command only; the session goes on', { timeout: 30_000 }, async () => {
  const { stdin, stdout, terminal } = fakeTerminal();
  terminal.start();
  const running = handOver(session, terminal, 'echo started; sleep 30', () => {});
  await until(() => stdout.data, /started/);
  stdin.write('\x03');
  const result = await running;
  assert.equal(result.status, 130);
  assert.ok(result.durationMs < 10_000);
  assert.match((await session.run('echo alive')).output, /alive/);
  terminal.restore();
});

test('Ctrl-C at once, before bash has even read the command, still interrupts it and nothing hangs', {
  timeout: 30_000,
}, async () => {
  const { stdin, stdout, terminal } = fakeTerminal();
  terminal.start();
  const running = handOver(session, terminal, 'sleep 30', () => {});
  stdin.write('\x03');
  const result = await running;
  assert.equal(result.status, 130);
  assert.match(stdout.data, /\^C/, 'the key is echoed as the terminal would');
  assert.match((await session.run('echo alive')).output, /alive/);
  terminal.restore();
});

test('keys typed into a command that does not read them do not spoil the next command', {
  timeout: 30_000,
}, async () => {
  const { stdin, stdout, terminal } = fakeTerminal();
  terminal.start();
  const running = handOver(session, terminal, 'echo waiting; sleep 1', () => {});
  await until(() => stdout.data, /waiting/);
  stdin.write('Q+');
  assert.equal((await running).status, 0);
  const next = await session.run('echo "next ran, status $?"');
  assert.match(next.output, /next ran, status 0/);
  terminal.restore();
});

test('the live shell is the same bash: state made there stays; exit and Ctrl-D return; exit is restored', {
  timeout: 30_000,
}, async () => {
  await session.run('GREETING=hello; greet() { echo "$GREETING, $1"; }');
  const { stdin, stdout, terminal } = fakeTerminal();
  terminal.start();
  let shell = handOver(session, terminal, openLiveShell(), () => {});
  await until(() => stdout.data, /\[stepdown shell\]/);
  stdin.write('greet world; SHELL_MADE=1; made() { echo made-here; }; cd /usr\r');
  await until(() => stdout.data, /hello, world/);
  stdin.write('sleep 30\r');
  // Ctrl-C once sleep really runs (earlier, bash itself would get it, before starting sleep).
  await until(() => (sessionHas(session.pid, 'sleep') ? 'yes' : ''), /yes/);
  stdin.write('\x03');
  // As a person would: wait for the prompt again (typeahead before it may be flushed by the terminal).
  await until(() => stdout.data, /sleep 30\r?\n[\s\S]*\[stepdown shell\]/);
  stdin.write('echo after-interrupt\r');
  // The output line, then a new prompt: the loop survived the interrupt.
  await until(() => stdout.data, /\rafter-interrupt\r\n[^\n]*\[stepdown shell\]/);
  stdin.write('exit\r');
  const result = await shell;
  await session.run(closeLiveShell());
  assert.ok(!result.shellExited, 'the session shell is still there');
  const check = await session.run('echo "$SHELL_MADE $PWD"; made; type -t exit');
  assert.match(check.output, /1 \/usr/);
  assert.match(check.output, /made-here/);
  assert.match(check.output, /builtin/, 'exit is the builtin again');

  stdout.data = '';
  shell = handOver(session, terminal, openLiveShell(), () => {});
  await until(() => stdout.data, /\[stepdown shell\]/);
  stdin.write('\x04');
  assert.equal((await shell).shellExited, false);
  await session.run(closeLiveShell());
  assert.match((await session.run('echo still-here')).output, /still-here/);
  terminal.restore();
});

test('where the cursor is left after a command', { timeout: 30_000 }, () => {
  assert.equal(endsAtLineStart(''), true, 'no output');
  assert.equal(endsAtLineStart('done\r\n'), true);
  assert.equal(endsAtLineStart('no newline'), false);
  assert.equal(endsAtLineStart('line\r\n\x1b[0m'), true, 'escapes after the newline move nothing');
  assert.equal(
    endsAtLineStart('\x1b[?1049h\x1b[Hfull screen\x1b[?1049l\r\x1b[?1l\x1b>'),
    true,
    'after the alternate screen',
  );
  assert.equal(endsAtLineStart('\x1b[H\x1b[2J\x1b[3J'), true, 'after clear');
});
