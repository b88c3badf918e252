// The contract between drivers (check, ui) and the persistent shell. The session knows nothing of Markdown.

export interface RunOptions {
  /** Kill the command (its whole process group) after this long; the session goes on. */
  timeoutMs?: number;
  /** Called with every chunk of the command's output as it arrives (markers and echo removed). */
  onOutput?: (chunk: string) => void;
}

export interface RunResult {
  /** Exit status as `$?` reports it (130 after an interrupt, 124 after a timeout kill). */
  status: number;
  /** The command's output (pty: stdout and stderr interleaved, CRLF as LF), possibly truncated to a tail. */
  output: string;
  durationMs: number;
  timedOut: boolean;
  /** `set -e` is in effect after this command (the shell itself never exits on it; the player stops the run). */
  errexit: boolean;
  /** The shell is gone (`exit N`, `exec` of something else): the run must end with `status`. */
  shellExited: boolean;
  /**
   * DEMOSH_QUIET_FAILURE is true in the shell after this command (or was when it exited): a failure that ends
   * the run ends it quietly, as in demosh.
   */
  quietFailure: boolean;
  /**
   * With `shellExited`: the shell was stopped (`kill -STOP $$`), and the session ended it, as nothing could
   * resume it; `status` is 147 (128 + SIGSTOP).
   */
  shellStopped?: boolean;
}

export interface Session {
  /** Runs one complete command in the shell and resolves when it has finished. One at a time. */
  run(command: string, options?: RunOptions): Promise<RunResult>;
  /** Sends SIGINT to the foreground process group of the running command (like Ctrl-C). */
  interrupt(): void;
  /** Raw bytes to the pty: keystrokes while the terminal is handed to a running command. */
  write(data: string): void;
  resize(columns: number, rows: number): void;
  /** Ends the shell and every process it started. Idempotent. */
  close(): Promise<void>;
}
