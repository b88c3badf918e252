// The live region: the few lines under the scrollback that change in place (the command being typed, the
// status and help lines, the table of contents). Everything above it is committed output that is never
// rewritten, so the audience's scrollback holds exactly what happened, once. Rows are drawn no wider than the
// terminal, so the terminal never wraps them by itself and the region's height is always known.
import { type LiveScreen, liveRows } from './screen.js';
import { lineWidth, toAnsi, truncate, type Line } from './text.js';

/** Where the UI writes: the terminal (through the recorder). */
export interface Output {
  write(data: string): void;
  readonly columns: number;
  readonly rows: number;
}

/** What draws the live part and writes the scrollback: this hand-written region, or Ink (ink-live.tsx). */
export interface LiveOutput {
  /** Shows `screen` as the live part. */
  draw(screen: LiveScreen): void;
  /** Writes lines permanently above the live part, then shows `next` (by default the same live part). */
  commit(lines: Line[], next?: LiveScreen): void;
  /** Takes the live part off the screen and leaves the cursor, visible, where its first row was. */
  clear(): void;
}

const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';

export class LiveRegion implements LiveOutput {
  /** Widths of the rows drawn now (to erase them, even after the terminal has reflowed them). */
  private drawn: number[] = [];
  private lines: Line[] = [];

  constructor(
    private readonly out: Output,
    private readonly color = true,
  ) {}

  /** Replaces the live lines. Lines that do not fit the screen are cut (the top ones go first). */
  draw(screen: LiveScreen): void {
    this.lines = liveRows(screen);
    this.out.write(this.eraseSequence() + this.drawSequence());
  }

  commit(lines: Line[], next?: LiveScreen): void {
    if (next) this.lines = liveRows(next);
    // Committed lines are written whole: the terminal may wrap them (they are past and never erased).
    const text = lines.map((line) => `${toAnsi(line, this.color)}\r\n`).join('');
    this.out.write(this.eraseSequence() + text + this.drawSequence());
  }

  clear(): void {
    this.lines = [];
    this.out.write(this.eraseSequence() + SHOW_CURSOR);
  }

  private eraseSequence(): string {
    if (this.drawn.length === 0) return '';
    const columns = Math.max(1, this.out.columns);
    const rows = this.drawn.reduce((sum, width) => sum + Math.max(1, Math.ceil(width / columns)), 0);
    this.drawn = [];
    return `\r${rows > 1 ? `\x1b[${rows - 1}A` : ''}\x1b[J`;
  }

  private drawSequence(): string {
    if (this.lines.length === 0) return '';
    const columns = Math.max(1, this.out.columns);
    const visible = this.lines.slice(-Math.max(1, this.out.rows - 1)).map((line) => truncateToScreen(line, columns));
    this.drawn = visible.map(lineWidth);
    return HIDE_CURSOR + visible.map((line) => toAnsi(line, this.color)).join('\r\n');
  }
}

function truncateToScreen(line: Line, columns: number): Line {
  return lineWidth(line) > columns ? truncate(line, columns) : line;
}
