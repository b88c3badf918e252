// Runs a planned command: gather facts (read-only), then stage by stage plan and either print (dry run) or
// execute, re-reading the facts between stages. A failure in one cluster skips that cluster's later phases
// and nothing else; a failure in shared work (the network, the trust anchor) skips everything after it.
import { gatherFacts } from './facts.js';
import { inspectCerts } from './certs/store.js';
import { gatherGatewayApiFacts } from './linkerd/gateway-api.js';
import { providerOf } from './providers/index.js';
import { executePhase, realInProcess, type InProcess } from './executor/executor.js';
import { exitCodeOf, formatSummary, summarize, type ClusterSummary } from './executor/summary.js';
import { formatPhase } from './plan/format.js';
import { formatCidr } from './network/ip.js';
import { workflows, type PlannedCommand } from './plan/workflows.js';
import type { PlanInput, World } from './plan/input.js';
import type { Lane } from './model/actions.js';
import type { LaneOutcome, ProgressDisplay } from './executor/types.js';
import type { CommandRunner } from './runner/types.js';

export interface OrchestrateOptions {
  runner: CommandRunner;
  dryrun: boolean;
  /** Lanes at a time; default: every lane of a phase at once. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Made only for a real run. */
  progress: () => ProgressDisplay;
  inProcess?: InProcess;
  /** Where the dry-run plan and the summary go. */
  write: (text: string) => void;
  /** Where notes about the plan go (stderr). */
  note: (text: string) => void;
}

export interface OrchestrateResult {
  exitCode: number;
  summaries: ClusterSummary[];
}

export async function orchestrate(
  command: PlannedCommand,
  input: PlanInput,
  options: OrchestrateOptions,
): Promise<OrchestrateResult> {
  const workflow = workflows[command];
  const gather = async (): Promise<World> => {
    const facts = workflow.needs.facts
      ? await gatherFacts(options.runner, input.settings.network, {
          acceptUnready: options.dryrun && workflow.startsFromNothing,
          signal: options.signal,
        })
      : undefined;
    // Only clusters that exist can be asked for their CRDs.
    const contexts = input.selected
      .filter((cluster) => facts && providerOf(cluster).exists(cluster, facts))
      .map((cluster) => providerOf(cluster).context(cluster));
    return {
      facts,
      certs: workflow.needs.certs
        ? await inspectCerts(
            input.settings.trustDir,
            input.clusters.map((c) => c.name),
          )
        : undefined,
      gatewayApi: workflow.needs.gatewayApi
        ? await gatherGatewayApiFacts(options.runner, contexts, options.signal)
        : undefined,
    };
  };
  const world = await gather();
  return options.dryrun ? printPlan(command, input, world, options) : execute(command, input, world, options, gather);
}

function printPlan(
  command: PlannedCommand,
  input: PlanInput,
  start: World,
  options: OrchestrateOptions,
): OrchestrateResult {
  const { stages } = workflows[command];
  const sections: string[] = [];
  let world = start;
  let blocked = false;
  for (const [index, stage] of stages.entries()) {
    for (const phase of stage.plan(input, world)) {
      blocked ||= phase.lanes.some((lane) => lane.blocked);
      sections.push(formatPhase(phase, options.concurrency));
    }
    if (index < stages.length - 1 && stage.predict) world = stage.predict(input, world);
  }
  const predicted = stages.slice(0, -1).some((stage) => stage.predict);
  const header = [
    `# localcluster ${command} --dryrun: the complete plan in execution order. Nothing was run but read-only inspection.`,
    ...(predicted ? ['# <name:ipv4> stands for an address known only once the steps before it have run.'] : []),
  ];
  options.write(`${[...header, ...sections].join('\n')}\n`);
  const noEngine = start.facts?.noEngine;
  if (noEngine) options.note(placeholderNote(noEngine, input));
  const noKubectl = start.facts?.noKubectl;
  if (noKubectl) options.note(`localcluster: ${noKubectl}: this plan assumes your kubeconfig has no contexts yet.\n`);
  return { exitCode: blocked ? 1 : 0, summaries: [] };
}

/** Which values of a plan made without a Docker engine are assumptions. */
function placeholderNote(noEngine: string, input: PlanInput): string {
  const network = input.settings.network;
  return [
    `localcluster: no Docker engine (${noEngine}).`,
    `localcluster: this plan assumes that network ${network} and the clusters do not exist yet. <NAME:ipv4> stands for a node's address, known once the node runs. MetalLB pools (kind) are computed from ${formatCidr(input.networkSpec.subnet)}, the subnet network ${network} is created with: if it exists with another, they differ.`,
    '',
  ].join('\n');
}

async function execute(
  command: PlannedCommand,
  input: PlanInput,
  start: World,
  options: OrchestrateOptions,
  gather: () => Promise<World>,
): Promise<OrchestrateResult> {
  const failedClusters = new Set<string>();
  let failedShared: string | undefined;
  const skip = (lane: Lane) => {
    if (failedShared) return `${failedShared} failed`;
    if (lane.cluster && failedClusters.has(lane.cluster)) return `an earlier step for ${lane.cluster} failed`;
    return undefined;
  };
  const outcomes: LaneOutcome[] = [];
  const progress = options.progress();
  try {
    let world = start;
    let changed = false;
    for (const stage of workflows[command].stages) {
      // Re-read only when the previous stage may have changed something (it ran more than notes).
      if (changed) world = await gather();
      const phases = stage.plan(input, world);
      changed = phases.some((phase) =>
        phase.lanes.some((lane) => lane.actions.some((action) => action.kind !== 'note')),
      );
      for (const phase of phases) {
        const results = await executePhase(phase, {
          runner: options.runner,
          concurrency: options.concurrency,
          progress,
          inProcess: options.inProcess ?? realInProcess,
          signal: options.signal,
          skip,
        });
        for (const result of results) {
          outcomes.push(result);
          if (result.status === 'ok') continue;
          if (result.lane.cluster) failedClusters.add(result.lane.cluster);
          else failedShared ??= result.lane.label;
        }
        if (options.signal?.aborted) break;
      }
      if (options.signal?.aborted) break;
    }
  } finally {
    progress.stop();
  }
  const summaries = summarize(outcomes);
  options.write(`${formatSummary(command, summaries)}\n`);
  return { exitCode: exitCodeOf(summaries), summaries };
}
