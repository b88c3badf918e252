// One interface for every way a cluster comes to exist. A provider turns a definition into actions; it never
// runs anything itself.
import type { Facts } from '../facts.js';
import type { Action } from '../model/actions.js';
import type { Settings } from '../model/settings.js';
import type { ClusterDefinition, PerFamily, ProviderName } from '../model/cluster.js';

export interface Provider {
  readonly name: ProviderName;
  /** The kube context every command after creation uses. */
  context(cluster: ClusterDefinition): string;
  /** The Docker container of the cluster's node on the shared network; undefined for clusters elsewhere. */
  nodeContainer(cluster: ClusterDefinition): string | undefined;
  exists(cluster: ClusterDefinition, facts: Facts): boolean;
  /** Create the cluster, deleting an existing one of the same name first. */
  create(cluster: ClusterDefinition, facts: Facts, settings: Settings): Action[];
  /** Once the node has an address: what makes the cluster usable from other clusters. */
  configure(cluster: ClusterDefinition, facts: Facts, settings: Settings): Action[];
  /** What gives LoadBalancer Services an address. */
  loadBalancer(cluster: ClusterDefinition, facts: Facts, settings: Settings): Action[];
  /** Where LoadBalancer Services' addresses come from, for `info` and `status` (read-only). */
  loadBalancerRange(cluster: ClusterDefinition, facts: Facts): string;
  delete(cluster: ClusterDefinition, facts: Facts, settings: Settings): Action[];
}

/** The node's addresses on the shared network, when its container is attached. */
export function nodeAddresses(
  provider: Provider,
  cluster: ClusterDefinition,
  facts: Facts,
): PerFamily<string> | undefined {
  const container = provider.nodeContainer(cluster);
  return container ? facts.network?.attached.get(container) : undefined;
}
