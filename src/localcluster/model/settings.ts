// Where things go and which network they use: the command-line settings every planner needs.
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface Settings {
  /** The shared Docker network every local node joins (`kind` unless told otherwise). */
  network: string;
  /** Generated files (provider configs, MetalLB pools, private kubeconfigs): <stateDir>/<cluster>/. */
  stateDir: string;
  /** The trust anchor (root.crt, root.key) and per-cluster issuers (<trustDir>/<cluster>/issuer.*). */
  trustDir: string;
  /** Replace the trust anchor and issuers even when they are present and sound. */
  force: boolean;
  /** The user's kubeconfig, into which each new cluster's own kubeconfig is merged. */
  kubeconfig: string;
}

export function statePath(settings: Settings, cluster: string, file: string): string {
  return join(settings.stateDir, cluster, file);
}

/** The kubeconfig new entries go to: the first entry of $KUBECONFIG when it is set, else ~/.kube/config. */
export function defaultKubeconfig(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const first = (env.KUBECONFIG ?? '').split(delimiter).find(Boolean);
  return first ?? join(home, '.kube', 'config');
}
