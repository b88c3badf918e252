// Shared by the localcluster tests: paths, temporary folders, and running a command against the fake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand, type CommandName, type CommandOptions } from '../../src/localcluster/main.js';
import { plainProgress } from '../../src/localcluster/executor/plain.js';
import { FakeRunner, type FakeWorld } from './fake-runner.js';
import type { CommandRunner } from '../../src/localcluster/runner/types.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const workshopClusters = join(repoRoot, 'clusters');
export const fixture = (name: string) => join(repoRoot, 'test/localcluster/fixtures', name);

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'localcluster-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The user's kubeconfig in tests: in the test's folder, never the real one. */
export const userKubeconfig = (dir: string) => join(dir, 'kube', 'config');

/** A fake world whose user kubeconfig is the one runWith gives localcluster. */
export function fakeWorld(dir: string, world: FakeWorld = {}): FakeRunner {
  return new FakeRunner({ kubeconfig: userKubeconfig(dir), ...world });
}

export interface Ran {
  exitCode: number;
  output: string;
  /** What went to stderr. */
  notes: string;
}

/** Runs a localcluster command with `runner`, plain progress, state, certificates and kubeconfig under `dir`. */
export async function runWith(
  runner: CommandRunner,
  dir: string,
  command: CommandName,
  args: { dirs?: string; names?: string[]; options?: Partial<CommandOptions> } = {},
): Promise<Ran> {
  let output = '';
  let notes = '';
  const write = (text: string) => {
    output += text;
  };
  const note = (text: string) => {
    notes += text;
  };
  const exitCode = await runCommand(
    command,
    // An explicit `dirs: undefined` is a command line without CLUSTER_DIRS.
    'dirs' in args ? args.dirs : workshopClusters,
    args.names ?? [],
    {
      network: 'kind',
      stateDir: join(dir, 'state'),
      trustDir: join(dir, 'certs'),
      force: false,
      dryrun: false,
      json: false,
      ipv6: false,
      kubeconfig: userKubeconfig(dir),
      ...args.options,
    },
    { runner, write, note, progress: () => plainProgress(write) },
  );
  return { exitCode, output, notes };
}
