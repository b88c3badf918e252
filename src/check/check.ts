// `stepdown check FILE [ARGS…]`: load, select, run, report. Everything the command does but argument parsing.
import { writeFileSync } from 'node:fs';
import { UserError } from '../common/errors.js';
import { abortOnSignals } from '../common/exit.js';
import { formatMessage, hasErrors } from '../common/messages.js';
import { openRun } from '../player/open.js';
import { parseDuration } from './duration.js';
import { outcomeLines, summaryLine } from './human.js';
import { jsonReport } from './json.js';
import { junitXml } from './junit.js';
import type { OwnCommands } from '../session/bin.js';
import type { CheckReport } from './report.js';
import { checkEnvironment, runCheck } from './run.js';
import type { SelectionFlags } from '../player/selection.js';

export interface CheckFlags extends SelectionFlags {
  keepGoing: boolean;
  /** A duration (`30s`, `10m`); `0` for none. */
  stepTimeout: string;
  junit?: string;
  json?: string;
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
export async function checkWorkshop(run: CheckRun, flags: CheckFlags, io: CheckIo = processIo()): Promise<number> {
  try {
    return await check(run, flags, io);
  } finally {
    io.flush?.();
  }
}

async function check({ file, args, ownCommands }: CheckRun, flags: CheckFlags, io: CheckIo): Promise<number> {
  const stepTimeoutMs = parseDuration(flags.stepTimeout);
  if (stepTimeoutMs === undefined) {
    throw new UserError(
      `--step-timeout: expected a duration such as 30s, 10m or 1h, got ${JSON.stringify(flags.stepTimeout)}`,
      2,
    );
  }
  const opened = openRun(file, flags);
  for (const message of opened.messages) io.err(`${formatMessage(message)}\n`);
  if (hasErrors(opened.messages)) {
    io.err(`${file}: not run: fix the errors above first (\`stepdown lint\` shows them too)\n`);
    return 1;
  }
  const selected = opened.selection;
  if (selected) {
    const replay = flags.replay ? ', earlier state replayed' : ', earlier state not replayed';
    io.out(`${file}: ${selected.description}${selected.selection.start > 0 ? replay : ''}\n`);
  }

  const report = await abortOnSignals(
    (signal) =>
      runCheck({
        file,
        steps: opened.steps,
        args,
        ownCommands,
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
    io.closed,
  );

  if (report.message) io.out(`${report.reason === 'failed' ? 'stopped: ' : ''}${report.message}\n`);
  io.out(`${summaryLine(report)}\n`);
  writeReports(report, flags);
  return report.status;
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
