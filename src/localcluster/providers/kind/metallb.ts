// kind has no LoadBalancer implementation, so kind clusters get MetalLB with a pool from the shared network.
import { metallbPool } from '../../network/pools.js';
import { Blocked } from '../../model/errors.js';
import { statePath, type Settings } from '../../model/settings.js';
import { run } from '../../model/commands.js';
import type { Action } from '../../model/actions.js';
import { generatedYaml } from '../generated.js';
import type { Facts } from '../../facts.js';
import type { ClusterDefinition } from '../../model/cluster.js';

const NAMESPACE = 'metallb';
const POOL = 'localcluster';

export function metallbManifest(cluster: ClusterDefinition, addresses: readonly string[]): string {
  return generatedYaml(cluster, [
    {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: POOL, namespace: NAMESPACE },
      spec: { addresses: [...addresses] },
    },
    {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: { name: POOL, namespace: NAMESPACE },
      spec: { ipAddressPools: [POOL] },
    },
  ]);
}

/** The pool `lb` gives the cluster, from the network as it is now. */
export function metallbRange(cluster: ClusterDefinition, facts: Facts): string {
  if (facts.noEngine) return `MetalLB pool from network ${facts.networkName} (unknown: no Docker engine)`;
  if (!facts.network) return `MetalLB pool, once network ${facts.networkName} exists`;
  const pool = metallbPool(facts.network, cluster);
  return pool.ok ? `${pool.addresses.join(', ')} (MetalLB)` : `none: ${pool.problem}`;
}

export function metallbActions(
  cluster: ClusterDefinition,
  context: string,
  facts: Facts,
  settings: Settings,
): Action[] {
  if (!facts.network) throw new Blocked(`network ${settings.network} does not exist (run: localcluster network)`);
  const pool = metallbPool(facts.network, cluster);
  if (!pool.ok) throw new Blocked(pool.problem);
  const manifest = statePath(settings, cluster.name, 'metallb.yaml');
  const kubectl = (...args: string[]) => run('kubectl', ['--context', context, ...args]);
  return [
    { kind: 'run', command: kubectl('wait', '--for=condition=Ready', '--timeout=5m', 'nodes', '--all') },
    {
      kind: 'run',
      // upgrade --install makes a re-run harmless; --repo avoids depending on the user's `helm repo` list;
      // --wait holds until MetalLB's webhook answers, which the pool below needs.
      command: run('helm', [
        'upgrade',
        '--install',
        'metallb',
        'metallb',
        '--repo',
        'https://metallb.github.io/metallb',
        '--kube-context',
        context,
        '--namespace',
        NAMESPACE,
        '--create-namespace',
        '--wait',
        '--timeout',
        '5m',
      ]),
    },
    { kind: 'write', path: manifest, content: metallbManifest(cluster, pool.addresses) },
    { kind: 'run', command: kubectl('apply', '-f', manifest) },
  ];
}
