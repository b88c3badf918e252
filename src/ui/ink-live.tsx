// The live part drawn by Ink (STEPDOWN_UI=ink): the scrollback through <Static>, the live part under it.
// Ink is mounted while the UI has the terminal and unmounted when a command gets it (clear()), so Ink never
// redraws over a command's output; each mount starts with an empty <Static>, so nothing is written twice.
// Ink reads a stand-in stdin: the real one stays with the terminal's router (keys → UI or → the pty).
import { PassThrough } from 'node:stream';
import { type Instance, render } from 'ink';
import { type Committed, PlayScreen } from './components.js';
import type { LiveOutput, Output } from './live.js';
import type { LiveScreen } from './screen.js';
import type { Line } from './text.js';

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

/** Ink's stdout: the UI's output (the terminal, with the recorder's tap), with its size and resizes. */
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

export class InkLive implements LiveOutput {
  private instance: Instance | undefined;
  /** What this mount has written to the scrollback (a new mount starts empty). */
  private committed: Committed[] = [];
  private screen: LiveScreen = EMPTY;
  private nextId = 0;
  private readonly stdin = new StandInStdin();
  private readonly stdout: InkStdout;

  constructor(
    private readonly output: Output & { onResize(listener: () => void): () => void },
    private readonly color = true,
  ) {
    const stops = new Map<() => void, () => void>();
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
      on(event, listener) {
        if (event === 'resize') stops.set(listener, output.onResize(listener));
        return this;
      },
      off(event, listener) {
        if (event === 'resize') stops.get(listener)?.();
        stops.delete(listener);
        return this;
      },
    };
  }

  draw(screen: LiveScreen): void {
    this.screen = screen;
    this.show();
  }

  commit(lines: Line[], next?: LiveScreen): void {
    if (next) this.screen = next;
    this.committed.push({ id: this.nextId++, lines });
    this.show();
  }

  clear(): void {
    if (!this.instance) return;
    this.screen = EMPTY;
    this.show();
    // Unmounting writes the last (empty) frame at once, erasing the live part, and shows the cursor. Ink ends
    // every frame with a newline, so the cursor is then a row below where the live part began: back up one.
    this.instance.unmount();
    this.instance = undefined;
    this.committed = [];
    this.output.write(CURSOR_UP);
  }

  private show(): void {
    const element = <PlayScreen committed={this.committed} screen={this.screen} color={this.color} />;
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
