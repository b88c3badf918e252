// What the audience sees while a workshop plays, as the UI keeps it: the scrollback written so far and the
// facts the live part under it is drawn from. The App changes these facts as it performs the player's effects;
// this class turns them into the screen model (screen.ts) and hands that to Ink (ink-live.tsx).
import type { HeadingInfo, Progress, WaitReason } from '../player/effects.js';
import type { InkLive } from './ink-live.js';
import { type LiveScreen, liveScreen, type Spacing, type WaitState } from './screen.js';
import type { Output } from './terminal.js';
import { hardWrap, type Line } from './text.js';

/** The command on screen that has not run yet: its rows, and the row being typed (earlier rows are committed). */
export interface TypedCommand {
  rows: Line[];
  current: Line;
  typing: boolean;
}

/** What the status line tells, besides what the view keeps itself. */
export interface StatusFacts {
  /** The workshop as the presenter named it. */
  file: string;
  rehearse: boolean;
  progress(): Progress;
  elapsedMs(): number;
}

const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

export class PlayView {
  typed: TypedCommand | undefined;
  /** Typing or a wait: the keys that mean something now (nothing else is live). */
  mode: 'typing' | WaitReason | undefined;
  /** The overlay and hint of the wait under way. */
  waiting: WaitState = {};
  /** The status of the last command the audience saw run (the status line). */
  lastStatus: number | undefined;
  /** `@retry`: the attempt a shown command is at while it runs quietly (the live part's waiting line). */
  waitingAttempt: number | undefined;
  private spacing: Spacing = 'top';

  constructor(
    private readonly live: InkLive,
    private readonly output: Output,
    /** Undefined with `--no-status`: no status and help lines. */
    private readonly status: StatusFacts | undefined,
    private readonly headings: () => readonly HeadingInfo[],
  ) {}

  get columns(): number {
    return this.output.columns;
  }

  /** Draws the live part as the facts are now. */
  render(): void {
    this.live.draw(this.screen());
  }

  /** Writes lines to the scrollback, above the live part. */
  commit(lines: Line[]): void {
    if (lines.length === 0) return;
    this.spacing = 'content';
    this.live.commit(lines, this.screen());
  }

  /** One blank line between blocks, none at the top of the screen. */
  separate(): void {
    if (this.spacing === 'content') this.live.commit([[]], this.screen());
    this.spacing = 'top';
  }

  /** Writes rows of a command (typed out, or about to be) to the scrollback, fitted to the width. */
  commitRows(rows: readonly Line[]): void {
    this.commit(rows.flatMap((row) => hardWrap(row, this.output.columns)));
  }

  /** Moves the command on screen (if any) into the scrollback. */
  flushTyped(): void {
    if (!this.typed) return;
    const row = this.typed.current;
    this.typed = undefined;
    this.commitRows([row]);
  }

  /** Something other than the UI wrote to the screen (`written`: it wrote text, so the next block is apart). */
  wrote(written: boolean): void {
    if (written) this.spacing = 'content';
  }

  /** The screen was cleared (by a command, or in a rehearsal for one): the next block starts at the top. */
  cleared(): void {
    this.spacing = 'top';
  }

  /** Takes the live part off the screen: a command is about to get the terminal, or the program ends. */
  clear(): void {
    this.live.clear();
  }

  /**
   * Shows `text` as if a command had printed it (the last attempt of a quiet run), under the scrollback, in
   * place of the waiting line.
   */
  showOutput(text: string): void {
    this.waitingAttempt = undefined;
    this.live.clear();
    const shown = text.replace(/\n/g, '\r\n');
    this.output.write(shown === '' || shown.endsWith('\n') ? shown : `${shown}\r\n`);
    this.wrote(text !== '');
    this.render();
  }

  /** What a `clear` command does, when a rehearsal does not run it. */
  clearScreen(): void {
    this.live.clear();
    this.output.write(CLEAR_SCREEN);
    this.cleared();
  }

  /** What the live part shows now. */
  private screen(): LiveScreen {
    const status = this.status;
    const progress = status?.progress();
    return liveScreen({
      columns: this.output.columns,
      rows: this.output.rows,
      waitingAttempt: this.waitingAttempt,
      // The block cursor marks where typing goes on, and a command that waits to be run.
      command: this.typed && { row: this.typed.current, cursor: this.typed.typing || this.mode === 'before' },
      mode: this.mode,
      overlay: this.waiting.overlay,
      hint: this.waiting.hint,
      status:
        status && progress
          ? {
              file: status.file,
              heading: progress.heading?.text,
              step: progress.step,
              steps: progress.steps,
              lastStatus: this.lastStatus,
              elapsedMs: status.elapsedMs(),
              rehearse: status.rehearse,
            }
          : undefined,
      spacing: this.spacing,
      headings: this.headings(),
    });
  }
}
