// Where the kit's content lives, for the workshop tests.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const workshopDir = join(repoRoot, 'workshop');
export const clustersDir = join(repoRoot, 'clusters');
export const stepdownCli = join(repoRoot, 'dist', 'cli', 'stepdown.js');

/** Every file under `dir` (recursively), as paths relative to the repository root, sorted. */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  (function walk(current: string) {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(repoRoot, path));
    }
  })(dir);
  return found.sort();
}

/** The workshop's playable documents and the shell files they import: everything `stepdown lint` must accept. */
export function workshopSources(): string[] {
  return filesUnder(workshopDir).filter((path) => path.endsWith('.md') || path.endsWith('.sh'));
}
