// kind: one control-plane node container named <name>-control-plane on the shared network.
import { statePath, type Settings } from '../../plan/settings.js';
import { run, type Action } from '../../plan/types.js';
import { deleteContextIfPresent, deleteEntriesIfPresent, pointAtNode, renameContext } from '../kubeconfig.js';
import { nodeAddresses, type Provider } from '../provider.js';
import { kindConfig } from './config.js';
import { metallbActions } from './metallb.js';

const kindName = (name: string) => `kind-${name}`;

export const kindProvider: Provider = {
  name: 'kind',
  context: (cluster) => cluster.name,
  nodeContainer: (cluster) => `${cluster.name}-control-plane`,
  exists: (cluster, facts) => facts.containers.has(`${cluster.name}-control-plane`),

  create(cluster, facts, settings) {
    const config = statePath(settings, cluster.name, 'kind.yaml');
    return [
      { kind: 'write', path: config, content: kindConfig(cluster) },
      ...(this.exists(cluster, facts) ? [deleteCluster(cluster.name, settings)] : []),
      ...deleteContextIfPresent(cluster.name, facts),
      {
        kind: 'run',
        // kind writes a private kubeconfig here, so concurrent creates never race on the user's kubeconfig;
        // the export below merges it while holding the executor's kubeconfig lock.
        command: run('kind', ['create', 'cluster', '--config', config, '--kubeconfig', privateKubeconfig(cluster.name, settings)], {
          env: { KIND_EXPERIMENTAL_DOCKER_NETWORK: settings.network },
        }),
      },
      { kind: 'run', command: run('kind', ['export', 'kubeconfig', '--name', cluster.name]), kubeconfig: true },
      renameContext(kindName(cluster.name), cluster.name),
    ];
  },

  configure(cluster, facts) {
    const node = this.nodeContainer(cluster)!;
    return [pointAtNode(kindName(cluster.name), node, nodeAddresses(this, cluster, facts))];
  },

  loadBalancer: (cluster, facts, settings) => metallbActions(cluster, cluster.name, facts, settings),

  delete(cluster, facts, settings) {
    const name = kindName(cluster.name);
    return [
      ...(this.exists(cluster, facts) ? [deleteCluster(cluster.name, settings)] : []),
      ...deleteContextIfPresent(cluster.name, facts),
      ...deleteContextIfPresent(name, facts),
      ...deleteEntriesIfPresent({ clusters: [name], users: [name] }, facts),
    ];
  },
};

function privateKubeconfig(name: string, settings: Settings): string {
  return statePath(settings, name, 'kubeconfig');
}

function deleteCluster(name: string, settings: Settings): Action {
  return { kind: 'run', command: run('kind', ['delete', 'cluster', '--name', name, '--kubeconfig', privateKubeconfig(name, settings)]) };
}
