// The play screen drawn by Ink: the scrollback through <Static>, the live part under it.
// Ink is mounted while the UI has the terminal and unmounted when a command gets it (clear()), so Ink never
// redraws over a command's output; each mount starts with an empty <Static>, so nothing is written twice.
// Ink reads a stand-in stdin that this class feeds, one key at a time, once the handler of the mode it is read
// in listens: the real stdin stays with the terminal's router (keys → here, or → the pty).
import { PassThrough } from 'node:stream';
import { type Instance, render } from 'ink';
import { type Committed, type KeyHandlers, type KeyRead, PlayScreen } from './components.js';
import type { Command, Mode } from './key-map.js';
import { KeyQueue } from './key-queue.js';
import type { Key } from './keys.js';
import { type LiveScreen, liveRows } from './screen.js';
import type { Output } from './terminal.js';
import { type Line, lineWidth } from './text.js';

/** A terminal-like stdin that Ink may put in raw mode without touching the real terminal. */
class StandInStdin extends PassThrough {
  readonly isTTY = true;
  isRaw = false;
  setRawMode(raw: boolean): this {
    this.isRaw = raw;
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/** Ink's stdout: the UI's output (the terminal, with the recorder's tap) and its size. */
interface InkStdout {
  readonly columns: number;
  readonly rows: number;
  readonly isTTY: true;
  write(data: string): boolean;
  on(event: string, listener: () => void): InkStdout;
  off(event: string, listener: () => void): InkStdout;
}

const CURSOR_UP = '\x1b[A';
const EMPTY: LiveScreen = { command: [], gap: false, below: [] };

/** A key read in a mode: the key as typed, and what the key table says it asks for there. */
export interface ReadKey {
  key: Key;
  command: Command | undefined;
}

export class InkLive {
  /** Keys typed while the UI has the terminal, in order (typeahead), until read() hands them to Ink. */
  readonly keys = new KeyQueue();
  private instance: Instance | undefined;
  /** What this mount has written to the scrollback (a new mount starts empty). */
  private committed: Committed[] = [];
  /**
   * Blank rows committed and not yet written: Ink drops a <Static> item that is only blank, so they go out
   * with the next lines (shown in the live part until then).
   */
  private blanks: Line[] = [];
  private screen: LiveScreen = EMPTY;
  private nextId = 0;
  /** The widths of the live rows on screen, and the terminal width they were drawn for. */
  private drawn: { widths: number[]; columns: number } = { widths: [], columns: 0 };
  private readonly stdin = new StandInStdin();
  private readonly stdout: InkStdout;
  /** The mode whose handler is active, the one whose handler listens already, and who waits for either. */
  private active: Mode | undefined;
  private listening: Mode | undefined;
  private whenListening: { mode: Mode; resolve: (listening: boolean) => void } | undefined;
  private whenRead: ((read: KeyRead | undefined) => void) | undefined;
  private readonly handlers: Omit<KeyHandlers, 'active'> = {
    onKey: (read) => this.settleRead(read),
    onListening: (mode) => {
      this.listening = mode;
      const waiting = this.whenListening;
      if (!mode || waiting?.mode !== mode) return;
      this.whenListening = undefined;
      waiting.resolve(true);
    },
  };

  constructor(
    private readonly output: Output,
    private readonly color = true,
  ) {
    this.stdout = {
      get columns() {
        return output.columns;
      },
      get rows() {
        return output.rows;
      },
      isTTY: true,
      // Ink ends lines with \n alone; the terminal shows that as \r\n, and the recording must too.
      write: (data) => {
        output.write(data.replace(/\r?\n/g, '\r\n'));
        return true;
      },
      // Ink is not told of resizes: after one, the live rows are taken off here (see reflowed()), and Ink,
      // which reads the width at every frame, draws afresh.
      on() {
        return this;
      },
      off() {
        return this;
      },
    };
  }

  draw(screen: LiveScreen): void {
    this.reflowed();
    this.screen = screen;
    this.show();
  }

  commit(lines: Line[], next?: LiveScreen): void {
    this.reflowed();
    if (next) this.screen = next;
    if (lines.every((line) => line.length === 0)) this.blanks.push(...lines);
    else {
      this.committed.push({ id: this.nextId++, lines: [...this.blanks, ...lines] });
      this.blanks = [];
    }
    this.show();
  }

  /**
   * The next key, read in `mode` through Ink's useInput; with `timeoutMs`, undefined when none came in time.
   * Undefined too when reading was stopped (the program is ending).
   */
  async read(mode: Mode, timeoutMs?: number): Promise<ReadKey | undefined> {
    if (this.active !== mode || !this.instance) {
      this.active = mode;
      this.show();
    }
    const key = await this.keys.next(timeoutMs);
    if (!key || this.active !== mode || !(await this.listeningIn(mode))) return undefined;
    const read = await new Promise<KeyRead | undefined>((resolve) => {
      this.whenRead = resolve;
      // Ink's Return is \r; a terminal may send \n or \r\n for it.
      this.stdin.write(key.name === 'return' ? '\r' : key.sequence);
    });
    return read && { key, command: read.command };
  }

  private settleRead(read: KeyRead | undefined): void {
    const resolve = this.whenRead;
    this.whenRead = undefined;
    resolve?.(read);
  }

  /** A read under way ends with nothing, and a key Ink has not taken yet is not left for later. */
  private stopReading(): void {
    this.active = undefined;
    this.whenListening?.resolve(false);
    this.whenListening = undefined;
    this.settleRead(undefined);
    while (this.stdin.read() !== null) {}
  }

  /** Resolves when the handler of `mode` takes keys; false if reading was stopped first. */
  private listeningIn(mode: Mode): Promise<boolean> {
    if (this.listening === mode) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.whenListening = { mode, resolve };
    });
  }

