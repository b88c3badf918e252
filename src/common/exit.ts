// How every command ends (stepdown's and localcluster's): user errors as one line, bugs as 'internal error',
// and one signal policy: a stop signal first asks the run to end in order (children ended, terminal and
// reports complete); a second one ends the process at once. Either way the status is 128 + the signal's
// number, as a shell reports it, and the 'exit' hooks still end every child.
import { constants } from 'node:os';
import { UserError } from './errors.js';

const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'] as const;
export type StopSignal = (typeof SIGNALS)[number];

/** 128 + the signal's number (SIGPIPE included: a reader that went away), as a shell reports it. */
export function signalStatus(name: string): number {
  return 128 + (constants.signals[name as NodeJS.Signals] ?? constants.signals.SIGINT);
}

/**
 * From the moment bash starts, a signal must not end stepdown the default way, at once: the shell and the
 * session's temporary folder would outlive it. One set of listeners for the whole run; what a signal does
 * changes as the run gets further (`handle`).
 */
export class SignalTrap {
  private readonly listeners = SIGNALS.map((name) => [name, () => this.handler(name)] as const);

  constructor(private handler: (name: StopSignal) => void) {
    for (const [name, listener] of this.listeners) process.on(name, listener);
  }

  handle(handler: (name: StopSignal) => void): void {
    this.handler = handler;
  }

  release(): void {
    for (const [name, listener] of this.listeners) process.off(name, listener);
  }
}

/**
 * Runs `task` with the stop signals, and `closed` (the output has gone), turned into an abort of the signal it is
 * given; its reason is the signal's name. A second stop signal exits at once.
 */
export async function abortOnSignals<T>(task: (signal: AbortSignal) => Promise<T>, closed?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const trap = new SignalTrap((name) => {
    if (controller.signal.aborted) process.exit(signalStatus(name));
    controller.abort(name);
  });
  try {
    return await task(closed ? AbortSignal.any([controller.signal, closed]) : controller.signal);
  } finally {
    trap.release();
  }
}

/** Runs a CLI entry point: prints user errors plainly, bugs with a short hint, and sets the exit code. */
export async function runMain(program: string, main: () => Promise<number | undefined>): Promise<void> {
  reportUncaughtBugs(program);
  endQuietlyWhenOutputCloses();
  try {
    const code = await main();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`${program}: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      reportBug(program, error);
      process.exitCode = BUG_STATUS;
    }
  }
}

/**
 * Node ignores SIGPIPE, so a reader that goes away (`| head`) shows up as a write error on stdout or stderr.
 * Every command then ends as other programs end on SIGPIPE: status 141, without a word (no one is left to read
 * it). A command that must end in order first (check: its shell) listens for the error itself and ends with
 * that status on its own, so this listener then leaves it alone.
 */
function endQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      if (stream.listenerCount('error') === 1) process.exit(signalStatus('SIGPIPE'));
    });
  }
}

/**
 * Writes `text` to stdout and resolves once it is written. When the reader has gone, the process ends through
 * the listener above before this resolves, so nothing written after it (a summary on stderr) appears.
 */
export function writeOutput(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

/** EX_SOFTWARE (sysexits.h): an internal error. */
const BUG_STATUS = 70;

function reportBug(program: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${program}: internal error: ${detail}\n`);
  if (process.env.STEPDOWN_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
}

/**
 * A bug thrown from an event handler (a key, a timer, a stream; unhandled rejections arrive here too) is outside
 * `main`'s promise. The process ends at once through its 'exit' hooks, which give the terminal back and end every
 * session; the report is added after them, so it is written to a terminal that is itself again.
 */
function reportUncaughtBugs(program: string): void {
  process.on('uncaughtException', (error) => {
    process.once('exit', () => reportBug(program, error));
    process.exit(BUG_STATUS);
  });
}
