// serve's driver: the same player and session as `play` and `check`, steered by the page instead of keys.
// Between commands the learner types into the session's own bash (the live shell loop `!` opens in play), so
// state is shared both ways; a Run or "run up to here" click ends that loop and moves the player.
import type { Step } from '../markdown/steps.js';
import type { Effect, EndReason, Input, KeyAction, WaitReason } from '../player/effects.js';
import { closeLiveShell, LIVE_SHELL_PROMPT, openLiveShell } from '../player/live-shell.js';
import type { Player } from '../player/player.js';
import type { Session } from '../session/types.js';
import { runnableSteps } from './page.js';

/** What the player is told about a run. */
type RanResult = Extract<Input, { kind: 'ran' }>['result'];

/** What happened to a top-level command, for its status on the page. */
export interface StepStatus {
  result: 'passed' | 'failed' | 'skipped';
  status?: number;
  durationMs?: number;
}

/**
 * A click on the page: Run on a command, "run up to here" on a heading (every command before it runs), or a
 * section in the contents (what lies between is passed over with its state replayed, as `--from` does).
 */
export type PageAction = { kind: 'run' | 'upto' | 'jump'; index: number };

export interface DriverState {
  statuses: Record<number, StepStatus>;
  /** Top-level step being played. */
  current: number;
  /** A workshop command runs (false while the learner has the shell, or at the end). */
  running: boolean;
  /** A click waits for a program the learner started in the shell to end (keys go to that program until then). */
  held: boolean;
  ended?: { status: number; reason: EndReason; message?: string };
}

export interface DriverEvents {
  /** Bytes for every terminal on the page. */
  output: (data: string) => void;
  state: (state: DriverState) => void;
  /** A top-level command ran (`index`) or the run moved: where `--resume` restarts. */
  progress: (index: number, done: boolean) => void;
}

export class ServeDriver {
  readonly statuses: Record<number, StepStatus> = {};
  /** Whether the player goes on at a wait (at `index`, for `reason`), set by the last click. */
  private goOn: ((index: number, reason: WaitReason) => boolean) | undefined;
  private pending: PageAction | undefined;
  private running = false;
  /** Exit status of the last run, for the verdict that follows it. */
  private lastStatus: number | undefined;
  /** Ctrl-C came from a page while the run went on: `@retry` makes no further attempt (as in play). */
  private interrupted = false;
  /**
   * The live shell shows its prompt and reads a line: Ctrl-D now ends the loop. Not before its first prompt
   * (keys written earlier are lost in the session's line flush), and not while a program typed there runs
   * (Ctrl-D would end that program instead): a click then waits for the next prompt.
   */
  private shellReading = false;
  /** A line typed into the live shell runs (from its Enter to the next prompt). */
  private shellBusy = false;
  /** The end of the live shell's output so far, where a prompt split across two chunks is found. */
  private shellTail = '';
  private ended: DriverState['ended'];
  /** Exit status of a shell that ended while it was the learner's (`exit` is the loop's, but `kill $$` is not). */
  private shellGone: number | undefined;
  /** For each top-level index: one past the last command with a Run button before it. */
  private readonly runStart: number[] = [];

  constructor(
    private readonly steps: readonly Step[],
    private readonly player: Player,
    private readonly session: Session,
    private readonly events: DriverEvents,
  ) {
    const runnable = runnableSteps(steps);
    let start = 0;
    steps.forEach((_, index) => {
      this.runStart.push(start);
      if (runnable.has(index)) start = index + 1;
    });
  }

  get state(): DriverState {
    return {
      statuses: this.statuses,
      current: this.player.progress.index,
      running: this.running,
      held: this.pending !== undefined && this.shellBusy,
      ended: this.ended,
    };
  }

  /** A click from the page; acted on at the player's next wait. */
  act(action: PageAction): void {
    // "Run up to" the end (past the last wait) is the one index past the steps.
    const last = action.kind === 'upto' ? this.steps.length : this.steps.length - 1;
    if (this.ended || !Number.isInteger(action.index) || action.index < 0 || action.index > last) return;
    this.pending = action;
    if (this.shellReading) this.endLiveShell();
    else this.events.state(this.state);
  }

  /** Keys from a page's terminal: to the running command, or to the live shell. */
  input(data: string): void {
    if (this.running && data.includes('\x03')) this.interrupted = true;
    // A line sent to the live shell runs: a program may have the terminal until the next prompt.
    if (this.shellReading && /[\r\n]/.test(data)) {
      this.shellReading = false;
      this.shellBusy = true;
    }
    this.session.write(data);
  }

