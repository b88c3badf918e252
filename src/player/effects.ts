// The Player's protocol: what a driver (`check`, the Ink UI) is told to do, and what it answers.
//
// A driver loops:
//
//   let effect = player.next();
//   while (effect.kind !== 'end') {
//     switch (effect.kind) {
//       case 'run':  effect = player.next({ kind: 'ran', result: await session.run(effect.command) }); break;
//       case 'wait': effect = player.next({ kind: 'key', action: await readKey() }); break;
//       case 'pause': await sleep(effect.ms); effect = player.next(); break;
//       case 'type': await typeOut(effect); effect = player.next(/* or a key pressed while typing */); break;
//       default:     perform(effect); effect = player.next();
//     }
//   }
//
// `next` must be answered with a `ran` input after a `run` effect and a `key` input after a `wait` effect;
// after a `type` effect it takes an optional `key` (a key pressed while the command was being typed, which
// then stands in for the wait before the command); after any other effect it takes nothing.
// The player does no I/O, starts no timers and returns no promises.
import type { Mode, Position } from '../markdown/steps.js';
import type { RunResult } from '../session/types.js';
import type { Failure } from './judge.js';

/** Why the player waits for a key. */
export type WaitReason =
  /** Before running a shown command (the command has just been typed). */
  | 'before'
  /** After a shown command ran (`@waitafter`), or after `@print` in show mode (as demosh does). */
  | 'after'
  /** `@wait` (waits in hidden mode too, as demosh does). */
  | 'explicit'
  /** A shown command failed (interactive only): the presenter decides (`-` retry, `+` go on, `!`, `Q`). */
  | 'failed';

/** What the presenter pressed. */
export type KeyAction =
  /** RETURN: run the command / go on. */
  | { kind: 'continue' }
  /** `+`: do not run this command (at any other wait: same as continue). */
  | { kind: 'skip' }
  /** `-`: run the previous shown command again (after a command: that command), then come back here. */
  | { kind: 'repeat' }
  /** `!`: the player answers with a `shell` effect, then comes back to this same wait. */
  | { kind: 'shell' }
  /** `Q`: end now. */
  | { kind: 'quit' }
  /**
   * Go to top-level step `index` (normally a heading from the table of contents). Forward: the commands in
   * between are not run, their state-changing parts are replayed (as `check --from` does). Backward: the
   * commands from there on run again when reached.
   */
  | { kind: 'jump'; index: number };

export type Input =
  | {
      kind: 'ran';
      result: Pick<RunResult, 'status' | 'output' | 'durationMs' | 'timedOut' | 'errexit' | 'shellExited'> &
        Partial<Pick<RunResult, 'quietFailure' | 'shellStopped'>> & {
          /** The presenter stopped it (Ctrl-C): `@retry` makes no further attempt. */
          interrupted?: boolean;
        };
    }
  | { kind: 'key'; action: KeyAction };

/**
 * Why something runs. `check` reports `command` and `call` runs as test cases; the others are housekeeping:
 * they never count as failures and never stop the run (unless the shell exits).
 */
export type RunPurpose =
  /** A command of the workshop (including one inside a macro). */
  | 'command'
  /** `@word args` that is not a macro: an immediate command (this is how hooks are called). */
  | 'call'
  /** `@clear`: the shell's `clear` (a workshop may redefine it). */
  | 'clear'
  /** `@hook NAME VAR`: defines shell function NAME. */
  | 'hook'
  /** The state-changing part of a command that is skipped by a selection or a jump. Run silently. */
  | 'replay';

export type SkipReason =
  /** Before `--from`/after `--to`/outside `--only` (without replay, or with nothing to replay). */
  | 'selection'
  /** Passed over by a jump. */
  | 'jump'
  /** The presenter pressed `+`. */
  | 'key'
  /** The run stopped earlier (a failure, `set -e`, the shell exited, an error). */
  | 'stopped';

export type EndReason =
  /** Every step was played (`failures` may still be > 0 with keep-going). */
  | 'finished'
  /** A command failed and the run stopped (`set -e`, or not keep-going). */
  | 'failed'
  /** The shell is gone (`exit N`, `exec …`); `status` is its exit status. */
  | 'exited'
  /**
   * A failure ended the run (under `set -e`, or the shell exited with a non-zero status) while the workshop had
   * DEMOSH_QUIET_FAILURE set to true: it stops there on purpose ("nothing to do, it is already there"), with
   * status 0 and no failure, as demosh does.
   */
  | 'quiet'
  /** The presenter pressed `Q`. */
  | 'quit'
  /** The workshop cannot be played on (e.g. a macro that calls itself); see `message`. */
  | 'error';

