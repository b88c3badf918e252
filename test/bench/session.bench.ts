// The session's cost per command next to the two other ways of running the same commands: plain bash reading
// them from a script (the floor), and a fresh `sh -c` per command (demosh's model). Prints when imported.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSession } from '../../src/session/session.js';

const COMMANDS = 1000;
const ROUNDS = 3;
const commands = Array.from({ length: COMMANDS }, (_, i) => `X=${i}`);

async function median(measure: () => Promise<number> | number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await measure());
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

/** ms per command through one session (start-up excluded). */
async function session(): Promise<number> {
  const sh = await createSession({ interactive: false });
  try {
    for (const command of commands.slice(0, 100)) await sh.run(command); // warm-up
    const start = performance.now();
    for (const command of commands) await sh.run(command);
    return (performance.now() - start) / COMMANDS;
  } finally {
    await sh.close();
  }
}

/**
 * ms per command for `bash script`, start-up subtracted (a one-command script). A thousand assignments take
 * bash about as long as the noise in starting it, so the script repeats them a hundred times.
 */
function plainBash(dir: string): number {
  const all = join(dir, 'all.sh');
  const one = join(dir, 'one.sh');
  const repeats = 100;
  writeFileSync(all, `${Array(repeats).fill(commands.join('\n')).join('\n')}\necho "$X"\n`);
  writeFileSync(one, `${commands[0]}\necho "$X"\n`);
  const time = (script: string) => {
    const start = performance.now();
    const result = spawnSync('bash', [script], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    return performance.now() - start;
  };
  return (time(all) - time(one)) / (repeats * COMMANDS - 1);
}

/** ms per command when every command gets its own `sh -c` (a few hundred are enough to see the cost). */
async function freshShell(): Promise<number> {
  const sample = commands.slice(0, 200);
  const start = performance.now();
  for (const command of sample) {
    await new Promise<void>((resolve, reject) => {
      spawn('sh', ['-c', command], { stdio: 'ignore' })
        .on('error', reject)
        .on('exit', () => resolve());
    });
  }
  return (performance.now() - start) / sample.length;
}

async function startAndClose(): Promise<number> {
  const start = performance.now();
  const sh = await createSession({ interactive: false });
  await sh.run('true');
  await sh.close();
  return performance.now() - start;
}

const dir = mkdtempSync(join(tmpdir(), 'stepdown-bench-'));
try {
  const rows: [string, string][] = [
    [`session: one command round trip (${COMMANDS} × X=N)`, `${(await median(session)).toFixed(3)} ms`],
    ['plain bash running the same commands from a script', `${(await median(() => plainBash(dir))).toFixed(4)} ms`],
    ['a fresh sh -c per command (demosh’s model)', `${(await median(freshShell)).toFixed(3)} ms`],
    ['session start, one command, close', `${(await median(startAndClose)).toFixed(1)} ms`],
  ];
  console.log(`\nsession (median of ${ROUNDS} rounds, per command unless stated)`);
  for (const [what, figure] of rows) console.log(`  ${what.padEnd(52)} ${figure.padStart(10)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
