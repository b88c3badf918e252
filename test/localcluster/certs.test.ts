// Certificates made in-process, checked with openssl the way Linkerd will use them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeRunner } from './fake-runner.js';
import { createAnchor, createIssuer } from '../../src/localcluster/certs/x509.js';
import { runWith, tempDir } from './helpers.js';

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });
const text = (cert: string) => openssl('x509', '-in', cert, '-noout', '-text');
const dates = (cert: string) => {
  const out = openssl('x509', '-in', cert, '-noout', '-startdate', '-enddate');
  const [start, end] = [/notBefore=(.*)/, /notAfter=(.*)/].map((re) => Date.parse(re.exec(out)![1]!));
  return (end! - start!) / 3600_000;
};
const mode = (path: string) => statSync(path).mode & 0o777;

test('certs: a trust anchor and per-cluster issuers that openssl verifies, in the form Linkerd reads', async (t) => {
  const dir = tempDir(t);
  const { exitCode, output } = await runWith(new FakeRunner(), dir, 'certs', { names: ['faces', 'smiley'] });
  assert.equal(exitCode, 0, output);
  const certs = join(dir, 'certs');
  const root = join(certs, 'root.crt');
  for (const cluster of ['faces', 'smiley']) {
    const issuer = join(certs, cluster, 'issuer.crt');
    const key = join(certs, cluster, 'issuer.key');
    assert.equal(openssl('verify', '-x509_strict', '-CAfile', root, issuer).trim(), `${issuer}: OK`);
    const issuerText = text(issuer);
    assert.match(issuerText, /Subject: CN = identity\.linkerd\.cluster\.local/);
    assert.match(issuerText, /Issuer: CN = root\.linkerd\.cluster\.local/);
    assert.match(issuerText, /ASN1 OID: prime256v1/);
    assert.match(issuerText, /Signature Algorithm: ecdsa-with-SHA256/);
    assert.match(issuerText, /Basic Constraints: critical\n\s+CA:TRUE, pathlen:0/);
    assert.match(issuerText, /Key Usage: critical\n\s+Certificate Sign, CRL Sign/);
    assert.match(issuerText, /X509v3 Authority Key Identifier/);
    assert.equal(dates(issuer), 8760);
    const keyText = readFileSync(key, 'utf8');
    assert.match(keyText, /^-----BEGIN EC PRIVATE KEY-----\n/);
    assert.match(openssl('ec', '-in', key, '-check', '-noout'), /^$/);
    assert.equal(mode(key), 0o600);
    assert.equal(mode(join(certs, cluster)), 0o700);
    // The key belongs to the certificate.
    assert.equal(openssl('pkey', '-in', key, '-pubout'), openssl('x509', '-in', issuer, '-noout', '-pubkey'));
  }
  assert.equal(openssl('verify', '-x509_strict', '-CAfile', root, root).trim(), `${root}: OK`);
  const rootText = text(root);
  assert.match(rootText, /Subject: CN = root\.linkerd\.cluster\.local/);
  assert.match(rootText, /ASN1 OID: prime256v1/);
  assert.match(rootText, /Basic Constraints: critical\n\s+CA:TRUE, pathlen:1/);
  assert.match(rootText, /Key Usage: critical\n\s+Certificate Sign, CRL Sign/);
  assert.equal(dates(root), 10 * 8766);
  assert.match(readFileSync(join(certs, 'root.key'), 'utf8'), /^-----BEGIN EC PRIVATE KEY-----\n/);
  assert.equal(mode(join(certs, 'root.key')), 0o600);
  assert.equal(mode(certs), 0o700);
  // No temporary files left behind by the atomic writes.
  assert.deepEqual(execFileSync('find', [certs, '-name', '*.tmp'], { encoding: 'utf8' }), '');
});

test('a leaf signed by an issuer chains to the trust anchor', async (t) => {
  const dir = tempDir(t);
  const anchor = await createAnchor();
  const issuer = await createIssuer(anchor);
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  const [root, inter, interKey] = [
    file('root.crt', anchor.cert),
    file('issuer.crt', issuer.cert),
    file('issuer.key', issuer.key),
  ];
  openssl(
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    join(dir, 'leaf.key'),
    '-subj',
    '/CN=web.faces.serviceaccount.identity.linkerd.cluster.local',
    '-out',
    join(dir, 'leaf.csr'),
  );
  openssl(
    'x509',
    '-req',
    '-in',
    join(dir, 'leaf.csr'),
    '-CA',
    inter,
    '-CAkey',
    interKey,
    '-CAcreateserial',
    '-days',
    '1',
    '-out',
    join(dir, 'leaf.crt'),
  );
  assert.equal(
    openssl('verify', '-CAfile', root, '-untrusted', inter, join(dir, 'leaf.crt')).trim(),
    `${join(dir, 'leaf.crt')}: OK`,
  );
});

