// Errors a user can cause (bad input, missing file, bad flag) are reported as one clear line and an exit
// code, never as a stack trace. Anything else is a bug and is reported as such.

/** An error whose message is meant for the user. `exitCode` 2 = usage, 1 = failure. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'UserError';
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
