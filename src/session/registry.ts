// Every open session, so that stepdown can end them all when it stops, however it stops: `closeAllSessions`
// for an orderly end (SIGINT/SIGTERM handlers), and a synchronous kill on process 'exit' as the last resort.

export interface Closable {
  close(): Promise<void>;
  /** Synchronous: SIGKILL to every process of the session, temporary files removed. */
  killNow(): void;
}

const live = new Set<Closable>();
let exitHookInstalled = false;

export function track(session: Closable): void {
  live.add(session);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killAllSessionsNow);
  }
}

export function untrack(session: Closable): void {
  live.delete(session);
}

/** Closes every open session (the shell, its jobs, anything else started in its terminal session). */
export async function closeAllSessions(): Promise<void> {
  await Promise.all([...live].map((session) => session.close()));
}

/** For process 'exit' and other places where nothing asynchronous can run any more. */
export function killAllSessionsNow(): void {
  for (const session of live) session.killNow();
  live.clear();
}
