// k3d: one server node container named k3d-<name>-server-0 on the shared network. k3s brings its own
// LoadBalancer implementation (ServiceLB), so no MetalLB.
import { statePath } from '../../plan/settings.js';
import { run, type Action } from '../../plan/types.js';
import { deleteContextIfPresent, pointAtNode, renameContext } from '../kubeconfig.js';
import { nodeAddresses, type Provider } from '../provider.js';
import { k3dConfig } from './config.js';

const k3dName = (name: string) => `k3d-${name}`;

// k3d removes its own kubeconfig entries when it deletes a cluster, so it runs under the kubeconfig lock.
const deleteCluster = (name: string): Action => ({ kind: 'run', command: run('k3d', ['cluster', 'delete', name]), kubeconfig: true });

export const k3dProvider: Provider = {
  name: 'k3d',
  context: (cluster) => cluster.name,
  nodeContainer: (cluster) => `${k3dName(cluster.name)}-server-0`,
  exists: (cluster, facts) => facts.containers.has(`${k3dName(cluster.name)}-server-0`),

  create(cluster, facts, settings) {
    const config = statePath(settings, cluster.name, 'k3d.yaml');
    return [
      { kind: 'write', path: config, content: k3dConfig(cluster, settings.network) },
      ...(this.exists(cluster, facts) ? [deleteCluster(cluster.name)] : []),
      ...deleteContextIfPresent(cluster.name, facts),
      { kind: 'run', command: run('k3d', ['cluster', 'create', '--config', config]) },
      {
        kind: 'run',
        command: run('k3d', ['kubeconfig', 'merge', cluster.name, '--kubeconfig-merge-default', '--kubeconfig-switch-context']),
        kubeconfig: true,
      },
      renameContext(k3dName(cluster.name), cluster.name),
    ];
  },

  configure(cluster, facts) {
    const node = this.nodeContainer(cluster)!;
    return [pointAtNode(k3dName(cluster.name), node, nodeAddresses(this, cluster, facts))];
  },

  loadBalancer: (cluster) => [{ kind: 'note', text: `${cluster.name}: k3s's built-in ServiceLB serves LoadBalancer Services` }],

  delete(cluster, facts) {
    return [...(this.exists(cluster, facts) ? [deleteCluster(cluster.name)] : []), ...deleteContextIfPresent(cluster.name, facts)];
  },
};
