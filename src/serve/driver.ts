// serve's driver: the same player and session as `play` and `check`, steered by the page instead of keys.
// Between commands the learner types into the session's own bash (the live shell loop `!` opens in play), so
// state is shared both ways; a Run or "run up to here" click ends that loop and moves the player.
import type { Step } from '../markdown/steps.js';
import type { Effect, EndReason, KeyAction } from '../player/effects.js';
import { closeLiveShell, openLiveShell } from '../player/live-shell.js';
import type { Player } from '../player/player.js';
import type { RunResult, Session } from '../session/types.js';

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
  private target: number | undefined;
  private pending: PageAction | undefined;
  private running = false;
  /** The live shell has printed its first prompt: keys written now reach its `read`, not the line before it. */
  private shellReading = false;
  private ended: DriverState['ended'];

  constructor(
    private readonly steps: readonly Step[],
    private readonly player: Player,
    private readonly session: Session,
    private readonly events: DriverEvents,
  ) {}

  get state(): DriverState {
    return { statuses: this.statuses, current: this.player.progress.index, running: this.running, ended: this.ended };
  }

  /** A click from the page; acted on at the player's next wait. */
  act(action: PageAction): void {
    if (this.ended || !Number.isInteger(action.index) || action.index < 0 || action.index >= this.steps.length) return;
    this.pending = action;
    if (this.shellReading) this.endLiveShell();
  }

  /** Keys from a page's terminal: to the running command, or to the live shell. */
  input(data: string): void {
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
        case 'print':
          this.events.output(`${effect.text.replace(/\n/g, '\r\n')}\r\n`);
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
    this.ended = { status: effect.status, reason: effect.reason, message: effect.message };
    this.events.state(this.state);
    return effect.status;
  }

  private async runEffect(effect: Extract<Effect, { kind: 'run' }>): Promise<RunResult> {
    const index = this.player.progress.index;
    const visible = effect.purpose !== 'replay' && effect.purpose !== 'hook';
    if (effect.shown) this.events.output(`\x1b[1m$ ${effect.command.replace(/\n/g, '\r\n> ')}\x1b[0m\r\n`);
    this.running = true;
    this.events.state(this.state);
    const result = await this.session.run(effect.command, visible ? { onOutput: this.events.output } : {});
    this.running = false;
    if (effect.purpose === 'command' || effect.purpose === 'call') {
      const failed = result.status !== 0 && !effect.failOk;
      this.setStatus(index, {
        result: failed ? 'failed' : 'passed',
        status: result.status,
        durationMs: result.durationMs,
      });
      this.events.progress(index, true);
    }
    return result;
  }

  private setStatus(index: number, status: StepStatus): void {
    // Commands inside a macro share their call's index: the first failure stays.
    if (this.statuses[index]?.result === 'failed' && status.result !== 'failed') return;
    this.statuses[index] = status;
    this.events.state(this.state);
  }

  /** At a wait: go on while a target lies ahead, otherwise give the learner the shell until they click. */
  private async decide(reason: string): Promise<KeyAction> {
    const index = this.player.progress.index;
    if (this.target !== undefined && reason !== 'failed') {
      if (index < this.target || (index === this.target && reason === 'before')) return { kind: 'continue' };
    }
    this.target = undefined;
    this.events.progress(index, false);
    const action = await this.nextAction();
    if (action.kind === 'quit') return action;
    if (action.kind === 'jump') return { kind: 'jump', index: action.index };
    if (action.kind === 'run') {
      this.target = action.index;
      if (action.index === index) return { kind: reason === 'failed' ? 'repeat' : 'continue' };
      return { kind: 'jump', index: action.index };
    }
    // Run up to a heading: every command before it runs, from where the player is.
    this.target = action.index - 1;
    if (action.index > index) return { kind: 'continue' };
    return { kind: 'jump', index: action.index };
  }

  /** Runs the live shell until a click arrives (or returns the one already waiting). */
  private async nextAction(): Promise<PageAction | { kind: 'quit' }> {
    while (!this.pending) {
      this.events.state(this.state);
      // `exit` typed in the loop only ends the loop (see live-shell.ts); it starts again until a click.
      const onOutput = (data: string) => {
        this.events.output(data);
        if (this.shellReading) return;
        this.shellReading = true;
        if (this.pending) this.endLiveShell();
      };
      const shell = await this.session.run(openLiveShell(), { onOutput });
      this.shellReading = false;
      if (shell.shellExited) return { kind: 'quit' };
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
