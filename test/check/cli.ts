// Runs the built CLI (`node dist/cli/stepdown.js check …`) on workshop files written to a fresh folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../scratch.js';

export const CLI = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
  dir: string;
}

export interface Started {
  child: ChildProcess;
  dir: string;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string): Promise<void>;
  finished: Promise<Finished>;
}

/** A fresh folder holding `files` (paths relative to it), removed when the test process ends. */
export function workshopDir(files: Record<string, string>): string {
  const dir = scratchDir('stepdown-check-test');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The test's environment without anything that would change what check does. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('DEMO_HOOK_') && !['PAGER', 'GIT_PAGER', 'EDITOR', 'CI'].includes(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

export function startCheck(files: Record<string, string>, argv: string[], env: Record<string, string> = {}): Started {
  const dir = workshopDir(files);
  const child = spawn(process.execPath, [CLI, 'check', ...argv], {
    cwd: dir,
    env: baseEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of waiters.filter((w) => stdout.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr, dir })),
  );
  return {
    child,
    dir,
    finished,
    waitFor: (text) =>
      stdout.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve })),
  };
}

export function check(
  files: Record<string, string>,
  argv: string[],
  env: Record<string, string> = {},
): Promise<Finished> {
  return startCheck(files, argv, env).finished;
}

export function readIn(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

/** Whether a process exists (a zombie counts as gone: it has ended and holds nothing). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** A fenced bash block. */
export const bash = (...lines: string[]) => ['```bash', ...lines, '```', ''].join('\n');
