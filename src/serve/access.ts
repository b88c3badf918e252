// Who may talk to the served session: it is a shell in a browser, so every request must prove it comes from the
// learner's own page. A random token (printed in the URL, then kept in an HttpOnly, SameSite=Strict cookie) is
// compared in constant time; the Host header must name this server (a rebound DNS name never does), and a
// WebSocket's Origin must be the page's own (another site's script cannot open one).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Equal-length digests, so neither the content nor the length of a guess leaks through timing. */
function sameSecret(given: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** Refused: what the learner is told, and the HTTP status. */
export interface Refusal {
  status: 403 | 400;
  reason: string;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

/** Only this machine can connect to a server bound there. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export class AccessGate {
  /** Name of the cookie that carries the token: one per port, as cookies are shared across ports. */
  readonly cookieName: string;

  constructor(
    readonly token: string,
    private readonly boundHost: string,
    private readonly port: number,
  ) {
    this.cookieName = `stepdown-${port}`;
  }

  /** `Set-Cookie` value that keeps the token for the rest of the visit. */
  cookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** The host name in a `Host` header that may be served: the bound address, or `localhost` on loopback. */
  hostAllowed(header: string | undefined): boolean {
    if (!header) return false;
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(header);
    if (!match || Number(match[3]) !== this.port) return false;
    const name = (match[1] ?? match[2]!).toLowerCase();
    if (name === this.boundHost.toLowerCase()) return true;
    if (name === 'localhost') return isLoopback(this.boundHost);
    // Bound to every address: any address literal names this machine, but no DNS name (that is what rebinds).
    return WILDCARD_HOSTS.has(this.boundHost) && isIP(name) !== 0;
  }

  /** The token from the URL (`?token=`) or the cookie; undefined when neither carries the right one. */
  tokenIn(request: IncomingMessage, url: URL): 'url' | 'cookie' | undefined {
    const fromUrl = url.searchParams.get('token');
    if (fromUrl !== null && sameSecret(fromUrl, this.token)) return 'url';
    const fromCookie = cookieValue(request.headers.cookie, this.cookieName);
    if (fromCookie !== undefined && sameSecret(fromCookie, this.token)) return 'cookie';
    return undefined;
  }

  /** Checks a request (any method, or a WebSocket upgrade when `upgrade`). */
  check(request: IncomingMessage, url: URL, upgrade: boolean): Refusal | undefined {
    if (!this.hostAllowed(request.headers.host)) {
      return { status: 403, reason: 'this server answers only to its own address (Host header refused)' };
    }
    if (upgrade && request.headers.origin !== `http://${request.headers.host}`) {
      return { status: 403, reason: 'a WebSocket may be opened only by the page this server sent' };
    }
    if (!this.tokenIn(request, url)) {
      return { status: 403, reason: 'open the address `stepdown serve` printed: it carries the access token' };
    }
    return undefined;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Why a `--host` other than loopback is a risk, or undefined for a loopback address. */
export function exposureWarning(host: string): string | undefined {
  if (isLoopback(host)) return undefined;
  return (
    `--host ${host}: the live shell is reachable from other machines on this network. Anyone who gets the ` +
    'printed address (it carries the token) can run commands as you; the traffic is not encrypted.'
  );
}
