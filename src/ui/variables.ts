// `${NAME}` in a shown command (or commentary, or `@print`) is displayed with the value the session has now,
// as demosh does, so the audience sees what really runs. The values come from the session itself, through a
// hidden command that leaves `$?` as it was.

const BRACED = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const RECORD = '\x1e';
const FIELD = '\x1f';

/** The distinct names referenced as `${NAME}` in `text`, in order of appearance. */
export function bracedNames(text: string): string[] {
  return [...new Set([...text.matchAll(BRACED)].map((m) => m[1]!))];
}

/**
 * A command that prints `RS name US value` for each of `names` that is set. It ends with `return` of the status
 * it started with: it is sourced by the session, so the next command still sees the previous command's `$?`.
 */
export function variableQuery(names: readonly string[]): string {
  for (const name of names) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a variable name: ${name}`);
  const prints = names.map((n) => `[[ -v ${n} ]] && builtin printf '\\x1e%s\\x1f%s' ${n} "$${n}"`);
  return `__sd_q=$?; ${prints.join('; ')}; return "$__sd_q"`;
}

/** Reads the answer to `variableQuery`. Values holding line breaks or other control characters are left out. */
export function parseVariableAnswer(output: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const record of output.split(RECORD).slice(1)) {
    const at = record.indexOf(FIELD);
    if (at < 0) continue;
    const value = record.slice(at + 1);
    if (/[\x00-\x1f\x7f]/.test(value)) continue;
    values.set(record.slice(0, at), value);
  }
  return values;
}

/** Replaces `${NAME}` by its value where one is known. */
export function expandBraced(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(BRACED, (whole, name: string) => values.get(name) ?? whole);
}
