// Where certificates live and what state they are in. Keys are written mode 0600 into folders made 0700,
// always atomically.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files.js';
import type { PemPair } from './x509.js';

// The x509 library is slow to load; only commands that touch certificates pay for it.
const x509 = () => import('./x509.js');

export interface PairPaths {
  cert: string;
  key: string;
}

export const anchorPaths = (trustDir: string): PairPaths => ({
  cert: join(trustDir, 'root.crt'),
  key: join(trustDir, 'root.key'),
});
export const issuerDir = (trustDir: string, cluster: string): string => join(trustDir, cluster);
export const issuerPaths = (dir: string): PairPaths => ({
  cert: join(dir, 'issuer.crt'),
  key: join(dir, 'issuer.key'),
});

export type AnchorState = { state: 'missing' } | { state: 'sound' } | { state: 'unusable'; problem: string };
export type IssuerState = { state: 'missing' } | { state: 'sound' } | { state: 'stale'; reason: string };

export interface CertFacts {
  anchor: AnchorState;
  /** By cluster name. */
  issuers: ReadonlyMap<string, IssuerState>;
}

/** Read-only: looks at the files, never changes them. */
export async function inspectCerts(
  trustDir: string,
  clusters: readonly string[],
  now = new Date(),
): Promise<CertFacts> {
  const anchorFiles = anchorPaths(trustDir);
  const anchor = readPair(anchorFiles);
  const issuers = new Map<string, IssuerState>();
  let anchorState: AnchorState;
  if (anchor === 'missing') anchorState = { state: 'missing' };
  else if (anchor === 'partial')
    anchorState = { state: 'unusable', problem: `only one of ${anchorFiles.cert} and ${anchorFiles.key} exists` };
  else {
    const problem = (await x509()).anchorProblem(anchor, now);
    anchorState = problem ? { state: 'unusable', problem } : { state: 'sound' };
  }
  for (const cluster of clusters) {
    const issuer = readPair(issuerPaths(issuerDir(trustDir, cluster)));
    if (issuer === 'missing' || issuer === 'partial') {
      issuers.set(cluster, { state: 'missing' });
      continue;
    }
    if (anchor === 'missing' || anchor === 'partial') {
      issuers.set(cluster, { state: 'stale', reason: 'there is no trust anchor it chains to' });
      continue;
    }
    const reason = await (await x509()).issuerProblem(anchor.cert, issuer, now);
    issuers.set(cluster, reason ? { state: 'stale', reason } : { state: 'sound' });
  }
  return { anchor: anchorState, issuers };
}

function readPair(paths: PairPaths): PemPair | 'missing' | 'partial' {
  const hasCert = existsSync(paths.cert);
  const hasKey = existsSync(paths.key);
  if (!hasCert && !hasKey) return 'missing';
  if (!hasCert || !hasKey) return 'partial';
  return { cert: readFileSync(paths.cert, 'utf8'), key: readFileSync(paths.key, 'utf8') };
}

async function writePair(paths: PairPaths, pair: PemPair): Promise<void> {
  // Key first: a crash in between leaves a pair the next run sees as broken and replaces.
  await writeFileAtomic(paths.key, pair.key, 0o600, 0o700);
  await writeFileAtomic(paths.cert, pair.cert, 0o644, 0o700);
}

export async function writeNewAnchor(trustDir: string): Promise<void> {
  await writePair(anchorPaths(trustDir), await (await x509()).createAnchor());
}

export async function writeNewIssuer(anchorDir: string, dir: string): Promise<void> {
  const anchor = readPair(anchorPaths(anchorDir));
  if (typeof anchor === 'string') throw new Error(`no trust anchor in ${anchorDir}`);
  await writePair(issuerPaths(dir), await (await x509()).createIssuer(anchor));
}
