// `check`'s driver: plays a workshop non-interactively in one real shell and records what every command
// did. It performs only `run` and `skipped` effects; a non-interactive player yields nothing to show or wait.
import { signalStatus } from '../common/exit.js';
import { performance } from 'node:perf_hooks';
import type { Step } from '../markdown/steps.js';
import { formatPosition } from '../markdown/steps.js';
import type { Effect, Selection } from '../player/effects.js';
import { activeHooks } from '../player/hooks.js';
import { Player } from '../player/player.js';
import type { OwnCommands } from '../session/bin.js';
import { createSession } from '../session/session.js';
import type { RunResult } from '../session/types.js';
import { counts, type CheckReport, type CommandOutcome } from './report.js';
import { lastLines } from './text.js';

/** Lines of output kept for a failed command. */
export const TAIL_LINES = 20;

export interface CheckOptions {
  /** The workshop as given on the command line (`$0` in the shell). */
  file: string;
  steps: readonly Step[];
  /** `$1 …`. */
  args: readonly string[];
  selection?: Selection;
  keepGoing: boolean;
  /** Per command; 0 = no limit. */
  stepTimeoutMs: number;
  /** The shell's environment (hooks are read from it too). */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** The installation's own commands, first on the session's PATH. */
  ownCommands?: OwnCommands;
  /** Aborting ends the run at once: the session is closed, the report says `interrupted`. */
  signal?: AbortSignal;
  /** Called as each command is judged (for live output). */
  onOutcome?: (outcome: CommandOutcome) => void;
  onWarning?: (warning: string) => void;
}

/** Variables that would make a command wait for a person; set unless the user set them. */
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = { PAGER: 'cat', GIT_PAGER: 'cat', EDITOR: 'true' };

export function checkEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const [name, value] of Object.entries(NON_INTERACTIVE_ENV)) if (!env[name]) env[name] = value;
  return env;
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const startedAt = new Date();
  const started = performance.now();
  const outcomes: CommandOutcome[] = [];
  const warnings: string[] = [];
  const record = (outcome: CommandOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  const warn = (warning: string) => {
    warnings.push(warning);
    options.onWarning?.(warning);
  };

  const player = new Player(options.steps, {
    interactive: false,
    hooks: activeHooks(options.env),
    keepGoing: options.keepGoing,
    selection: options.selection,
  });
  const session = await createSession({
    env: options.env,
    cwd: options.cwd,
    scriptPath: options.file,
    args: options.args,
    ownCommands: options.ownCommands,
    interactive: false,
  });
  const signal = options.signal;
  const closeOnAbort = () => void session.close();
  signal?.addEventListener('abort', closeOnAbort, { once: true });

  let effect: Effect = player.next();
  let runStarted = 0;
  // The last attempt of the workshop command being judged: its verdict comes after it.
  let last: { run: RunEffect; result: RunResult; limitMs: number } | undefined;
  try {
    while (effect.kind !== 'end' && !signal?.aborted) {
      if (effect.kind === 'run') {
        runStarted = performance.now();
        const limitMs = effect.timeLimitMs ?? options.stepTimeoutMs;
        const result = await session.run(effect.command, limitMs > 0 ? { timeoutMs: limitMs } : {});
        if (signal?.aborted) break;
        if (effect.purpose === 'command' || effect.purpose === 'call') last = { run: effect, result, limitMs };
        else if (result.status !== 0 && !result.shellExited) warn(housekeepingWarning(effect, result));
        effect = player.next({ kind: 'ran', result });
      } else if (effect.kind === 'pause') {
        await pause(effect.ms, signal);
        effect = player.next();
      } else if (effect.kind === 'verdict') {
        if (last) record(outcomeOf(last.run, last.result, last.limitMs, effect));
        last = undefined;
        effect = player.next();
      } else {
        if (effect.kind === 'skipped') {
          record({
            command: effect.command,
            at: effect.at,
            heading: effect.heading,
            result: 'skipped',
            durationMs: 0,
            skipReason: effect.reason,
          });
        }
        effect = player.next();
      }
    }
  } finally {
    signal?.removeEventListener('abort', closeOnAbort);
    await session.close();
  }

  let ending: Pick<CheckReport, 'status' | 'reason' | 'message'>;
  if (effect.kind === 'end') {
    ending = { status: effect.status, reason: effect.reason, message: effect.message };
  } else {
    const name = String(signal?.reason ?? 'SIGINT');
    const message = `interrupted by ${name}`;
    ending = { status: signalStatus(name), reason: 'interrupted', message };
    recordInterrupted(
      player,
      effect,
      { status: ending.status, output: message, durationMs: performance.now() - runStarted },
      record,
    );
  }
  const durationMs = performance.now() - started;
  return {
    file: options.file,
    args: options.args,
    outcomes,
    ...counts(outcomes),
    warnings,
    startedAt,
    durationMs,
    ...ending,
  };
}

