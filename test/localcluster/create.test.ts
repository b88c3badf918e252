import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fakeWorld, runWith, tempDir, userKubeconfig } from './helpers.js';

const INSPECT = [
  'docker network inspect kind',
  "docker ps --all --format '{{.Names}}\t{{.State}}'",
  'kubectl config view --output json',
];

// Each cluster's kubeconfig is made in its own file; only the merge (see configure) writes the user's.
const kind = (name: string) => [
  `KIND_EXPERIMENTAL_DOCKER_NETWORK=kind kind create cluster --config STATE/${name}/kind.yaml --kubeconfig STATE/${name}/kubeconfig`,
  `kubectl --kubeconfig STATE/${name}/kubeconfig config rename-context kind-${name} ${name}`,
];
const k3d = (name: string) => [
  `k3d cluster create --config STATE/${name}/k3d.yaml`,
  `k3d kubeconfig get ${name}`,
  `kubectl --kubeconfig STATE/${name}/kubeconfig config rename-context k3d-${name} ${name}`,
];
const metallb = (name: string) => [
  `kubectl --context ${name} wait --for=condition=Ready --timeout=5m nodes --all`,
  `helm upgrade --install metallb metallb --repo https://metallb.github.io/metallb --kube-context ${name} --namespace metallb --create-namespace --wait --timeout 5m`,
  `kubectl --context ${name} apply -f STATE/${name}/metallb.yaml`,
];
const route = (node: string, cidr: string, via: string) => `docker exec ${node} ip route replace ${cidr} via ${via}`;
/** The server address set in the cluster's own kubeconfig, which is then merged into the user's. */
const configure = (name: string, entry: string, address: string) => [
  `kubectl --kubeconfig STATE/${name}/kubeconfig config set clusters.${entry}-${name}.server https://${address}:6443`,
  `KUBECONFIG=STATE/${name}/kubeconfig:KUBECONFIG kubectl config view --raw`,
];

// Addresses as the fake's Docker hands them out, in creation order from .2 (faces' old node had .9).
const EXPECTED_ONE_AT_A_TIME = [
  ...INSPECT, // nothing to do for the network: it exists, so nothing is re-read either
  ...k3d('cdn'),
  ...kind('color'),
  ...kind('color-b'),
  'kind delete cluster --name faces --kubeconfig STATE/faces/kubeconfig', // an existing cluster is replaced
  'kubectl config delete-context faces',
  ...kind('faces'),
  ...k3d('faces-dr'),
  ...kind('smiley'),
  ...k3d('smiley-dr'),
  ...INSPECT, // now every node has an address
  ...configure('cdn', 'k3d', '192.168.155.2'), // cdn is in no group: no routes; k3s brings its own load balancer
  ...configure('color', 'kind', '192.168.155.3'),
  route('color-control-plane', '10.11.1.0/24', '192.168.155.4'),
  route('color-control-plane', '10.1.1.0/24', '192.168.155.5'),
  route('color-control-plane', '10.5.1.0/24', '192.168.155.7'),
  ...metallb('color'),
  ...configure('color-b', 'kind', '192.168.155.4'),
  route('color-b-control-plane', '10.12.1.0/24', '192.168.155.3'),
  route('color-b-control-plane', '10.1.1.0/24', '192.168.155.5'),
  route('color-b-control-plane', '10.5.1.0/24', '192.168.155.7'),
  ...metallb('color-b'),
  ...configure('faces', 'kind', '192.168.155.5'),
  route('faces-control-plane', '10.12.1.0/24', '192.168.155.3'),
  route('faces-control-plane', '10.11.1.0/24', '192.168.155.4'),
  route('faces-control-plane', '10.5.1.0/24', '192.168.155.7'),
  ...metallb('faces'),
  ...configure('faces-dr', 'k3d', '192.168.155.6'),
  route('k3d-faces-dr-server-0', '10.6.1.0/24', '192.168.155.8'),
  ...configure('smiley', 'kind', '192.168.155.7'),
  route('smiley-control-plane', '10.12.1.0/24', '192.168.155.3'),
  route('smiley-control-plane', '10.11.1.0/24', '192.168.155.4'),
  route('smiley-control-plane', '10.1.1.0/24', '192.168.155.5'),
  ...metallb('smiley'),
  ...configure('smiley-dr', 'k3d', '192.168.155.8'),
  route('k3d-smiley-dr-server-0', '10.2.1.0/24', '192.168.155.6'),
];

function world(dir: string) {
  return fakeWorld(dir, {
    network: { name: 'kind', subnet: '192.168.155.0/24' },
    containers: [{ name: 'faces-control-plane', ipv4: '192.168.155.9' }],
    contexts: ['faces', 'unrelated'],
  });
}

const normalised = (calls: string[], dir: string) =>
  calls.map((call) => call.replaceAll(join(dir, 'state'), 'STATE').replaceAll(userKubeconfig(dir), 'KUBECONFIG'));

