// Everything a planner may look at: the definitions, the settings, and what the world looks like.
import type { Facts } from '../facts.js';
import type { CertFacts } from '../certs/store.js';
import type { GatewayApiFacts } from '../linkerd/gateway-api.js';
import type { NetworkSpec } from '../network/create.js';
import type { ClusterDefinition } from '../model/cluster.js';
import type { Settings } from '../model/settings.js';
import { Blocked } from '../model/errors.js';
import type { Action, Lane } from '../model/actions.js';

export interface PlanInput {
  /** Every loaded definition: groups and routes span clusters that were not named on the command line. */
  clusters: readonly ClusterDefinition[];
  /** The clusters the command was given (all of them when no names were). */
  selected: readonly ClusterDefinition[];
  settings: Settings;
  /** The network to create when it is missing. */
  networkSpec: NetworkSpec;
  /** `link --src --dst`. */
  link?: { source: ClusterDefinition; target: ClusterDefinition };
}

/** Facts gathered read-only; each command gathers only what it needs. */
export interface World {
  facts?: Facts;
  certs?: CertFacts;
  gatewayApi?: GatewayApiFacts;
}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`planner needs ${what}, which this command did not gather`);
  return value;
}

/** A lane for one cluster; a planner that throws Blocked makes it a lane that fails with that reason. */
export function clusterLane(cluster: ClusterDefinition, build: () => Action[]): Lane {
  try {
    return { cluster: cluster.name, label: cluster.name, actions: build() };
  } catch (error) {
    if (error instanceof Blocked)
      return { cluster: cluster.name, label: cluster.name, actions: [], blocked: error.message };
    throw error;
  }
}
