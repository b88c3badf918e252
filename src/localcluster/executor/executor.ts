// Runs a phase: its lanes concurrently (at most `concurrency` at a time), the actions of each lane in order.
// A failing action ends its own lane only; every other lane runs to its end.
import { rm } from 'node:fs/promises';
import { withLockFile, writeFileAtomic } from '../files.js';
import { writeNewAnchor, writeNewIssuer } from '../certs/store.js';
import type { Action, Lane, Phase } from '../model/actions.js';
import type { CommandRunner, CommandResult } from '../runner/types.js';
import type { LaneOutcome, ProgressDisplay } from './types.js';

/** The actions that run inside this process rather than as commands. */
export interface InProcess {
  /** Atomically; mode 0644 unless given. */
  write(path: string, content: string, mode?: number): Promise<void>;
  remove(path: string): Promise<void>;
  /** Runs `work` while holding kubectl's lock file for the kubeconfig at `path`. */
  exclusive<T>(path: string, work: () => Promise<T>): Promise<T>;
  anchor(dir: string): Promise<void>;
  issuer(anchorDir: string, dir: string): Promise<void>;
}

export const realInProcess: InProcess = {
  write: (path, content, mode) => writeFileAtomic(path, content, mode),
  remove: (path) => rm(path, { force: true }),
  exclusive: withLockFile,
  anchor: writeNewAnchor,
  issuer: writeNewIssuer,
};

export interface ExecuteOptions {
  runner: CommandRunner;
  /** Lanes at a time; undefined: every lane of the phase at once. */
  concurrency?: number;
  progress: ProgressDisplay;
  inProcess: InProcess;
  signal?: AbortSignal;
  /** Why a lane must not run (say, an earlier phase failed for its cluster); undefined to run it. */
  skip?(lane: Lane): string | undefined;
}

const OUTPUT_TAIL = 15;

export async function executePhase(phase: Phase, options: ExecuteOptions): Promise<LaneOutcome[]> {
  options.progress.phase(phase);
  const kubeconfig = new Mutex();
  const outcomes: LaneOutcome[] = new Array(phase.lanes.length);
  let next = 0;
  const worker = async () => {
    while (next < phase.lanes.length) {
      const index = next++;
      outcomes[index] = await runLane(phase.lanes[index]!, options, kubeconfig);
      options.progress.laneFinished(outcomes[index]!);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? phase.lanes.length, phase.lanes.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

async function runLane(lane: Lane, options: ExecuteOptions, kubeconfig: Mutex): Promise<LaneOutcome> {
  const started = Date.now();
  const done = (rest: Omit<LaneOutcome, 'lane' | 'ms'>): LaneOutcome => ({ lane, ms: Date.now() - started, ...rest });
  const skipped = options.skip?.(lane);
  if (skipped) return done({ status: 'skipped', reason: skipped, steps: 0 });
  if (options.signal?.aborted) return done({ status: 'skipped', reason: 'interrupted before it started', steps: 0 });
  options.progress.laneStarted(lane);
  if (lane.blocked) return done({ status: 'failed', failure: { message: lane.blocked, output: [] }, steps: 0 });
  let steps = 0;
  for (const [index, action] of lane.actions.entries()) {
    if (options.signal?.aborted) {
      return done({ status: 'interrupted', failure: { action, message: 'interrupted', output: [] }, steps });
    }
    options.progress.actionStarted(lane, action, index);
    const tail: string[] = [];
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > OUTPUT_TAIL) tail.shift();
      options.progress.output(lane, line);
    };
    const result = await ((action.kind === 'run' || action.kind === 'capture') && action.kubeconfig
      ? kubeconfig.hold(() => perform(action, options, onLine))
      : perform(action, options, onLine));
    if (result.exitCode !== 0) {
      const status = result.exitCode === 130 && options.signal?.aborted ? 'interrupted' : 'failed';
      return done({
        status,
        failure: { action, message: result.failure ?? `exit ${result.exitCode}`, output: tail },
        steps,
      });
    }
    steps++;
  }
  return done({ status: 'ok', steps });
}

async function perform(
  action: Action,
  options: ExecuteOptions,
  onLine: (line: string) => void,
): Promise<CommandResult> {
  const io = { onLine, signal: options.signal };
  switch (action.kind) {
    case 'run':
      return options.runner.run(action.command, io);
    case 'pipe':
      return options.runner.pipe(action.from, action.to, io);
    case 'note':
      return ok();
    case 'write':
      return inProcess(() => options.inProcess.write(action.path, action.content));
    case 'capture':
      return capture(action, options, onLine);
    case 'remove':
      return inProcess(() => options.inProcess.remove(action.path));
    case 'anchor':
      return inProcess(() => options.inProcess.anchor(action.dir));
    case 'issuer':
      return inProcess(() => options.inProcess.issuer(action.anchorDir, action.dir));
  }
}

/** The command's output is a kubeconfig with credentials: it goes to the file only, never to a display. */
async function capture(
  action: Extract<Action, { kind: 'capture' }>,
  options: ExecuteOptions,
  onLine: (line: string) => void,
): Promise<CommandResult> {
  const produce = async (): Promise<CommandResult> => {
    const result = await options.runner.run(action.command, { signal: options.signal });
    if (result.exitCode !== 0) {
      for (const line of result.stderr.split('\n')) if (line) onLine(line);
      return result;
    }
    return inProcess(() => options.inProcess.write(action.path, result.stdout, 0o600));
  };
  if (!action.kubeconfig) return produce();
  try {
    return await options.inProcess.exclusive(action.path, produce);
  } catch (error) {
    return failed(error);
  }
}

const ok = (): CommandResult => ({ exitCode: 0, stdout: '', stderr: '' });
const failed = (error: unknown): CommandResult => ({
  exitCode: 1,
  stdout: '',
  stderr: '',
  failure: (error as Error).message,
});

async function inProcess(work: () => Promise<void>): Promise<CommandResult> {
  try {
    await work();
    return ok();
  } catch (error) {
    return failed(error);
  }
}

/** One holder at a time, in arrival order. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  hold<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
