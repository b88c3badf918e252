// kind: one control-plane node container named <name>-control-plane on the shared network.
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
import { kindConfig } from './config.js';
import { metallbActions, metallbRange } from './metallb.js';

const kindName = (name: string) => `kind-${name}`;

/** What a create adds to the user's kubeconfig (kind's own context name too: a half-done create leaves it). */
const entries = (name: string) => ({
  contexts: [name, kindName(name)],
  clusters: [kindName(name)],
  users: [kindName(name)],
});

export const kindProvider: Provider = {
  name: 'kind',
  context: (cluster) => cluster.name,
  nodeContainer: (cluster) => `${cluster.name}-control-plane`,
  exists: (cluster, facts) => facts.containers.has(`${cluster.name}-control-plane`),

  create(cluster, facts, settings) {
    const config = statePath(settings, cluster.name, 'kind.yaml');
    const kubeconfig = clusterKubeconfig(settings, cluster.name);
    return [
      { kind: 'write', path: config, content: kindConfig(cluster) },
      ...(this.exists(cluster, facts) ? this.delete(cluster, facts, settings) : []),
      // kind adds to a kubeconfig that is already there; this one must hold this cluster and nothing else.
      { kind: 'remove', path: kubeconfig },
      {
        kind: 'run',
        command: run('kind', ['create', 'cluster', '--config', config, '--kubeconfig', kubeconfig], {
          env: { KIND_EXPERIMENTAL_DOCKER_NETWORK: settings.network },
        }),
      },
      renameContext(kubeconfig, kindName(cluster.name), cluster.name),
    ];
  },

  configure(cluster, facts, settings) {
    const kubeconfig = clusterKubeconfig(settings, cluster.name);
    const node = this.nodeContainer(cluster)!;
    return [
      pointAtNode(kubeconfig, kindName(cluster.name), node, nodeAddresses(this, cluster, facts), cluster.families),
      mergeIntoUserKubeconfig(kubeconfig, settings),
    ];
  },

  loadBalancer: (cluster, facts, settings) => metallbActions(cluster, cluster.name, facts, settings),
  loadBalancerRange: metallbRange,

  delete(cluster, facts, settings) {
    return [
      ...(this.exists(cluster, facts)
        ? [
            {
              kind: 'run' as const,
              // kind removes the cluster's entries from the kubeconfig it is given: the cluster's own file.
              // The user's kubeconfig is cleaned below, one locked write after another.
              command: run('kind', [
                'delete',
                'cluster',
                '--name',
                cluster.name,
                '--kubeconfig',
                clusterKubeconfig(settings, cluster.name),
              ]),
            },
          ]
        : []),
      ...deleteEntriesIfPresent(entries(cluster.name), facts),
    ];
  },
};
