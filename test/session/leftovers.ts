// Finding processes a test started through a workshop, whatever became of them (setsid, nohup): each is a
// `sleep` with a duration no other process on the machine uses.
import { readdirSync, readFileSync } from 'node:fs';

// Distinct across test processes (the pid) and runs (the random part).
let lastSleep = process.pid * 1_000_000 + Math.floor(Math.random() * 1000) * 1000;

/** A duration (seconds) no other `sleep` on the machine has: `sleep N` then names its process. */
export function uniqueSleep(): number {
  return ++lastSleep;
}

/** Live (not zombie) processes whose command line is exactly `argv` (Linux /proc). */
export function processesRunning(argv: readonly string[]): number[] {
  const wanted = `${argv.join('\0')}\0`;
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'latin1') !== wanted) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      if (stat[stat.lastIndexOf(')') + 2] !== 'Z') found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * Waits until a process runs `argv` (a background job, or what `setsid` forks off, may not have started its
 * program yet when the step that launched it has ended); fails after `timeoutMs`.
 */
export async function startedRunning(argv: readonly string[], timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = processesRunning(argv);
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error(`${argv.join(' ')} did not start within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
