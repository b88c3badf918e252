// One workshop checked, as `stepdown check FILE` and each workshop of `check --each` do it: load, refuse to
// start on errors, select, run, and report each command to `out` as it is judged.
import { formatMessage, hasErrors } from '../common/messages.js';
import { openRun } from '../player/open.js';
import type { SelectionFlags } from '../player/selection.js';
import type { OwnCommands } from '../session/bin.js';
import { outcomeLines } from './human.js';
import type { CheckReport } from './report.js';
import { checkEnvironment, runCheck } from './run.js';

export interface RunFlags extends SelectionFlags {
  keepGoing: boolean;
  /** Per command; 0 = no limit. */
  stepTimeoutMs: number;
}

/** Where one workshop's lines go (stdout and stderr), and what its shell starts from. */
export interface WorkshopIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** The installation's own commands, first on the shell's PATH (only the CLI knows where the build put them). */
  ownCommands?: OwnCommands;
}

/**
 * Opens (`openRun`: what lint calls errors stop it) and runs one workshop, reporting each command to `io` as it
 * is judged. Undefined when it did not start. A path that is no file, or a section that does not exist, is a
 * usage error (thrown).
 */
export async function checkOne(
  file: string,
  args: readonly string[],
  flags: RunFlags,
  io: WorkshopIo,
  signal: AbortSignal,
): Promise<CheckReport | undefined> {
  const opened = openRun(file, flags);
  for (const message of opened.messages) io.err(`${formatMessage(message)}\n`);
  if (hasErrors(opened.messages)) {
    io.err(`${file}: not run: fix the errors above first (\`stepdown lint\` shows them too)\n`);
    return undefined;
  }
  const selected = opened.selection;
  if (selected) {
    const replay = flags.replay ? ', earlier state replayed' : ', earlier state not replayed';
    io.out(`${file}: ${selected.description}${selected.selection.start > 0 ? replay : ''}\n`);
  }

  const report = await runCheck({
    file,
    steps: opened.steps,
    args,
    ownCommands: io.ownCommands,
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
