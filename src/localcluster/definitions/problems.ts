// A problem in a definition file, reported vfile-style: file:line:column: field: message.
import { UserError } from '../../common/errors.js';

export interface DefinitionProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted field path, e.g. "spec.subnet"; absent for problems with the file as a whole. */
  field?: string;
  message: string;
}

export function formatProblem(problem: DefinitionProblem): string {
  const field = problem.field ? `${problem.field}: ` : '';
  return `${problem.file}:${problem.line}:${problem.column}: ${field}${problem.message}`;
}

/** Thrown before anything runs when one or more definitions are unusable; lists every problem found. */
export class DefinitionError extends UserError {
  constructor(readonly problems: readonly DefinitionProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${count} in cluster definitions; nothing was changed\n${problems.map(formatProblem).join('\n')}`, 1);
    this.name = 'DefinitionError';
  }
}
