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
