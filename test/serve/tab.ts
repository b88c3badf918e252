// A page's side of the server, for tests: plain GETs and a WebSocket that keeps every message it is sent.
import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A GET with the path sent exactly as given (no client-side normalising of `..` or `%2f`). */
export function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A page's socket, and every message it has been sent (collected from the start: they may come with `open`). */
export interface Tab {
  socket: WebSocket;
  messages: unknown[];
  /** Resolves once `condition` holds (checked now and after every message). */
  until(condition: (messages: unknown[]) => boolean): Promise<void>;
}

/** Opens a WebSocket; resolves with it once open, or with the status the upgrade was refused with. */
export function connect(port: number, headers: Record<string, string>): Promise<Tab | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/-/ws`, { headers });
    const messages: unknown[] = [];
    const waiting: (() => void)[] = [];
    socket.on('message', (data) => {
      messages.push(JSON.parse(data.toString()));
      for (const wake of waiting.splice(0)) wake();
    });
    const until = (condition: (messages: unknown[]) => boolean) =>
      new Promise<void>((done) => {
        const check = () => (condition(messages) ? done() : waiting.push(check));
        check();
      });
    socket.on('open', () => resolve({ socket, messages, until }));
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode!));
    socket.on('error', () => {});
  });
}
