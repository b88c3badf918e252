// The vocabulary shared by every part of localcluster: a cluster as its definition file describes it.
import type { Position } from '../../common/messages.js';

export type ProviderName = 'kind' | 'k3d' | 'context';
export const PROVIDER_NAMES: readonly ProviderName[] = ['kind', 'k3d', 'context'];

export type Family = 'v4' | 'v6';
/** Per address family; a family is present only when the cluster enables it. */
export type PerFamily<T> = Partial<Record<Family, T>>;

export interface SubnetIds {
  /** The "HH" half: IPv6 pod/service CIDRs and the IPv6 MetalLB pool. */
  byteId: number;
  /** The "N" half: IPv4 pod/service CIDRs and the IPv4 MetalLB pool. */
  nybbleId: number;
}

/** One `sma.yaml`, validated and resolved. */
export interface ClusterDefinition {
  name: string;
  provider: ProviderName;
  /** The definition file and its folder (as found, relative to the working directory when given so). */
  file: string;
  dir: string;
  /** Where `metadata.name` is written, for messages about this cluster. */
  at: Position;
  subnet?: SubnetIds;
  families: readonly Family[];
  podCidrs: PerFamily<string>;
  serviceCidrs: PerFamily<string>;
  group?: string;
  zone?: string;
  /** The kubeconfig context of a pre-existing cluster (provider `context`). */
  context?: string;
  /** `mc-values.yaml` next to the definition, passed to `linkerd multicluster install` when present. */
  multiclusterValues?: string;
}
