// --record FILE.cast: an asciicast v2 file of exactly what the audience saw (every byte the UI wrote to the
// terminal, with its timing), a marker at every heading, and the window size when it changes. Each event is
// written as it happens, so the file is valid up to the last event even if stepdown is killed.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface CastHeader {
  width: number;
  height: number;
  title?: string;
  /** TERM and SHELL, as asciinema records them. */
  env?: Record<string, string>;
}

export class CastRecorder {
  private fd: number | undefined;
  private readonly start: number;

  /** Creates `path` (it must not exist: a recording is never overwritten) and writes the header. */
  constructor(
    path: string,
    header: CastHeader,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.fd = openSync(path, 'wx');
    this.start = this.now();
    this.line({
      version: 2,
      width: header.width,
      height: header.height,
      timestamp: Math.floor(Date.now() / 1000),
      ...(header.title ? { title: header.title } : {}),
      ...(header.env ? { env: header.env } : {}),
    });
  }

  output(data: string): void {
    if (data) this.event('o', data);
  }

  marker(label: string): void {
    this.event('m', label);
  }

  resize(width: number, height: number): void {
    this.event('r', `${width}x${height}`);
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private event(kind: 'o' | 'm' | 'r', data: string): void {
    const seconds = Math.round((this.now() - this.start) * 1000) / 1e6;
    this.line([seconds, kind, data]);
  }

  private line(value: unknown): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, `${JSON.stringify(value)}\n`);
  }
}
