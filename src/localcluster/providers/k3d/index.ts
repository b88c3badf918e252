// k3d: one server node container named k3d-<name>-server-0 on the shared network. k3s brings its own
// LoadBalancer implementation (ServiceLB), so no MetalLB.
import { statePath } from '../../model/settings.js';
import { run } from '../../model/commands.js';
import {
  clusterKubeconfig,
  deleteEntriesIfPresent,
  mergeIntoUserKubeconfig,
  pointAtNode,
  renameContext,
} from '../kubeconfig.js';
import { nodeAddresses, type Provider } from '../provider.js';
import { k3dConfig } from './config.js';

const k3dName = (name: string) => `k3d-${name}`;

/** What a create adds to the user's kubeconfig (k3d's own context name too: a half-done create leaves it). */
const entries = (name: string) => ({
  contexts: [name, k3dName(name)],
  clusters: [k3dName(name)],
  users: [`admin@${k3dName(name)}`],
});

export const k3dProvider: Provider = {
  name: 'k3d',
  context: (cluster) => cluster.name,
  nodeContainer: (cluster) => `${k3dName(cluster.name)}-server-0`,
  exists: (cluster, facts) => facts.containers.has(`${k3dName(cluster.name)}-server-0`),

  create(cluster, facts, settings) {
    const config = statePath(settings, cluster.name, 'k3d.yaml');
    const kubeconfig = clusterKubeconfig(settings, cluster.name);
    return [
      { kind: 'write', path: config, content: k3dConfig(cluster, settings.network) },
      ...(this.exists(cluster, facts) ? this.delete(cluster, facts, settings) : []),
      { kind: 'run', command: run('k3d', ['cluster', 'create', '--config', config]) },
      // The whole file is replaced: it holds this cluster and nothing else.
      { kind: 'capture', command: run('k3d', ['kubeconfig', 'get', cluster.name]), path: kubeconfig },
      renameContext(kubeconfig, k3dName(cluster.name), cluster.name),
    ];
  },

  configure(cluster, facts, settings) {
    const kubeconfig = clusterKubeconfig(settings, cluster.name);
    const node = this.nodeContainer(cluster)!;
    return [
      pointAtNode(kubeconfig, k3dName(cluster.name), node, nodeAddresses(this, cluster, facts), cluster.families),
      mergeIntoUserKubeconfig(kubeconfig, settings),
    ];
  },

  loadBalancer: (cluster) => [
    { kind: 'note', text: `${cluster.name}: k3s's built-in ServiceLB serves LoadBalancer Services` },
  ],

  // ServiceLB answers on the node's own address, one port per Service.
  loadBalancerRange(cluster, facts) {
    const node = Object.values(nodeAddresses(this, cluster, facts) ?? {}).join(', ');
    return `${node || "the node's address"} (ServiceLB)`;
  },

  delete(cluster, facts, settings) {
    return [
      ...(this.exists(cluster, facts)
        ? [
            {
              kind: 'run' as const,
              // k3d removes its entries from the kubeconfig $KUBECONFIG names: here the cluster's own file.
              // The user's kubeconfig is cleaned below, one locked write after another.
              command: run('k3d', ['cluster', 'delete', cluster.name], {
                env: { KUBECONFIG: clusterKubeconfig(settings, cluster.name) },
              }),
            },
          ]
        : []),
      ...deleteEntriesIfPresent(entries(cluster.name), facts),
    ];
  },
};
