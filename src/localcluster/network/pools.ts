// MetalLB address pools, carved from the shared Docker network so LoadBalancer IPs are reachable from every
// cluster on it: the /28 at <network>.<nybble × 16> for IPv4, the /96 at <network /64>:<byte>:: for IPv6.
import { contains, formatCidr, networkOf, type Cidr } from './ip.js';
import type { NetworkFacts } from './inspect.js';
import type { ClusterDefinition } from '../model/cluster.js';

export type PoolResult = { ok: true; addresses: string[] } | { ok: false; problem: string };

export function metallbPool(network: Pick<NetworkFacts, 'name' | 'subnets'>, cluster: ClusterDefinition): PoolResult {
  if (!cluster.subnet) return { ok: false, problem: `${cluster.name} has no subnet IDs` };
  const addresses: string[] = [];
  for (const family of cluster.families) {
    const subnet = network.subnets[family];
    if (!subnet) return { ok: false, problem: `network ${network.name} has no IP${family} subnet` };
    const base = networkOf(subnet).address;
    const pool: Cidr =
      family === 'v4'
        ? { family, address: base + BigInt(cluster.subnet.nybbleId * 16), prefix: 28 }
        : { family, address: base + (BigInt(cluster.subnet.byteId) << 48n), prefix: 96 };
    if (!contains(subnet, pool)) {
      return {
        ok: false,
        problem: `pool ${formatCidr(pool)} does not fit in network ${network.name} (${formatCidr(subnet)})`,
      };
    }
    addresses.push(formatCidr(pool));
  }
  return { ok: true, addresses };
}
