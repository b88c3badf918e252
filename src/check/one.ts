// One workshop checked, as `stepdown check FILE` and each workshop of `check --each` do it: load, refuse to
// start on errors, select, run, and report each command to `out` as it is judged.
import { formatMessage, hasErrors, sortMessages } from '../common/messages.js';
import { recursionProblems } from '../markdown/lint.js';
import { loadWorkshop } from '../markdown/load.js';
import { resolveSelection, type SelectionFlags } from '../player/selection.js';
import { outcomeLines } from './human.js';
import type { CheckReport } from './report.js';
import { checkEnvironment, runCheck } from './run.js';

export interface RunFlags extends SelectionFlags {
  keepGoing: boolean;
  /** Per command; 0 = no limit. */
  stepTimeoutMs: number;
}

/** Where one workshop's lines go (stdout and stderr), and the environment its shell starts from. */
export interface WorkshopIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/**
 * Loads, checks before running (what lint calls errors, recursion included: the player would only find it once
 * the commands before it had run) and runs one workshop, reporting each command to `io` as it is judged.
 * Undefined when it did not start.
 */
export async function checkOne(
  file: string,
  args: readonly string[],
  flags: RunFlags,
  io: WorkshopIo,
  signal: AbortSignal,
): Promise<CheckReport | undefined> {
  const workshop = loadWorkshop(file);
  const messages = sortMessages([...workshop.messages, ...recursionProblems(workshop.steps)]);
  for (const message of messages) io.err(`${formatMessage(message)}\n`);
  if (hasErrors(messages)) {
    io.err(`${file}: not run: fix the errors above first (\`stepdown lint\` shows them too)\n`);
    return undefined;
  }
  const selected = resolveSelection(workshop.steps, flags);
  if (selected) {
    const replay = flags.replay ? ', earlier state replayed' : ', earlier state not replayed';
    io.out(`${file}: ${selected.description}${selected.selection.start > 0 ? replay : ''}\n`);
  }

  const report = await runCheck({
    file,
    steps: workshop.steps,
    args,
    selection: selected?.selection,
    keepGoing: flags.keepGoing,
    stepTimeoutMs: flags.stepTimeoutMs,
    env: checkEnvironment(io.env),
    signal,
    onOutcome: (outcome) => {
      for (const line of outcomeLines(outcome)) io.out(`${line}\n`);
    },
    onWarning: (warning) => io.err(`warning: ${warning}\n`),
  });
  if (report.message) io.out(`${report.reason === 'failed' ? 'stopped: ' : ''}${report.message}\n`);
  return report;
}
