// The presenter UI: drives the player and performs its effects on a real terminal. Commentary and typed
// commands are committed to the scrollback (never redrawn), the status and help lines live under them, and a
// running command gets the whole terminal (see handover.ts).
import type { Effect, HeadingInfo, Input, KeyAction, Progress, WaitReason } from '../player/effects.js';
import type { RunOptions, RunResult, Session } from '../session/types.js';
import { renderCommentary } from './commentary.js';
import { handOver } from './handover.js';
import { highlightShell, shellStyles } from './highlight.js';
import { closeLiveShell, LIVE_SHELL_BANNER, openLiveShell } from '../player/live-shell.js';
import type { InkLive } from './ink-live.js';
import type { Terminal } from './terminal.js';
import {
  type LiveScreen,
  liveScreen,
  type Spacing,
  typingCommand,
  type WaitState,
  waitCommand,
  waitMode,
} from './screen.js';
import { hardWrap, span, wrap, type Line, type Span } from './text.js';
import { charDelay } from './typing.js';
import { bracedNames, expandBraced, parseVariableAnswer, variableQuery } from './variables.js';
import { failureLine, unmetLine, viewStyles } from './views.js';

/** What the UI needs of the player (src/player/player.ts). */
export interface PlayerLike {
  next(input?: Input): Effect;
  readonly progress: Progress;
  readonly headings: readonly HeadingInfo[];
}

export interface AppOptions {
  /** The workshop as the presenter named it (status line). */
  file: string;
  /** Type commands out character by character (`--no-typing` turns it off). */
  typing: boolean;
  /** Typing speed factor: 2 types twice as fast. */
  speed: number;
  /** Show the status and help lines (`--no-status` hides them, for recordings). */
  status: boolean;
  /** Show everything, run nothing. */
  rehearse: boolean;
  /**
   * Called whenever the player moves on (resume bookkeeping); `done`: the current top-level step is a
   * command that has run or was skipped.
   */
  onProgress?: (progress: Progress, done: boolean) => void;
  /** Shown before the first step (e.g. where a resumed run starts). */
  notice?: string;
  /** Called when a heading is shown (recording markers). */
  onHeading?: (heading: HeadingInfo) => void;
  random?: () => number;
  now?: () => number;
  /** What draws the screen: the scrollback and the live part under it. */
  live: InkLive;
}

const PROMPT: Span = span('$ ', '1;32');
const CONTINUATION: Span = span('  ');
const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';
const SUCCESS: RunResult = {
  status: 0,
  output: '',
  durationMs: 0,
  timedOut: false,
  errexit: false,
  shellExited: false,
  quietFailure: false,
};

export class App {
  private readonly live: InkLive;
  private readonly started: number;
  private readonly now: () => number;
  private readonly random: () => number;

  /** The command on screen that has not run yet: the row being typed (earlier rows are committed). */
  private typed: { rows: Line[]; current: Line; typing: boolean } | undefined;
  private context: 'typing' | WaitReason | undefined;
  /** The overlay and hint of the wait under way. */
  private waiting: WaitState = {};
  private lastStatus: number | undefined;
  private spacing: Spacing = 'top';
  private handingOver = false;
  /** Top-level index of the last command that ran or was skipped. */
  private completed = -1;
  private ticker: NodeJS.Timeout | undefined;
  /** `@retry`: the attempt a shown command is at while it runs quietly (the live part's waiting line). */
  private waitingAttempt: number | undefined;
  /** Whether the last workshop command that ran was shown, and its status: what its verdict is shown with. */
  private judging: { shown: boolean; status: number } = { shown: false, status: 0 };

  constructor(
    private readonly player: PlayerLike,
    private readonly session: Session,
    private readonly terminal: Terminal,
    private readonly options: AppOptions,
  ) {
    this.live = options.live;
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
    this.started = this.now();
  }

