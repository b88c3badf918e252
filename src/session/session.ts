// One interactive `bash --noprofile --norc` in a pseudo-terminal, kept for a whole run: every command runs in
// the same shell, so variables, exports, functions, aliases, `cd` and options carry over exactly as typed.
// How commands are framed and how their end is detected: see shell.ts and markers.ts.
import { spawn, type IPty } from '@lydell/node-pty';
import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_SHELL, makeOwnBin, UNATTENDED_ENV, type OwnCommands } from './bin.js';
import { MarkerScanner, newNonce, type CommandEnd } from './markers.js';
import { makePagerStandIns } from './pagers.js';
import {
  executableOf,
  foregroundGroup,
  isAlive,
  isStopped,
  sessionProcesses,
  signal,
  terminalOf,
} from './processes.js';
import { track, untrack } from './registry.js';
import {
  commandFile,
  commandLine,
  mayStartTracing,
  STARTUP_ENV,
  STARTUP_LINE,
  startupScript,
  type CarriedFlags,
} from './shell.js';
import { OutputTail } from './tail.js';
import type { RunOptions, RunResult, Session } from './types.js';

export interface SessionOptions {
  /** Working directory of the shell. Default: process.cwd(). */
  cwd?: string;
  /** Base environment. Default: process.env. TERM defaults to xterm-256color when unset. */
  env?: NodeJS.ProcessEnv;
  /** `$0` in the shell (the workshop file, as `bash script` would have it). Default: `bash`. */
  scriptPath?: string;
  /** `$1 … $n`. */
  args?: readonly string[];
  cols?: number;
  rows?: number;
  /** Commands put first on PATH, in a folder of the session's own (the CLI gives its `stepdown` and `localcluster`). */
  ownCommands?: OwnCommands;
  /** A folder put first on PATH instead of one made for `ownCommands`. */
  binDir?: string;
  /**
   * true (default): commands read the terminal, keys arrive through `write`. false (CI): every command gets
   * /dev/null as stdin, so `read` fails and `cat` ends at once instead of waiting for a key nobody will type,
   * and `less` and `more` print like cat (see pagers.ts).
   */
  interactive?: boolean;
  /** Characters of output kept in RunResult.output (the end of it). Default 64 KiB. */
  outputLimit?: number;
  /** Time between SIGINT, SIGTERM and SIGKILL when a command times out, and during close. Default 2 s. */
  killGraceMs?: number;
  /** The bash to run. Default: `bash` from PATH. */
  shell?: string;
}

/** Keys the terminal turns into a signal to its foreground (termios defaults: INTR, QUIT, SUSP). */
const SIGNAL_KEYS: Readonly<Record<string, NodeJS.Signals>> = {
  '\x03': 'SIGINT',
  '\x1c': 'SIGQUIT',
  '\x1a': 'SIGTSTP',
};

const STARTUP_TIMEOUT_MS = 10_000;
/**
 * Exported into the session with a value of its own: every process started in it inherits it, so teardown
 * finds even those that left the terminal session and closed the terminal (`setsid -f cmd </dev/null …`).
 */
export const SESSION_ENV = 'STEPDOWN_SESSION';
/** How often, and how long, the foreground is looked at while a signal waits for a program to take it. */
const FOREGROUND_RECHECK_MS = 20;
const FOREGROUND_FOLLOW_MS = 1000;
/** How long the foreground command may take to end on a hangup; one that ignores it is ended with the rest. */
const FOREGROUND_HANGUP_MS = 500;
/**
 * How often a running command's shell is looked at for being stopped (`kill -STOP $$`); it is ended when it is
 * found stopped twice in a row. Nothing else would resume it: the run would wait for its time limit.
 */
const STOPPED_CHECK_MS = 250;
/** A run's status when its shell was stopped and ended: as bash reports a job stopped by SIGSTOP. */
export const SHELL_STOPPED_STATUS = 128 + osConstants.signals.SIGSTOP;

