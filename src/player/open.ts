// The one way into a run, for `play`, `check` and `list` alike: the path is checked, the workshop loaded, every
// preflight run (macro recursion included: the player would meet it only after the commands before it had
// run), and the sections asked for found. What one refuses, all refuse.
import { UserError } from '../common/errors.js';
import { hasErrors, type Message, sortMessages } from '../common/messages.js';
import { recursionProblems } from '../markdown/lint.js';
import { loadWorkshop } from '../markdown/load.js';
import { fileProblem } from '../markdown/source.js';
import type { Step } from '../markdown/steps.js';
import { type ResolvedSelection, resolveSelection, type SelectionFlags } from './selection.js';

export interface OpenedRun {
  steps: Step[];
  /** Every problem, sorted: the loader's and the preflights'. Nothing may run when one is an error. */
  messages: Message[];
  /** The sections asked for; undefined when none were, or when there are errors. */
  selection?: ResolvedSelection;
}

export interface OpenOptions {
  /**
   * A path that is no workshop file (missing, a folder, a device) is a usage error (exit 2) for a run; a
   * listing reports it as a problem of that file, as it does any other.
   */
  noFile?: 'usage-error' | 'problem';
}

/** Opens `file` for a run of the `sections` selected. Usage errors (no such file, no such section) are thrown. */
export function openRun(file: string, sections: Partial<SelectionFlags> = {}, options: OpenOptions = {}): OpenedRun {
  if ((options.noFile ?? 'usage-error') === 'usage-error') {
    const notAFile = fileProblem(file);
    if (notAFile) throw new UserError(`${file}: ${notAFile}`, 2);
  }
  const workshop = loadWorkshop(file);
  const messages = sortMessages([...workshop.messages, ...recursionProblems(workshop.steps)]);
  if (hasErrors(messages)) return { steps: workshop.steps, messages };
  const selection = resolveSelection(workshop.steps, { replay: true, ...sections });
  return { steps: workshop.steps, messages, selection };
}
