// POSIX shell quoting, for showing commands (never for running them): safe words stay bare, anything else
// is single-quoted.
const SAFE = /^[A-Za-z0-9_\-+=/.,:@%^]+$/;

export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
