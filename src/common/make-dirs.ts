// Creating a folder and its parents. Node's own `mkdir(…, { recursive: true })` never returns where the
// kernel refuses a folder without saying why in a way it expects (under /proc, say: ENOENT for a parent that
// exists), so stepdown and localcluster create each missing level themselves and report the first refusal.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Makes `dir` and whatever parents it lacks (new ones with `mode`); throws the first error, with its code. */
export function makeDirs(dir: string, mode = 0o777): void {
  const missing: string[] = [];
  for (let current = resolve(dir); ; ) {
    try {
      if (statSync(current).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${current}'`), { code: 'ENOTDIR' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = dirname(current);
      if (parent === current) break;
      missing.push(current);
      current = parent;
    }
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // made meanwhile: fine
    }
  }
}
