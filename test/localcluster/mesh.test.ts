// linkerd, multicluster, group and link: the exact calls, against clusters the fake world has created.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FakeRunner } from './fake-runner.js';
import { fakeWorld, runWith, tempDir } from './helpers.js';
import { corpus, needsCorpus } from '../corpus.js';
import { crdNames, FakeTools } from './fake-tools.js';
import { GATEWAY_API_CRDS, GATEWAY_API_MANIFEST } from '../../src/localcluster/linkerd/gateway-api.js';
import {
  parseLinkerdVersion,
  linkerdAtLeast,
  GATEWAY_API_NEEDED_FROM,
} from '../../src/localcluster/linkerd/version.js';

const INSPECT = [
  'docker network inspect kind',
  "docker ps --all --format '{{.Names}}\t{{.State}}'",
  'kubectl config view --output json',
];

/** A fake world in which the seven workshop clusters have been created by `localcluster create`. */
async function sevenClusters(dir: string): Promise<FakeRunner> {
  const fake = fakeWorld(dir, { network: { name: 'kind', subnet: '192.168.155.0/24' } });
  const created = await runWith(fake, dir, 'create');
  assert.equal(created.exitCode, 0, created.output);
  fake.calls.length = 0;
  return fake;
}

const apply = (context: string) => `kubectl --context ${context} apply -f -`;
const link = (from: string, to: string) =>
  `linkerd --context ${to} multicluster link --cluster-name ${to} | ${apply(from)}`;

test('linkerd: certs, then CRDs, control plane, wait, multicluster — per cluster, piped into kubectl', async (t) => {
  const dir = tempDir(t);
  // Before 2.18, Linkerd's own CRDs include the Gateway API's: nothing to add, nothing to ask the clusters.
  const fake = new FakeTools(await sevenClusters(dir), { versions: { linkerd: 'stable-2.14.10' } });
  const { exitCode, output } = await runWith(fake, dir, 'linkerd', {
    names: ['cdn', 'faces'],
    options: { concurrency: 1 },
  });
  assert.equal(exitCode, 0, output);
  const certs = join(dir, 'certs');
  const install = (name: string) => [
    `linkerd --context ${name} install --crds | ${apply(name)}`,
    `linkerd --context ${name} install --set disableIPv6=true --identity-trust-anchors-file ${certs}/root.crt ` +
      `--identity-issuer-certificate-file ${certs}/${name}/issuer.crt --identity-issuer-key-file ${certs}/${name}/issuer.key | ${apply(name)}`,
    `kubectl --context ${name} wait --namespace linkerd --for=condition=Available --timeout=5m deployment --all`,
    `linkerd --context ${name} multicluster install | ${apply(name)}`,
  ];
  assert.deepEqual(fake.calls, [...INSPECT, LINKERD_VERSION, ...install('cdn'), ...install('faces')]);
  assert.match(output, /localcluster linkerd: 3 ok\n/);
});

const LINKERD_VERSION = 'linkerd version --client --short';
const crdQuery = (context: string) =>
  `kubectl --context ${context} get crd ${GATEWAY_API_CRDS.join(' ')} --ignore-not-found --output=name`;

test('the shipped Gateway API release holds the CRDs Linkerd needs', () => {
  const names = crdNames(GATEWAY_API_MANIFEST);
  for (const crd of GATEWAY_API_CRDS) assert.ok(names.includes(crd), crd);
  assert.ok(names.includes('gateways.gateway.networking.k8s.io'));
});

test('Linkerd versions: edge by date, stable and enterprise by release; the Gateway API threshold', () => {
  const needs = (text: string) => linkerdAtLeast(parseLinkerdVersion(text)!, GATEWAY_API_NEEDED_FROM);
  assert.equal(needs('edge-25.3.4'), true);
  assert.equal(needs('edge-25.3.3'), false);
  assert.equal(needs('edge-26.1.2'), true);
  assert.equal(needs('enterprise-2.18.0'), true);
  assert.equal(needs('enterprise-2.15.5'), false);
  assert.equal(needs('stable-2.14.10'), false);
  assert.deepEqual(parseLinkerdVersion('Client version: edge-25.3.4\n'), { channel: 'edge', version: [25, 3, 4] });
  assert.equal(parseLinkerdVersion('linkerd 1.0'), undefined);
});