  clear(): void {
    this.stopReading();
    if (!this.instance) return;
    this.unmount();
    this.output.write('\r\n'.repeat(this.blanks.length));
    this.blanks = [];
  }

  /**
   * Unmounting writes the last (empty) frame at once, erasing the live part, and shows the cursor. Ink ends
   * every frame with a newline, so the cursor is then a row below where the live part began: back up one.
   */
  private unmount(): void {
    this.render(EMPTY);
    this.instance?.unmount();
    this.instance = undefined;
    this.committed = [];
    this.output.write(CURSOR_UP);
  }

  /**
   * After the window changed width, the terminal has re-wrapped the live rows, so there are more of them than
   * Ink knows to erase: Ink erases its own count, the rest is erased here, and a fresh Ink draws from there.
   */
  private reflowed(): void {
    if (!this.instance || this.output.columns === this.drawn.columns) return;
    const columns = Math.max(1, this.output.columns);
    const rows = this.drawn.widths.reduce((sum, width) => sum + Math.max(1, Math.ceil(width / columns)), 0);
    this.unmount();
    const extra = rows - this.drawn.widths.length;
    if (extra > 0) this.output.write(`\x1b[${extra}A\r\x1b[J`);
  }

  private show(): void {
    const screen = fitHeight(
      this.blanks.length ? { ...this.screen, command: [...this.blanks, ...this.screen.command] } : this.screen,
      this.output.rows,
    );
    this.drawn = { widths: liveRows(screen).map(lineWidth), columns: this.output.columns };
    this.render(screen);
  }

  private render(screen: LiveScreen): void {
    const element = (
      <PlayScreen
        committed={this.committed}
        screen={screen}
        color={this.color}
        keys={{ active: this.active, ...this.handlers }}
      />
    );
    if (this.instance) {
      this.instance.rerender(element);
      return;
    }
    this.instance = render(element, {
      stdout: this.stdout as unknown as NodeJS.WriteStream,
      stdin: this.stdin as unknown as NodeJS.ReadStream,
      patchConsole: false,
      exitOnCtrlC: false,
    });
  }
}

/**
 * A live part as tall as the window makes Ink clear the whole terminal and write everything again: it keeps
 * its last rows (what is being typed, the help line) and leaves a row for the cursor.
 */
function fitHeight(screen: LiveScreen, rows: number): LiveScreen {
  const all = liveRows(screen);
  const room = Math.max(1, rows - 1);
  return all.length > room ? { command: all.slice(-room), gap: false, below: [] } : screen;
}
