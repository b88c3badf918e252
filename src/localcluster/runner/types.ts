// The seam between localcluster and the outside world: every external program runs through a CommandRunner,
// so tests and benchmarks can swap in a recording fake.
import type { Command } from '../model/commands.js';

export interface RunOptions {
  /** Each complete line of output (stdout and stderr) as it arrives, for progress displays. */
  onLine?: (line: string) => void;
  /** Aborting kills the command. */
  signal?: AbortSignal;
}

export interface CommandResult {
  /** 0 on success. 127 when the program is not on PATH, 130 when interrupted. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** A one-line description of the failure, when there is one. */
  failure?: string;
}

export interface CommandRunner {
  run(command: Command, options?: RunOptions): Promise<CommandResult>;
  /** Runs `from` with its stdout connected to the stdin of `to`; fails if either fails. */
  pipe(from: Command, to: Command, options?: RunOptions): Promise<CommandResult>;
}