test('existing anchor and issuers are kept; --force replaces both; a new anchor replaces the issuers', async (t) => {
  const dir = tempDir(t);
  const certs = join(dir, 'certs');
  const read = (...path: string[]) => readFileSync(join(certs, ...path), 'utf8');
  const fake = new FakeRunner();
  await runWith(fake, dir, 'certs', { names: ['faces'] });
  const first = { root: read('root.crt'), issuer: read('faces', 'issuer.crt') };

  const again = await runWith(fake, dir, 'certs', { names: ['faces'] });
  assert.equal(again.exitCode, 0);
  assert.match(again.output, /# trust anchor .*root\.crt kept/);
  assert.match(again.output, /# issuer .*faces\/issuer\.crt kept/);
  assert.deepEqual({ root: read('root.crt'), issuer: read('faces', 'issuer.crt') }, first);

  await runWith(fake, dir, 'certs', { names: ['faces'], options: { force: true } });
  const forced = { root: read('root.crt'), issuer: read('faces', 'issuer.crt') };
  assert.notEqual(forced.root, first.root);
  assert.notEqual(forced.issuer, first.issuer);

  rmSync(join(certs, 'root.crt'));
  rmSync(join(certs, 'root.key'));
  await runWith(fake, dir, 'certs', { names: ['faces'] });
  assert.notEqual(read('root.crt'), forced.root);
  assert.notEqual(read('faces', 'issuer.crt'), forced.issuer);
  assert.equal(
    openssl('verify', '-CAfile', join(certs, 'root.crt'), join(certs, 'faces', 'issuer.crt'))
      .trim()
      .endsWith('OK'),
    true,
  );
});

test('an issuer from another anchor is replaced; a half-present anchor is refused without --force', async (t) => {
  const dir = tempDir(t);
  const certs = join(dir, 'certs');
  const fake = new FakeRunner();
  await runWith(fake, dir, 'certs', { names: ['faces', 'smiley'] });
  const foreign = await createIssuer(await createAnchor());
  writeFileSync(join(certs, 'smiley', 'issuer.crt'), foreign.cert);
  writeFileSync(join(certs, 'smiley', 'issuer.key'), foreign.key);
  const faces = readFileSync(join(certs, 'faces', 'issuer.crt'), 'utf8');
  const dry = await runWith(fake, dir, 'certs', { options: { dryrun: true }, names: ['faces', 'smiley'] });
  assert.match(
    dry.output,
    /# replacing .*smiley\/issuer\.crt: it was signed by another trust anchor\n# create the issuer/,
  );
  assert.equal(readFileSync(join(certs, 'smiley', 'issuer.crt'), 'utf8'), foreign.cert, 'the dry run changed nothing');
  await runWith(fake, dir, 'certs', { names: ['faces', 'smiley'] });
  assert.equal(
    openssl('verify', '-CAfile', join(certs, 'root.crt'), join(certs, 'smiley', 'issuer.crt'))
      .trim()
      .endsWith('OK'),
    true,
  );
  assert.equal(readFileSync(join(certs, 'faces', 'issuer.crt'), 'utf8'), faces);

  const root = readFileSync(join(certs, 'root.crt'), 'utf8');
  rmSync(join(certs, 'root.key'));
  const refused = await runWith(fake, dir, 'certs', { names: ['faces'] });
  assert.equal(refused.exitCode, 1);
  assert.match(
    refused.output,
    /✖ trust anchor +failed\n\s+.*root\.crt: only one of .*root\.crt and .*root\.key exists; rerun with --force/,
  );
  assert.match(refused.output, /– faces +skipped: trust anchor failed/);
  assert.equal(readFileSync(join(certs, 'root.crt'), 'utf8'), root);
});

test('a new anchor for some clusters replaces the issuers of the others too, so every issuer chains to it', async (t) => {
  const dir = tempDir(t);
  const certs = join(dir, 'certs');
  const verify = (cluster: string) =>
    openssl('verify', '-CAfile', join(certs, 'root.crt'), join(certs, cluster, 'issuer.crt')).trim();
  const fake = new FakeRunner();
  await runWith(fake, dir, 'certs', { names: ['faces', 'smiley', 'color'] });
  const forced = await runWith(fake, dir, 'certs', { names: ['smiley'], options: { force: true } });
  assert.equal(forced.exitCode, 0, forced.output);
  assert.match(
    forced.output,
    /the issuers of color, faces are replaced too; Linkerd installed with the old anchor must be installed again/,
  );
  for (const cluster of ['faces', 'smiley', 'color']) assert.match(verify(cluster), /: OK$/, cluster);
  // Clusters that never had an issuer do not get one.
  assert.throws(() => statSync(join(certs, 'cdn', 'issuer.crt')));
});
