// context: a cluster that already exists elsewhere (a hosted cluster), reached through its kubeconfig
// context. localcluster never creates or deletes it; it only checks that it answers, and then gives it
// certificates, Linkerd and links like any other cluster.
import { Blocked } from '../../model/errors.js';
import { run } from '../../model/commands.js';
import type { Action } from '../../model/actions.js';
import type { Provider } from '../provider.js';
import type { Facts } from '../../facts.js';
import type { ClusterDefinition } from '../../model/cluster.js';

/** Asks the API server for its first node's address: proof that the context answers, and a fact for `info`. */
export function nodeAddressQuery(context: string) {
  return run('kubectl', [
    '--context',
    context,
    'get',
    'nodes',
    '--output=jsonpath={.items[0].status.addresses[0].address}',
    '--request-timeout=10s',
  ]);
}

function check(cluster: ClusterDefinition, facts: Facts): Action[] {
  const context = cluster.context!;
  if (!facts.kubeconfig.contexts.has(context)) throw new Blocked(`context ${context} is not in your kubeconfig`);
  return [{ kind: 'run', command: nodeAddressQuery(context) }];
}

export const contextProvider: Provider = {
  name: 'context',
  context: (cluster) => cluster.context!,
  nodeContainer: () => undefined,
  exists: (cluster, facts) => facts.kubeconfig.contexts.has(cluster.context!),
  create: (cluster, facts) => [
    {
      kind: 'note',
      text: `${cluster.name} already exists elsewhere (context ${cluster.context}); checking that it answers`,
    },
    ...check(cluster, facts),
  ],
  configure: () => [],
  loadBalancer: (cluster) => [
    { kind: 'note', text: `${cluster.name}: LoadBalancer Services are its platform's business` },
  ],
  loadBalancerRange: () => "its platform's",
  delete: (cluster, facts) => [
    { kind: 'note', text: `${cluster.name} is not local (context ${cluster.context}); it is left as it is` },
    ...check(cluster, facts),
  ],
};
