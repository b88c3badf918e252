// Around a FakeRunner: the tools' version answers and the Gateway API CRDs of each cluster, for doctor's
// version checks and the linkerd plan. Kept apart from the fake runner, which models Docker and kubeconfigs.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { formatCommand } from '../../src/localcluster/plan/format.js';
import type { Command } from '../../src/localcluster/model/commands.js';
import type { CommandResult, CommandRunner, RunOptions } from '../../src/localcluster/runner/types.js';
import type { FakeRunner } from './fake-runner.js';

export type Tool = 'kind' | 'k3d' | 'helm' | 'linkerd';

export interface FakeToolsWorld {
  /** What `<tool> version …` prints, e.g. `{ helm: 'v3.7.2+g663a896' }`; other tools answer as the runner does. */
  versions?: Partial<Record<Tool, string>>;
  /** Kube contexts that already have these CRDs. */
  crds?: Record<string, string[]>;
}

/** The names of the CustomResourceDefinitions a manifest file holds. */
export function crdNames(path: string): string[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((document) => document.toJS() as { kind?: string; metadata?: { name?: string } } | null)
    .filter((object) => object?.kind === 'CustomResourceDefinition')
    .map((object) => object!.metadata!.name!);
}

export class FakeTools implements CommandRunner {
  /** Per context: the CRDs it has. */
  readonly crds = new Map<string, Set<string>>();

  constructor(
    readonly inner: FakeRunner,
    private readonly world: FakeToolsWorld = {},
  ) {
    for (const [context, names] of Object.entries(world.crds ?? {})) this.crds.set(context, new Set(names));
  }

  get calls(): string[] {
    return this.inner.calls;
  }

  async run(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    const answer = this.answer(command);
    if (!answer) return this.inner.run(command, options);
    this.inner.calls.push(formatCommand(command));
    return answer;
  }

  pipe(from: Command, to: Command, options?: RunOptions): Promise<CommandResult> {
    return this.inner.pipe(from, to, options);
  }

  private answer(command: Command): CommandResult | undefined {
    const a = command.args;
    const version = this.world.versions?.[command.file as Tool];
    if (version !== undefined && a.includes('version')) return ok(`${version}\n`);
    if (command.file !== 'kubectl' || a[0] !== '--context') return undefined;
    const context = a[1]!;
    if (a[2] === 'get' && a[3] === 'crd') {
      const present = this.crds.get(context) ?? new Set();
      const asked = a.slice(4).filter((arg) => !arg.startsWith('-'));
      return ok(
        asked
          .filter((name) => present.has(name))
          .map((name) => `customresourcedefinition.apiextensions.k8s.io/${name}\n`)
          .join(''),
      );
    }
    if (a[2] === 'apply' && a[3] === '--server-side' && a[4] === '-f') {
      const names = this.crds.get(context) ?? new Set<string>();
      for (const name of crdNames(a[5]!)) names.add(name);
      this.crds.set(context, names);
      return ok();
    }
    return undefined;
  }
}

const ok = (stdout = ''): CommandResult => ({ exitCode: 0, stdout, stderr: '' });