test('linkerd 2.18+: Gateway API CRDs applied server-side where absent, once; present ones left alone', async (t) => {
  const dir = tempDir(t);
  // smiley already has the CRDs (someone else installed them): localcluster must not touch them.
  const fake = new FakeTools(await sevenClusters(dir), {
    versions: { linkerd: 'edge-25.3.4' },
    crds: { smiley: [...GATEWAY_API_CRDS] },
  });
  const names = ['faces', 'smiley'];
  const dry = await runWith(fake, dir, 'linkerd', { names, options: { dryrun: true } });
  assert.equal(dry.exitCode, 0, dry.output);
  assert.match(
    dry.output,
    /# linkerd edge-25\.3\.4 needs the Gateway API CRDs \(from 2\.18 \/ edge-25\.3\.4 on\): installing v1\.2\.1/,
  );
  assert.ok(dry.output.includes(`kubectl --context faces apply --server-side -f ${GATEWAY_API_MANIFEST}`), dry.output);
  assert.match(dry.output, /# smiley has the Gateway API CRDs; left as they are/);
  assert.deepEqual(fake.calls, [...INSPECT, LINKERD_VERSION, crdQuery('faces'), crdQuery('smiley')], 'read-only');

  fake.calls.length = 0;
  const first = await runWith(fake, dir, 'linkerd', { names, options: { concurrency: 1 } });
  assert.equal(first.exitCode, 0, first.output);
  const faces = fake.calls.filter((call) => call.includes('--context faces'));
  assert.deepEqual(faces.slice(0, 4), [
    crdQuery('faces'),
    `kubectl --context faces apply --server-side -f ${GATEWAY_API_MANIFEST}`,
    `kubectl --context faces wait --for=condition=Established --timeout=1m ${GATEWAY_API_CRDS.map((c) => `crd/${c}`).join(' ')}`,
    `linkerd --context faces install --crds | ${apply('faces')}`,
  ]);
  assert.equal(fake.calls.filter((call) => call.includes('--server-side')).length, 1, 'smiley is left alone');
  for (const crd of GATEWAY_API_CRDS) assert.ok(fake.crds.get('faces')?.has(crd), crd);

  fake.calls.length = 0;
  const again = await runWith(fake, dir, 'linkerd', { names, options: { concurrency: 1 } });
  assert.equal(again.exitCode, 0, again.output);
  assert.equal(fake.calls.filter((call) => call.includes('--server-side')).length, 0, 'a second run applies nothing');
});

test('linkerd with a CLI whose version cannot be read says so and leaves the Gateway API CRDs alone', async (t) => {
  const dir = tempDir(t);
  const fake = await sevenClusters(dir);
  const dry = await runWith(fake, dir, 'linkerd', { names: ['faces'], options: { dryrun: true } });
  assert.match(dry.output, /# cannot read the Linkerd CLI's version from "linkerd 1\.0"; Gateway API CRDs not checked/);
  assert.equal(fake.calls.filter((call) => call.includes('get crd')).length, 0);
});

test('linkerd on a cluster that does not exist fails that cluster only', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir, { network: { name: 'kind', subnet: '192.168.155.0/24' } });
  await runWith(fake, dir, 'create', { names: ['faces'] });
  fake.calls.length = 0;
  const { exitCode, output } = await runWith(fake, dir, 'linkerd', { names: ['faces', 'smiley'] });
  assert.equal(exitCode, 1);
  assert.match(output, /✖ smiley +failed\n\s+smiley does not exist \(run: localcluster create\)/);
  assert.match(output, /✔ faces +ok/);
  assert.equal(fake.calls.filter((call) => call.includes('--context faces')).length, 4);
  assert.equal(
    fake.calls.some((call) => call.includes('smiley')),
    false,
  );
});

