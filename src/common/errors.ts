// Errors a user can cause (bad input, missing file, bad flag) are reported as one clear line and an exit
// code, never as a stack trace. Anything else is a bug and is reported as such (common/exit.ts).

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