test('create: the exact calls for all seven workshop clusters, one at a time', async (t) => {
  const dir = tempDir(t);
  const fake = world(dir);
  const { exitCode, output } = await runWith(fake, dir, 'create', { options: { concurrency: 1 } });
  assert.equal(exitCode, 0, output);
  assert.deepEqual(normalised(fake.calls, dir), EXPECTED_ONE_AT_A_TIME);
  assert.match(output, /localcluster create: 8 ok\n/);
});

test("create: the user's kubeconfig gets a context named as each cluster, at its node, and keeps its own entries", async (t) => {
  const dir = tempDir(t);
  // A stale `smiley` context (its cluster gone) is replaced by the new one's.
  const fake = fakeWorld(dir, {
    network: { name: 'kind', subnet: '192.168.155.0/24' },
    contexts: ['unrelated', 'smiley'],
  });
  assert.equal((await runWith(fake, dir, 'create')).exitCode, 0);
  const kubeconfig = fake.userKubeconfig();
  const context = (name: string) => kubeconfig.contexts.find((c) => c.name === name)?.context;
  const server = (cluster: string) => kubeconfig.clusters.find((c) => c.name === cluster)?.cluster.server;
  assert.deepEqual([...fake.contexts].sort(), [
    'cdn',
    'color',
    'color-b',
    'faces',
    'faces-dr',
    'smiley',
    'smiley-dr',
    'unrelated',
  ]);
  for (const name of ['color', 'color-b', 'faces', 'smiley']) {
    assert.deepEqual(context(name), { cluster: `kind-${name}`, user: `kind-${name}` }, name);
    assert.equal(server(`kind-${name}`), `https://${fake.nodes.get(`${name}-control-plane`)!.ipv4}:6443`, name);
  }
  for (const name of ['cdn', 'faces-dr', 'smiley-dr']) {
    assert.deepEqual(context(name), { cluster: `k3d-${name}`, user: `admin@k3d-${name}` }, name);
    assert.equal(server(`k3d-${name}`), `https://${fake.nodes.get(`k3d-${name}-server-0`)!.ipv4}:6443`, name);
  }
  // Nothing else: provider-named contexts are renamed before the merge.
  assert.equal(kubeconfig.contexts.length, 8);
  assert.deepEqual(context('unrelated'), { cluster: 'unrelated', user: 'unrelated' });
  assert.equal(statSync(userKubeconfig(dir)).mode & 0o777, 0o600);
  assert.equal(existsSync(`${userKubeconfig(dir)}.lock`), false, 'the lock is released');
  for (const name of ['cdn', 'smiley'])
    assert.equal(statSync(join(dir, 'state', name, 'kubeconfig')).mode & 0o777, 0o600);
});

test("create: concurrently, the same calls with each cluster's own order kept", async (t) => {
  const dir = tempDir(t);
  const fake = world(dir);
  const { exitCode } = await runWith(fake, dir, 'create');
  assert.equal(exitCode, 0);
  const calls = normalised(fake.calls, dir);
  const withoutAddresses = (list: string[]) =>
    list.map((call) => call.replace(/192\.168\.155\.\d+/g, 'ADDRESS')).sort();
  assert.deepEqual(withoutAddresses(calls), withoutAddresses(EXPECTED_ONE_AT_A_TIME));
  // Within one cluster the order is the plan's (its config before create, create before rename, …).
  for (const name of ['cdn', 'color', 'faces', 'smiley-dr']) {
    const own = new Set([name, `${name}-control-plane`, `k3d-${name}-server-0`]);
    const mine = (list: string[]) =>
      list.filter((call) => call.includes(`STATE/${name}/`) || call.split(' ').some((word) => own.has(word)));
    const blind = (list: string[]) => mine(list).map((call) => call.replace(/192\.168\.155\.\d+/g, 'ADDRESS'));
    assert.deepEqual(blind(calls), blind(EXPECTED_ONE_AT_A_TIME), name);
  }
  // Addresses depend on who finished first, but the result is a full mesh of routes inside each group.
  const address = (node: string) => fake.nodes.get(node)!.ipv4!;
  const face = ['faces', 'smiley', 'color', 'color-b'];
  for (const member of face) {
    const expected = face
      .filter((other) => other !== member)
      .map(
        (other) =>
          `${{ faces: '10.1.1.0/24', smiley: '10.5.1.0/24', color: '10.12.1.0/24', 'color-b': '10.11.1.0/24' }[other]} via ${address(`${other}-control-plane`)}`,
      );
    assert.deepEqual([...fake.routes.get(`${member}-control-plane`)!].sort(), expected.sort(), member);
  }
  assert.deepEqual(
    [...fake.routes.get('k3d-faces-dr-server-0')!],
    [`10.6.1.0/24 via ${address('k3d-smiley-dr-server-0')}`],
  );
  assert.equal(fake.routes.has('k3d-cdn-server-0'), false);
});

