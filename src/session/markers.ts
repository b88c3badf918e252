// The shell reports on itself with OSC 133 sequences (the "shell integration" marks terminals know) written to
// /dev/tty: A = ready, C = a command's output starts, D = it ended (status and shell flags). Each carries a
// per-session nonce, so a command that prints `\e]133;D;0\a` cannot end the wait. The scanner below finds the
// marks in the pty stream, whatever the chunking, and passes through only the bytes between C and D.
import { randomBytes } from 'node:crypto';

/** What the shell says when a command has ended. */
export interface CommandEnd {
  status: number;
  /** `set -e` was in effect when the command ended (the shell has turned it off again). */
  errexit: boolean;
  /** `set -x` was in effect when the command ended (the next command is traced too). */
  xtrace: boolean;
}

export interface MarkerEvents {
  ready(): void;
  start(): void;
  output(text: string): void;
  end(end: CommandEnd): void;
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
    // status ; flags (letters of $- we care about)
    end: bash(`${mark('D', nonce)};%s;%s${BEL}`),
  };
}

type Phase = 'starting' | 'idle' | 'echo' | 'output';

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
        case 'idle':
          return;
        case 'starting':
        case 'echo': {
          const wanted = this.phase === 'starting' ? this.ready : this.start;
          const at = data.indexOf(wanted);
          if (at < 0) {
            this.carry = data.slice(data.length - partialMarkLength(data, wanted));
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
          const close = data.indexOf(BEL, at + this.endHead.length);
          if (close < 0) {
            this.carry = data.slice(at);
            return;
          }
          const [status, flags = ''] = data.slice(at + this.endHead.length, close).split(';');
          this.phase = 'idle';
          this.events.end({ status: Number(status), errexit: flags.includes('e'), xtrace: flags.includes('x') });
          return;
        }
      }
    }
  }
}

/** Length of the longest end of `data` that is a proper beginning of `marker` (which has one ESC, first). */
function partialMarkLength(data: string, marker: string): number {
  for (let k = Math.min(marker.length - 1, data.length); k > 0; k--) {
    if (data.charCodeAt(data.length - k) === 0x1b) return marker.startsWith(data.slice(data.length - k)) ? k : 0;
  }
  return 0;
}