  /** Plays to the end; returns the player's `end` effect. The caller restores the terminal. */
  async run(): Promise<Extract<Effect, { kind: 'end' }>> {
    this.terminal.routeInput((data) => this.live.keys.push(data));
    const stopResizing = this.terminal.onResize(() => {
      if (!this.handingOver) this.render();
    });
    if (this.options.status) {
      this.ticker = setInterval(() => {
        if (!this.handingOver && this.context) this.render();
      }, 1000);
    }
    try {
      if (this.options.notice) this.commit([[span(this.options.notice, viewStyles.notice)]]);
      let effect = this.player.next();
      while (effect.kind !== 'end') {
        this.reportProgress();
        effect = await this.perform(effect);
      }
      this.flushTyped();
      this.context = undefined;
      this.live.clear();
      return effect;
    } finally {
      clearInterval(this.ticker);
      stopResizing();
    }
  }

  private reportProgress(): void {
    const progress = this.player.progress;
    this.options.onProgress?.(progress, this.completed === progress.index);
  }

  /** A top-level command is behind us (it ran, or the presenter skipped it). */
  private done(macro: string | undefined): void {
    if (!macro) this.completed = this.player.progress.index;
  }

  /** Ends a wait or typing at once and takes the live lines off the screen (the program is being stopped). */
  stop(): void {
    this.live.keys.cancel();
    clearInterval(this.ticker);
    // The status and help lines go, so what comes after (a shell prompt, a report) starts on a line of its own.
    // While a command runs, the screen is the command's.
    if (this.handingOver) return;
    this.flushTyped();
    this.live.clear();
  }

  private async perform(effect: Exclude<Effect, { kind: 'end' }>): Promise<Effect> {
    const player = this.player;
    switch (effect.kind) {
      case 'show':
        await this.show(effect.markdown, effect.source);
        if (effect.heading) this.options.onHeading?.(effect.heading);
        return player.next();
      case 'print':
        await this.print(effect.text);
        return player.next();
      case 'notice':
        this.flushTyped();
        this.commit([[span(effect.message, viewStyles.notice)]]);
        return player.next();
      case 'skipped':
        if (effect.reason === 'key') {
          this.flushTyped();
          this.commit([[span('(skipped)', viewStyles.dim)]]);
          this.done(undefined);
        }
        return player.next();
      case 'type': {
        const action = await this.type(effect.command, effect.typeout && this.options.typing);
        return player.next(action ? { kind: 'key', action } : undefined);
      }
      case 'wait':
        return player.next({ kind: 'key', action: await this.wait(effect.reason) });
      case 'run': {
        const result = await this.runCommand(effect);
        if (effect.purpose === 'command' || effect.purpose === 'call') this.done(effect.macro);
        return player.next({ kind: 'ran', result });
      }
      case 'pause':
        this.waitingAttempt = effect.attempt;
        this.render();
        await new Promise((resolve) => setTimeout(resolve, effect.ms));
        return player.next();
      case 'output':
        this.showOutput(effect.text);
        return player.next();
      case 'verdict':
        this.showVerdict(effect);
        return player.next();
      case 'shell':
        await this.liveShell();
        return player.next();
    }
  }

  // ---- output ------------------------------------------------------------------------------------------

  private render(): void {
    this.live.draw(this.screen());
  }

  /** What the live part shows in the current state. */
  private screen(): LiveScreen {
    const progress = this.player.progress;
    return liveScreen({
      columns: this.terminal.columns,
      rows: this.terminal.rows,
      waitingAttempt: this.waitingAttempt,
      // The block cursor marks where typing goes on, and a command that waits to be run.
      command: this.typed && {
        row: this.typed.current,
        cursor: this.typed.typing || this.context === 'before',
      },
      mode: this.context,
      overlay: this.waiting.overlay,
      hint: this.waiting.hint,
      status: this.options.status
        ? {
            file: this.options.file,
            heading: progress.heading?.text,
            step: progress.step,
            steps: progress.steps,
            lastStatus: this.lastStatus,
            elapsedMs: this.now() - this.started,
            rehearse: this.options.rehearse,
          }
        : undefined,
      spacing: this.spacing,
      headings: this.player.headings,
    });
  }

  /** Writes lines to the scrollback, above the live part. */
  private commit(lines: Line[]): void {
    if (lines.length === 0) return;
    this.spacing = 'content';
    this.live.commit(lines, this.screen());
  }

  /** One blank line between blocks, none at the top of the screen. */
  private separate(): void {
    if (this.spacing === 'content') this.live.commit([[]], this.screen());
    this.spacing = 'top';
  }

