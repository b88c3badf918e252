// Linkerd's identity certificates, made in-process: a trust anchor (root CA) and, per cluster, an issuer
// (intermediate CA) signed by it — ECDSA P-256, the profile `step certificate create --profile root-ca /
// intermediate-ca` produces, keys as SEC1 "EC PRIVATE KEY", the only EC form Linkerd reads.
import 'reflect-metadata'; // @peculiar/x509 2.x needs it loaded first
import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
export const ANCHOR_NAME = 'root.linkerd.cluster.local';
export const ISSUER_NAME = 'identity.linkerd.cluster.local';
const HOUR = 3600_000;
export const ANCHOR_VALIDITY_MS = 10 * 8766 * HOUR; // 10 years (of 365.25 days)
export const ISSUER_VALIDITY_MS = 8760 * HOUR; // what Linkerd's docs pass to step: --not-after 8760h
// Certificates start a minute in the past, so a node whose clock lags slightly still accepts them.
const BACKDATE_MS = 60_000;

export interface PemPair {
  cert: string;
  key: string;
}

const CA_USAGES = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;

export async function createAnchor(now = new Date()): Promise<PemPair> {
  const keys = await generateKeys();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${ANCHOR_NAME}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + ANCHOR_VALIDITY_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(CA_USAGES, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: `${cert.toString('pem')}\n`, key: await exportSec1(keys.privateKey) };
}

/**
 * A function that remembers its last result: every issuer of a run is signed by, or checked against, the same
 * anchor, which would otherwise be parsed again for each (a third of the time per issuer).
 */
function lastOf<T>(make: (pem: string) => T): (pem: string) => T {
  let last: { pem: string; value: T } | undefined;
  return (pem) => {
    if (last?.pem !== pem) last = { pem, value: make(pem) };
    return last.value;
  };
}

const anchorCertificate = lastOf((pem) => new x509.X509Certificate(pem));
const anchorSigningKey = lastOf(importSigningKey);

export async function createIssuer(anchor: PemPair, now = new Date()): Promise<PemPair> {
  const anchorCert = anchorCertificate(anchor.cert);
  const signingKey = await anchorSigningKey(anchor.key);
  const keys = await generateKeys();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${ISSUER_NAME}`,
    issuer: anchorCert.subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + ISSUER_VALIDITY_MS),
    signingKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(CA_USAGES, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(anchorCert, false),
    ],
  });
  return { cert: `${cert.toString('pem')}\n`, key: await exportSec1(keys.privateKey) };
}

/** Why this pair cannot serve as the trust anchor, or undefined when it can. */
export function anchorProblem(pair: PemPair, now = new Date()): string | undefined {
  const cert = parseCert(pair.cert);
  if (!cert) return 'root.crt is not a PEM certificate';
  const key = p256Key(pair.key);
  if (!key) return 'root.key is not an ECDSA P-256 private key';
  if (!keyMatches(cert, key)) return 'root.key does not belong to root.crt';
  if (cert.notAfter <= now) return `the trust anchor expired on ${cert.notAfter.toISOString()}`;
  return undefined;
}

/** Why this issuer must be replaced (signed by another anchor, expiring, broken), or undefined when it is sound. */
export async function issuerProblem(
  anchorCert: string,
  issuer: PemPair,
  now = new Date(),
): Promise<string | undefined> {
  const cert = parseCert(issuer.cert);
  const anchor = parsedAnchor(anchorCert);
  if (!cert) return 'issuer.crt is not a PEM certificate';
  if (!anchor) return 'the trust anchor is not a PEM certificate';
  const key = p256Key(issuer.key);
  if (!key || !keyMatches(cert, key)) return 'issuer.key does not belong to issuer.crt';
  const signed = cert.issuer === anchor.subject && (await cert.verify({ publicKey: anchor, signatureOnly: true }));
  if (!signed) return 'it was signed by another trust anchor';
  // Renewed a week ahead, so a workshop never starts with an issuer that dies during it.
  if (cert.notAfter.getTime() - now.getTime() < 7 * 24 * HOUR) return `it expires on ${cert.notAfter.toISOString()}`;
  return undefined;
}

async function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

async function exportSec1(key: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ type: 'sec1', format: 'pem' })
    .toString();
}

/** Accepts SEC1 or PKCS#8 PEM (an anchor made by `step` or another tool). */
async function importSigningKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

const parsedAnchor = lastOf(parseCert);

function parseCert(pem: string): x509.X509Certificate | undefined {
  try {
    return new x509.X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** The private key in `pem` when it is an ECDSA P-256 one (parsed once: parsing is most of a check's time). */
function p256Key(pem: string): KeyObject | undefined {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? key : undefined;
  } catch {
    return undefined;
  }
}

function keyMatches(cert: x509.X509Certificate, key: KeyObject): boolean {
  const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return Buffer.from(cert.publicKey.rawData).equals(fromKey);
}

/** 16 random bytes with the top bit cleared, so the DER INTEGER is positive. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f;
  return bytes.toString('hex');
}
