// Linkerd numbers its releases two ways: edge releases by date (edge-25.3.4), stable and Buoyant Enterprise
// releases by feature version (stable-2.14.10, enterprise-2.15.5). A threshold names one of each.
import { atLeast, formatVersion, parseVersion, type Version } from '../model/versions.js';

export interface LinkerdVersion {
  channel: 'edge' | 'stable' | 'enterprise';
  version: Version;
}

export interface LinkerdThreshold {
  release: Version;
  edge: Version;
}

/** The oldest Linkerd the workshop runs on: multicluster gateway links as it uses them, HTTPRoute from 2.14. */
export const LINKERD_MINIMUM: LinkerdThreshold = { release: [2, 14, 0], edge: [23, 8, 3] };

/** From here on `linkerd install --crds` no longer ships the Gateway API CRDs: they must be there first. */
export const GATEWAY_API_NEEDED_FROM: LinkerdThreshold = { release: [2, 18, 0], edge: [25, 3, 4] };

/** What `linkerd version --client --short` prints, e.g. `edge-25.3.4`; undefined when it is none of those. */
export function parseLinkerdVersion(text: string): LinkerdVersion | undefined {
  const match = /\b(edge|stable|enterprise)-(\d+\.\d+\.\d+)/.exec(text);
  const version = match && parseVersion(match[2]!);
  return match && version ? { channel: match[1] as LinkerdVersion['channel'], version } : undefined;
}

export function linkerdAtLeast(linkerd: LinkerdVersion, threshold: LinkerdThreshold): boolean {
  return atLeast(linkerd.version, linkerd.channel === 'edge' ? threshold.edge : threshold.release);
}

export function formatLinkerdVersion(linkerd: LinkerdVersion): string {
  return `${linkerd.channel}-${formatVersion(linkerd.version)}`;
}

export function formatThreshold(threshold: LinkerdThreshold): string {
  return `${formatVersion(threshold.release).replace(/\.0$/, '')} / edge-${formatVersion(threshold.edge)}`;
}
