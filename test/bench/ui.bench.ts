// `stepdown play` in a real pty: cold start to the first painted frame, side by side with `node -e 0` and a
// bundled Ink "hello" in the same run (goal: play within 1.3× the hello); and a 10,000-step workshop played
// with --no-typing, keys fed by the bench, reporting stepdown's resident set after 1,000 and after 10,000
// steps (goal: it grows by less than 20 MB).
import { spawn } from '@lydell/node-pty';
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));
const ROUNDS = 5;
const STEPS = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'stepdown-ui-bench-'));

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    TERM: 'xterm-256color',
    XDG_STATE_HOME: join(dir, 'state'),
    ...extra,
  };
  delete base.CI;
  delete base.CONTINUOUS_INTEGRATION;
  return base;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** kB → MB. */
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

/** CPU time (user + system) the process has used so far, in ms: less sensitive than wall time to a busy machine. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
}

function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return Number(match?.[1] ?? NaN);
}

/** Runs node with `args` (by default the CLI's) in a pty; `until` is checked against everything printed so far. */
function launch(args: string[], extraEnv: NodeJS.ProcessEnv = {}, script = CLI) {
  const pty = spawn(process.execPath, [script, ...args], {
    name: 'xterm-256color',
    cols: 100,
    rows: 30,
    cwd: dir,
    env: env(extraEnv),
  });
  let output = '';
  const waiters: { test: (o: string) => boolean; resolve: () => void }[] = [];
  pty.onData((data) => {
    output += data;
    for (const waiter of [...waiters]) {
      if (waiter.test(output)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const exited = new Promise<void>((resolve) => pty.onExit(() => resolve()));
  return {
    pty,
    exited,
    get output() {
      return output;
    },
    /** Drops what was printed so far (keeps the driver's memory and scanning flat). */
    forget() {
      output = '';
    },
    until(test: (o: string) => boolean, timeoutMs = 30_000): Promise<void> {
      if (test(output)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`bench: timed out; last output ${JSON.stringify(output.slice(-400))}`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

// ---- cold start -----------------------------------------------------------------------------------------
const small = join(dir, 'small.md');
writeFileSync(small, '<!-- @SHOW -->\n\n# First frame\n\nSome commentary.\n\n```bash\necho hi\n```\n');
// Ink's "hello": one <Text>, bundled the way the stepdown bundle holds Ink.
const helloSource = join(dir, 'hello.ts');
const hello = join(dir, 'hello', 'hello.js');
writeFileSync(
  helloSource,
  "import { createElement } from 'react';\nimport { render, Text } from 'ink';\n" +
    "render(createElement(Text, null, 'hello from ink')).unmount();\n",
);
buildSync({
  entryPoints: [helloSource],
  outdir: join(dir, 'hello'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['react-devtools-core'],
  // As in the stepdown bundle: React's production build.
  define: { 'process.env.NODE_ENV': '"production"' },
  nodePaths: [fileURLToPath(new URL('../../node_modules', import.meta.url))],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});

const nodeBare: number[] = [];
const inkHello: number[] = [];
const firstText: number[] = [];
const firstFull: number[] = [];
const firstCpu: number[] = [];
// They are interleaved, round by round, so a busy moment of the machine weighs on all of them alike.
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  await launch(['0'], {}, '-e').exited;
  nodeBare.push(performance.now() - started);
  const greeted = performance.now();
  await launch([], {}, hello).until((o) => o.includes('hello from ink'));
  inkHello.push(performance.now() - greeted);
  const launched = performance.now();
  const run = launch(['--no-typing', small]);
  await run.until((o) => o.includes('First frame'));
  firstText.push(performance.now() - launched);
  await run.until((o) => o.includes('RETURN'));
  firstFull.push(performance.now() - launched);
  firstCpu.push(cpuMs(run.pty.pid));
  run.pty.write('Q');
  await run.exited;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const ratio = (value: number) => `${(value / median(inkHello)).toFixed(2)}× Ink hello`;
console.log(`\nplay: cold start in a pty, side by side in one run, median of ${ROUNDS}`);
console.log(`  node -e 0                          ${ms(median(nodeBare))}`);
console.log(`  bundled Ink hello (one <Text>)     ${ms(median(inkHello))}`);
console.log(`  play: first commentary             ${ms(median(firstText))}   ${ratio(median(firstText))}`);
console.log(
  `  play: first full frame             ${ms(median(firstFull))}   ${ratio(median(firstFull))}   goal ≤ 1.3×`,
);
console.log(
  `  CPU time of stepdown by then       ${ms(median(firstCpu))} (user + system; wall time suffers more on a busy machine)`,
);
console.log(`  machine load (1 min)               ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);

// ---- a long session -------------------------------------------------------------------------------------
const long = join(dir, 'long.md');
const blocks = Array.from(
  { length: STEPS },
  (_, i) => `Step ${i} is about \`echo\`.\n\n\`\`\`bash\necho "done ${i}"\n\`\`\`\n`,
);
writeFileSync(long, `<!-- @SHOW -->\n\n# A long workshop\n\n${blocks.join('\n')}\n<!-- @wait -->\n`);
const run = launch(['--no-typing', long]);
const started = performance.now();
/** RSS (kB) when the status line first showed step 1,000 or later, and at the last step. */
let atThousand: { step: number; kb: number } | undefined;
let step = 0;
for (let i = 0; i < STEPS; i++) {
  const marker = `Step ${i} is about`;
  await run.until((o) => o.includes(marker) && /RETURN\S* run/.test(o.slice(o.indexOf(marker))));
  step = Number(run.output.slice(run.output.indexOf(marker)).match(/step (\d+)\//)?.[1] ?? step);
  if (!atThousand && step >= 1000) atThousand = { step, kb: procStatus(run.pty.pid, 'VmRSS') };
  run.forget();
  run.pty.write('\r');
}
await run.until((o) => o.includes('RETURN') && o.includes('continue'));
const elapsed = performance.now() - started;
const atEnd = procStatus(run.pty.pid, 'VmRSS');
const peak = procStatus(run.pty.pid, 'VmHWM');
run.pty.write('\r');
await run.exited;

console.log(
  `play --no-typing: ${STEPS}-step workshop (each step a line of commentary and a command), RETURN fed by the bench`,
);
console.log(
  `  RSS of stepdown at step ${atThousand?.step ?? '?'}        ${atThousand ? mb(atThousand.kb) : 'not reached'}`,
);
console.log(`  RSS of stepdown at step ${step}       ${mb(atEnd)}`);
console.log(
  `  growth                             ${atThousand ? mb(atEnd - atThousand.kb) : '?'}   goal < 20 MB (peak ${mb(peak)})`,
);
console.log(`  time per command (driver incl.)    ${(elapsed / STEPS).toFixed(2)} ms`);

rmSync(dir, { recursive: true, force: true });
