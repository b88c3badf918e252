// A terminal for tests: @xterm/headless parses what a program writes, and the test reads the screen as text
// (and cell styles) the way a person would see it. `Screen` runs a program in a real pty in front of it.
import xtermPkg from '@xterm/headless';
import { spawn, type IPty } from '@lydell/node-pty';

const { Terminal } = xtermPkg;
type XTerminal = InstanceType<typeof Terminal>;

/** Whether the cursor is visible after `raw` output (the last DECTCEM switch wins; visible by default). */
export function cursorVisibleAfter(raw: string): boolean {
  const switches = [...raw.matchAll(/\x1b\[\?25([hl])/g)];
  return switches.length === 0 || switches.at(-1)![1] === 'h';
}

export class Emulator {
  readonly term: XTerminal;

  constructor(cols = 80, rows = 24) {
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 5000 });
  }

  /** Parses `data`; resolves once the emulator has processed it. */
  write(data: string): Promise<void> {
    return new Promise((resolve) => this.term.write(data, resolve));
  }

  /** The visible rows, right-trimmed. */
  async lines(): Promise<string[]> {
    await this.write('');
    const buffer = this.term.buffer.active;
    return Array.from(
      { length: this.term.rows },
      (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '',
    ).map((line) => line.replace(/\s+$/, ''));
  }

  /** Scrollback and screen, right-trimmed, without trailing empty rows. */
  async history(): Promise<string[]> {
    await this.write('');
    const buffer = this.term.buffer.active;
    const all = Array.from(
      { length: buffer.length },
      (_, y) => buffer.getLine(y)?.translateToString(true).replace(/\s+$/, '') ?? '',
    );
    while (all.length && all.at(-1) === '') all.pop();
    return all;
  }

  async text(): Promise<string> {
    return (await this.lines()).join('\n');
  }

  /** The cursor (0-based) in the viewport. */
  cursor(): { x: number; y: number } {
    const buffer = this.term.buffer.active;
    return { x: buffer.cursorX, y: buffer.cursorY };
  }

  /** Whether row `y` of the viewport goes on from the row above because the terminal wrapped it. */
  wrapped(y: number): boolean {
    const buffer = this.term.buffer.active;
    return buffer.getLine(buffer.viewportY + y)?.isWrapped ?? false;
  }

  /** The cell at (x, y) of the viewport. */
  cell(x: number, y: number) {
    const buffer = this.term.buffer.active;
    return buffer.getLine(buffer.viewportY + y)?.getCell(x);
  }

  dispose(): void {
    this.term.dispose();
  }
}

export interface ScreenOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Environment for a program under test: a normal interactive terminal (ink and friends go quiet under CI). */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...extra };
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  return env;
}

/** A program running in a pty, watched through an emulator. */
export class Screen extends Emulator {
  readonly pty: IPty;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  /** Everything the program wrote, raw. */
  output = '';
  private done = false;

  constructor(file: string, args: string[], options: ScreenOptions = {}) {
    super(options.cols ?? 80, options.rows ?? 24);
    this.pty = spawn(file, args, {
      name: 'xterm-256color',
      cols: options.cols ?? 80,
      rows: options.rows ?? 24,
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? testEnv(),
    });
    this.pty.onData((data) => {
      this.output += data;
      this.term.write(data);
    });
    this.exited = new Promise((resolve) =>
      this.pty.onExit((e) => {
        this.done = true;
        resolve(e);
      }),
    );
  }

  get running(): boolean {
    return !this.done;
  }

  /** Keystrokes, as a person would type them. */
  type(keys: string): void {
    this.pty.write(keys);
  }

  /**
   * Resizes the window. What the program wrote before is parsed at the old size first, as a terminal does
   * (the emulator parses asynchronously, and would otherwise reflow output that was meant for the old size).
   */
  async resize(cols: number, rows: number): Promise<void> {
    await this.write('');
    this.pty.resize(cols, rows);
    this.term.resize(cols, rows);
  }

  /**
   * Polls the screen until `test` passes (a regexp against the screen text, or a predicate), failing after
   * `timeoutMs` with the screen in the message. Never a fixed sleep.
   */
  async waitFor(test: RegExp | ((text: string) => boolean), timeoutMs = 10_000, what = String(test)): Promise<string> {
    const matches = (text: string) => (typeof test === 'function' ? test(text) : test.test(text));
    const deadline = Date.now() + timeoutMs;
    let endedAt: number | undefined;
    for (;;) {
      const text = await this.text();
      if (matches(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
      // Output can trail the exit a little; after that, waiting longer cannot help.
      if (this.done) {
        endedAt ??= Date.now();
        if (Date.now() - endedAt > 300)
          throw new Error(`the program ended while waiting for ${what}; screen:\n${text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Waits for the program to end (failing after `timeoutMs`). */
  async waitExit(timeoutMs = 10_000): Promise<{ exitCode: number; signal?: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        async () => reject(new Error(`program did not end in ${timeoutMs} ms; screen:\n${await this.text()}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (!this.done) this.pty.kill('SIGKILL');
    this.dispose();
  }
}
