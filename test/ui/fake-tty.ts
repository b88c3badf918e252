// In-memory stand-ins for the terminal's stdin and stdout, for tests that drive the UI's terminal code
// without a pty in front of it. Everything behind them (the session's bash) is real.
import { PassThrough, Writable } from 'node:stream';
import { Terminal } from '../../src/ui/terminal.js';

export class FakeStdin extends PassThrough {
  isTTY = true;
  isRaw = false;
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }
}

export class FakeStdout extends Writable {
  isTTY = true;
  columns: number;
  rows: number;
  data = '';

  constructor(columns = 80, rows = 24) {
    super({ decodeStrings: false });
    this.columns = columns;
    this.rows = rows;
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.data += chunk.toString();
    callback();
  }
}

export function fakeTerminal(columns = 80, rows = 24) {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout(columns, rows);
  const terminal = new Terminal(stdin as unknown as NodeJS.ReadStream, stdout as unknown as NodeJS.WriteStream);
  return { stdin, stdout, terminal };
}
