// Pod-to-pod multicluster needs every node of a group to reach every other member's pods: one route per
// member and family, via that member's node address. `ip route replace` makes re-runs harmless.
import { providerOf } from '../providers/index.js';
import { nodeAddresses } from '../providers/provider.js';
import { run } from '../model/commands.js';
import type { Action } from '../model/actions.js';
import type { Facts } from '../facts.js';
import type { ClusterDefinition } from '../model/cluster.js';

/** Group members whose node is attached to the shared network, in definition order. */
export function attachedMembers(
  clusters: readonly ClusterDefinition[],
  group: string,
  facts: Facts,
): ClusterDefinition[] {
  return clusters.filter((c) => c.group === group && nodeAddresses(providerOf(c), c, facts) !== undefined);
}

/** The groups the selected clusters belong to, in order of first appearance. */
export function groupsOf(selected: readonly ClusterDefinition[]): string[] {
  return [...new Set(selected.flatMap((c) => (c.group ? [c.group] : [])))];
}

/**
 * Routes for every attached member of every group a selected cluster is in: the whole group is redone,
 * because a new member needs routes from the others as much as to them. Keyed by member name.
 */
export function groupRoutes(
  clusters: readonly ClusterDefinition[],
  selected: readonly ClusterDefinition[],
  facts: Facts,
): Map<string, Action[]> {
  const routes = new Map<string, Action[]>();
  for (const group of groupsOf(selected)) {
    const members = attachedMembers(clusters, group, facts);
    for (const member of members) {
      const node = providerOf(member).nodeContainer(member)!;
      const actions: Action[] = [];
      for (const other of members) {
        if (other === member) continue;
        const via = nodeAddresses(providerOf(other), other, facts)!;
        for (const family of member.families) {
          const cidr = other.podCidrs[family];
          const address = via[family];
          if (!cidr || !address) continue;
          const ip = family === 'v6' ? ['ip', '-6'] : ['ip'];
          actions.push({
            kind: 'run',
            command: run('docker', ['exec', node, ...ip, 'route', 'replace', cidr, 'via', address]),
          });
        }
      }
      if (!actions.length)
        actions.push({ kind: 'note', text: `${member.name}: no other member of group ${group} is running yet` });
      routes.set(member.name, actions);
    }
  }
  return routes;
}
