// Linkerd's CLI renders manifests and kubectl applies them: each step is `linkerd … | kubectl … apply -f -`,
// with the pipe built in code.
import { run, type Command } from '../model/commands.js';
import type { Action } from '../model/actions.js';
import type { PairPaths } from '../certs/store.js';

const apply = (context: string): Command => run('kubectl', ['--context', context, 'apply', '-f', '-']);
const linkerd = (context: string, ...args: string[]): Command => run('linkerd', ['--context', context, ...args]);

export function installCrds(context: string): Action {
  return { kind: 'pipe', from: linkerd(context, 'install', '--crds'), to: apply(context) };
}

export function installControlPlane(context: string, anchor: PairPaths, issuer: PairPaths, ipv6: boolean): Action {
  return {
    kind: 'pipe',
    from: linkerd(
      context,
      'install',
      // The workshop's clusters are IPv4-only; Linkerd's IPv6 support stays off unless a cluster enables it.
      ...(ipv6 ? [] : ['--set', 'disableIPv6=true']),
      '--identity-trust-anchors-file',
      anchor.cert,
      '--identity-issuer-certificate-file',
      issuer.cert,
      '--identity-issuer-key-file',
      issuer.key,
    ),
    to: apply(context),
  };
}

/** The multicluster gateway needs its proxy injected, so the control plane must be up before it is created. */
export function waitForControlPlane(context: string): Action {
  return {
    kind: 'run',
    command: run('kubectl', [
      '--context',
      context,
      'wait',
      '--namespace',
      'linkerd',
      '--for=condition=Available',
      '--timeout=5m',
      'deployment',
      '--all',
    ]),
  };
}

export function installMulticluster(context: string, values?: string): Action {
  return {
    kind: 'pipe',
    from: linkerd(context, 'multicluster', 'install', ...(values ? ['--values', values] : [])),
    to: apply(context),
  };
}

/** Lets `source` reach `target`: the link is rendered against the target and applied in the source. */
export function link(source: { context: string }, target: { name: string; context: string }): Action {
  return {
    kind: 'pipe',
    from: linkerd(target.context, 'multicluster', 'link', '--cluster-name', target.name),
    to: apply(source.context),
  };
}
