// The pages watching one session: every tab gets the same terminal output and the same step statuses, a tab
// that connects later (or reloads) first gets the recent output and the statuses so far, and any tab may act.
import type { WebSocket } from 'ws';
import { formatDuration } from '../common/duration.js';
import type { DriverState, PageAction, StepStatus } from './driver.js';

/** What a page may ask for. */
export interface Controls {
  act(action: PageAction): void;
  input(data: string): void;
  resize(columns: number, rows: number): void;
}

/** What a page is sent: the state as the driver has it, each status with its label (`✔ 1.2s`). */
export type PageMessage =
  | { type: 'output'; data: string }
  | { type: 'state'; state: DriverState; labels: Record<number, string> };

/** Output kept for a tab that connects later: enough to fill its screen and some scrollback. */
const BACKLOG_CHARS = 256 * 1024;
const MAX_TERMINAL_SIDE = 1000;

export function statusLabel(status: StepStatus): string {
  const took = status.durationMs === undefined ? '' : ` ${formatDuration(status.durationMs)}`;
  switch (status.result) {
    case 'passed':
      return `✔${took}`;
    case 'failed':
      return `✘ ${status.status ?? ''}${took}`;
    case 'skipped':
      return 'skipped';
  }
}

/** One page message, or undefined when it is not one (anything else is ignored, never trusted). */
export function parseRequest(
  text: string,
):
  | { kind: 'act'; action: PageAction }
  | { kind: 'input'; data: string }
  | { kind: 'resize'; columns: number; rows: number }
  | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  const side = (value: unknown) =>
    Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_TERMINAL_SIDE;
  switch (m.type) {
    case 'input':
      return typeof m.data === 'string' ? { kind: 'input', data: m.data } : undefined;
    case 'resize':
      return side(m.cols) && side(m.rows)
        ? { kind: 'resize', columns: m.cols as number, rows: m.rows as number }
        : undefined;
    case 'run':
    case 'upto':
    case 'jump':
      return Number.isInteger(m.index)
        ? { kind: 'act', action: { kind: m.type, index: m.index as number } }
        : undefined;
    default:
      return undefined;
  }
}

export class Viewers {
  private readonly sockets = new Set<WebSocket>();
  private backlog = '';
  private last: PageMessage | undefined;

  constructor(private readonly controls: Controls) {}

  get count(): number {
    return this.sockets.size;
  }

  add(socket: WebSocket): void {
    this.sockets.add(socket);
    if (this.backlog) socket.send(JSON.stringify({ type: 'output', data: this.backlog } satisfies PageMessage));
    if (this.last) socket.send(JSON.stringify(this.last));
    socket.on('message', (data, isBinary) => {
      const request = isBinary ? undefined : parseRequest(data.toString());
      if (request?.kind === 'act') this.controls.act(request.action);
      else if (request?.kind === 'input') this.controls.input(request.data);
      else if (request?.kind === 'resize') this.controls.resize(request.columns, request.rows);
    });
    // A tab closed mid-command changes nothing for the session: the command runs on, the others still watch.
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
  }

  output(data: string): void {
    this.backlog = (this.backlog + data).slice(-BACKLOG_CHARS);
    this.send({ type: 'output', data });
  }

  state(state: DriverState): void {
    const labels: Record<number, string> = {};
    for (const [index, status] of Object.entries(state.statuses)) labels[Number(index)] = statusLabel(status);
    this.last = { type: 'state', state, labels };
    this.send(this.last);
  }

  /** Ends every connection (the session is over). */
  closeAll(): void {
    for (const socket of this.sockets) socket.close(1001, 'stepdown serve stopped');
  }

  private send(message: PageMessage): void {
    const text = JSON.stringify(message);
    for (const socket of this.sockets) if (socket.readyState === socket.OPEN) socket.send(text);
  }
}
