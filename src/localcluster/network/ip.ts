// Just enough IP arithmetic for carving pools out of a Docker network: parse, format canonically, add.
import type { Family } from '../model/cluster.js';

export interface Cidr {
  family: Family;
  /** The address as an unsigned integer (32 or 128 bits). */
  address: bigint;
  prefix: number;
}

const BITS: Record<Family, number> = { v4: 32, v6: 128 };

export function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n);
}

export function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

export function parseAddress(text: string): { family: Family; address: bigint } | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 'v4', address: v4 };
  const v6 = parseIPv6(text);
  return v6 === undefined ? undefined : { family: 'v6', address: v6 };
}

export function parseCidr(text: string): Cidr | undefined {
  const [addressText, prefixText, extra] = text.split('/');
  if (extra !== undefined || !addressText || !prefixText || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const parsed = parseAddress(addressText);
  const prefix = Number(prefixText);
  if (!parsed || prefix > BITS[parsed.family]) return undefined;
  return { ...parsed, prefix };
}

export function formatAddress(family: Family, address: bigint): string {
  if (family === 'v4') return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: compress the longest run (≥ 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatAddress(cidr.family, cidr.address)}/${cidr.prefix}`;
}

/** The network address of `cidr` (host bits cleared). */
export function networkOf(cidr: Cidr): Cidr {
  const hostBits = BigInt(BITS[cidr.family] - cidr.prefix);
  return { ...cidr, address: (cidr.address >> hostBits) << hostBits };
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  return networkOf({ ...inner, prefix: outer.prefix }).address === networkOf(outer).address;
}
