// Keeps the last `limit` characters of a stream without holding the whole stream: a command may print
// megabytes, and only the end of it is worth reporting.
export class OutputTail {
  private chunks: string[] = [];
  private length = 0;

  constructor(private readonly limit: number) {}

  push(chunk: string): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    // Compact only when twice over the limit, so the cost stays linear in what is pushed.
    if (this.length > 2 * this.limit) this.compact();
  }

  /** The tail, with the pty's CRLF line ends as plain LF. */
  text(): string {
    this.compact();
    return (this.chunks[0] ?? '').replace(/\r\n/g, '\n');
  }

  private compact(): void {
    const all = this.chunks.join('');
    const kept = all.length > this.limit ? all.slice(all.length - this.limit) : all;
    this.chunks = [kept];
    this.length = kept.length;
  }
}