export interface HeadingInfo {
  /** Index in the top-level step list (a jump target). */
  index: number;
  depth: number;
  text: string;
  at: Position;
}

export type Effect =
  /** Render commentary (a heading when `heading` is set). Interactive show mode only. */
  | { kind: 'show'; markdown: string; source: 'markdown' | 'shell'; heading?: HeadingInfo; at: Position }
  /** `@print`: print text as echo would, after expanding `${VAR}` from the session (interactive only). */
  | { kind: 'print'; text: string; at: Position }
  /** Display `command` after a prompt, typed out character by character when `typeout`. Interactive only. */
  | { kind: 'type'; command: string; typeout: boolean; at: Position }
  /** Wait for a key; answer with `{ kind: 'key', action }`. Interactive only. */
  | { kind: 'wait'; reason: WaitReason; at: Position }
  /** Run `command` in the session; answer with `{ kind: 'ran', result }`. */
  | {
      kind: 'run';
      command: string;
      purpose: RunPurpose;
      /** The command was typed on screen before this (show mode, not `@noshow`/`@immed`). */
      shown: boolean;
      /** `@failok`: a non-zero status is not a failure. */
      failOk: boolean;
      /** Text of the nearest heading above the step, if any (check: the JUnit classname). */
      heading?: string;
      /** Innermost macro the command was expanded from. */
      macro?: string;
      /** 1, then 2… when `@retry` runs a workshop command again (housekeeping: always 1). */
      attempt: number;
      /** `@timeout`: this command's own limit (0 = none), instead of the driver's default. */
      timeLimitMs?: number;
      /**
       * Run it without showing its output (a shown command under `@retry`): the audience sees it typed once,
       * `waiting…` lines (the `pause` effects), then the last attempt's output (an `output` effect).
       */
      quiet: boolean;
      at: Position;
    }
  /** `@retry`: wait `ms` before attempt `attempt` of the command just run (the UI: `waiting… (attempt N)`). */
  | { kind: 'pause'; ms: number; attempt: number; at: Position }
  /** The output of the last attempt of a `quiet` run, to show now (interactive only). */
  | { kind: 'output'; text: string; at: Position }
  /**
   * What became of a workshop command (`command` or `call` run) after its last attempt. `check` records it;
   * `failure` says why it failed (also when `@failok` lets it pass).
   */
  | {
      kind: 'verdict';
      result: 'passed' | 'failed';
      failure?: Failure;
      attempts: number;
      /** Every attempt and pause. */
      durationMs: number;
      at: Position;
    }
  /** A command that was not run (counted by `check` as skipped). */
  | { kind: 'skipped'; command: string; reason: SkipReason; heading?: string; at: Position }
  /** Open the live session shell (after `!`); call `next()` when it is closed. */
  | { kind: 'shell'; at: Position }
  /** A short message for the presenter ("nothing earlier to repeat"). */
  | { kind: 'notice'; message: string; at: Position }
  /** The run is over. `next()` keeps returning this effect. */
  | {
      kind: 'end';
      /** 0: every command passed; 1: a failure; the shell's status after `exit N`; 0 after `Q`. */
      status: number;
      reason: EndReason;
      /** For `exited` and `error`: what happened, with `file:line:column`. */
      message?: string;
      /** Commands that failed (not `@failok`). */
      failures: number;
      at?: Position;
    };

/** Where the player is, for a status line. */
export interface Progress {
  /** Top-level commands up to and including the current step (1-based "step k of n"). */
  step: number;
  /** Top-level commands in the workshop. */
  steps: number;
  /** Index of the top-level step being played (-1 before the first): where `--resume` restarts. */
  index: number;
  heading?: HeadingInfo;
  /** Mode of the innermost frame (a macro body starts hidden, as in demosh). */
  mode: Mode;
}

/** Steps to run (a half-open range of top-level step indexes) — `check --from/--to/--only`. */
export interface Selection {
  start: number;
  end: number;
  /** Replay the state-changing parts (assignments, exports, functions, cd) of the commands before `start`. */
  replay: boolean;
}

export interface PlayerOptions {
  /**
   * true (the UI): commentary, typing, waits. false (`check`): no show/type/wait/print effects; hidden and
   * shown commands all run; `@SKIP` regions still do not.
   */
  interactive: boolean;
  /** Names of the `DEMO_HOOK_*` variables that are set and non-empty (see `activeHooks`). */
  hooks: ReadonlySet<string>;
  /**
   * Go on after a failing command. Default: true when interactive (the presenter decides, as in demosh),
   * false otherwise. A `set -e` in the workshop wins: a failure then always stops the run.
   */
  keepGoing?: boolean;
  selection?: Selection;
}
