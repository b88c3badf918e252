// Pod and service CIDRs follow from a cluster's subnet IDs, so no two clusters overlap and routes between
// them are unambiguous.
import type { Family, PerFamily, SubnetIds } from '../model/cluster.js';

export function podCidrs(ids: SubnetIds, families: readonly Family[]): PerFamily<string> {
  return cidrsFor(ids, families, 1);
}

export function serviceCidrs(ids: SubnetIds, families: readonly Family[]): PerFamily<string> {
  return cidrsFor(ids, families, 2);
}

// IPv4: 10.<nybble>.<1|2>.0/24. IPv6: fd00:<byte>:<1|2>::/64 for pods, /112 for services.
function cidrsFor(ids: SubnetIds, families: readonly Family[], block: 1 | 2): PerFamily<string> {
  const result: PerFamily<string> = {};
  if (families.includes('v4')) result.v4 = `10.${ids.nybbleId}.${block}.0/24`;
  if (families.includes('v6')) result.v6 = `fd00:${ids.byteId.toString(16)}:${block}::/${block === 1 ? 64 : 112}`;
  return result;
}