test("multicluster passes the cluster's mc-values.yaml when there is one", needsCorpus, async (t) => {
  const dir = tempDir(t);
  const clusters = join(corpus, '2-18-features/clusters');
  const fake = fakeWorld(dir, { network: { name: 'kind', subnet: '192.168.155.0/24' } });
  await runWith(fake, dir, 'create', { dirs: clusters });
  fake.calls.length = 0;
  const { exitCode } = await runWith(fake, dir, 'multicluster', { dirs: clusters, options: { concurrency: 1 } });
  assert.equal(exitCode, 0);
  const wait = (name: string) =>
    `kubectl --context ${name} wait --namespace linkerd --for=condition=Available --timeout=5m deployment --all`;
  assert.deepEqual(fake.calls, [
    ...INSPECT,
    wait('east'),
    `linkerd --context east multicluster install --values ${clusters}/east/mc-values.yaml | ${apply('east')}`,
    wait('west'),
    `linkerd --context west multicluster install --values ${clusters}/west/mc-values.yaml | ${apply('west')}`,
  ]);
});

test('group: every existing member of the group links to every other member', async (t) => {
  const dir = tempDir(t);
  const fake = await sevenClusters(dir);
  const { exitCode, output } = await runWith(fake, dir, 'group', { names: ['smiley'], options: { concurrency: 1 } });
  assert.equal(exitCode, 0, output);
  assert.deepEqual(fake.calls, [
    ...INSPECT,
    link('color', 'color-b'),
    link('color', 'faces'),
    link('color', 'smiley'),
    link('color-b', 'color'),
    link('color-b', 'faces'),
    link('color-b', 'smiley'),
    link('faces', 'color'),
    link('faces', 'color-b'),
    link('faces', 'smiley'),
    link('smiley', 'color'),
    link('smiley', 'color-b'),
    link('smiley', 'faces'),
  ]);
  const dr = await runWith(fake, dir, 'group', { names: ['faces-dr', 'cdn'], options: { concurrency: 1 } });
  assert.equal(dr.exitCode, 0);
  assert.deepEqual(fake.calls.slice(15), [...INSPECT, link('faces-dr', 'smiley-dr'), link('smiley-dr', 'faces-dr')]);
  assert.match(dr.output, /\[cdn\] # cdn is in no group/);
});

test('group skips members that do not exist yet', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir, { network: { name: 'kind', subnet: '192.168.155.0/24' } });
  await runWith(fake, dir, 'create', { names: ['faces', 'smiley'] });
  fake.calls.length = 0;
  await runWith(fake, dir, 'group', { names: ['smiley'], options: { concurrency: 1 } });
  assert.deepEqual(fake.calls, [...INSPECT, link('faces', 'smiley'), link('smiley', 'faces')]);
});

test('link --src --dst: a gateway link rendered against dst, applied in src', async (t) => {
  const dir = tempDir(t);
  const fake = await sevenClusters(dir);
  const { exitCode } = await runWith(fake, dir, 'link', { options: { src: 'cdn', dst: 'faces-dr' } });
  assert.equal(exitCode, 0);
  assert.deepEqual(fake.calls, [...INSPECT, link('cdn', 'faces-dr')]);
  await assert.rejects(
    runWith(fake, dir, 'link', { options: { src: 'cdn' } }),
    /link needs --src CLUSTER and --dst CLUSTER/,
  );
  await assert.rejects(
    runWith(fake, dir, 'link', { options: { src: 'cdn', dst: 'cdn' } }),
    /must be different clusters/,
  );
  await assert.rejects(
    runWith(fake, dir, 'link', { names: ['faces'], options: { src: 'cdn', dst: 'faces' } }),
    /--src cdn: no such cluster among faces/,
  );
});
