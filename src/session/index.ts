// The persistent shell: what drivers (check, ui) and the CLI use.
export { createSession, PtySession, type SessionOptions } from './session.js';
export { closeAllSessions, killAllSessionsNow } from './registry.js';
export type { RunOptions, RunResult, Session } from './types.js';