  /** Plays to the end; resolves with the player's exit status. */
  async play(): Promise<number> {
    let effect: Effect = this.player.next();
    while (effect.kind !== 'end') {
      switch (effect.kind) {
        case 'run':
          effect = this.player.next({ kind: 'ran', result: await this.runEffect(effect) });
          break;
        case 'wait':
          effect = this.player.next({ kind: 'key', action: await this.decide(effect.reason) });
          break;
        case 'pause': {
          // `@retry`: the time it allows is counted from the results, so the pause must really pass.
          const { ms, attempt } = effect;
          this.events.output(`\r\x1b[2mwaiting… (attempt ${attempt})\x1b[0m\x1b[K`);
          await new Promise((resolve) => setTimeout(resolve, ms));
          effect = this.player.next();
          break;
        }
        case 'print':
        case 'output':
        case 'notice': {
          const text = effect.kind === 'notice' ? effect.message : effect.text;
          this.events.output(`\r\x1b[K${text.replace(/\r?\n$/, '').replace(/\r?\n/g, '\r\n')}\r\n`);
          effect = this.player.next();
          break;
        }
        case 'verdict':
          this.setStatus(this.player.progress.index, {
            result: effect.result,
            status: this.lastStatus,
            durationMs: effect.durationMs,
          });
          this.events.progress(this.player.progress.index, true);
          effect = this.player.next();
          break;
        case 'skipped':
          this.setStatus(this.player.progress.index, { result: 'skipped' });
          effect = this.player.next();
          break;
        default:
          effect = this.player.next();
      }
    }
    // The player only saw a quit: the shell it would have run the rest in is gone.
    this.ended =
      this.shellGone === undefined
        ? { status: effect.status, reason: effect.reason, message: effect.message }
        : {
            status: this.shellGone,
            reason: 'exited',
            message: `the shell exited with status ${this.shellGone} in the learner's terminal; the rest is not run`,
          };
    this.events.state(this.state);
    return this.ended.status;
  }

  private async runEffect(effect: Extract<Effect, { kind: 'run' }>): Promise<RanResult> {
    // Replays and hook definitions are the player's housekeeping; a quiet run shows only its last attempt.
    const visible = effect.purpose !== 'replay' && effect.purpose !== 'hook' && !effect.quiet;
    if (effect.shown && effect.attempt === 1) {
      this.events.output(`\x1b[1m$ ${effect.command.replace(/\n/g, '\r\n> ')}\x1b[0m\r\n`);
    }
    this.running = true;
    this.interrupted = false;
    this.events.state(this.state);
    const result = await this.session.run(effect.command, {
      ...(visible ? { onOutput: this.events.output } : {}),
      ...(effect.timeLimitMs ? { timeoutMs: effect.timeLimitMs } : {}),
    });
    this.running = false;
    this.lastStatus = result.status;
    this.events.state(this.state);
    return { ...result, interrupted: this.interrupted };
  }

  private setStatus(index: number, status: StepStatus): void {
    // Commands inside a macro share their call's index: the first failure stays.
    if (this.statuses[index]?.result === 'failed' && status.result !== 'failed') return;
    this.statuses[index] = status;
    this.events.state(this.state);
  }

  /** At a wait: go on while the last click says so, otherwise give the learner the shell until they click. */
  private async decide(reason: WaitReason): Promise<KeyAction> {
    const index = this.player.progress.index;
    // A failure always stops: the learner decides what comes next.
    if (reason !== 'failed' && this.goOn?.(index, reason)) return { kind: 'continue' };
    this.goOn = undefined;
    this.events.progress(index, false);
    const action = await this.nextAction();
    switch (action.kind) {
      case 'quit':
        return action;
      case 'jump':
        return { kind: 'jump', index: action.index };
      case 'run':
        return this.runTo(action.index, index, reason);
      case 'upto':
        // Every wait before the heading (or the end) is passed and every command before it runs.
        this.goOn = (at) => at < action.index;
        return action.index > index ? { kind: 'continue' } : { kind: 'jump', index: action.index };
    }
  }

  /**
   * Run on command `wanted` while the player waits at `index`. Behind, or the command that just ran: run it
   * again. Ahead: the commands with a Run button on the way are passed over (their state replayed, as a jump
   * does), and the hidden ones just before it run, since its own setup is theirs.
   */
  private runTo(wanted: number, index: number, reason: WaitReason): KeyAction {
    this.goOn = (at, why) => at < wanted || (at === wanted && why === 'before');
    if (wanted === index && reason === 'failed') return { kind: 'repeat' };
    if (wanted < index || (wanted === index && reason !== 'before')) return { kind: 'jump', index: wanted };
    const start = this.runStart[wanted]!;
    const next = reason === 'before' ? index : index + 1;
    return start > next ? { kind: 'jump', index: start } : { kind: 'continue' };
  }

  /** Runs the live shell until a click arrives (or returns the one already waiting). */
  private async nextAction(): Promise<PageAction | { kind: 'quit' }> {
    while (!this.pending) {
      this.events.state(this.state);
      // `exit` typed in the loop only ends the loop (see live-shell.ts); it starts again until a click.
      const onOutput = (data: string) => {
        this.events.output(data);
        const seen = this.shellTail + data;
        // One character short of a whole prompt: a prompt already seen is never found again.
        this.shellTail = seen.slice(1 - LIVE_SHELL_PROMPT.length);
        if (this.shellReading || !seen.includes(LIVE_SHELL_PROMPT)) return;
        this.shellReading = true;
        this.shellBusy = false;
        if (!this.pending) return;
        this.endLiveShell();
        this.events.state(this.state);
      };
      const shell = await this.session.run(openLiveShell(), { onOutput });
      this.shellReading = false;
      this.shellBusy = false;
      this.shellTail = '';
      if (shell.shellExited) {
        this.shellGone = shell.status;
        return { kind: 'quit' };
      }
      await this.session.run(closeLiveShell());
    }
    const action = this.pending;
    this.pending = undefined;
    return action;
  }

  /** Ctrl-U then Ctrl-D: the live shell's `read -e` sees end of input and its loop ends. */
  private endLiveShell(): void {
    this.session.write('\x15\x04');
  }
}
