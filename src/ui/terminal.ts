// The real terminal: the only owner of stdin and stdout while stepdown plays. Input goes to one route at a
// time (the UI's key queue, or the pty while a command runs); output goes to the screen and to any tap (the
// recorder). `restore()` puts the terminal back the way a shell expects it, whatever ended the program.

/** Where the UI writes: the terminal (through the recorder), or in tests a headless one. */
export interface Output {
  write(data: string): void;
  readonly columns: number;
  readonly rows: number;
}

const SHOW_CURSOR = '\x1b[?25h';
/** Leaves modes a full-screen program may have left on when it was killed: mouse, paste, keypad, cursor keys. */
const RESET_MODES = '\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1l\x1b>';
const ALT_SCREEN = /\x1b\[\?(?:1049|1047|47)([hl])/g;

export class Terminal implements Output {
  private route: (data: string) => void = () => {};
  private taps: ((data: string) => void)[] = [];
  private inAltScreen = false;
  private started = false;
  private restored = false;
  private readonly onData = (data: string | Buffer) =>
    this.route(typeof data === 'string' ? data : data.toString('utf8'));

  constructor(
    readonly stdin: NodeJS.ReadStream,
    readonly stdout: NodeJS.WriteStream,
  ) {}

  get columns(): number {
    return this.stdout.columns || 80;
  }

  get rows(): number {
    return this.stdout.rows || 24;
  }

  /** Raw mode on, input flowing to the current route. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stdin.setRawMode(true);
    this.stdin.setEncoding('utf8');
    this.stdin.on('data', this.onData);
    this.stdin.resume();
  }

  /** Where keystrokes go from now on. */
  routeInput(route: (data: string) => void): void {
    this.route = route;
  }

  write(data: string): void {
    if (this.restored || !data) return;
    for (const match of data.matchAll(ALT_SCREEN)) this.inAltScreen = match[1] === 'h';
    this.stdout.write(data);
    for (const tap of this.taps) tap(data);
  }

  /** Everything written from now on is also given to `tap`. */
  tap(tap: (data: string) => void): void {
    this.taps.push(tap);
  }

  onResize(listener: () => void): () => void {
    this.stdout.on('resize', listener);
    return () => this.stdout.off('resize', listener);
  }

  /**
   * After a command: back from the alternate screen and out of the modes a killed full-screen program left
   * on, so the demo goes on in the scrollback the audience sees. True when the alternate screen was left
   * (the cursor is then back where the command started).
   */
  reclaim(): boolean {
    const leftAltScreen = this.inAltScreen;
    this.write(this.resetSequence());
    return leftAltScreen;
  }

  private resetSequence(): string {
    return (this.inAltScreen ? '\x1b[?1049l' : '') + RESET_MODES;
  }

  /** Idempotent and synchronous, so it can run from a signal handler or an 'exit' hook. */
  restore(): void {
    if (this.restored) return;
    this.restored = true;
    try {
      if (this.stdout.writable) this.stdout.write(this.resetSequence() + SHOW_CURSOR);
    } catch {
      // The terminal is gone (hangup): nothing left to restore on it.
    }
    if (this.started) {
      this.stdin.off('data', this.onData);
      try {
        if (this.stdin.isTTY) this.stdin.setRawMode(false);
      } catch {
        // Same: a closed terminal has no mode to reset.
      }
      this.stdin.pause();
    }
  }
}
