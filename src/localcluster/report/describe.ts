// What `info` and `status` show: each definition joined with what exists right now. Read-only.
import { nodeAddressQuery } from '../providers/context/index.js';
import { parseAddress } from '../network/ip.js';
import { providerOf } from '../providers/index.js';
import { nodeAddresses } from '../providers/provider.js';
import type { Facts } from '../facts.js';
import type { CommandRunner } from '../runner/types.js';
import type { ClusterDefinition, PerFamily } from '../model/cluster.js';

export interface ClusterReport {
  name: string;
  provider: string;
  context: string;
  group: string | null;
  zone: string | null;
  subnet: string | null;
  podCidrs: string[];
  serviceCidrs: string[];
  /**
   * "running", "exited", … for local clusters; "reachable"/"unreachable" for context clusters; "absent";
   * UNKNOWN_WITHOUT_ENGINE, UNKNOWN_WITHOUT_KUBECTL.
   */
  state: string;
  node: { container: string | null; ipv4: string | null; ipv6: string | null };
  /** Where its LoadBalancer Services' addresses come from. */
  loadBalancer: string;
  definition: string;
}

/** The state of a cluster with a node container when there is no Docker engine to ask. */
export const UNKNOWN_WITHOUT_ENGINE = 'unknown (no Docker engine)';
/** The state of a cluster elsewhere (a kubeconfig context) when there is no kubectl to ask. */
export const UNKNOWN_WITHOUT_KUBECTL = 'unknown (no kubectl)';

export async function describeClusters(
  clusters: readonly ClusterDefinition[],
  facts: Facts,
  runner: CommandRunner,
): Promise<ClusterReport[]> {
  return Promise.all(clusters.map((cluster) => describe(cluster, facts, runner)));
}

async function describe(cluster: ClusterDefinition, facts: Facts, runner: CommandRunner): Promise<ClusterReport> {
  const provider = providerOf(cluster);
  const container = provider.nodeContainer(cluster);
  let state: string;
  let addresses: PerFamily<string> = {};
  if (container && facts.noEngine) {
    state = UNKNOWN_WITHOUT_ENGINE;
  } else if (container) {
    state = facts.containers.get(container) ?? 'absent';
    addresses = nodeAddresses(provider, cluster, facts) ?? {};
  } else if (facts.noKubectl) {
    state = UNKNOWN_WITHOUT_KUBECTL;
  } else if (!provider.exists(cluster, facts)) {
    state = 'absent';
  } else {
    // A cluster elsewhere: ask its API server (read-only) for its first node's address.
    const answer = await runner.run(nodeAddressQuery(provider.context(cluster)));
    state = answer.exitCode === 0 ? 'reachable' : 'unreachable';
    const parsed = answer.exitCode === 0 ? parseAddress(answer.stdout.trim()) : undefined;
    if (parsed) addresses[parsed.family] = answer.stdout.trim();
  }
  return {
    name: cluster.name,
    provider: cluster.provider,
    context: provider.context(cluster),
    group: cluster.group ?? null,
    zone: cluster.zone ?? null,
    subnet: cluster.subnet
      ? `${cluster.subnet.byteId.toString(16).padStart(2, '0')}/${cluster.subnet.nybbleId.toString(16)}`.toUpperCase()
      : null,
    podCidrs: Object.values(cluster.podCidrs),
    serviceCidrs: Object.values(cluster.serviceCidrs),
    state,
    node: { container: container ?? null, ipv4: addresses.v4 ?? null, ipv6: addresses.v6 ?? null },
    loadBalancer: provider.loadBalancerRange(cluster, facts),
    definition: cluster.file,
  };
}

/** `info`: a block per cluster, as the workshop shows them. */
export function formatInfo(reports: readonly ClusterReport[]): string {
  return reports
    .map((r) => {
      const field = (name: string, value: string) => `  ${`${name}:`.padEnd(15)}${value}`;
      const node = [r.node.ipv4, r.node.ipv6].filter(Boolean).join(', ');
      return [
        `${r.name}:`,
        field('Provider', `${r.provider} (context ${r.context})`),
        field('State', r.state),
        field('Node address', node ? `${node}${r.node.container ? ` (${r.node.container})` : ''}` : '-'),
        field('Pod CIDRs', r.podCidrs.join(', ') || '-'),
        field('Service CIDRs', r.serviceCidrs.join(', ') || '-'),
        field('LoadBalancer', r.loadBalancer),
        field('Group', r.group ?? '-'),
        field('Zone', r.zone ?? '-'),
      ].join('\n');
    })
    .join('\n');
}

/** `status`: one table row per defined cluster. */
export function formatStatus(reports: readonly ClusterReport[]): string {
  const header = [
    'NAME',
    'PROVIDER',
    'GROUP',
    'ZONE',
    'SUBNET',
    'POD CIDRS',
    'SERVICE CIDRS',
    'STATE',
    'NODE ADDRESS',
    'LOADBALANCER',
  ];
  const rows = reports.map((r) => [
    r.name,
    r.provider,
    r.group ?? '-',
    r.zone ?? '-',
    r.subnet ?? '-',
    r.podCidrs.join(',') || '-',
    r.serviceCidrs.join(',') || '-',
    r.state,
    [r.node.ipv4, r.node.ipv6].filter(Boolean).join(',') || '-',
    r.loadBalancer,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
