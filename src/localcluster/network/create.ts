// The shared Docker network all local nodes join. kind would create one by itself with a random subnet; a
// fixed one keeps MetalLB pools and node addresses the same on every run.
import { UserError } from '../../common/errors.js';
import { formatAddress, formatCidr, networkOf, parseCidr, type Cidr } from './ip.js';
import { run, type Command } from '../model/commands.js';
import type { NetworkFacts } from './inspect.js';

export const DEFAULT_NETWORK = 'kind';
export const DEFAULT_SUBNET = '192.168.155.0/24';
/** The IPv6 subnet kind itself uses for its network. */
export const DEFAULT_IPV6_SUBNET = 'fc00:f853:ccd:e793::/64';

export interface NetworkSpec {
  subnet: Cidr;
  ipv6?: Cidr;
  /** The subnet was asked for (--subnet): an existing network with another subnet is then an error. */
  explicit: boolean;
}

/** Parses --subnet (IPv4 network, big enough for MetalLB pools) and, with --ipv6, the IPv6 subnet. */
export function networkSpec(subnet: string, ipv6: boolean, explicit: boolean): NetworkSpec {
  const v4 = parseCidr(subnet);
  if (v4?.family !== 'v4')
    throw new UserError(`--subnet ${subnet}: expected an IPv4 CIDR such as ${DEFAULT_SUBNET}`, 2);
  if (v4.prefix > 24) throw new UserError(`--subnet ${subnet}: must be a /24 or larger, to hold the MetalLB pools`, 2);
  return { subnet: networkOf(v4), ipv6: ipv6 ? parseCidr(DEFAULT_IPV6_SUBNET) : undefined, explicit };
}

export function networkCreateCommand(name: string, spec: NetworkSpec): Command {
  const gateway = formatAddress('v4', networkOf(spec.subnet).address + 1n);
  return run('docker', [
    'network',
    'create',
    '--driver',
    'bridge',
    '--subnet',
    formatCidr(spec.subnet),
    '--gateway',
    gateway,
    ...(spec.ipv6 ? ['--ipv6', '--subnet', formatCidr(spec.ipv6)] : []),
    '--opt',
    'com.docker.network.bridge.enable_ip_masquerade=true',
    '--opt',
    'com.docker.network.driver.mtu=1500',
    name,
  ]);
}

/** The network as it will look once created (for the dry run). */
export function plannedNetwork(name: string, spec: NetworkSpec): NetworkFacts {
  return { name, subnets: { v4: spec.subnet, ...(spec.ipv6 ? { v6: spec.ipv6 } : {}) }, attached: new Map() };
}
