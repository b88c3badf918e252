// Linkerd 2.18 (edge-25.3.4) and later expect the Gateway API CRDs in the cluster before they are installed;
// older releases install their own copy with `linkerd install --crds`. localcluster applies a pinned
// standard-channel release shipped in the package (no download at run time), and only where the Linkerd CLI
// needs it and the cluster lacks it: CRDs that someone else installed are never touched.
import { fileURLToPath } from 'node:url';
import { run, type Command } from '../model/commands.js';
import { firstLine } from '../model/versions.js';
import type { Action } from '../model/actions.js';
import type { CommandRunner } from '../runner/types.js';
import {
  formatLinkerdVersion,
  formatThreshold,
  GATEWAY_API_NEEDED_FROM,
  linkerdAtLeast,
  parseLinkerdVersion,
  type LinkerdVersion,
} from './version.js';

export const GATEWAY_API_RELEASE = 'v1.2.1';
/** From src/localcluster/linkerd/ or dist/localcluster/linkerd/ up to the package root. */
export const GATEWAY_API_MANIFEST = fileURLToPath(
  new URL(`../../../manifests/gateway-api-${GATEWAY_API_RELEASE}-standard-install.yaml`, import.meta.url),
);
/** The CRDs Linkerd's policy controller watches. */
export const GATEWAY_API_CRDS = ['httproutes.gateway.networking.k8s.io', 'grpcroutes.gateway.networking.k8s.io'];

export interface GatewayApiFacts {
  /** What the Linkerd CLI said it is; a string when it could not be read (the reason). */
  linkerd: LinkerdVersion | string;
  /** Per kube context: which of GATEWAY_API_CRDS it has. Asked only when the CLI needs them. */
  crds: ReadonlyMap<string, ReadonlySet<string>>;
}

export const gatewayApiQueries = {
  linkerdVersion: (): Command => run('linkerd', ['version', '--client', '--short']),
  crds: (context: string): Command =>
    run('kubectl', ['--context', context, 'get', 'crd', ...GATEWAY_API_CRDS, '--ignore-not-found', '--output=name']),
};

export async function gatherGatewayApiFacts(
  runner: CommandRunner,
  contexts: readonly string[],
  signal?: AbortSignal,
): Promise<GatewayApiFacts> {
  const answer = await runner.run(gatewayApiQueries.linkerdVersion(), { signal });
  const parsed = answer.exitCode === 0 ? parseLinkerdVersion(answer.stdout) : undefined;
  const linkerd =
    parsed ??
    (answer.exitCode === 127
      ? 'the linkerd CLI is not on PATH'
      : `cannot read the Linkerd CLI's version from ${JSON.stringify(firstLine(answer.stdout || answer.stderr))}`);
  const crds = new Map<string, ReadonlySet<string>>();
  if (typeof linkerd !== 'string' && linkerdAtLeast(linkerd, GATEWAY_API_NEEDED_FROM)) {
    const answers = await Promise.all(
      contexts.map((context) => runner.run(gatewayApiQueries.crds(context), { signal })),
    );
    contexts.forEach((context, i) => {
      const result = answers[i]!;
      // `crd/NAME` lines; a cluster that does not answer counts as lacking them (applying is harmless).
      const names = result.exitCode === 0 ? result.stdout.split('\n').map((line) => line.trim().split('/')[1]) : [];
      crds.set(context, new Set(names.filter((name): name is string => Boolean(name))));
    });
  }
  return { linkerd, crds };
}

/** The actions before `linkerd install --crds` in one cluster. */
export function gatewayApiActions(context: string, facts: GatewayApiFacts): Action[] {
  const { linkerd } = facts;
  if (typeof linkerd === 'string') return [{ kind: 'note', text: `${linkerd}; Gateway API CRDs not checked` }];
  const version = formatLinkerdVersion(linkerd);
  if (!linkerdAtLeast(linkerd, GATEWAY_API_NEEDED_FROM))
    return [{ kind: 'note', text: `linkerd ${version} installs its own Gateway API CRDs` }];
  const present = facts.crds.get(context) ?? new Set<string>();
  if (GATEWAY_API_CRDS.every((crd) => present.has(crd)))
    return [{ kind: 'note', text: `${context} has the Gateway API CRDs; left as they are` }];
  const kubectl = (...args: string[]) => run('kubectl', ['--context', context, ...args]);
  return [
    {
      kind: 'note',
      text: `linkerd ${version} needs the Gateway API CRDs (from ${formatThreshold(GATEWAY_API_NEEDED_FROM)} on): installing ${GATEWAY_API_RELEASE}`,
    },
    // Server-side: the HTTPRoute CRD is too large for the annotation a client-side apply keeps.
    { kind: 'run', command: kubectl('apply', '--server-side', '-f', GATEWAY_API_MANIFEST) },
    {
      kind: 'run',
      command: kubectl(
        'wait',
        '--for=condition=Established',
        '--timeout=1m',
        ...GATEWAY_API_CRDS.map((crd) => `crd/${crd}`),
      ),
    },
  ];
}
