// `stepdown serve` run in this process for tests, benchmarks and the README's screenshot: serveFile on a free
// loopback port, what it prints kept, and pages' sockets opened with the token's cookie and the page's Origin.
import type { PositionStore } from '../../src/player/resume.js';
import { serveFile } from '../../src/serve/serve.js';
import { connect, type Tab } from './tab.js';

export interface Served {
  /** The printed address, token included. */
  url: URL;
  port: number;
  /** serve's exit status, once the run ends. */
  status: Promise<number>;
  /** Everything serve printed (stdout and stderr). */
  printed(): string;
  /** A page's WebSocket, as the page would open it. */
  openTab(): Promise<Tab>;
  /** Ends the run as a stop signal does, and waits for it. */
  stop(): Promise<void>;
}

export async function startServe(
  file: string,
  positions: PositionStore,
  options: { resume?: boolean } = {},
): Promise<Served> {
  let printed = '';
  const sink = {
    write: (text: string) => {
      printed += text;
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  let listening!: (url: URL) => void;
  const address = new Promise<URL>((resolve) => (listening = resolve));
  const stopping = new AbortController();
  const status = serveFile(
    { file, args: [], host: '127.0.0.1', port: 0, open: false, resume: options.resume ?? false },
    {
      stdout: sink,
      stderr: sink,
      env: process.env,
      positions,
      onListening: (url) => listening(url),
      stop: stopping.signal,
    },
  );
  // A run that fails before it listens must fail the caller, not leave it waiting.
  const url = await Promise.race([
    address,
    status.then((code) => {
      throw new Error(`stepdown serve ended (status ${code}) before listening:\n${printed}`);
    }),
  ]);
  const port = Number(url.port);
  return {
    url,
    port,
    status,
    printed: () => printed,
    openTab: async () => {
      const tab = await connect(port, {
        Origin: `http://127.0.0.1:${port}`,
        Cookie: `stepdown-${port}=${url.searchParams.get('token')}`,
      });
      if (typeof tab === 'number') throw new Error(`the WebSocket was refused: ${tab}`);
      return tab;
    },
    stop: async () => {
      stopping.abort();
      await status.catch(() => {});
    },
  };
}
