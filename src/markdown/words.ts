// Splitting directive arguments into words the way demosh does (Python's shlex): quotes group, backslash
// escapes, no expansion. `@print "a  b" c` prints `a  b c`.

/** The words of `args`, or undefined when a quote is left open. */
export function splitWords(args: string): string[] | undefined {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < args.length; i++) {
    const c = args[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '\\') {
      i++;
      if (i < args.length) current += args[i];
    } else if (c === "'" || c === '"') {
      const close = args.indexOf(c, i + 1);
      if (close === -1) return undefined;
      current += args.slice(i + 1, close);
      i = close;
    } else {
      current += c;
    }
  }
  if (inWord) words.push(current);
  return words;
}