  /** Moves the command on screen (if any) into the scrollback. */
  private flushTyped(): void {
    if (!this.typed) return;
    const rows = this.typed.current;
    this.typed = undefined;
    this.commit(hardWrap(rows, this.terminal.columns));
  }

  private async show(markdown: string, source: 'markdown' | 'shell'): Promise<void> {
    this.flushTyped();
    const values = await this.values(markdown);
    const columns = this.terminal.columns;
    const lines =
      source === 'markdown'
        ? renderCommentary(markdown, columns, { expand: (text) => expandBraced(text, values) })
        : markdown
            .split('\n')
            .flatMap((line) => wrap([span(expandBraced(line, values), shellStyles.comment)], columns));
    if (lines.length === 0) return;
    this.separate();
    this.commit(lines);
  }

  /** `@print`: like echo, `${VAR}` expanded; a `#` line is coloured as a comment, as demosh does. */
  private async print(text: string): Promise<void> {
    this.flushTyped();
    const expanded = expandBraced(text, await this.values(text));
    const style = expanded.startsWith('#') ? shellStyles.comment : '';
    this.commit(expanded.split('\n').flatMap((line) => wrap([span(line, style)], this.terminal.columns)));
  }

  // ---- typing ------------------------------------------------------------------------------------------

  /** Shows `command` after a prompt; returns the action of a key that ended the typing early, if any. */
  private async type(command: string, typeout: boolean): Promise<KeyAction | undefined> {
    this.flushTyped();
    const values = await this.values(command);
    const rows = splitRows(highlightShell(command, { lookup: (name) => values.get(name) }));
    this.separate();
    const typed = { rows, current: rows.at(-1)!, typing: typeout };
    if (!typeout) {
      this.commit(rows.slice(0, -1).flatMap((row) => hardWrap(row, this.terminal.columns)));
      this.typed = typed;
      return undefined;
    }
    this.typed = typed;
    this.context = 'typing';
    try {
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const chars = row.slice(1).flatMap((s) => [...s.text].map((c) => span(c, s.sgr)));
        for (let c = 0; c <= chars.length; c++) {
          typed.current = [row[0]!, ...chars.slice(0, c)];
          this.render();
          if (c === chars.length) break;
          const read = await this.live.read('typing', charDelay(this.random, this.options.speed));
          if (!read) continue;
          const outcome = typingCommand(read.command);
          if (outcome === 'ignore') continue;
          // Any other key finishes the typing at once.
          typed.current = rows.at(-1)!;
          typed.typing = false;
          this.commit(rows.slice(r, -1).flatMap((done) => hardWrap(done, this.terminal.columns)));
          if (outcome === 'finish') return undefined;
          if (outcome === 'later') {
            this.live.keys.unshift(read.key);
            return undefined;
          }
          return outcome;
        }
        if (r < rows.length - 1) {
          typed.current = [];
          this.commit(hardWrap(row, this.terminal.columns));
        }
      }
      return undefined;
    } finally {
      typed.typing = false;
      this.context = undefined;
    }
  }

  // ---- waiting -----------------------------------------------------------------------------------------

  private async wait(reason: WaitReason): Promise<KeyAction> {
    this.context = reason;
    this.render();
    try {
      for (;;) {
        const read = await this.live.read(waitMode(reason, this.waiting.overlay));
        if (!read) return { kind: 'quit' };
        const next = waitCommand(this.waiting, read.command, {
          reason,
          headings: this.player.headings,
          here: this.player.progress.heading?.index,
          rows: this.terminal.rows,
        });
        this.waiting = next.state;
        this.render();
        if (next.action) return next.action;
      }
    } finally {
      this.context = undefined;
      this.waiting = {};
    }
  }

  // ---- running -----------------------------------------------------------------------------------------

  private async runCommand(
    effect: Extract<Effect, { kind: 'run' }>,
  ): Promise<Extract<Input, { kind: 'ran' }>['result']> {
    if (effect.purpose === 'replay' || effect.purpose === 'hook') {
      return this.options.rehearse ? SUCCESS : this.session.run(effect.command);
    }
    this.flushTyped();
    if (this.options.rehearse) {
      if (effect.purpose === 'clear') this.clearScreen();
      else if (effect.shown) this.commit([[span('(not run)', viewStyles.dim)]]);
      return SUCCESS;
    }
    const limit = effect.timeLimitMs ? { timeoutMs: effect.timeLimitMs } : {};
    if (effect.quiet) {
      // Under `@retry` the audience sees a waiting line, not every failed attempt; `output` shows the last one.
      this.waitingAttempt = effect.attempt;
      this.render();
      // The command does not have the terminal, but Ctrl-C still stops it, and no more attempts are made.
      let interrupted = false;
      this.terminal.routeInput((data) => {
        if (!data.includes('\x03')) return;
        interrupted = true;
        this.session.interrupt();
      });
      try {
        const result = await this.session.run(effect.command, limit);
        this.lastStatus = result.status;
        this.judging = { shown: true, status: result.status };
        return { ...result, interrupted };
      } finally {
        this.terminal.routeInput((data) => this.live.keys.push(data));
      }
    }
    const result = await this.handingOverTo(effect.command, limit);
    this.judging = { shown: effect.shown, status: result.status };
    if (effect.purpose === 'clear') {
      this.spacing = 'top';
      return result;
    }
    if (result.output !== '') this.spacing = 'content';
    // The status line tells the audience about the commands they saw, not the hidden set-up.
    if (effect.shown) this.lastStatus = result.status;
    return result;
  }

  /** Under a shown command, why it failed (the player judged it: a status may be expected, output missing). */
  private showVerdict({ result, failure }: Extract<Effect, { kind: 'verdict' }>): void {
    this.waitingAttempt = undefined;
    if (!failure || !this.judging.shown) return;
    const byStatus = failure.kind === 'status' || failure.kind === 'timeout';
    const columns = this.terminal.columns;
    if (result === 'passed') {
      const what = byStatus ? `exit status ${this.judging.status}` : failure.message;
      this.commit([[span(`${what} (allowed to fail)`, viewStyles.dim)]]);
    } else {
      this.commit([byStatus ? failureLine(this.judging.status, columns) : unmetLine(failure.message, columns)]);
    }
  }

  /** The last attempt's output of a quiet run, where the command's output would have been. */
  private showOutput(text: string): void {
    this.waitingAttempt = undefined;
    this.live.clear();
    const shown = text.replace(/\n/g, '\r\n');
    this.terminal.write(shown === '' || shown.endsWith('\n') ? shown : `${shown}\r\n`);
    if (text !== '') this.spacing = 'content';
    this.render();
  }

  private clearScreen(): void {
    this.live.clear();
    this.terminal.write(CLEAR_SCREEN);
    this.spacing = 'top';
  }

  /**
   * `!`: the live session shell, then back to the same wait. A command that was waiting to run is shown again
   * by the player (a `type` effect, typed at once), so it is not put back here.
   */
  private async liveShell(): Promise<void> {
    this.flushTyped();
    this.separate();
    this.commit([[span(LIVE_SHELL_BANNER, viewStyles.notice)]]);
    await this.handingOverTo(openLiveShell());
    await this.session.run(closeLiveShell());
    this.commit([[span('Back to the demo.', viewStyles.notice)]]);
  }

  /** Gives the terminal to `command` until it ends. Keys typed before are dropped: they were not meant for it. */
  private async handingOverTo(command: string, options: RunOptions = {}): Promise<RunResult> {
    this.live.clear();
    this.live.keys.drop();
    this.handingOver = true;
    try {
      return await handOver(this.session, this.terminal, command, (data) => this.live.keys.push(data), options);
    } finally {
      this.handingOver = false;
    }
  }

  /** The session's current values of the `${NAME}`s in `text` (none in a rehearsal: nothing has run). */
  private async values(text: string): Promise<Map<string, string>> {
    const names = bracedNames(text);
    if (names.length === 0 || this.options.rehearse) return new Map();
    const answer = await this.session.run(variableQuery(names));
    return parseVariableAnswer(answer.output);
  }
}

/** Splits highlighted text at newlines into rows, each starting with its prompt span. */
function splitRows(spans: Span[]): Line[] {
  const rows: Line[] = [[PROMPT]];
  for (const s of spans) {
    s.text.split('\n').forEach((piece, i) => {
      if (i > 0) rows.push([CONTINUATION]);
      if (piece) rows.at(-1)!.push(span(piece, s.sgr));
    });
  }
  return rows;
}
