// The k3d cluster config for a definition: one server on the shared network, the definition's CIDRs, no
// traefik or metrics-server (the workshop brings its own ingress), the zone as a node label.
import { generatedYaml, joinFamilies, ZONE_LABEL } from '../generated.js';
import type { ClusterDefinition } from '../../model/cluster.js';

export const K3S_IMAGE = 'rancher/k3s:v1.29.2-k3s1';

export function k3dConfig(cluster: ClusterDefinition, network: string): string {
  const onServers = (arg: string) => ({ arg, nodeFilters: ['server:*'] });
  const k3s: Record<string, unknown> = {
    extraArgs: [
      onServers(`--cluster-cidr=${joinFamilies(cluster.podCidrs)}`),
      onServers(`--service-cidr=${joinFamilies(cluster.serviceCidrs)}`),
      onServers('--disable=traefik,metrics-server'),
    ],
  };
  if (cluster.zone) k3s.nodeLabels = [{ label: `${ZONE_LABEL}=${cluster.zone}`, nodeFilters: ['server:*'] }];
  return generatedYaml(cluster, [
    {
      apiVersion: 'k3d.io/v1alpha5',
      kind: 'Simple',
      metadata: { name: cluster.name },
      servers: 1,
      image: K3S_IMAGE,
      network,
      options: {
        k3s,
        // The user's kubeconfig is left alone here: the cluster's kubeconfig is fetched into a file of its own
        // and merged later under the executor's kubeconfig lock, never during a create that runs alongside others.
        kubeconfig: { updateDefaultKubeconfig: false, switchCurrentContext: false },
      },
    },
  ]);
}
