// localcluster's commands, given parsed options: load and select definitions, then either plan-and-run
// (orchestrate) or report (info, status, doctor). The CLI module only parses arguments and calls this.
import { existsSync } from 'node:fs';
import { UserError } from '../common/errors.js';
import { loadDefinitions } from './definitions/load.js';
import { gatherFacts } from './facts.js';
import { networkSpec, DEFAULT_SUBNET } from './network/create.js';
import { dockerNetworkProblem } from './names.js';
import { orchestrate } from './orchestrate.js';
import { providerOf } from './providers/index.js';
import { describeClusters, formatInfo, formatStatus } from './report/describe.js';
import { doctor, formatChecks } from './report/doctor.js';
import type { PlannedCommand } from './plan/workflows.js';
import type { PlanInput } from './plan/input.js';
import type { ProgressDisplay } from './executor/types.js';
import type { InProcess } from './executor/executor.js';
import type { CommandRunner } from './runner/types.js';
import type { ClusterDefinition } from './model/cluster.js';

export const REPORT_COMMANDS = ['info', 'status', 'doctor'] as const;
export type CommandName = PlannedCommand | (typeof REPORT_COMMANDS)[number];

export interface CommandOptions {
  network: string;
  stateDir: string;
  trustDir: string;
  force: boolean;
  dryrun: boolean;
  json: boolean;
  concurrency?: number;
  src?: string;
  dst?: string;
  subnet?: string;
  ipv6: boolean;
  /** The user's kubeconfig, where created clusters' entries go (see defaultKubeconfig). */
  kubeconfig: string;
  /** doctor: only the tools and their versions. */
  toolsOnly?: boolean;
}

/** doctor without CLUSTER_DIRS reads the kit's folder when run from where it is (as setup.md does). */
const DEFAULT_CLUSTER_DIRS = 'clusters';

export interface Environment {
  runner: CommandRunner;
  write: (text: string) => void;
  /** Where notes about the output go (stderr), so the output itself stays what it always is. */
  note: (text: string) => void;
  progress: () => ProgressDisplay;
  signal?: AbortSignal;
  inProcess?: InProcess;
}

export async function runCommand(
  command: CommandName,
  dirs: string | undefined,
  names: readonly string[],
  options: CommandOptions,
  env: Environment,
): Promise<number> {
  const networkProblem = dockerNetworkProblem(options.network);
  if (networkProblem) throw new UserError(`--network ${options.network}: ${networkProblem}`, 2);
  const found = dirs ?? (command === 'doctor' && existsSync(DEFAULT_CLUSTER_DIRS) ? DEFAULT_CLUSTER_DIRS : undefined);
  const clusters = found === undefined ? [] : loadDefinitions(found);
  const selected = select(clusters, names);

  if (command === 'doctor') {
    const checks = await doctor({
      runner: env.runner,
      network: options.network,
      providers: new Set(clusters.map((c) => c.provider)),
      toolsOnly: options.toolsOnly,
    });
    env.write(options.json ? `${JSON.stringify({ checks }, null, 2)}\n` : `${formatChecks(checks)}\n`);
    return checks.some((check) => check.status === 'fail') ? 1 : 0;
  }
  if (command === 'info' || command === 'status') {
    // Clusters elsewhere (context) are asked through kubectl alone: Docker only when a node container is there.
    const docker = selected.some((cluster) => providerOf(cluster).nodeContainer(cluster) !== undefined);
    const facts = await gatherFacts(env.runner, options.network, { docker, acceptUnready: true, signal: env.signal });
    if (facts.noEngine) {
      env.note(
        `localcluster: no Docker engine (${facts.noEngine}): the definitions are shown, their state is unknown\n`,
      );
    }
    if (facts.noKubectl) env.note(`localcluster: ${facts.noKubectl}: the state of clusters elsewhere is unknown\n`);
    const reports = await describeClusters(selected, facts, env.runner);
    const text = options.json
      ? JSON.stringify(reports, null, 2)
      : command === 'info'
        ? formatInfo(reports)
        : formatStatus(reports);
    env.write(`${text}\n`);
    return 0;
  }

  const input: PlanInput = {
    clusters,
    selected,
    settings: {
      network: options.network,
      stateDir: options.stateDir,
      trustDir: options.trustDir,
      force: options.force,
      kubeconfig: options.kubeconfig,
    },
    networkSpec: networkSpec(options.subnet ?? DEFAULT_SUBNET, options.ipv6, options.subnet !== undefined),
    link: command === 'link' ? linkEnds(selected, options) : undefined,
  };
  const outcome = await orchestrate(command, input, {
    runner: env.runner,
    dryrun: options.dryrun,
    concurrency: options.concurrency,
    signal: env.signal,
    progress: env.progress,
    inProcess: env.inProcess,
    write: env.write,
    note: env.note,
  });
  return outcome.exitCode;
}

function select(clusters: readonly ClusterDefinition[], names: readonly string[]): ClusterDefinition[] {
  if (!names.length) return [...clusters];
  const unknown = names.filter((name) => !clusters.some((c) => c.name === name));
  if (unknown.length) {
    const known = clusters.map((c) => c.name).join(', ') || 'none';
    throw new UserError(`no cluster named ${unknown.join(', ')} (defined: ${known})`, 2);
  }
  // In definition order, each once, whatever order the names came in.
  return clusters.filter((c) => names.includes(c.name));
}

function linkEnds(selected: readonly ClusterDefinition[], options: CommandOptions) {
  if (!options.src || !options.dst) throw new UserError('link needs --src CLUSTER and --dst CLUSTER', 2);
  const find = (name: string, flag: string) => {
    const cluster = selected.find((c) => c.name === name);
    if (!cluster)
      throw new UserError(
        `${flag} ${name}: no such cluster among ${selected.map((c) => c.name).join(', ') || 'none'}`,
        2,
      );
    return cluster;
  };
  const source = find(options.src, '--src');
  const target = find(options.dst, '--dst');
  if (source === target) throw new UserError('--src and --dst must be different clusters', 2);
  return { source, target };
}
