// Shared by the localcluster tests: paths, temporary folders, and running a command against the fake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand, type CommandName, type CommandOptions } from '../../src/localcluster/main.js';
import { plainProgress } from '../../src/localcluster/executor/plain.js';
import type { CommandRunner } from '../../src/localcluster/runner/types.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const workshopClusters = join(repoRoot, 'clusters');
export const fixture = (name: string) => join(repoRoot, 'test/localcluster/fixtures', name);
/** The original workshops (read-only, beside the repository). */
export const corpus = fileURLToPath(new URL('../../../shared/corpus/sma', import.meta.url));

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'localcluster-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface Ran {
  exitCode: number;
  output: string;
}

/** Runs a localcluster command with `runner`, plain progress, state and certificates under `dir`. */
export async function runWith(
  runner: CommandRunner,
  dir: string,
  command: CommandName,
  args: { dirs?: string; names?: string[]; options?: Partial<CommandOptions> } = {},
): Promise<Ran> {
  let output = '';
  const write = (text: string) => {
    output += text;
  };
  const exitCode = await runCommand(
    command,
    args.dirs ?? workshopClusters,
    args.names ?? [],
    {
      network: 'kind',
      stateDir: join(dir, 'state'),
      trustDir: join(dir, 'certs'),
      force: false,
      dryrun: false,
      json: false,
      ipv6: false,
      ...args.options,
    },
    { runner, write, progress: () => plainProgress(write) },
  );
  return { exitCode, output };
}
