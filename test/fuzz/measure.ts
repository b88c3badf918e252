// Runs the built CLI as users run it and measures what the run cost: wall time and the process's peak resident
// set, which the child reports itself as it exits (Node's resourceUsage), so no outside tool is needed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));

const REPORT_PEAK = `data:text/javascript,import { writeSync } from 'node:fs';
process.on('exit', () => writeSync(2, '\\npeak-rss-kib ' + process.resourceUsage().maxRSS + '\\n'));`;

export interface MeasuredRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Without the peak report. */
  stderr: string;
  /** Undefined when the process ended without its exit handlers (a signal, an abort). */
  peakRssMiB?: number;
  ms: number;
}

/** `stepdown ARGS…` in `cwd`, stdin closed (no terminal: `play` stops after opening the workshop). */
export function runStepdown(args: readonly string[], cwd: string): Promise<MeasuredRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', REPORT_PEAK, CLI, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const ms = performance.now() - started;
      const peak = /\npeak-rss-kib (\d+)\n$/.exec(stderr);
      if (peak) stderr = stderr.slice(0, peak.index);
      resolve({ status, signal, stdout, stderr, peakRssMiB: peak ? Number(peak[1]) / 1024 : undefined, ms });
    });
  });
}
