// Problems found while loading a workshop, in the shape of vfile messages: positioned, with a severity and
// a stable rule id, printable as `file:line:column: severity message`.

/** A point in a file. */
export interface Position {
  /** Path of the file as given (the root file) or as resolved (imports). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type Severity = 'error' | 'warning';

export interface Message {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Stable identifier of the check (`shell-syntax`, `missing-import`, …), for filtering and JSON. */
  ruleId: string;
  message: string;
}

export function problem(at: Position, severity: Severity, ruleId: string, message: string): Message {
  return { file: at.file, line: at.line, column: at.column, severity, ruleId, message };
}

/** `file:line:column: severity message [rule]` — one line, the way `stepdown lint` prints it. */
export function formatMessage(m: Message): string {
  return `${m.file}:${m.line}:${m.column}: ${m.severity} ${m.message} [${m.ruleId}]`;
}

export function hasErrors(messages: readonly Message[]): boolean {
  return messages.some((m) => m.severity === 'error');
}

/** Grouped by file (in order of first appearance), then by line and column: the order a reader goes. */
export function sortMessages(messages: readonly Message[]): Message[] {
  const fileOrder = new Map<string, number>();
  for (const m of messages) if (!fileOrder.has(m.file)) fileOrder.set(m.file, fileOrder.size);
  return [...messages].sort(
    (a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || a.line - b.line || a.column - b.column,
  );
}
