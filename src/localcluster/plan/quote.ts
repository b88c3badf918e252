// POSIX shell quoting, for showing commands (never for running them): safe words stay bare, anything else
// is single-quoted; a word with control characters (a newline, say) is written $'…', so that every quoted
// word stays on its line and no line of a plan can be mistaken for another command.
const SAFE = /^[A-Za-z0-9_\-+=/.,:@%^]+$/;
// A tab stays as it is: it keeps the word on its line.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  if (word.search(CONTROL) >= 0) return `$'${escapeControls(word.replace(/[\\']/g, (char) => `\\${char}`))}'`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Control characters as the escapes $'…' understands (\n, \x1b …): the text stays on one line. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (char) => NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
