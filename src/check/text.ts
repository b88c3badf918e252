// Terminal output made fit for a report: a pty gives escape sequences (colours, `clear`, cursor moves),
// carriage returns (progress bars) and, from misbehaving tools, raw control characters.

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), and other two-character ESC sequences.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x1b[()][0-9A-Za-z]/g;

/** Plain text: escape sequences removed, each line as it was last redrawn (after its last `\r`). */
export function plainText(output: string): string {
  return output
    .replace(ESCAPES, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}

/** Longest line a report keeps of a command's output: minified JSON or a base64 blob is not worth more. */
export const MAX_TAIL_LINE = 500;

/**
 * The last `count` lines of a command's output, as plain text (trailing blank lines dropped), each cut to
 * MAX_TAIL_LINE characters.
 */
export function lastLines(output: string, count: number): string[] {
  const lines = plainText(output).split('\n');
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return lines
    .slice(-count)
    .map((line) =>
      line.length > MAX_TAIL_LINE
        ? `${line.slice(0, MAX_TAIL_LINE)}… (${line.length - MAX_TAIL_LINE} more characters)`
        : line,
    );
}

/** The first line of a command, shortened to `width` characters. */
export function firstLine(command: string, width = 100): string {
  const lines = command.trim().split('\n');
  const line = lines[0]!;
  const more = lines.length > 1 ? ' …' : '';
  return line.length > width ? `${line.slice(0, width - 1)}…` : `${line}${more}`;
}
