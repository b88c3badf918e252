// A problem in a definition file is a problem like any other (common/messages.ts): a place, a rule id, one
// formatter. The rules: yaml (the file is no single YAML document), schema (a field is missing, unknown or
// malformed), provider-fields (fields the provider needs or ignores), duplicate-name, shared-subnet; and
// not-a-file (a FIFO, device or socket named sma.yaml), too-large (beyond the size of any definition).
import { UserError } from '../../common/errors.js';
import { formatMessage, type Message, type Position } from '../../common/messages.js';

export type DefinitionRule =
  | 'yaml'
  | 'schema'
  | 'provider-fields'
  | 'duplicate-name'
  | 'shared-subnet'
  | 'not-a-file'
  | 'too-large';

/** An error at `at`; `field` (dotted, e.g. "spec.subnet") leads the message when the problem is one field's. */
export function definitionProblem(at: Position, ruleId: DefinitionRule, message: string, field?: string): Message {
  const text = field ? `${field}: ${message}` : message;
  return { file: at.file, line: at.line, column: at.column, severity: 'error', ruleId, message: text };
}

/** Thrown before anything runs when one or more definitions are unusable; lists every problem found. */
export class DefinitionError extends UserError {
  constructor(readonly problems: readonly Message[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${count} in cluster definitions; nothing was changed\n${problems.map(formatMessage).join('\n')}`, 1);
    this.name = 'DefinitionError';
  }
}
