// `stepdown check` on a generated workshop of trivial steps (`X=N` in N blocks, then one that prints $X):
// stepdown's cost per step, start-up excluded ((t(1000) − t(1)) / 1000), next to plain bash running the same
// commands and a fresh `sh -c` per command (demosh's model). Goal: ≤ 0.3 ms per step. Then where it goes:
// loading (parse), the bare session, and check's own loop (player, outcomes, report lines).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkshop } from '../../src/markdown/load.js';
import { checkEnvironment, runCheck } from '../../src/check/run.js';
import { createSession } from '../../src/session/session.js';

const CLI = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));
const STEPS = 1000;
const ROUNDS = 3;
const dir = mkdtempSync(join(tmpdir(), 'stepdown-bench-'));

const commands = (n: number) => [...Array.from({ length: n }, (_, i) => `X=${i}`), 'echo "$X"'];

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const fence = (command: string) => `\`\`\`bash\n${command}\n\`\`\`\n`;
const workshop = (n: number) => write(`w${n}.md`, commands(n).map(fence).join('\n'));
const script = (n: number) => write(`w${n}.sh`, `${commands(n).join('\n')}\n`);
// What demosh does per command: a fresh shell.
const shPerCommand = (n: number) =>
  write(
    `sh${n}.sh`,
    `${commands(n)
      .map((c) => `sh -c '${c}'`)
      .join('\n')}\n`,
  );

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Median wall time (ms) of running a program to the end, checking it succeeded. */
function timeRun(program: string, args: string[]): number {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const result = spawnSync(program, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  }
  return median(times);
}

/** Per step, start-up excluded. */
function perStep(run: (n: number) => number): number {
  return (run(STEPS) - run(1)) / STEPS;
}

async function timeAsync(task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return median(times);
}

const files = {
  md: new Map([1, STEPS].map((n) => [n, workshop(n)])),
  sh: new Map([1, STEPS].map((n) => [n, script(n)])),
  shc: new Map([1, STEPS].map((n) => [n, shPerCommand(n)])),
};

const stepdown = perStep((n) => timeRun(process.execPath, [CLI, 'check', files.md.get(n)!]));
const bash = perStep((n) => timeRun('bash', ['--noprofile', '--norc', files.sh.get(n)!]));
const shC = perStep((n) => timeRun('bash', ['--noprofile', '--norc', files.shc.get(n)!]));

// Where stepdown's time goes, in this process (warm), for the 1000-step file.
const steps = loadWorkshop(files.md.get(STEPS)!).steps;
const loadMs = median(
  Array.from({ length: ROUNDS }, () => {
    const started = performance.now();
    loadWorkshop(files.md.get(STEPS)!);
    return performance.now() - started;
  }),
);
const session = await createSession({ interactive: false });
const sessionMs = await timeAsync(async () => {
  for (const command of commands(STEPS)) await session.run(command, { timeoutMs: 600_000 });
});
await session.close();
const env = checkEnvironment(process.env);
const checkMs = await timeAsync(() =>
  runCheck({ file: 'w.md', steps, args: [], keepGoing: false, stepTimeoutMs: 600_000, env, onOutcome: () => {} }),
);

const ms = (value: number) => `${value.toFixed(3)} ms`;
console.log(
  `\ncheck: ${STEPS} trivial steps, per step, start-up excluded ((t${STEPS} − t1) / ${STEPS}), median of ${ROUNDS}`,
);
console.log(`  stepdown check (end to end)   ${ms(stepdown)}   goal ≤ 0.300 ms`);
console.log(`  plain bash, one script        ${ms(bash)}`);
console.log(`  fresh sh -c per command       ${ms(shC)}   (demosh's model)`);
console.log(`  where stepdown's time goes (in process, warm):`);
console.log(`    load + parse                ${ms(loadMs / STEPS)}`);
console.log(`    bare session run            ${ms(sessionMs / STEPS)}`);
console.log(
  `    check's loop beyond it      ${ms((checkMs - sessionMs) / STEPS)}   (player, outcomes; session start-up included once)`,
);

rmSync(dir, { recursive: true, force: true });
