// The shell reports on itself with OSC 133 sequences (the "shell integration" marks terminals know) written to
// /dev/tty: A = ready, C = a command's output starts, D = it ended (status and shell flags; flag X: the shell is
// exiting; flag q: DEMOSH_QUIET_FAILURE is true). Each carries a per-session nonce, so a command that prints `\e]133;D;0\a` cannot end the wait. The
// scanner below finds the marks in the pty stream, whatever the chunking, and passes through only the bytes
// between C and D.
import { randomBytes } from 'node:crypto';

/** What the shell says when a command has ended. */
export interface CommandEnd {
  status: number;
  /** `set -e` was in effect when the command ended (the shell has turned it off again). */
  errexit: boolean;
  /** `set -x` was in effect when the command ended (the next command is traced too). */
  xtrace: boolean;
  /** `set -a` was in effect when the command ended (the shell has turned it off again). */
  allexport: boolean;
  /** The workshop has set DEMOSH_QUIET_FAILURE to a true value (demosh's `yes`, `true`, `t`, `y`, `1`). */
  quietFailure: boolean;
}

export interface MarkerEvents {
  ready(): void;
  start(): void;
  output(text: string): void;
  end(end: CommandEnd): void;
  /** The shell is exiting (its EXIT trap): everything it printed before has been passed on. */
  exit(end: Pick<CommandEnd, 'quietFailure'>): void;
}

/** 16 hex digits: unguessable for a command that prints markers by accident, and safe inside shell text. */
export function newNonce(): string {
  return randomBytes(8).toString('hex');
}

const BEL = '\x07';
const mark = (kind: string, nonce: string) => `\x1b]133;${kind};${nonce}`;

/** The shell-side `printf` formats that produce the marks the scanner looks for. */
export function markerFormats(nonce: string): { ready: string; start: string; end: string } {
  const bash = (s: string) => s.replace('\x1b', '\\e').replace(BEL, '\\a');
  return {
    ready: bash(`${mark('A', nonce)}${BEL}`),
    start: bash(`${mark('C', nonce)}${BEL}`),
    // status ; flags (letters of $- we care about, X for exit)
    end: bash(`${mark('D', nonce)};%s;%s${BEL}`),
  };
}

type Phase = 'starting' | 'idle' | 'echo' | 'output' | 'exited';

export class MarkerScanner {
  private phase: Phase = 'starting';
  /** Unconsumed tail of the stream: a mark that may be cut between two chunks. */
  private carry = '';
  private readonly ready: string;
  private readonly start: string;
  private readonly endHead: string;

  constructor(
    nonce: string,
    private readonly events: MarkerEvents,
  ) {
    this.ready = `${mark('A', nonce)}${BEL}`;
    this.start = `${mark('C', nonce)}${BEL}`;
    this.endHead = `${mark('D', nonce)};`;
  }

  /** A command line has just been written: what comes before its start mark is echo and prompt. */
  expectCommand(): void {
    this.phase = 'echo';
    this.carry = '';
  }

  push(chunk: string): void {
    let data = this.carry ? this.carry + chunk : chunk;
    this.carry = '';
    for (;;) {
      switch (this.phase) {
        case 'exited':
          return;
        case 'idle':
        case 'starting':
        case 'echo': {
          // Outside a command only the mark awaited matters, and the shell's exit (a hangup, an `exit` at start-up).
          const wanted = this.phase === 'starting' ? this.ready : this.phase === 'echo' ? this.start : undefined;
          const at = wanted === undefined ? -1 : data.indexOf(wanted);
          const exitAt = data.indexOf(this.endHead);
          if (exitAt >= 0 && (at < 0 || exitAt < at)) {
            const rest = this.takeEnd(data, exitAt);
            if (rest === undefined) return;
            data = rest;
            continue;
          }
          if (wanted === undefined || at < 0) {
            const keep = Math.max(partialMarkLength(data, this.endHead), wanted ? partialMarkLength(data, wanted) : 0);
            this.carry = data.slice(data.length - keep);
            return;
          }
          data = data.slice(at + wanted.length);
          if (this.phase === 'starting') {
            this.phase = 'idle';
            this.events.ready();
          } else {
            this.phase = 'output';
            this.events.start();
          }
          continue;
        }
        case 'output': {
          const at = data.indexOf(this.endHead);
          if (at < 0) {
            const keep = partialMarkLength(data, this.endHead);
            if (data.length > keep) this.events.output(data.slice(0, data.length - keep));
            this.carry = data.slice(data.length - keep);
            return;
          }
          if (at > 0) this.events.output(data.slice(0, at));
          const rest = this.takeEnd(data, at);
          if (rest === undefined) return;
          data = rest;
        }
      }
    }
  }

  /**
   * The end mark at `at`: a command's end (phase idle) or the shell's exit (phase exited). Returns what follows
   * it, or undefined when the mark is cut (kept for the next chunk).
   */
  private takeEnd(data: string, at: number): string | undefined {
    const close = data.indexOf(BEL, at + this.endHead.length);
    if (close < 0) {
      this.carry = data.slice(at);
      return undefined;
    }
    const [status, flags = ''] = data.slice(at + this.endHead.length, close).split(';');
    if (flags.includes('X')) {
      this.phase = 'exited';
      this.events.exit({ quietFailure: flags.includes('q') });
    } else if (this.phase === 'output') {
      this.phase = 'idle';
      this.events.end({
        status: Number(status),
        errexit: flags.includes('e'),
        xtrace: flags.includes('x'),
        allexport: flags.includes('a'),
        quietFailure: flags.includes('q'),
      });
    }
    return data.slice(close + 1);
  }
}

/** Length of the longest end of `data` that is a proper beginning of `marker` (which has one ESC, first). */
function partialMarkLength(data: string, marker: string): number {
  for (let k = Math.min(marker.length - 1, data.length); k > 0; k--) {
    if (data.charCodeAt(data.length - k) === 0x1b) return marker.startsWith(data.slice(data.length - k)) ? k : 0;
  }
  return 0;
}
