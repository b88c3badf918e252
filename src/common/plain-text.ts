// Terminal output as text: a pty gives escape sequences (colours, `clear`, cursor moves), carriage returns
// (progress bars) and, from misbehaving tools, raw control characters. Reports show it, and `@expect`
// compares with it, without them.

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
