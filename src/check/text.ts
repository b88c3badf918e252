// Terminal output made fit for a report: plain lines, cut to a readable length.
import { plainText } from '../common/plain-text.js';

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
