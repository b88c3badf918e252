// The player: demosh semantics as a state machine over the step list. It is a generator driven one effect
// at a time through `next`; it does no I/O, so every rule can be tested with plain values.
import type { CommandConditions, CommandFlags, Mode, Position, Step } from '../markdown/steps.js';
import { formatPosition } from '../markdown/steps.js';
import { replayText } from '../markdown/replay.js';
import { recursionError } from '../markdown/recursion.js';
import { plainMacroCall } from '../markdown/macro-call.js';
import type {
  Effect,
  EndReason,
  HeadingInfo,
  Input,
  KeyAction,
  PlayerOptions,
  Progress,
  RunPurpose,
  SkipReason,
  WaitReason,
} from './effects.js';
import { hookDefinition } from './hooks.js';
import { judge, mayRetry, type Failure } from './judge.js';

/** A list of steps being played: the workshop itself, a macro body or an `@ifhook` body. */
interface Frame {
  steps: readonly Step[];
  /** The next step to take. */
  index: number;
  mode: Mode;
  /** The macro this frame expands. */
  macro?: string;
}

/** A command ready to present: a `command` step, or a `call` that is not a macro. */
interface Command {
  text: string;
  flags: CommandFlags;
  conditions?: CommandConditions;
  purpose: Extract<RunPurpose, 'command' | 'call'>;
  at: Position;
  macro?: string;
}

/** What the main loop does after a step. */
type Control =
  | { kind: 'next' }
  | { kind: 'quit' }
  /** `fromCurrent`: the current top-level step has not run yet, so it is passed over (replayed) too. */
  | { kind: 'jump'; index: number; fromCurrent: boolean };

/** How the current step is treated: played, or passed over (its state replayed or not). */
type Disposition = { act: 'play' } | { act: 'replay' | 'skip'; reason: SkipReason };

type Expected = 'nothing' | 'ran' | 'key' | 'optional key';

type PlayGenerator<T> = Generator<Effect, T, Input | undefined>;

const NEXT: Control = { kind: 'next' };
/** demosh starts hidden; so does every macro and `@ifhook` body. */
export const INITIAL_MODE: Mode = 'HIDE';

export class Player {
  /** Top-level headings: the table of contents and the jump targets. */
  readonly headings: readonly HeadingInfo[];

  readonly #steps: readonly Step[];
  readonly #interactive: boolean;
  readonly #hooks: ReadonlySet<string>;
  readonly #keepGoing: boolean;
  readonly #selectionEnd: number;
  /** Top-level steps before `index` are passed over (a selection's start, or a jump forward). */
  #passUntil: { index: number; replay: boolean; reason: SkipReason };
  /** Number of top-level commands before each top-level index (for progress). */
  readonly #commandsBefore: number[];

  readonly #stack: Frame[];
  /** The workshop's own frame: popped off the stack at the end, still what the final progress reads. */
  readonly #top: Frame;
  /** Index of the top-level step being played. */
  #topIndex = -1;
  #heading: HeadingInfo | undefined;
  readonly #macros = new Map<string, readonly Step[]>();
  /** Defined hooks: function name → variable suffix (`DEMO_HOOK_<suffix>`). */
  readonly #definedHooks = new Map<string, string>();
  #lastShown: Command | undefined;
  #failures = 0;
  #stopped: { status: number; reason: EndReason; message?: string; at?: Position } | undefined;

  readonly #generator: PlayGenerator<Effect>;
  #expected: Expected = 'nothing';
  #end: Effect | undefined;

  constructor(steps: readonly Step[], options: PlayerOptions) {
    this.#steps = steps;
    this.#interactive = options.interactive;
    this.#hooks = options.hooks;
    this.#keepGoing = options.keepGoing ?? options.interactive;
    const selection = options.selection ?? { start: 0, end: steps.length, replay: false };
    this.#selectionEnd = selection.end;
    this.#passUntil = { index: selection.start, replay: selection.replay, reason: 'selection' };
    this.headings = steps.flatMap((step, index) =>
      step.kind === 'heading' ? [{ index, depth: step.depth, text: step.text, at: step.at }] : [],
    );
    this.#commandsBefore = [0];
    for (const step of steps)
      this.#commandsBefore.push(this.#commandsBefore.at(-1)! + (step.kind === 'command' ? 1 : 0));
    this.#top = { steps, index: 0, mode: INITIAL_MODE };
    this.#stack = [this.#top];
    this.#generator = this.#play();
  }

