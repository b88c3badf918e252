// kubeconfig edits shared by the kind and k3d providers. Every one is marked `kubeconfig`, so the executor
// never runs two at once: kubectl refuses to write while another writer holds the kubeconfig lock.
import { Blocked } from '../plan/settings.js';
import { run, type Action } from '../plan/types.js';
import type { Facts } from '../facts.js';
import type { PerFamily } from '../types.js';

function kubectlConfig(...args: string[]): Action {
  return { kind: 'run', command: run('kubectl', ['config', ...args]), kubeconfig: true };
}

export function deleteContextIfPresent(context: string, facts: Facts): Action[] {
  return facts.kubeconfig.contexts.has(context) ? [kubectlConfig('delete-context', context)] : [];
}

export function deleteEntriesIfPresent(entries: { clusters?: string[]; users?: string[] }, facts: Facts): Action[] {
  return [
    ...(entries.clusters ?? []).filter((c) => facts.kubeconfig.clusters.has(c)).map((c) => kubectlConfig('delete-cluster', c)),
    ...(entries.users ?? []).filter((u) => facts.kubeconfig.users.has(u)).map((u) => kubectlConfig('delete-user', u)),
  ];
}

/** The provider's own context name becomes the cluster's name, as the workshop's commands expect. */
export function renameContext(from: string, to: string): Action {
  return kubectlConfig('rename-context', from, to);
}

/**
 * Points the kubeconfig at the node's address on the shared network instead of a port forwarded to
 * 127.0.0.1: `linkerd multicluster link` copies this address into the link, and other clusters must reach it.
 */
export function pointAtNode(kubeconfigCluster: string, node: string, addresses: PerFamily<string> | undefined): Action {
  if (!addresses?.v4 && !addresses?.v6) throw new Blocked(`node ${node} has no address on the shared network`);
  const host = addresses.v4 ?? `[${addresses.v6}]`;
  return kubectlConfig('set', `clusters.${kubeconfigCluster}.server`, `https://${host}:6443`);
}
