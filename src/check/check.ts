// `stepdown check FILE [ARGS…]` and `check --each FILE|FOLDER…`: options, signals, reports. Everything the command
// does but argument parsing.
import { writeFileSync } from 'node:fs';
import { UserError } from '../common/errors.js';
import { abortOnSignals } from '../common/exit.js';
import { parseDuration } from '../common/duration.js';
import { summaryLine } from './human.js';
import { jsonReport, jsonReports } from './json.js';
import { checkEach, workshopFiles } from './each.js';
import { checkOne } from './one.js';
import { junitXml } from './junit.js';
import type { OwnCommands } from '../session/bin.js';
import type { CheckReport } from './report.js';
import type { SelectionFlags } from '../player/selection.js';

export interface CheckFlags extends SelectionFlags {
  keepGoing: boolean;
  /** A duration (`30s`, `10m`); `0` for none. */
  stepTimeout: string;
  junit?: string;
  json?: string;
  /** Every positional argument is a workshop (a folder: every `.md` in it); no `$1 …`. */
  each?: boolean;
  /** With `each`: workshops checked at once (default 1). */
  jobs?: string;
}

/** What to run: the workshop, its arguments, and the installation's own commands for the session's PATH. */
export interface CheckRun {
  file: string;
  args: readonly string[];
  ownCommands?: OwnCommands;
}

export interface CheckIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Writes what `out` has held back; called when the check ends. */
  flush?: () => void;
  /** Aborted (reason SIGPIPE) when the output can no longer be written: its reader has gone (`| head`). */
  closed?: AbortSignal;
  env: NodeJS.ProcessEnv;
}

/** How long report lines may be held back: a write per command costs about what a trivial command takes. */
const OUTPUT_BATCH_MS = 50;

/**
 * The process's stdout, written in batches; stderr, which flushes stdout first so that the two keep their order.
 * Node ignores SIGPIPE, so a reader that goes away shows up as a write error: the run then ends as other
 * programs end on SIGPIPE, without a word (there is no one left to read it).
 */
function processIo(): CheckIo {
  let held = '';
  let timer: NodeJS.Timeout | undefined;
  const closed = new AbortController();
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => closed.abort('SIGPIPE'));
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (held && !closed.signal.aborted) process.stdout.write(held);
    held = '';
  };
  return {
    out: (text) => {
      held += text;
      timer ??= setTimeout(flush, OUTPUT_BATCH_MS);
    },
    err: (text) => {
      flush();
      if (!closed.signal.aborted) process.stderr.write(text);
    },
    flush,
    closed: closed.signal,
    env: process.env,
  };
}

/** Runs the check and returns stepdown's exit status. Usage errors are thrown as UserError (exit 2). */
export async function checkWorkshop(
  { file, args, ownCommands }: CheckRun,
  flags: CheckFlags,
  io: CheckIo = processIo(),
): Promise<number> {
  try {
    const stepTimeoutMs = stepTimeout(flags);
    if (flags.jobs !== undefined && !flags.each) throw new UserError('--jobs goes with --each', 2);
    const runFlags = { ...flags, stepTimeoutMs };
    if (flags.each) {
      const files = workshopFiles([file, ...args]);
      const jobs = jobCount(flags.jobs);
      const reports = await abortOnSignals(
        (signal) => checkEach(files, runFlags, jobs, { ...io, ownCommands }, signal),
        io.closed,
      );
      writeReports(reports, flags);
      // A signal ends the whole run as it ends one workshop (130 for SIGINT …); otherwise 1 when any failed.
      const interrupted = reports.find((report) => report.reason === 'interrupted');
      return interrupted?.status ?? (reports.some((report) => report.status !== 0) ? 1 : 0);
    }
    const report = await abortOnSignals(
      (signal) => checkOne(file, args, runFlags, { ...io, ownCommands }, signal),
      io.closed,
    );
    if (!report) return 1;
    io.out(`${summaryLine(report)}\n`);
    writeReports([report], flags);
    return report.status;
  } finally {
    io.flush?.();
  }
}

/** `--jobs`: 1 to 64 workshops at once. */
function jobCount(jobs: string | undefined): number {
  if (jobs === undefined) return 1;
  const count = /^\d+$/.test(jobs) ? Number(jobs) : Number.NaN;
  if (!(count >= 1 && count <= 64))
    throw new UserError(`--jobs: expected a number from 1 to 64, got ${JSON.stringify(jobs)}`, 2);
  return count;
}

function stepTimeout(flags: CheckFlags): number {
  const stepTimeoutMs = parseDuration(flags.stepTimeout);
  if (stepTimeoutMs === undefined) {
    throw new UserError(
      `--step-timeout: expected a duration such as 30s, 10m or 1h, got ${JSON.stringify(flags.stepTimeout)}`,
      2,
    );
  }
  return stepTimeoutMs;
}

export function writeReports(reports: readonly CheckReport[], flags: CheckFlags): void {
  const write = (path: string, text: string, what: string) => {
    try {
      writeFileSync(path, text);
    } catch (error) {
      throw new UserError(`cannot write the ${what} report to ${path}: ${(error as Error).message}`, 1);
    }
  };
  if (flags.junit) write(flags.junit, junitXml(reports), 'JUnit');
  if (flags.json) write(flags.json, flags.each ? jsonReports(reports) : jsonReport(reports[0]!), 'JSON');
}