  /** The next effect to perform, given what became of the previous one (see effects.ts). */
  next(input?: Input): Effect {
    if (this.#end) return this.#end;
    this.#check(input);
    const { value } = this.#generator.next(input);
    this.#expected = expectedAfter(value);
    if (value.kind === 'end') this.#end = value;
    return value;
  }

  get progress(): Progress {
    const top = this.#topIndex;
    return {
      step: this.#commandsBefore[Math.min(top + 1, this.#steps.length)]!,
      steps: this.#commandsBefore.at(-1)!,
      index: top,
      heading: this.#heading,
      mode: (this.#stack.at(-1) ?? this.#top).mode,
    };
  }

  #check(input: Input | undefined): void {
    const expected = this.#expected;
    const ok =
      (expected === 'nothing' && input === undefined) ||
      (expected === 'optional key' && (input === undefined || input.kind === 'key')) ||
      (expected === 'ran' && input?.kind === 'ran') ||
      (expected === 'key' && input?.kind === 'key');
    if (!ok) throw new Error(`Player.next: expected ${expected}, got ${input ? input.kind : 'nothing'}`);
  }

  *#play(): PlayGenerator<Effect> {
    const top = this.#top;
    for (;;) {
      const frame = this.#stack.at(-1);
      if (!frame) break;
      if (frame.index >= frame.steps.length) {
        this.#stack.pop();
        continue;
      }
      const step = frame.steps[frame.index++]!;
      if (frame === top) this.#topIndex = frame.index - 1;
      const control = yield* this.#step(step, frame);
      if (control.kind === 'quit') return { kind: 'end', status: 0, reason: 'quit', failures: this.#failures };
      if (control.kind === 'jump') this.#jump(control.index, control.fromCurrent);
    }
    return this.#endEffect();
  }

  #endEffect(): Effect {
    const stopped = this.#stopped;
    return {
      kind: 'end',
      // `exit 0` after a failure (keep-going) must not turn the run into a success.
      status: stopped?.status || (this.#failures > 0 ? 1 : 0),
      reason: stopped ? stopped.reason : 'finished',
      message: stopped?.message,
      failures: this.#failures,
      at: stopped?.at,
    };
  }

  #disposition(): Disposition {
    if (this.#stopped) return { act: 'skip', reason: 'stopped' };
    const pass = this.#passUntil;
    if (this.#topIndex < pass.index) return { act: pass.replay ? 'replay' : 'skip', reason: pass.reason };
    if (this.#topIndex >= this.#selectionEnd) return { act: 'skip', reason: 'selection' };
    return { act: 'play' };
  }

  *#step(step: Step, frame: Frame): PlayGenerator<Control> {
    if (step.kind === 'heading') {
      this.#heading = { index: this.#topIndex, depth: step.depth, text: step.text, at: step.at };
    }
    // Definitions take effect wherever they are reached, even in @SKIP regions: demosh reads them all
    // before running anything, so a workshop may rely on a hook defined in a skipped part.
    if (step.kind === 'macro') {
      this.#macros.set(step.name, step.body);
      return NEXT;
    }
    if (step.kind === 'hook') return yield* this.#defineHook(step);
    if (frame.mode === 'SKIP') {
      if (step.kind === 'mode' && step.mode === 'SHOW') frame.mode = 'SHOW';
      return NEXT;
    }
    const disposition = this.#disposition();
    const playing = disposition.act === 'play';
    const presenting = playing && this.#interactive;
    switch (step.kind) {
      case 'mode':
        frame.mode = step.mode;
        return NEXT;
      case 'heading':
        if (presenting && frame.mode === 'SHOW') {
          yield { kind: 'show', markdown: step.markdown, source: 'markdown', heading: this.#heading, at: step.at };
        }
        return NEXT;
      case 'commentary':
        if (presenting && frame.mode === 'SHOW') {
          yield { kind: 'show', markdown: step.markdown, source: step.source, at: step.at };
        }
        return NEXT;
      case 'wait':
        return presenting ? yield* this.#waitThere('explicit', step.at) : NEXT;
      case 'print':
        if (!presenting) return NEXT;
        yield { kind: 'print', text: step.text, at: step.at };
        return frame.mode === 'SHOW' ? yield* this.#waitThere('after', step.at) : NEXT;
      case 'clear':
        if (playing) yield* this.#housekeeping('clear', 'clear', step.at);
        return NEXT;
      case 'ifhook':
        if (this.#hookActive(step.hook)) this.#stack.push({ steps: step.body, index: 0, mode: INITIAL_MODE });
        return NEXT;
      case 'call': {
        const text = step.args ? `${step.name} ${step.args}` : step.name;
        const command: Command = {
          text,
          flags: step.flags,
          conditions: step.conditions,
          purpose: 'call',
          at: step.at,
          macro: this.#macro(),
        };
        const body = this.#macros.get(step.name);
        if (body) return yield* this.#callMacro(step.name, body, command, frame, disposition);
        return yield* this.#commandStep(command, frame, disposition);
      }
      case 'command': {
        const command: Command = {
          text: step.text,
          flags: step.flags,
          conditions: step.conditions,
          purpose: 'command',
          at: step.at,
          macro: this.#macro(),
        };
        const call = plainMacroCall(step.text, (name) => this.#macros.has(name));
        if (call) return yield* this.#callMacro(call.name, this.#macros.get(call.name)!, command, frame, disposition);
        return yield* this.#commandStep(command, frame, disposition);
      }
    }
  }

  /**
   * A call of a macro: `@NAME`, or a command whose first word is NAME. It is presented as its flags say (a
   * plain call is typed and waited for like any command, as demosh does; `@NAME` is immediate), then the
   * macro's steps run in its place. Passed over (a selection, a stop), the body is still expanded: its own
   * steps are then replayed or skipped one by one.
   */
  *#callMacro(
    name: string,
    body: readonly Step[],
    call: Command,
    frame: Frame,
    disposition: Disposition,
  ): PlayGenerator<Control> {
    if (disposition.act === 'play') {
      const control = yield* this.#approve(call, this.#interactive && frame.mode === 'SHOW' && call.flags.show);
      if (control) return control;
    }
    return this.#expandMacro(name, body, call.at);
  }

  *#defineHook(step: Extract<Step, { kind: 'hook' }>): PlayGenerator<Control> {
    const definition = hookDefinition(step.name, step.variable);
    if (!definition) {
      this.#stop(1, 'error', `${formatPosition(step.at)}: invalid hook: ${step.name} ${step.variable}`, step.at);
      return NEXT;
    }
    this.#definedHooks.set(step.name, step.variable);
    // Defined even where nothing else runs (a selection without replay): a hook is the player's, not state.
    if (!this.#stopped) yield* this.#housekeeping(definition, 'hook', step.at);
    return NEXT;
  }

  #hookActive(name: string): boolean {
    const variable = this.#definedHooks.get(name);
    return variable !== undefined && this.#hooks.has(`DEMO_HOOK_${variable}`);
  }

  #expandMacro(name: string, body: readonly Step[], at: Position): Control {
    const active = this.#stack.flatMap((frame) => (frame.macro ? [frame.macro] : []));
    const recursion = recursionError(active, name);
    if (recursion) {
      // Not expanded, so a recursive macro ends here even while only counting what is left after a stop.
      this.#stop(1, 'error', `${formatPosition(at)}: ${recursion}`, at);
      return NEXT;
    }
    this.#stack.push({ steps: body, index: 0, mode: INITIAL_MODE, macro: name });
    return NEXT;
  }

  #macro(): string | undefined {
    return this.#stack.findLast((frame) => frame.macro)?.macro;
  }

  *#commandStep(command: Command, frame: Frame, disposition: Disposition): PlayGenerator<Control> {
    if (disposition.act === 'play') {
      return yield* this.#present(command, this.#interactive && frame.mode === 'SHOW' && command.flags.show);
    }
    yield this.#skipped(command, disposition.reason);
    if (disposition.act === 'replay') {
      const replay = replayText(command.text);
      if (replay) yield* this.#housekeeping(replay, 'replay', command.at);
    }
    return NEXT;
  }