/** Starts a shell and resolves once it is ready for the first command. */
export async function createSession(options: SessionOptions = {}): Promise<PtySession> {
  const session = new PtySession(options);
  try {
    await session.ready;
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

interface ActiveRun {
  readonly options: RunOptions;
  readonly resolve: (result: RunResult) => void;
  readonly startedAt: number;
  readonly tail: OutputTail;
  /** The start mark has been seen: the command, not the shell reading its next line, owns the terminal. */
  begun: boolean;
  timedOut: boolean;
  /** Times in a row the shell was found stopped; at 2 it is ended. */
  stoppedChecks: number;
  /** A signal asked for before the command began; sent when it does. */
  pendingSignal?: NodeJS.Signals;
  readonly timers: NodeJS.Timeout[];
}

export class PtySession implements Session {
  /** The shell's pid; it leads the terminal session every command runs in. */
  readonly pid: number;
  /** The folder first on PATH, when there is one. */
  readonly binDir: string | undefined;
  readonly ready: Promise<void>;
  private readonly dir: string;
  /** The command file, kept open: rewriting it in place is ~20× cheaper than a truncating write on ext4. */
  private readonly commandFd: number;
  private commandLength = 0;
  /** The line typed for each command, without and with `set -x` on. */
  private readonly lines: Readonly<Record<'plain' | 'traced', string>>;
  private readonly grace: number;
  private readonly outputLimit: number;
  private readonly pty: IPty;
  private readonly scanner: MarkerScanner;
  private readonly exited: Promise<number>;
  private current: ActiveRun | undefined;
  private exitStatus: number | undefined;
  /** As the shell reported them at the end of the last command. */
  /**
   * Every variable a workshop sets is exported, as demosh passes its whole environment to every command
   * (`set +a` turns that off).
   */
  private flags: CarriedFlags = { errexit: false, xtrace: false, allexport: true };
  /** DEMOSH_QUIET_FAILURE was true at the end of the last command or at the shell's exit. */
  private quietFailure = false;
  private closing: Promise<void> | undefined;
  /** Keys were written during the last command (some may be left unread). */
  private keysWritten = false;
  /** The pty's device (Linux), to find processes that left the session but still hold the terminal. */
  private tty: string | undefined;
  /** The shell's program (Linux): a process still running it in the foreground has not exec'd its command yet. */
  private shellProgram: string | undefined;
  /** `STEPDOWN_SESSION=<id>`, as the environment of every process started in the session holds it. */
  private readonly marker: string;

  constructor(options: SessionOptions) {
    this.grace = options.killGraceMs ?? 2000;
    this.outputLimit = options.outputLimit ?? 64 * 1024;
    const interactive = options.interactive ?? true;
    this.lines = { plain: commandLine(interactive, false), traced: commandLine(interactive, true) };
    this.dir = mkdtempSync(join(tmpdir(), 'stepdown-'));
    const commandPath = join(this.dir, 'command.bash');
    this.commandFd = openSync(commandPath, 'w', 0o600);
    this.binDir = options.binDir ?? (options.ownCommands && makeOwnBin(this.dir, options.ownCommands));
    const nonce = newNonce();
    const startupPath = join(this.dir, 'startup.bash');
    writeFileSync(startupPath, startupScript(nonce, { echo: interactive }));

    const base = options.env ?? process.env;
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(base)) if (value !== undefined) env[name] = value;
    env.TERM = base.TERM || 'xterm-256color';
    // Not the marker nonce: commands can read their environment, and must not be able to fake an end mark.
    env[SESSION_ENV] = newNonce();
    this.marker = `${SESSION_ENV}=${env[SESSION_ENV]}`;
    const pagers = interactive ? [] : [makePagerStandIns(this.dir)];
    const first = this.binDir ? [this.binDir] : [];
    env.PATH = [...first, ...pagers, base.PATH || '/usr/local/bin:/usr/bin:/bin'].join(delimiter);
    const demoShell = this.binDir && join(this.binDir, DEMO_SHELL);
    if (demoShell && existsSync(demoShell)) env.SHELL = demoShell;
    if (!interactive) env[UNATTENDED_ENV] = '1';
    env[STARTUP_ENV.startupFile] = startupPath;
    env[STARTUP_ENV.commandFile] = commandPath;
    if (options.scriptPath !== undefined) env[STARTUP_ENV.argv0] = options.scriptPath;

    let markReady!: () => void;
    let failStart!: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    let markExited!: (status: number) => void;
    this.exited = new Promise<number>((resolve) => (markExited = resolve));

    // What the terminal shows before the session is ready: the only clue when bash cannot start.
    let startupOutput: string | undefined = '';
    this.scanner = new MarkerScanner(nonce, {
      ready: () => {
        startupOutput = undefined;
        this.tty = terminalOf(this.pid);
        this.shellProgram = executableOf(this.pid);
        markReady();
      },
      start: () => this.onStart(),
      output: (text) => this.onOutput(text),
      end: (end) => this.onEnd(end),
      // The shell waits for this answer before it exits: everything it printed has been read (see shell.ts).
      exit: (end) => {
        this.quietFailure = end.quietFailure;
        this.pty.write(`${nonce}\n`);
      },
    });
    // No readline: the shell only ever reads our short fixed lines (the commands are in files), and the
    // terminal's own line discipline takes them several times faster than readline's per-key redisplay.
    const argv = ['--noprofile', '--norc', '--noediting', '-s', '--', ...(options.args ?? [])];
    const shell = options.shell ?? 'bash';
    this.pty = spawn(shell, argv, {
      name: env.TERM,
      cols: options.cols ?? 80,
      rows: options.rows ?? 24,
      cwd: options.cwd ?? process.cwd(),
      env,
    });
    this.pid = this.pty.pid;
    track(this);
    this.pty.onData((data) => {
      if (startupOutput !== undefined && startupOutput.length < 4096) startupOutput += data;
      this.scanner.push(data);
    });
    this.pty.onExit(({ exitCode, signal: sig }) => {
      const status = sig ? 128 + sig : exitCode;
      this.exitStatus = status;
      untrack(this);
      if (startupOutput !== undefined) failStart(startupFailure(shell, status, startupOutput));
      if (this.current) this.finish(this.current, status, true);
      markExited(status);
    });
    const startupTimer = setTimeout(
      () => failStart(new Error(`${shell} did not start within ${STARTUP_TIMEOUT_MS / 1000} s`)),
      STARTUP_TIMEOUT_MS,
    );
    this.ready.then(
      () => clearTimeout(startupTimer),
      () => clearTimeout(startupTimer),
    );
    // Typed at once: bash reads it once started; the echo comes before the ready mark and is dropped.
    this.pty.write(STARTUP_LINE);
  }

  run(command: string, options: RunOptions = {}): Promise<RunResult> {
    if (this.current) return Promise.reject(new Error('a command is already running in this session'));
    if (this.exitStatus !== undefined || this.closing) {
      return this.exited.then((status) => ({
        status,
        output: '',
        durationMs: 0,
        timedOut: false,
        errexit: this.flags.errexit,
        shellExited: true,
        quietFailure: this.quietFailure,
      }));
    }
    const text = Buffer.from(commandFile(command, this.flags));
    writeSync(this.commandFd, text, 0, text.length, 0);
    if (text.length < this.commandLength) ftruncateSync(this.commandFd, text.length);
    this.commandLength = text.length;
    return new Promise<RunResult>((resolve) => {
      const run: ActiveRun = {
        options,
        resolve,
        startedAt: performance.now(),
        tail: new OutputTail(this.outputLimit),
        begun: false,
        timedOut: false,
        stoppedChecks: 0,
        timers: [],
      };
      this.current = run;
      if (options.timeoutMs !== undefined) run.timers.push(setTimeout(() => this.timeOut(run), options.timeoutMs));
      run.timers.push(setInterval(() => this.endIfStopped(run), STOPPED_CHECK_MS));
      this.scanner.expectCommand();
      const traced = this.flags.xtrace || mayStartTracing(command);
      // Keys the last command did not read are still in the terminal's input, ahead of our line: ^U erases
      // an unfinished line (canonical mode), the newline ends whatever is left (raw mode) as a line of its own.
      const flush = this.keysWritten ? '\x15\n' : '';
      this.keysWritten = false;
      this.pty.write(flush + (traced ? this.lines.traced : this.lines.plain));
    });
  }

  interrupt(): void {
    if (this.current) this.signalCommand(this.current, 'SIGINT');
  }

  /** Keys for the running command. Ignored when none runs: the shell would read them as a command line. */
  write(data: string): void {
    const run = this.current;
    if (!run || this.exitStatus !== undefined) return;
    let keys = data;
    const at = lastSignalKey(keys);
    // Until a program holds the terminal, a signal key (Ctrl-C…) would be lost: before the shell has read the
    // command line the terminal discards that line with the rest of its input (the command would never run,
    // and nothing would mark its end); while the shell starts the program, the key signals the shell alone.
    // The key becomes the signal, sent to the program that takes the terminal; the terminal's echo of it is
    // shown, and keys typed before it are dropped, as the terminal would have.
    if (at >= 0 && (!run.begun || this.foreground()?.program === false)) {
      this.signalCommand(run, SIGNAL_KEYS[keys[at]!]!);
      this.onOutput(`^${String.fromCharCode(keys.charCodeAt(at) + 0x40)}`);
      keys = keys.slice(at + 1);
      if (!keys) return;
    }
    this.keysWritten = true;
    this.pty.write(keys);
  }

  resize(columns: number, rows: number): void {
    if (this.exitStatus === undefined) this.pty.resize(columns, rows);
  }

  close(): Promise<void> {
    this.closing ??= this.teardown();
    return this.closing;
  }

  /** Synchronous last resort (process 'exit'): SIGKILL to the whole session, temporary files removed. */
  killNow(): void {
    for (const pid of this.leftovers()) signal(pid, 'SIGKILL');
    if (this.exitStatus === undefined) signal(this.pid, 'SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private onStart(): void {
    const run = this.current;
    if (!run) return;
    run.begun = true;
    if (run.pendingSignal) this.signalForeground(run, run.pendingSignal);
  }

  private onOutput(text: string): void {
    const run = this.current;
    if (!run) return;
    run.tail.push(text);
    run.options.onOutput?.(text);
  }

  private onEnd(end: CommandEnd): void {
    this.flags = { errexit: end.errexit, xtrace: end.xtrace, allexport: end.allexport };
    this.quietFailure = end.quietFailure;
    if (this.current) this.finish(this.current, end.status, false);
  }

  private finish(run: ActiveRun, status: number, shellExited: boolean): void {
    for (const timer of run.timers) clearTimeout(timer);
    this.current = undefined;
    const shellStopped = run.stoppedChecks >= 2;
    run.resolve({
      status: shellStopped ? SHELL_STOPPED_STATUS : run.timedOut ? 124 : status,
      output: run.tail.text(),
      durationMs: performance.now() - run.startedAt,
      timedOut: run.timedOut,
      errexit: this.flags.errexit,
      shellExited,
      quietFailure: this.quietFailure,
      ...(shellStopped ? { shellStopped } : {}),
    });
  }

  /** A shell that stopped itself, or was stopped, cannot go on: it is ended (the run ends with its exit). */
  private endIfStopped(run: ActiveRun): void {
    run.stoppedChecks = isStopped(this.pid) ? run.stoppedChecks + 1 : 0;
    if (run.stoppedChecks === 2) signal(this.pid, 'SIGKILL');
  }

  /** SIGINT, then SIGTERM and SIGKILL a grace period apart, to whatever holds the terminal's foreground. */
  private timeOut(run: ActiveRun): void {
    run.timedOut = true;
    this.signalCommand(run, 'SIGINT');
    run.timers.push(
      setTimeout(() => this.signalCommand(run, 'SIGTERM'), this.grace),
      setTimeout(() => this.signalCommand(run, 'SIGKILL'), 2 * this.grace),
    );
  }

  private signalCommand(run: ActiveRun, name: NodeJS.Signals): void {
    // Before the start mark the shell is still reading the command line: a SIGINT there would discard it
    // unseen, and nothing would ever mark its end.
    if (run.begun) this.signalForeground(run, name);
    else run.pendingSignal = name;
  }

  /**
   * Sends the signal to the process group that holds the terminal, and follows the foreground while no program
   * holds it yet. Two moments would lose the signal: the shell itself has the foreground while it starts a
   * program that takes it just after (bash ignores SIGINT while it waits for a foreground job), or the program's
   * process has not exec'd yet and the shell's handler, still installed there, swallows it. Each group is
   * signalled once per program it runs; the following ends once a program has it, or after a short while
   * (a loop of builtins ends on the first signal; a subshell keeps running the shell's program).
   */
  private signalForeground(run: ActiveRun, name: NodeJS.Signals): void {
    const sent = new Set<string>();
    const deadline = performance.now() + FOREGROUND_FOLLOW_MS;
    const look = (): void => {
      if (this.current !== run) return;
      const holder = this.foreground();
      if (!holder) {
        if (name === 'SIGINT')
          this.pty.write('\x03'); // no /proc: let the terminal send it
        else signal(this.pid, name);
        return;
      }
      const target = `${holder.group} ${holder.executable}`;
      if (!sent.has(target)) {
        sent.add(target);
        signal(-holder.group, name);
      }
      if (!holder.program && performance.now() < deadline) run.timers.push(setTimeout(look, FOREGROUND_RECHECK_MS));
    };
    look();
  }

  /**
   * The process group in the terminal's foreground (undefined where /proc cannot say), what its leader runs,
   * and whether that is a program: not the shell, nor a copy of it that has not exec'd its command yet (or a
   * subshell).
   */
  private foreground(): { group: number; executable: string | undefined; program: boolean } | undefined {
    const group = foregroundGroup(this.pid);
    if (group === undefined) return undefined;
    const executable = executableOf(group);
    return { group, executable, program: group !== this.pid && executable !== this.shellProgram };
  }

  /** Processes of the session still alive (the shell included while it is). */
  private leftovers(): number[] {
    // Once node-pty reports the exit it has closed the terminal, and /proc shows the device as deleted; a new
    // terminal may have taken its name by then, and must not be mistaken for ours.
    const link = this.tty && (this.exitStatus === undefined ? this.tty : `${this.tty} (deleted)`);
    return sessionProcesses(this.pid, link, this.marker);
  }

  /**
   * The command that holds the terminal hears the hangup first, as when a real terminal closes. Bash runs its
   * EXIT trap before it hangs up its jobs, and a pager still reading the terminal would swallow the answer the
   * trap waits for (a hangup during `less` took 4 s).
   */
  private async hangUpForeground(): Promise<void> {
    const group = foregroundGroup(this.pid);
    if (group === undefined || group === this.pid) return;
    signal(-group, 'SIGHUP');
    // A stopped job (Ctrl-Z) hears it only once it runs again.
    signal(-group, 'SIGCONT');
    await pollUntil(() => foregroundGroup(this.pid) !== group, FOREGROUND_HANGUP_MS);
  }

  private async teardown(): Promise<void> {
    untrack(this);
    // Taken while the terminal is surely still ours (see leftovers), for what left the session (setsid).
    let before: number[] = [];
    if (this.exitStatus === undefined) {
      before = this.leftovers();
      await this.hangUpForeground();
      // An interactive bash passes a hangup on to all its jobs, runs its EXIT trap and exits.
      signal(this.pid, 'SIGHUP');
      await within(this.exited, this.grace);
    }
    // Whatever ignored the hangup (nohup, traps, setsid) and is still there — the shell included.
    const left = [...new Set([...this.leftovers(), ...before.filter(isAlive)])];
    if (this.exitStatus === undefined && !left.includes(this.pid)) left.push(this.pid);
    if (left.length > 0) await terminate(left, this.grace);
    await this.exited;
    closeSync(this.commandFd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function startupFailure(shell: string, status: number, output: string): Error {
  const said = output.replace(STARTUP_LINE.trim(), '').replace(/\s+/g, ' ').trim();
  return new Error(`${shell} could not start (status ${status})${said ? `: ${said}` : ''}`);
}

function lastSignalKey(keys: string): number {
  for (let i = keys.length - 1; i >= 0; i--) if (keys[i]! in SIGNAL_KEYS) return i;
  return -1;
}

/** Waits for `promise` at most `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** SIGTERM, then SIGKILL for those still alive after the grace period; resolves when they are gone. */
async function terminate(pids: number[], grace: number): Promise<void> {
  for (const pid of pids) signal(pid, 'SIGTERM');
  // Stopped processes (Ctrl-Z, or reading the terminal from the background) hear SIGTERM only once continued.
  for (const pid of pids) signal(pid, 'SIGCONT');
  const stubborn = await survivors(pids, grace);
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  await survivors(stubborn, grace);
}

/** Waits up to `ms` for the processes to end (signals are delivered asynchronously); returns those left. */
async function survivors(pids: number[], ms: number): Promise<number[]> {
  let alive = pids;
  await pollUntil(() => {
    alive = alive.filter(isAlive);
    return alive.length === 0;
  }, ms);
  return alive;
}

/** Asks `done` every 10 ms, for at most `ms`. */
async function pollUntil(done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