test('create writes the provider configs and the MetalLB pool into the state folder', async (t) => {
  const dir = tempDir(t);
  await runWith(world(dir), dir, 'create', { names: ['smiley', 'smiley-dr'] });
  const state = (...path: string[]) => readFileSync(join(dir, 'state', ...path), 'utf8');
  assert.match(
    state('smiley', 'kind.yaml'),
    /^# Generated by localcluster from .*clusters\/smiley\/sma\.yaml; edit that file instead\./,
  );
  assert.deepEqual(parse(state('smiley', 'kind.yaml')), {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    name: 'smiley',
    networking: { ipFamily: 'ipv4', podSubnet: '10.5.1.0/24', serviceSubnet: '10.5.2.0/24' },
    nodes: [{ role: 'control-plane', labels: { 'topology.kubernetes.io/zone': 'zone-east' } }],
  });
  assert.deepEqual(parse(state('smiley-dr', 'k3d.yaml')), {
    apiVersion: 'k3d.io/v1alpha5',
    kind: 'Simple',
    metadata: { name: 'smiley-dr' },
    servers: 1,
    image: 'rancher/k3s:v1.29.2-k3s1',
    network: 'kind',
    options: {
      k3s: {
        extraArgs: [
          { arg: '--cluster-cidr=10.6.1.0/24', nodeFilters: ['server:*'] },
          { arg: '--service-cidr=10.6.2.0/24', nodeFilters: ['server:*'] },
          { arg: '--disable=traefik,metrics-server', nodeFilters: ['server:*'] },
        ],
        nodeLabels: [{ label: 'topology.kubernetes.io/zone=zone-east', nodeFilters: ['server:*'] }],
      },
      kubeconfig: { updateDefaultKubeconfig: false, switchCurrentContext: false },
    },
  });
  const smileyKubeconfig = parse(state('smiley', 'kubeconfig'));
  assert.deepEqual(smileyKubeconfig.contexts, [
    { name: 'smiley', context: { cluster: 'kind-smiley', user: 'kind-smiley' } },
  ]);
  assert.equal(smileyKubeconfig['current-context'], 'smiley');
  const pool = state('smiley', 'metallb.yaml')
    .split('---\n')
    .map((doc) => parse(doc));
  assert.deepEqual(
    pool.map((doc) => [doc.kind, doc.metadata.namespace]),
    [
      ['IPAddressPool', 'metallb'],
      ['L2Advertisement', 'metallb'],
    ],
  );
  assert.deepEqual(pool[0].spec.addresses, ['192.168.155.80/28']);
  assert.deepEqual(pool[1].spec.ipAddressPools, [pool[0].metadata.name]);
});

test('create makes the network first when it is missing, with --network', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir);
  const { exitCode } = await runWith(fake, dir, 'create', { names: ['faces-dr'], options: { network: 'lc-test' } });
  assert.equal(exitCode, 0);
  assert.deepEqual(normalised(fake.calls, dir).slice(0, 5), [
    'docker network inspect lc-test',
    "docker ps --all --format '{{.Names}}\t{{.State}}'",
    'kubectl config view --output json',
    'docker network create --driver bridge --subnet 192.168.155.0/24 --gateway 192.168.155.1 ' +
      '--opt com.docker.network.bridge.enable_ip_masquerade=true --opt com.docker.network.driver.mtu=1500 lc-test',
    'docker network inspect lc-test',
  ]);
  assert.match(readFileSync(join(dir, 'state', 'faces-dr', 'k3d.yaml'), 'utf8'), /^network: lc-test$/m);
});

test('a failing cluster does not abandon the others; exit 1 with a per-cluster summary', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir, {
    network: { name: 'kind', subnet: '192.168.155.0/24' },
    failures: [
      {
        match: /kind create cluster --config \S+\/color\/kind\.yaml/,
        exitCode: 1,
        stderr: 'ERROR: failed to create cluster: boom',
      },
    ],
  });
  const { exitCode, output } = await runWith(fake, dir, 'create', { names: ['faces', 'color', 'smiley'] });
  assert.equal(exitCode, 1);
  const summary = output.slice(output.indexOf('localcluster create:'));
  assert.match(summary, /^localcluster create: 3 ok, 1 failed\n/);
  assert.match(
    summary,
    /✖ color +failed at: KIND_EXPERIMENTAL_DOCKER_NETWORK=kind kind create cluster --config \S+\/color\/kind\.yaml/,
  );
  assert.match(summary, /│ ERROR: failed to create cluster: boom/);
  assert.match(summary, /✔ faces +ok/);
  assert.match(summary, /✔ smiley +ok/);
  // color's later steps never ran; faces and smiley still got their routes, to each other only.
  assert.deepEqual(
    normalised(fake.calls, dir).filter((call) => /\/color\/|--context color |color-control-plane/.test(call)),
    [kind('color')[0]],
  );
  assert.deepEqual([...fake.contexts].sort(), ['faces', 'smiley']);
  assert.deepEqual(
    [...fake.routes.get('faces-control-plane')!],
    [`10.5.1.0/24 via ${fake.nodes.get('smiley-control-plane')!.ipv4}`],
  );
});