  #skipped(command: Command, reason: SkipReason): Effect {
    return { kind: 'skipped', command: command.text, reason, heading: this.#heading?.text, at: command.at };
  }

  /** Types (when shown), waits, runs and judges one command. */
  *#present(command: Command, shown: boolean): PlayGenerator<Control> {
    return (yield* this.#approve(command, shown)) ?? (yield* this.#run(command, shown));
  }

  /**
   * Types `command` (when shown) and waits, handling the keys pressed around it: undefined when it is to
   * run, otherwise what to do instead.
   */
  *#approve(command: Command, shown: boolean): PlayGenerator<Control | undefined> {
    let typeout = command.flags.typeout;
    for (;;) {
      let action: KeyAction = { kind: 'continue' };
      if (shown) {
        const input = yield { kind: 'type', command: command.text, typeout, at: command.at };
        if (input?.kind === 'key') action = input.action;
        else if (command.flags.waitBefore) action = yield* this.#ask('before', command.at);
      }
      // Shown again after a detour (repeat, shell): the audience has seen it typed already.
      typeout = false;
      switch (action.kind) {
        case 'continue':
          return undefined;
        case 'skip':
          yield this.#skipped(command, 'key');
          return NEXT;
        case 'repeat': {
          const control = yield* this.#repeat(command.at);
          if (control.kind !== 'next') return control;
          continue;
        }
        case 'shell':
          yield { kind: 'shell', at: command.at };
          continue;
        case 'quit':
          return { kind: 'quit' };
        case 'jump':
          return { kind: 'jump', index: action.index, fromCurrent: true };
      }
    }
  }

  *#run(command: Command, shown: boolean): PlayGenerator<Control> {
    const { conditions, at } = command;
    const retry = conditions?.retry;
    const quiet = shown && retry !== undefined;
    let attempt = 1;
    let spentMs = 0;
    let result: Extract<Input, { kind: 'ran' }>['result'];
    let failure: Failure | undefined;
    for (;;) {
      const input = yield {
        kind: 'run',
        command: command.text,
        purpose: command.purpose,
        shown,
        failOk: command.flags.failOk,
        heading: this.#heading?.text,
        macro: command.macro,
        attempt,
        timeLimitMs: conditions?.timeLimitMs,
        quiet,
        at,
      };
      result = ranResult(input);
      spentMs += result.durationMs;
      failure = judge(result, conditions);
      const pauseMs = retry?.pauseMs ?? 0;
      if (result.shellExited || result.interrupted || !failure || !mayRetry(retry, attempt, spentMs + pauseMs)) break;
      attempt += 1;
      yield { kind: 'pause', ms: pauseMs, attempt, at };
      spentMs += pauseMs;
    }
    if (quiet && !result.shellExited) yield { kind: 'output', text: result.output, at };
    const failed = failure !== undefined && !command.flags.failOk;
    // demosh stops there too, but says nothing and exits 0: the workshop meant to stop.
    const stopsQuietly = failed && result.quietFailure === true && (result.errexit || result.shellExited);
    yield {
      kind: 'verdict',
      result: failed && !stopsQuietly ? 'failed' : 'passed',
      failure,
      attempts: attempt,
      durationMs: spentMs,
      at,
    };
    if (shown) this.#lastShown = command;
    if (stopsQuietly) {
      const how = result.shellExited ? `the shell exited with status ${result.status}` : 'it failed under set -e';
      this.#stop(0, 'quiet', `${formatPosition(at)}: stopped here, as DEMOSH_QUIET_FAILURE asks (${how})`, at);
      return NEXT;
    }
    if (result.shellExited) {
      this.#shellExited(result, at);
      return NEXT;
    }
    if (failed) {
      this.#failures += 1;
      if (result.errexit || !this.#keepGoing) {
        const why = result.errexit ? ' (set -e is in effect)' : '';
        const attempts = attempt > 1 ? ` after ${attempt} attempts` : '';
        this.#stop(1, 'failed', `${formatPosition(at)}: command ${failure!.message}${attempts}${why}`, at);
        return NEXT;
      }
      if (shown) return yield* this.#waitThere('failed', at);
    }
    return shown && command.flags.waitAfter ? yield* this.#waitThere('after', at) : NEXT;
  }

  /**
   * A wait that is not before a command; `+` is the same as RETURN. `!` comes back to it. `-` comes back to an
   * `@wait`; after a command it re-runs that command, whose own waits then take over.
   */
  *#waitThere(reason: Exclude<WaitReason, 'before'>, at: Position): PlayGenerator<Control> {
    for (;;) {
      const action = yield* this.#ask(reason, at);
      switch (action.kind) {
        case 'continue':
        case 'skip':
          return NEXT;
        case 'repeat': {
          const control = yield* this.#repeat(at);
          if (control.kind !== 'next' || reason !== 'explicit') return control;
          continue;
        }
        case 'shell':
          yield { kind: 'shell', at };
          continue;
        case 'quit':
          return { kind: 'quit' };
        case 'jump':
          return { kind: 'jump', index: action.index, fromCurrent: false };
      }
    }
  }

  /** `-`: the last shown command again, typed at once and waiting before it like any shown command. */
  *#repeat(at: Position): PlayGenerator<Control> {
    const last = this.#lastShown;
    if (!last) {
      yield { kind: 'notice', message: 'nothing earlier to repeat', at };
      return NEXT;
    }
    const flags = { ...last.flags, typeout: false, waitBefore: true, waitAfter: false };
    return yield* this.#present({ ...last, flags }, true);
  }

  *#ask(reason: WaitReason, at: Position): PlayGenerator<KeyAction> {
    const input = yield { kind: 'wait', reason, at };
    if (input?.kind !== 'key') throw new Error('Player: a wait must be answered with a key');
    return input.action;
  }

  /** Runs something that is not a workshop command: its status does not count, only the shell's exit does. */
  *#housekeeping(command: string, purpose: Exclude<RunPurpose, 'command' | 'call'>, at: Position): PlayGenerator<void> {
    const input = yield {
      kind: 'run',
      command,
      purpose,
      shown: false,
      failOk: true,
      heading: this.#heading?.text,
      attempt: 1,
      quiet: false,
      at,
    };
    const result = ranResult(input);
    if (result.shellExited) this.#shellExited(result, at);
  }

  #shellExited({ status, shellStopped }: { status: number; shellStopped?: boolean }, at: Position): void {
    const what = shellStopped
      ? `the shell was stopped (\`kill -STOP $$\`, or a stop signal from outside) and nothing could resume it: stepdown ended it (status ${status})`
      : `the shell exited with status ${status}`;
    this.#stop(status, 'exited', `${formatPosition(at)}: ${what}; the rest is not run`, at);
  }

  #stop(status: number, reason: EndReason, message: string, at: Position): void {
    this.#stopped ??= { status, reason, message, at };
  }

  #jump(index: number, fromCurrent: boolean): void {
    if (!Number.isInteger(index) || index < 0 || index > this.#steps.length) {
      throw new RangeError(`Player: no step ${index} to jump to`);
    }
    const top = this.#top;
    // A command inside a macro leaves its top-level step (the call) partly played: it is not passed over.
    const currentUnplayed = fromCurrent && this.#stack.length === 1;
    this.#stack.length = 1;
    const current = this.#topIndex;
    if (index > current) {
      // Forward: pass over what lies between, replaying its state. The current step too, unless it ran.
      top.index = currentUnplayed ? current : current + 1;
      this.#passUntil = { index, replay: true, reason: 'jump' };
      return;
    }
    // Backward: start over from there, in the mode the workshop is in at that point.
    top.index = index;
    top.mode = modeBefore(this.#steps, index);
    this.#heading = this.headings.findLast((heading) => heading.index < index);
    if (this.#passUntil.index > index) this.#passUntil = { ...this.#passUntil, index };
  }
}

function expectedAfter(effect: Effect): Expected {
  switch (effect.kind) {
    case 'run':
      return 'ran';
    case 'wait':
      return 'key';
    case 'type':
      return 'optional key';
    default:
      return 'nothing';
  }
}

function ranResult(input: Input | undefined): Extract<Input, { kind: 'ran' }>['result'] {
  if (input?.kind !== 'ran') throw new Error('Player: a run must be answered with its result');
  return input.result;
}

/** The mode the top level is in just before step `index` (@SKIP lasts until @SHOW). */
function modeBefore(steps: readonly Step[], index: number): Mode {
  let mode = INITIAL_MODE;
  for (const step of steps.slice(0, index)) mode = modeAfter(mode, step);
  return mode;
}

/** The top level's mode after `step`: a mode step changes it, but only @SHOW ends @SKIP. */
export function modeAfter(mode: Mode, step: Step): Mode {
  return step.kind === 'mode' && (mode !== 'SKIP' || step.mode === 'SHOW') ? step.mode : mode;
}
