// How a command ends: user errors as one line, bugs as 'internal error', and what a signal does.
import { UserError } from './errors.js';

export const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'] as const;
export type StopSignal = (typeof SIGNALS)[number];
export const SIGNAL_NUMBERS: Record<StopSignal, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 };

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

/** Runs a CLI entry point: prints user errors plainly, bugs with a short hint, and sets the exit code. */
export async function runMain(program: string, main: () => Promise<number | undefined>): Promise<void> {
  reportUncaughtBugs(program);
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
