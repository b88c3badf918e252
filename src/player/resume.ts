// --resume: where the last run of a workshop stopped, one small JSON file per workshop under the XDG state
// directory, keyed by the workshop's absolute path.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { makeDirs } from '../common/make-dirs.js';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Step } from '../markdown/steps.js';
import type { Selection } from './effects.js';

export interface SavedPosition {
  /** Absolute path of the workshop. */
  file: string;
  /** Top-level step index to start from. */
  index: number;
  /** Heading above that step, to tell the learner where they are. */
  heading?: string;
  savedAt: string;
}

/** `$XDG_STATE_HOME/stepdown`, or `~/.local/state/stepdown`. */
export function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
  // The spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  const xdg = env.XDG_STATE_HOME;
  const base = xdg?.startsWith('/') ? xdg : join(homedir(), '.local', 'state');
  return join(base, 'stepdown');
}

export class PositionStore {
  private last: string | undefined;
  private madeDirectory = false;
  /** Why positions could not be saved (the first failure; no more tries after it). */
  failure: string | undefined;

  constructor(private readonly directory: string = stateDirectory()) {}

  pathFor(file: string): string {
    const key = createHash('sha256').update(resolve(file)).digest('hex').slice(0, 24);
    return join(this.directory, `${key}.json`);
  }

  load(file: string): SavedPosition | undefined {
    try {
      const saved = JSON.parse(readFileSync(this.pathFor(file), 'utf8')) as SavedPosition;
      // A hash collision or a hand-edited file must not send the learner somewhere else.
      return saved.file === resolve(file) && Number.isInteger(saved.index) && saved.index >= 0 ? saved : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Saves the position (only when it changed); written to a temporary file and renamed, never half-written.
   * A state directory that cannot be written (read-only, full, not a folder) never stops a demo: the first
   * failure is kept in `failure`, and nothing more is tried.
   */
  save(file: string, index: number, heading?: string): void {
    if (this.failure) return;
    const position: SavedPosition = {
      file: resolve(file),
      index,
      ...(heading ? { heading } : {}),
      savedAt: new Date().toISOString(),
    };
    const key = `${position.file}\0${index}`;
    if (key === this.last) return;
    this.last = key;
    const path = this.pathFor(file);
    try {
      if (!this.madeDirectory) makeDirs(this.directory);
      this.madeDirectory = true;
      writeFileSync(`${path}.tmp`, `${JSON.stringify(position)}\n`);
      renameSync(`${path}.tmp`, path);
    } catch (error) {
      this.failure = `cannot save the position for --resume in ${this.directory}: ${(error as Error).message}`;
    }
  }
}

/**
 * Where a learner restarts: just after the last top-level command before the current step (so the commentary
 * leading to the next command is shown again), or just after the current step once it has run.
 */
export class ResumePoints {
  /** For each top-level index: one past the last command before it. */
  private readonly chunkStart: number[] = [];

  constructor(steps: readonly Step[]) {
    let start = 0;
    steps.forEach((step, index) => {
      this.chunkStart.push(start);
      if (step.kind === 'command' || step.kind === 'call') start = index + 1;
    });
  }

  at(index: number, done: boolean): number {
    if (index < 0) return 0;
    if (done) return index + 1;
    return this.chunkStart[index] ?? this.chunkStart.length;
  }
}

/** `--resume`: where to start (the range to play, earlier state replayed) and what to tell the learner. */
export function resumeSelection(
  steps: readonly Step[],
  file: string,
  positions: PositionStore,
): { range?: Selection; notice: string } {
  const saved = positions.load(file);
  if (!saved || saved.index === 0) return { notice: 'Nothing to resume: starting from the beginning.' };
  if (saved.index >= steps.length) return { notice: 'The last run reached the end: starting from the beginning.' };
  const where = saved.heading ? ` in “${saved.heading}”` : '';
  return {
    range: { start: saved.index, end: steps.length, replay: true },
    notice: `Resuming where the last run stopped${where}.`,
  };
}