/**
 * An interrupted run still accounts for every command: the one that was running failed with the signal's
 * status, and the player — told the shell is gone — counts the rest as skipped.
 */
function recordInterrupted(
  player: Player,
  current: Effect,
  interrupted: Pick<RunResult, 'status' | 'output' | 'durationMs'>,
  record: (outcome: CommandOutcome) => void,
): void {
  let effect = current;
  if (effect.kind === 'run') {
    const result: RunResult = {
      ...interrupted,
      timedOut: false,
      errexit: false,
      shellExited: true,
      quietFailure: false,
    };
    const verdict = {
      result: 'failed',
      failure: { kind: 'status', message: interrupted.output },
      attempts: effect.attempt,
      durationMs: interrupted.durationMs,
    } as const;
    if (effect.purpose === 'command' || effect.purpose === 'call') record(outcomeOf(effect, result, 0, verdict));
    effect = player.next({ kind: 'ran', result });
  }
  while (effect.kind !== 'end' && effect.kind !== 'run') {
    if (effect.kind === 'skipped') {
      record({
        command: effect.command,
        at: effect.at,
        heading: effect.heading,
        result: 'skipped',
        durationMs: 0,
        skipReason: effect.reason,
      });
    }
    effect = player.next();
  }
}

type RunEffect = Extract<Effect, { kind: 'run' }>;

/** One command's outcome: the player's verdict, with what its last attempt did. */
function outcomeOf(
  effect: RunEffect,
  result: RunResult,
  timeoutMs: number,
  verdict: Pick<Extract<Effect, { kind: 'verdict' }>, 'result' | 'failure' | 'attempts' | 'durationMs'>,
): CommandOutcome {
  const failed = verdict.failure !== undefined;
  return {
    command: effect.command,
    at: effect.at,
    heading: effect.heading,
    macro: effect.macro,
    result: verdict.result,
    status: result.status,
    durationMs: verdict.durationMs,
    timeoutMs: result.timedOut ? timeoutMs : undefined,
    timeoutBy: result.timedOut ? (effect.timeLimitMs === undefined ? '--step-timeout' : '@timeout') : undefined,
    failOk: (failed && effect.failOk) || undefined,
    failure: verdict.failure,
    attempts: verdict.attempts > 1 ? verdict.attempts : undefined,
    output: failed ? lastLines(result.output, TAIL_LINES) : undefined,
  };
}

/** `@retry`'s pause between attempts; an abort ends it at once. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function housekeepingWarning(effect: Extract<Effect, { kind: 'run' }>, result: RunResult): string {
  const what = effect.purpose === 'replay' ? 'replaying the state of the command' : `\`${effect.command}\``;
  const tail = lastLines(result.output, 3)
    .map((line) => `\n    ${line}`)
    .join('');
  return `${formatPosition(effect.at)}: ${what} failed with status ${result.status}${tail}`;
}
