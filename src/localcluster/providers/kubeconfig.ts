// kubeconfig handling shared by the kind and k3d providers. Each new cluster's kubeconfig is prepared in a file
// of its own in the state folder — renamed context, server at the node's address — where nothing else writes,
// so clusters created side by side never wait for each other. It then reaches the user's kubeconfig in one
// merge. Writes to the user's kubeconfig are marked `kubeconfig`, so the executor never runs two at once:
// kubectl refuses to write while another writer holds the kubeconfig lock.
import { delimiter } from 'node:path';
import { Blocked } from '../model/errors.js';
import { statePath, type Settings } from '../model/settings.js';
import { run } from '../model/commands.js';
import type { Action } from '../model/actions.js';
import type { Facts } from '../facts.js';
import type { Family, PerFamily } from '../model/cluster.js';

/** The cluster's own kubeconfig, which the provider writes and the steps below edit. */
export function clusterKubeconfig(settings: Settings, cluster: string): string {
  return statePath(settings, cluster, 'kubeconfig');
}

function editFile(file: string, ...args: string[]): Action {
  return { kind: 'run', command: run('kubectl', ['--kubeconfig', file, 'config', ...args]) };
}

/** The provider's own context name becomes the cluster's name, as the workshop's commands expect. */
export function renameContext(file: string, from: string, to: string): Action {
  return editFile(file, 'rename-context', from, to);
}

/**
 * Points the cluster's kubeconfig at the node's address on the shared network instead of a port forwarded to
 * 127.0.0.1: `linkerd multicluster link` copies this address into the link, and other clusters must reach it.
 */
export function pointAtNode(
  file: string,
  kubeconfigCluster: string,
  node: string,
  addresses: PerFamily<string> | undefined,
  families: readonly Family[],
): Action {
  // The cluster's own first family: an IPv6-only API server's certificate names only its IPv6 address.
  const family = families.find((f) => addresses?.[f]);
  if (!family)
    throw new Blocked(
      `node ${node} has no ${families.map((f) => (f === 'v4' ? 'IPv4' : 'IPv6')).join(' or ')} address on the shared network`,
    );
  const host = family === 'v4' ? addresses![family] : `[${addresses![family]}]`;
  return editFile(file, 'set', `clusters.${kubeconfigCluster}.server`, `https://${host}:6443`);
}

/**
 * The cluster's kubeconfig merged into the user's: kubectl reads both, the cluster's first so that its entries
 * (and its current-context) win over stale ones of the same name, and the result replaces the user's file.
 * `--raw` keeps credentials, and keeps the user's own entries as they are (file references stay references).
 */
export function mergeIntoUserKubeconfig(file: string, settings: Settings): Action {
  return {
    kind: 'capture',
    command: run('kubectl', ['config', 'view', '--raw'], {
      env: { KUBECONFIG: [file, settings.kubeconfig].join(delimiter) },
    }),
    path: settings.kubeconfig,
    kubeconfig: true,
  };
}

/** Removes from the user's kubeconfig whichever of these entries it has. */
export function deleteEntriesIfPresent(
  entries: { contexts: string[]; clusters: string[]; users: string[] },
  facts: Facts,
): Action[] {
  const { contexts, clusters, users } = facts.kubeconfig;
  const remove = (verb: string, name: string): Action => ({
    kind: 'run',
    command: run('kubectl', ['config', verb, name]),
    kubeconfig: true,
  });
  return [
    ...entries.contexts.filter((c) => contexts.has(c)).map((c) => remove('delete-context', c)),
    ...entries.clusters.filter((c) => clusters.has(c)).map((c) => remove('delete-cluster', c)),
    ...entries.users.filter((u) => users.has(u)).map((u) => remove('delete-user', u)),
  ];
}
