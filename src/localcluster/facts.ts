// What exists right now, learned through read-only queries only: the Docker network (subnets, attached node
// containers and their addresses), every container's state, and the kubeconfig's entries. Plans are pure
// functions of these facts.
import { z } from 'zod';
import { UserError } from '../common/errors.js';
import { parseNetworkInspect, InspectFormatError, type NetworkFacts } from './network/inspect.js';
import { run, type Command } from './model/commands.js';
import type { CommandRunner, CommandResult } from './runner/types.js';

export interface KubeconfigFacts {
  contexts: ReadonlySet<string>;
  clusters: ReadonlySet<string>;
  users: ReadonlySet<string>;
}

export interface Facts {
  /** The Docker network's name, and what `docker network inspect` said (absent: no such network). */
  networkName: string;
  network?: NetworkFacts;
  /** Every container (running or not) by name → state ("running", "exited", …). */
  containers: ReadonlyMap<string, string>;
  kubeconfig: KubeconfigFacts;
  /**
   * Why Docker could not be asked (its own words, one line), when the caller allowed that: the network and the
   * containers are then unknown, and given as none.
   */
  noEngine?: string;
  /** Why kubectl could not be asked (it is not on PATH), when the caller allowed that: no context is known. */
  noKubectl?: string;
}

/** What docker says when there is no engine to talk to: not running, its socket unreachable or not allowed. */
const NO_ENGINE =
  /cannot connect to the docker daemon|is the docker daemon running|error during connect|permission denied while trying to connect to the docker daemon/i;

/** Why `result` of a docker query says nothing about the world, when the reason is that there is no engine. */
function engineProblem(result: CommandResult | undefined): string | undefined {
  if (!result || result.exitCode === 0) return undefined;
  // No docker at all (a learner reading before installing anything) means no engine either.
  if (result.exitCode === 127) return result.failure ?? 'docker is not on PATH';
  return NO_ENGINE.test(result.stderr) ? firstLine(result.stderr) : undefined;
}

function firstLine(text: string): string | undefined {
  return text.trim().split('\n')[0]?.trim() || undefined;
}

export const queries = {
  network: (name: string): Command => run('docker', ['network', 'inspect', name]),
  containers: (): Command => run('docker', ['ps', '--all', '--format', '{{.Names}}\t{{.State}}']),
  kubeconfig: (): Command => run('kubectl', ['config', 'view', '--output', 'json']),
};

/**
 * `docker: false` asks only the kubeconfig (clusters elsewhere need no Docker): no network, no containers.
 * `acceptUnready` accepts a machine that is not ready yet (reports, dry runs): without a Docker engine or
 * without kubectl, the facts say so (`noEngine`, `noKubectl`) instead of the call failing.
 */
export async function gatherFacts(
  runner: CommandRunner,
  networkName: string,
  options: { docker?: boolean; acceptUnready?: boolean; signal?: AbortSignal } = {},
): Promise<Facts> {
  const { docker = true, acceptUnready = false, signal } = options;
  const [network, containers, kubeconfig] = await Promise.all([
    docker ? runner.run(queries.network(networkName), { signal }) : undefined,
    docker ? runner.run(queries.containers(), { signal }) : undefined,
    runner.run(queries.kubeconfig(), { signal }),
  ]);
  const noKubectl =
    acceptUnready && kubeconfig.exitCode === 127 ? (kubeconfig.failure ?? 'kubectl is not on PATH') : undefined;
  const kubeconfigKnown = noKubectl
    ? { contexts: new Set<string>(), clusters: new Set<string>(), users: new Set<string>() }
    : kubeconfigFacts(kubeconfig);
  const noEngine = acceptUnready ? (engineProblem(network) ?? engineProblem(containers)) : undefined;
  if (noEngine) return { networkName, containers: new Map(), kubeconfig: kubeconfigKnown, noEngine, noKubectl };
  return {
    networkName,
    network: network && networkFacts(networkName, network),
    containers: containers ? containerStates(containers) : new Map(),
    kubeconfig: kubeconfigKnown,
    noKubectl,
  };
}

function networkFacts(name: string, result: CommandResult): NetworkFacts | undefined {
  if (result.exitCode !== 0) {
    if (/no such network|not found/i.test(result.stderr)) return undefined;
    throw queryFailed(queries.network(name), result);
  }
  try {
    return parseNetworkInspect(result.stdout);
  } catch (error) {
    if (error instanceof InspectFormatError) throw new UserError(error.message, 1);
    throw error;
  }
}

function containerStates(result: CommandResult): Map<string, string> {
  if (result.exitCode !== 0) throw queryFailed(queries.containers(), result);
  const states = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const [name, state] = line.trim().split('\t');
    if (name) states.set(name, state ?? 'unknown');
  }
  return states;
}

const named = z.array(z.looseObject({ name: z.string() })).nullish();
const kubeconfigSchema = z.looseObject({ contexts: named, clusters: named, users: named });

function kubeconfigFacts(result: CommandResult): KubeconfigFacts {
  if (result.exitCode !== 0) throw queryFailed(queries.kubeconfig(), result);
  let parsed: z.infer<typeof kubeconfigSchema>;
  try {
    parsed = kubeconfigSchema.parse(JSON.parse(result.stdout || '{}'));
  } catch {
    throw new UserError('kubectl config view printed something unexpected; is your kubeconfig valid?', 1);
  }
  const names = (list: typeof parsed.contexts) => new Set((list ?? []).map((entry) => entry.name));
  return { contexts: names(parsed.contexts), clusters: names(parsed.clusters), users: names(parsed.users) };
}

function queryFailed(command: Command, result: CommandResult): UserError {
  const detail = result.failure ?? firstLine(result.stderr) ?? `exit ${result.exitCode}`;
  const why = result.exitCode === 127 ? detail : `${detail}: ${firstLine(result.stderr) ?? ''}`;
  return new UserError(`cannot inspect the current state (${[command.file, ...command.args].join(' ')}): ${why}`, 1);
}
