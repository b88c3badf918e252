// `docker network inspect NAME` → the facts localcluster needs: the network's subnets and which node
// containers are attached with which addresses. Parsed leniently: newer engines add fields.
import { z } from 'zod';
import { parseCidr, type Cidr } from './ip.js';
import type { PerFamily } from '../model/cluster.js';

export interface NetworkFacts {
  name: string;
  /** The first subnet of each family in the network's IPAM config. */
  subnets: PerFamily<Cidr>;
  /** Attached containers by name, with addresses (no prefix length). Only running containers are attached. */
  attached: ReadonlyMap<string, PerFamily<string>>;
}

const inspectSchema = z
  .array(
    z.looseObject({
      Name: z.string(),
      IPAM: z
        .looseObject({
          Config: z.array(z.looseObject({ Subnet: z.string().optional() })).nullish(),
        })
        .nullish(),
      Containers: z
        .record(
          z.string(),
          z.looseObject({
            Name: z.string(),
            IPv4Address: z.string().nullish(),
            IPv6Address: z.string().nullish(),
          }),
        )
        .nullish(),
    }),
  )
  .min(1);

export class InspectFormatError extends Error {}

export function parseNetworkInspect(json: string): NetworkFacts {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new InspectFormatError('docker network inspect printed something that is not JSON');
  }
  const parsed = inspectSchema.safeParse(data);
  if (!parsed.success) {
    throw new InspectFormatError(`unexpected docker network inspect output: ${parsed.error.issues[0]?.message}`);
  }
  const network = parsed.data[0]!;
  const subnets: PerFamily<Cidr> = {};
  for (const config of network.IPAM?.Config ?? []) {
    const cidr = config.Subnet ? parseCidr(config.Subnet) : undefined;
    if (cidr && !subnets[cidr.family]) subnets[cidr.family] = cidr;
  }
  const attached = new Map<string, PerFamily<string>>();
  for (const container of Object.values(network.Containers ?? {})) {
    const addresses: PerFamily<string> = {};
    const v4 = withoutPrefix(container.IPv4Address);
    const v6 = withoutPrefix(container.IPv6Address);
    if (v4) addresses.v4 = v4;
    if (v6) addresses.v6 = v6;
    attached.set(container.Name, addresses);
  }
  return { name: network.Name, subnets, attached };
}

function withoutPrefix(address: string | null | undefined): string | undefined {
  return address ? address.split('/')[0] : undefined;
}
