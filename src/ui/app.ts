// The presenter UI's effect interpreter: drives the player and performs its effects on a real terminal. What an
// effect writes to the scrollback (scrollback.ts says what) is committed once, never redrawn; the status and
// help lines live under it (play-view.ts keeps and draws what is on screen), and a running command gets the
// whole terminal (handover.ts). Keys are read through Ink (ink-live.tsx) in the mode the UI is in.
import type { Effect, HeadingInfo, Input, KeyAction, Progress, WaitReason } from '../player/effects.js';
import type { RunOptions, RunResult, Session } from '../session/types.js';
import { handOver } from './handover.js';
import { closeLiveShell, LIVE_SHELL_BANNER, openLiveShell } from '../player/live-shell.js';
import type { InkLive } from './ink-live.js';
import type { Terminal } from './terminal.js';
import { PlayView, type StatusFacts } from './play-view.js';
import { typingCommand, waitCommand, waitMode } from './screen.js';
import { commandRows, type Judged, printedLines, shownLines, verdictLines } from './scrollback.js';
import { span } from './text.js';
import { charDelay } from './typing.js';
import { bracedNames, parseVariableAnswer, variableQuery } from './variables.js';
import { viewStyles } from './views.js';

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
  private readonly view: PlayView;
  private readonly random: () => number;
  private handingOver = false;
  /** Top-level index of the last command that ran or was skipped. */
  private completed = -1;
  private ticker: NodeJS.Timeout | undefined;
  /** Whether the last workshop command that ran was shown, and its status: what its verdict is shown with. */
  private judging: Judged = { shown: false, status: 0 };

  constructor(
    private readonly player: PlayerLike,
    private readonly session: Session,
    private readonly terminal: Terminal,
    private readonly options: AppOptions,
  ) {
    this.live = options.live;
    this.random = options.random ?? Math.random;
    const now = options.now ?? (() => performance.now());
    const started = now();
    const status: StatusFacts = {
      file: options.file,
      rehearse: options.rehearse,
      progress: () => player.progress,
      elapsedMs: () => now() - started,
    };
    this.view = new PlayView(this.live, terminal, options.status ? status : undefined, () => player.headings);
  }

  /** Plays to the end; returns the player's `end` effect. The caller restores the terminal. */
  async run(): Promise<Extract<Effect, { kind: 'end' }>> {
    this.terminal.routeInput((data) => this.live.keys.push(data));
    const stopResizing = this.terminal.onResize(() => {
      if (!this.handingOver) this.view.render();
    });
    if (this.options.status) {
      this.ticker = setInterval(() => {
        if (!this.handingOver && this.view.mode) this.view.render();
      }, 1000);
    }
    try {
      if (this.options.notice) this.view.commit([[span(this.options.notice, viewStyles.notice)]]);
      let effect = this.player.next();
      while (effect.kind !== 'end') {
        this.reportProgress();
        effect = await this.perform(effect);
      }
      this.view.flushTyped();
      this.view.mode = undefined;
      this.view.clear();
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
    this.view.flushTyped();
    this.view.clear();
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
        this.view.flushTyped();
        this.view.commit([[span(effect.message, viewStyles.notice)]]);
        return player.next();
      case 'skipped':
        if (effect.reason === 'key') {
          this.view.flushTyped();
          this.view.commit([[span('(skipped)', viewStyles.dim)]]);
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
        this.view.waitingAttempt = effect.attempt;
        this.view.render();
        await new Promise((resolve) => setTimeout(resolve, effect.ms));
        return player.next();
      case 'output':
        this.view.showOutput(effect.text);
        return player.next();
      case 'verdict':
        this.view.waitingAttempt = undefined;
        this.view.commit(verdictLines(effect, this.judging, this.view.columns));
        return player.next();
      case 'shell':
        await this.liveShell();
        return player.next();
    }
  }

  // ---- output ------------------------------------------------------------------------------------------

  private async show(markdown: string, source: 'markdown' | 'shell'): Promise<void> {
    this.view.flushTyped();
    const lines = shownLines(markdown, source, this.view.columns, await this.values(markdown));
    if (lines.length === 0) return;
    this.view.separate();
    this.view.commit(lines);
  }

  private async print(text: string): Promise<void> {
    this.view.flushTyped();
    this.view.commit(printedLines(text, this.view.columns, await this.values(text)));
  }

  // ---- typing ------------------------------------------------------------------------------------------

  /** Shows `command` after a prompt; returns the action of a key that ended the typing early, if any. */
  private async type(command: string, typeout: boolean): Promise<KeyAction | undefined> {
    this.view.flushTyped();
    const rows = commandRows(command, await this.values(command));
    this.view.separate();
    const typed = { rows, current: rows.at(-1)!, typing: typeout };
    if (!typeout) {
      this.view.commitRows(rows.slice(0, -1));
      this.view.typed = typed;
      return undefined;
    }
    this.view.typed = typed;
    this.view.mode = 'typing';
    try {
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const chars = row.slice(1).flatMap((s) => [...s.text].map((c) => span(c, s.sgr)));
        for (let c = 0; c <= chars.length; c++) {
          typed.current = [row[0]!, ...chars.slice(0, c)];
          this.view.render();
          if (c === chars.length) break;
          const read = await this.live.read('typing', charDelay(this.random, this.options.speed));
          if (!read) continue;
          const outcome = typingCommand(read.command);
          if (outcome === 'ignore') continue;
          // Any other key finishes the typing at once.
          typed.current = rows.at(-1)!;
          typed.typing = false;
          this.view.commitRows(rows.slice(r, -1));
          if (outcome === 'finish') return undefined;
          if (outcome === 'later') {
            this.live.keys.unshift(read.key);
            return undefined;
          }
          return outcome;
        }
        if (r < rows.length - 1) {
          typed.current = [];
          this.view.commitRows([row]);
        }
      }
      return undefined;
    } finally {
      typed.typing = false;
      this.view.mode = undefined;
    }
  }

  // ---- waiting -----------------------------------------------------------------------------------------

  private async wait(reason: WaitReason): Promise<KeyAction> {
    this.view.mode = reason;
    this.view.render();
    try {
      for (;;) {
        const read = await this.live.read(waitMode(reason, this.view.waiting.overlay));
        if (!read) return { kind: 'quit' };
        const next = waitCommand(this.view.waiting, read.command, {
          reason,
          headings: this.player.headings,
          here: this.player.progress.heading?.index,
          rows: this.terminal.rows,
        });
        this.view.waiting = next.state;
        this.view.render();
        if (next.action) return next.action;
      }
    } finally {
      this.view.mode = undefined;
      this.view.waiting = {};
    }
  }

  // ---- running -----------------------------------------------------------------------------------------

  private async runCommand(
    effect: Extract<Effect, { kind: 'run' }>,
  ): Promise<Extract<Input, { kind: 'ran' }>['result']> {
    if (effect.purpose === 'replay' || effect.purpose === 'hook') {
      return this.options.rehearse ? SUCCESS : this.session.run(effect.command);
    }
    this.view.flushTyped();
    if (this.options.rehearse) {
      if (effect.purpose === 'clear') this.view.clearScreen();
      else if (effect.shown) this.view.commit([[span('(not run)', viewStyles.dim)]]);
      return SUCCESS;
    }
    const limit = effect.timeLimitMs ? { timeoutMs: effect.timeLimitMs } : {};
    if (effect.quiet) {
      // Under `@retry` the audience sees a waiting line, not every failed attempt; `output` shows the last one.
      this.view.waitingAttempt = effect.attempt;
      this.view.render();
      // The command does not have the terminal, but Ctrl-C still stops it, and no more attempts are made.
      let interrupted = false;
      this.terminal.routeInput((data) => {
        if (!data.includes('\x03')) return;
        interrupted = true;
        this.session.interrupt();
      });
      try {
        const result = await this.session.run(effect.command, limit);
        this.view.lastStatus = result.status;
        this.judging = { shown: true, status: result.status };
        return { ...result, interrupted };
      } finally {
        this.terminal.routeInput((data) => this.live.keys.push(data));
      }
    }
    const result = await this.handingOverTo(effect.command, limit);
    this.judging = { shown: effect.shown, status: result.status };
    if (effect.purpose === 'clear') {
      this.view.cleared();
      return result;
    }
    this.view.wrote(result.output !== '');
    // The status line tells the audience about the commands they saw, not the hidden set-up.
    if (effect.shown) this.view.lastStatus = result.status;
    return result;
  }

  /**
   * `!`: the live session shell, then back to the same wait. A command that was waiting to run is shown again
   * by the player (a `type` effect, typed at once), so it is not put back here.
   */
  private async liveShell(): Promise<void> {
    this.view.flushTyped();
    this.view.separate();
    this.view.commit([[span(LIVE_SHELL_BANNER, viewStyles.notice)]]);
    await this.handingOverTo(openLiveShell());
    await this.session.run(closeLiveShell());
    this.view.commit([[span('Back to the demo.', viewStyles.notice)]]);
  }

  /** Gives the terminal to `command` until it ends. Keys typed before are dropped: they were not meant for it. */
  private async handingOverTo(command: string, options: RunOptions = {}): Promise<RunResult> {
    this.view.clear();
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
