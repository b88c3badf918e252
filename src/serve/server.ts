// The HTTP and WebSocket server of `stepdown serve`: the page at `/`, the front end under `/-/`, the live
// terminal at `/-/ws`, images from the workshop's folder. Every request passes the access gate first; every
// response forbids framing, sniffing and any script but the front end's own files.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AccessGate, newToken } from './access.js';
import { frontEndAssets, type ServedFile, workshopImage } from './files.js';
import type { Viewers } from './viewers.js';

export interface ServerOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The workshop's folder, as a real path: images are served from it. */
  root: string;
  /** The page, complete. */
  page: string;
  viewers: Viewers;
}

/** The page's own files may run, nothing else; xterm.js styles its rows inline. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A workshop's image (an SVG may hold script) opened on its own: no script, no requests, no same origin. */
const IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Largest WebSocket message a page may send (a paste into the terminal). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export class PageServer {
  private readonly http: Server;
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly assets = frontEndAssets();
  private gate: AccessGate | undefined;

  constructor(
    private readonly options: ServerOptions,
    private readonly token: string = newToken(),
  ) {
    this.http = createServer((request, response) => this.answer(request, response));
    this.http.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
    // A client that sends garbage or goes away mid-request must not end the server.
    this.http.on('clientError', (_error, socket) => socket.destroy());
  }

  /** Starts listening; resolves with the address to open, token included. */
  async listen(): Promise<URL> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    const { port } = this.http.address() as AddressInfo;
    this.gate = new AccessGate(this.token, this.options.host, port);
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return new URL(`http://${host}:${port}/?token=${this.token}`);
  }

  /** Ends every connection and stops listening. */
  async close(): Promise<void> {
    this.options.viewers.closeAll();
    for (const client of this.sockets.clients) client.terminate();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const url = requestUrl(request);
    const refusal = url ? this.gate?.check(request, url, false) : { status: 400, reason: 'bad request' };
    if (!url || refusal) {
      plain(response, refusal?.status ?? 400, refusal?.reason ?? 'bad request');
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      plain(response, 405, 'only GET is served');
    } else if (this.gate?.tokenIn(request, url) === 'url') {
      // The token in the address becomes a cookie, and the address loses it (history, screenshots, shoulders).
      response.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': this.gate.cookie(), Location: url.pathname });
      response.end();
    } else if (url.pathname === '/') {
      const headers = { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : this.options.page);
    } else if (url.pathname.startsWith('/-/')) {
      const asset = this.assets.get(url.pathname.slice(3));
      if (asset) sendFile(request, response, asset, {});
      else plain(response, 404, 'not found');
    } else {
      const image = workshopImage(this.options.root, url.pathname.slice(1));
      if (image) sendFile(request, response, image, { 'Content-Security-Policy': IMAGE_POLICY });
      else plain(response, 404, 'not found');
    }
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = requestUrl(request);
    const refusal =
      url?.pathname !== '/-/ws'
        ? { status: 404, reason: 'not found' }
        : (this.gate?.check(request, url, true) ?? undefined);
    if (refusal) {
      socket.end(
        `HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal.reason}\n`,
      );
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (client) => this.options.viewers.add(client));
  }
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    // The host part is a placeholder: only the path and query are read from it.
    return new URL(request.url ?? '/', 'http://stepdown.invalid');
  } catch {
    return undefined;
  }
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: ServedFile,
  headers: Record<string, string>,
): void {
  const stream = createReadStream(file.path);
  stream.once('open', () => {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      ...headers,
      'Content-Type': file.type,
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') {
      stream.destroy();
      response.end();
    } else stream.pipe(response);
  });
  stream.once('error', () => {
    if (!response.headersSent) plain(response, 404, 'not found');
    else response.destroy();
  });
}
