// `stepdown check FILE [ARGS…]`: load, select, run, report. Everything the command does but argument parsing.
import { writeFileSync } from 'node:fs';
import { UserError } from '../common/errors.js';
import { loadWorkshop } from '../markdown/load.js';
import { formatMessage, hasErrors, sortMessages } from '../common/messages.js';
import { recursionProblems } from '../markdown/lint.js';
import { fileProblem } from '../markdown/source.js';
import { parseDuration } from '../common/duration.js';
import { outcomeLines, summaryLine } from './human.js';
import { jsonReport } from './json.js';
import { junitXml } from './junit.js';
import type { CheckReport } from './report.js';
import { checkEnvironment, runCheck } from './run.js';
import { resolveSelection, type SelectionFlags } from '../player/selection.js';

export interface CheckFlags extends SelectionFlags {
  keepGoing: boolean;
  /** A duration (`30s`, `10m`); `0` for none. */
  stepTimeout: string;
  junit?: string;
  json?: string;
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
  file: string,
  args: readonly string[],
  flags: CheckFlags,
  io: CheckIo = processIo(),
): Promise<number> {
  try {
    return await check(file, args, flags, io);
  } finally {
    io.flush?.();
  }
}

async function check(file: string, args: readonly string[], flags: CheckFlags, io: CheckIo): Promise<number> {
  const stepTimeoutMs = parseDuration(flags.stepTimeout);
  if (stepTimeoutMs === undefined) {
    throw new UserError(
      `--step-timeout: expected a duration such as 30s, 10m or 1h, got ${JSON.stringify(flags.stepTimeout)}`,
      2,
    );
  }
  const notAFile = fileProblem(file);
  if (notAFile) throw new UserError(`${file}: ${notAFile}`, 2);

  const workshop = loadWorkshop(file);
  // What lint calls errors stops the run before it starts, recursion included (the player would only find it
  // once the commands before it had run).
  const messages = sortMessages([...workshop.messages, ...recursionProblems(workshop.steps)]);
  for (const message of messages) io.err(`${formatMessage(message)}\n`);
  if (hasErrors(messages)) {
    io.err(`${file}: not run: fix the errors above first (\`stepdown lint\` shows them too)\n`);
    return 1;
  }
  const selected = resolveSelection(workshop.steps, flags);
  if (selected) {
    const replay = flags.replay ? ', earlier state replayed' : ', earlier state not replayed';
    io.out(`${file}: ${selected.description}${selected.selection.start > 0 ? replay : ''}\n`);
  }

  const report = await withSignals(io.closed, (signal) =>
    runCheck({
      file,
      steps: workshop.steps,
      args,
      selection: selected?.selection,
      keepGoing: flags.keepGoing,
      stepTimeoutMs,
      env: checkEnvironment(io.env),
      signal,
      onOutcome: (outcome) => {
        for (const line of outcomeLines(outcome)) io.out(`${line}\n`);
      },
      onWarning: (warning) => io.err(`warning: ${warning}\n`),
    }),
  );

  if (report.message) io.out(`${report.reason === 'failed' ? 'stopped: ' : ''}${report.message}\n`);
  io.out(`${summaryLine(report)}\n`);
  writeReports(report, flags);
  return report.status;
}

/**
 * Runs `task` with SIGINT/SIGTERM/SIGHUP, and the output closing, turned into an abort (the session is closed,
 * nothing is left).
 */
async function withSignals<T>(closed: AbortSignal | undefined, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (name: NodeJS.Signals) => controller.abort(name);
  for (const name of signals) process.on(name, onSignal);
  try {
    return await task(closed ? AbortSignal.any([controller.signal, closed]) : controller.signal);
  } finally {
    for (const name of signals) process.off(name, onSignal);
  }
}

function writeReports(report: CheckReport, flags: CheckFlags): void {
  const write = (path: string, text: string, what: string) => {
    try {
      writeFileSync(path, text);
    } catch (error) {
      throw new UserError(`cannot write the ${what} report to ${path}: ${(error as Error).message}`, 1);
    }
  };
  if (flags.junit) write(flags.junit, junitXml(report), 'JUnit');
  if (flags.json) write(flags.json, jsonReport(report), 'JSON');
}
