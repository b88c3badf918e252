// Running a command hands the terminal to it: keystrokes go straight to the pty (so Ctrl-C is the command's),
// its output straight to the screen, and window size changes follow. vi, less, watch and top work as in any
// terminal. Afterwards the UI takes the screen back on a fresh line.
import type { RunOptions, RunResult, Session } from '../session/types.js';
import type { Terminal } from './terminal.js';

/** Enough of the end of the output to tell where the cursor was left. */
const TAIL = 4096;
const LEAVE_ALT_SCREEN = /\x1b\[\?(?:1049|1047|47)l/g;
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[ -/]*[0-~])/g;

/**
 * Whether output that ends like `tail` leaves the cursor at the start of a line. Leaving the alternate screen
 * puts the cursor back where it was before (the start of the command's output); escape sequences move nothing
 * we track; a `\n` or `\r` ends at a line start.
 */
export function endsAtLineStart(tail: string): boolean {
  let rest = tail;
  const leaves = [...tail.matchAll(LEAVE_ALT_SCREEN)];
  if (leaves.length) rest = tail.slice(leaves.at(-1)!.index! + leaves.at(-1)![0].length);
  const text = rest.replace(ESCAPES, '');
  if (text === '') return leaves.length > 0 || tail === '' || /\x1b\[[0-9;]*H/.test(tail);
  return /[\r\n]$/.test(text);
}

/** Runs `command` with the terminal handed to it; input goes back to `giveBack` afterwards. */
export async function handOver(
  session: Session,
  terminal: Terminal,
  command: string,
  giveBack: (data: string) => void,
  options: Omit<RunOptions, 'onOutput'> = {},
): Promise<RunResult> {
  const fit = () => session.resize(terminal.columns, terminal.rows);
  fit();
  const stopFollowing = terminal.onResize(fit);
  let tail = '';
  // Keys go through untouched (a full-screen program reads Ctrl-C itself); the session takes care of a Ctrl-C
  // typed before the command runs and of keys the command never reads.
  terminal.routeInput((data) => session.write(data));
  try {
    return await session.run(command, {
      ...options,
      onOutput: (chunk) => {
        terminal.write(chunk);
        tail = (tail + chunk).slice(-TAIL);
      },
    });
  } finally {
    stopFollowing();
    terminal.routeInput(giveBack);
    // The UI continues on the main screen, on a line of its own, whatever the command left behind.
    const leftAltScreen = terminal.reclaim();
    if (!leftAltScreen && !endsAtLineStart(tail)) terminal.write('\r\n');
  }
}
