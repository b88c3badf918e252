// Hostile input (issue 14): each hostile shape as a 1 MiB file, read by the built CLI as users run it — `lint`,
// `list`, `check`'s preflight (`--only` a section that does not exist: nothing runs) and `play`'s start (no
// terminal: it stops once the workshop is open). Goal per file and command: under 2 s and under 300 MB.
// Prints wall time (process start included) and peak resident set per run, and the worst of each.
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { hostileFiles } from '../fuzz/hostile.js';
import { runStepdown } from '../fuzz/measure.js';
import { scratchDir } from '../scratch.js';

const MIB = 1024 * 1024;
const GOAL_MS = 2000;
const GOAL_MB = 300;
const COMMANDS: Record<string, readonly string[]> = {
  lint: ['lint'],
  list: ['list'],
  check: ['check', '--only', 'bench: no such section'],
  play: ['play'],
};

const dir = scratchDir('stepdown-bench-hostile');
const file = join(dir, 'hostile.md');
const mb = (mib: number) => (mib * 1.048576).toFixed(0);
let worstMs = 0;
let worstMb = 0;
let misses = 0;
console.log(
  `hostile input, 1 MiB files (goal < ${GOAL_MS / 1000} s and < ${GOAL_MB} MB per run; load ${loadavg()[0]!.toFixed(1)}):`,
);
console.log(
  `  ${'shape'.padEnd(44)} ${Object.keys(COMMANDS)
    .map((c) => c.padEnd(15))
    .join(' ')}`,
);
for (const [shape, text] of Object.entries(hostileFiles(MIB - 1024))) {
  writeFileSync(file, text);
  const cells: string[] = [];
  for (const args of Object.values(COMMANDS)) {
    const run = await runStepdown([...args, file], dir);
    const megabytes = (run.peakRssMiB ?? Number.NaN) * 1.048576;
    worstMs = Math.max(worstMs, run.ms);
    worstMb = Math.max(worstMb, megabytes);
    const over = run.ms >= GOAL_MS || !(megabytes < GOAL_MB);
    if (over) misses++;
    const status = run.status === null ? run.signal : run.status;
    cells.push(
      `${(run.ms / 1000).toFixed(2)}s ${mb(run.peakRssMiB ?? Number.NaN)}MB ${status}${over ? '!' : ''}`.padEnd(15),
    );
  }
  console.log(`  ${shape.padEnd(44)} ${cells.join(' ')}`);
}
rmSync(file);
console.log(
  `  worst: ${(worstMs / 1000).toFixed(2)} s, ${worstMb.toFixed(0)} MB; ${misses} run(s) over a goal (marked !; the number is the exit status)`,
);
