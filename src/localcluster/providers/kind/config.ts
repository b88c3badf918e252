// The kind cluster config for a definition: its pod and service CIDRs, and its zone as a node label.
import { generatedYaml, joinFamilies, ZONE_LABEL } from '../generated.js';
import type { ClusterDefinition } from '../../model/cluster.js';

export function kindConfig(cluster: ClusterDefinition): string {
  const ipFamily = cluster.families.length === 2 ? 'dual' : cluster.families[0] === 'v6' ? 'ipv6' : 'ipv4';
  const config: Record<string, unknown> = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name: cluster.name,
    networking: {
      ipFamily,
      podSubnet: joinFamilies(cluster.podCidrs),
      serviceSubnet: joinFamilies(cluster.serviceCidrs),
    },
  };
  if (cluster.zone) config.nodes = [{ role: 'control-plane', labels: { [ZONE_LABEL]: cluster.zone } }];
  return generatedYaml(cluster, [config]);
}
