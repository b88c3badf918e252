// delete, route, lb, network, info, status and doctor; and the `context` provider for clusters elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FakeRunner } from './fake-runner.js';
import { FakeTools } from './fake-tools.js';
import { doctor } from '../../src/localcluster/report/doctor.js';
import { loadDefinitions } from '../../src/localcluster/definitions/load.js';
import { UserError } from '../../src/common/errors.js';
import type { CommandRunner } from '../../src/localcluster/runner/types.js';
import { fakeWorld, runWith, tempDir, workshopClusters } from './helpers.js';

const INSPECT = [
  'docker network inspect kind',
  "docker ps --all --format '{{.Names}}\t{{.State}}'",
  'kubectl config view --output json',
];

async function created(dir: string, names: string[] = []): Promise<FakeRunner> {
  const fake = fakeWorld(dir, { network: { name: 'kind', subnet: '192.168.155.0/24' } });
  // One at a time, so the fake hands out node addresses in a known order.
  assert.equal((await runWith(fake, dir, 'create', { names, options: { concurrency: 1 } })).exitCode, 0);
  fake.calls.length = 0;
  return fake;
}

test("delete: provider delete on the cluster's own kubeconfig, then every entry create added to the user's; absent clusters are a no-op", async (t) => {
  const dir = tempDir(t);
  const fake = await created(dir, ['cdn', 'faces']);
  const { exitCode, output } = await runWith(fake, dir, 'delete', {
    names: ['cdn', 'faces', 'smiley'],
    options: { concurrency: 1 },
  });
  assert.equal(exitCode, 0, output);
  assert.deepEqual(
    fake.calls.map((call) => call.replaceAll(join(dir, 'state'), 'STATE')),
    [
      ...INSPECT,
      'KUBECONFIG=STATE/cdn/kubeconfig k3d cluster delete cdn',
      'kubectl config delete-context cdn',
      'kubectl config delete-cluster k3d-cdn',
      'kubectl config delete-user admin@k3d-cdn',
      'kind delete cluster --name faces --kubeconfig STATE/faces/kubeconfig',
      'kubectl config delete-context faces',
      'kubectl config delete-cluster kind-faces',
      'kubectl config delete-user kind-faces',
    ],
  );
  assert.match(output, /\[smiley\] # smiley does not exist/);
  assert.deepEqual([...fake.nodes.keys()], []);
  assert.deepEqual([...fake.contexts, ...fake.kubeconfigClusters, ...fake.users], []);
});

test('delete removes the provider-named entries a create that stopped half-way left behind', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir, {
    contexts: ['kind-faces', 'k3d-cdn', 'other'],
    kubeconfigClusters: ['kind-faces'],
    users: ['admin@k3d-cdn'],
  });
  const { exitCode, output } = await runWith(fake, dir, 'delete', {
    names: ['cdn', 'faces'],
    options: { concurrency: 1 },
  });
  assert.equal(exitCode, 0, output);
  assert.deepEqual(fake.calls, [
    ...INSPECT,
    'kubectl config delete-context k3d-cdn',
    'kubectl config delete-user admin@k3d-cdn',
    'kubectl config delete-context kind-faces',
    'kubectl config delete-cluster kind-faces',
  ]);
  assert.deepEqual([...fake.contexts], ['other']);
});

test('route: the whole group gets routes, and running it again changes nothing', async (t) => {
  const dir = tempDir(t);
  const fake = await created(dir, ['faces', 'smiley', 'faces-dr']);
  const address = (node: string) => fake.nodes.get(node)!.ipv4!;
  const before = JSON.stringify([...fake.routes].map(([node, routes]) => [node, [...routes].sort()]));
  const { exitCode, output } = await runWith(fake, dir, 'route', { names: ['smiley'], options: { concurrency: 1 } });
  assert.equal(exitCode, 0, output);
  assert.deepEqual(fake.calls, [
    ...INSPECT,
    `docker exec faces-control-plane ip route replace 10.5.1.0/24 via ${address('smiley-control-plane')}`,
    `docker exec smiley-control-plane ip route replace 10.1.1.0/24 via ${address('faces-control-plane')}`,
  ]);
  assert.equal(JSON.stringify([...fake.routes].map(([node, routes]) => [node, [...routes].sort()])), before);
  const lone = await runWith(fake, dir, 'route', { names: ['faces-dr'] });
  assert.match(lone.output, /# faces-dr: no other member of group dr is running yet/);
});

test('lb: MetalLB for kind clusters, nothing to install for k3d', async (t) => {
  const dir = tempDir(t);
  const fake = await created(dir, ['color', 'cdn']);
  const { exitCode, output } = await runWith(fake, dir, 'lb', { options: { concurrency: 1 } });
  assert.equal(exitCode, 1, 'the clusters that were never created fail');
  assert.equal(fake.calls.filter((call) => call.startsWith('helm upgrade --install metallb')).length, 1);
  assert.match(output, /\[cdn\] # cdn: k3s's built-in ServiceLB serves LoadBalancer Services/);
  assert.match(output, /✖ smiley +failed\n\s+smiley does not exist/);
});

test('network: created when missing, left alone when present, refused when --subnet disagrees', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir);
  const first = await runWith(fake, dir, 'network', {
    dirs: undefined,
    options: { network: 'lc-net', subnet: '10.201.0.0/24' },
  });
  assert.equal(first.exitCode, 0, first.output);
  assert.equal(
    fake.calls[3],
    'docker network create --driver bridge --subnet 10.201.0.0/24 --gateway 10.201.0.1 ' +
      '--opt com.docker.network.bridge.enable_ip_masquerade=true --opt com.docker.network.driver.mtu=1500 lc-net',
  );
  const again = await runWith(fake, dir, 'network', { options: { network: 'lc-net' } });
  assert.match(again.output, /# network lc-net exists \(10\.201\.0\.0\/24\)/);
  const clash = await runWith(fake, dir, 'network', { options: { network: 'lc-net', subnet: '192.168.155.0/24' } });
  assert.equal(clash.exitCode, 1);
  assert.match(clash.output, /network lc-net exists with 10\.201\.0\.0\/24, not 192\.168\.155\.0\/24/);
  assert.equal(fake.calls.filter((call) => call.startsWith('docker network create')).length, 1);
});

test('info and status show node addresses, CIDRs, load-balancer range, group and zone; --json too', async (t) => {
  const dir = tempDir(t);
  const fake = await created(dir, ['cdn', 'faces']);
  const info = await runWith(fake, dir, 'info', { names: ['cdn', 'faces', 'smiley'] });
  assert.equal(info.exitCode, 0);
  assert.equal(
    info.output,
    [
      'cdn:',
      '  Provider:      k3d (context cdn)',
      '  State:         running',
      '  Node address:  192.168.155.2 (k3d-cdn-server-0)',
      '  Pod CIDRs:     10.13.1.0/24',
      '  Service CIDRs: 10.13.2.0/24',
      '  LoadBalancer:  192.168.155.2 (ServiceLB)',
      '  Group:         -',
      '  Zone:          -',
      'faces:',
      '  Provider:      kind (context faces)',
      '  State:         running',
      '  Node address:  192.168.155.3 (faces-control-plane)',
      '  Pod CIDRs:     10.1.1.0/24',
      '  Service CIDRs: 10.1.2.0/24',
      '  LoadBalancer:  192.168.155.16/28 (MetalLB)',
      '  Group:         face',
      '  Zone:          zone-east',
      'smiley:',
      '  Provider:      kind (context smiley)',
      '  State:         absent',
      '  Node address:  -',
      '  Pod CIDRs:     10.5.1.0/24',
      '  Service CIDRs: 10.5.2.0/24',
      '  LoadBalancer:  192.168.155.80/28 (MetalLB)',
      '  Group:         face',
      '  Zone:          zone-east',
      '',
    ].join('\n'),
  );
  assert.deepEqual(fake.calls, INSPECT, 'info is read-only');
  const json = JSON.parse((await runWith(fake, dir, 'info', { names: ['faces'], options: { json: true } })).output);
  assert.deepEqual(json, [
    {
      name: 'faces',
      provider: 'kind',
      context: 'faces',
      group: 'face',
      zone: 'zone-east',
      subnet: '01/1',
      podCidrs: ['10.1.1.0/24'],
      serviceCidrs: ['10.1.2.0/24'],
      state: 'running',
      node: { container: 'faces-control-plane', ipv4: '192.168.155.3', ipv6: null },
      loadBalancer: '192.168.155.16/28 (MetalLB)',
      definition: join(workshopClusters, 'faces/sma.yaml'),
    },
  ]);
  const status = (await runWith(fake, dir, 'status')).output.split('\n');
  assert.equal(
    status[0],
    'NAME       PROVIDER  GROUP  ZONE       SUBNET  POD CIDRS     SERVICE CIDRS  STATE    NODE ADDRESS   LOADBALANCER',
  );
  assert.equal(
    status[1],
    'cdn        k3d       -      -          CD/D    10.13.1.0/24  10.13.2.0/24   running  192.168.155.2  192.168.155.2 (ServiceLB)',
  );
  assert.equal(
    status[2],
    'color      kind      face   zone-east  C1/C    10.12.1.0/24  10.12.2.0/24   absent   -              192.168.155.192/28 (MetalLB)',
  );
  assert.equal(status.length, 9);
});

test('context provider: a cluster elsewhere is checked, never created or deleted, and gets Linkerd like the rest', async (t) => {
  const dir = tempDir(t);
  const defs = join(dir, 'defs');
  mkdirSync(join(defs, 'cloud'), { recursive: true });
  writeFileSync(
    join(defs, 'cloud', 'sma.yaml'),
    'kind: SMA-cluster\napiVersion: sma.buoyant.io/v1alpha1\nmetadata:\n  name: civo-faces\nspec:\n  provider: context\n  context: civo-faces-ctx\n  group: face\n',
  );
  const fake = fakeWorld(dir, {
    network: { name: 'kind', subnet: '192.168.155.0/24' },
    contexts: ['civo-faces-ctx'],
    remoteContexts: { 'civo-faces-ctx': '74.220.1.2' },
  });
  const check = `kubectl --context civo-faces-ctx get nodes '--output=jsonpath={.items[0].status.addresses[0].address}' --request-timeout=10s`;
  assert.equal((await runWith(fake, dir, 'create', { dirs: defs })).exitCode, 0);
  // The check is all create does; the facts are re-read after it, and nothing is configured (no local node).
  assert.deepEqual(fake.calls, [...INSPECT, check, ...INSPECT]);
  fake.calls.length = 0;
  const deleted = await runWith(fake, dir, 'delete', { dirs: defs });
  assert.match(deleted.output, /# civo-faces is not local \(context civo-faces-ctx\); it is left as it is/);
  assert.deepEqual(fake.calls, [...INSPECT, check]);
  fake.calls.length = 0;
  await runWith(fake, dir, 'linkerd', { dirs: defs });
  // After the facts, the Linkerd CLI's version (for the Gateway API CRDs).
  assert.match(
    fake.calls[4]!,
    /^linkerd --context civo-faces-ctx install --crds \| kubectl --context civo-faces-ctx apply -f -$/,
  );
  fake.calls.length = 0;
  const info = JSON.parse((await runWith(fake, dir, 'info', { dirs: defs, options: { json: true } })).output);
  assert.deepEqual([info[0].state, info[0].node.ipv4, info[0].context], ['reachable', '74.220.1.2', 'civo-faces-ctx']);
  assert.equal(info[0].loadBalancer, "its platform's");
  assert.deepEqual(
    fake.calls,
    ['kubectl config view --output json', check],
    'info on clusters elsewhere needs no Docker',
  );
  const gone = new FakeRunner({ network: { name: 'kind', subnet: '192.168.155.0/24' } });
  const missing = await runWith(gone, dir, 'create', { dirs: defs });
  assert.equal(missing.exitCode, 1);
  assert.match(missing.output, /context civo-faces-ctx is not in your kubeconfig/);
});

test('doctor: tools with versions, the engine, the network, inotify limits with the fix', async () => {
  const fake = new FakeTools(
    new FakeRunner({ network: { name: 'kind', subnet: '192.168.155.0/24' }, missing: ['k3d', 'linkerd'] }),
    { versions: { helm: 'v3.14.2+g1c0b9a3' } },
  );
  const checks = await doctor({
    runner: fake,
    network: 'kind',
    providers: new Set(['kind', 'k3d']),
    readProcFile: async (path) => (path.endsWith('max_user_watches') ? '8192\n' : '512\n'),
  });
  const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
  assert.deepEqual(byName['docker engine'], {
    name: 'docker engine',
    status: 'ok',
    detail: 'running, version 20.10.24',
  });
  assert.equal(byName.kind!.detail, 'kind v0.23.0 go1.22 linux/amd64');
  assert.equal(byName.k3d!.status, 'fail', 'the definitions use k3d');
  assert.equal(byName.linkerd!.status, 'warn');
  assert.match(byName.linkerd!.fix!, /^install it: https:\/\/linkerd\.io/);
  assert.deepEqual(byName['network kind'], {
    name: 'network kind',
    status: 'ok',
    detail: '192.168.155.0/24; 0 container(s) attached',
    fix: undefined,
  });
  assert.equal(byName['inotify limits']!.status, 'warn');
  assert.equal(byName['inotify limits']!.fix, 'sudo sysctl fs.inotify.max_user_watches=524288');
  const noNetwork = await doctor({
    runner: new FakeTools(new FakeRunner(), { versions: CURRENT }),
    network: 'kind',
    providers: new Set(),
    readProcFile: async () => '999999',
  });
  assert.deepEqual(
    noNetwork.filter((c) => c.status !== 'ok').map((c) => [c.name, c.status, c.fix]),
    [['network kind', 'fail', 'localcluster network --network kind']],
  );
});

const CURRENT = {
  kind: 'kind v0.23.0 go1.22 linux/amd64',
  k3d: 'k3d version v5.6.0\nk3s version v1.27.4-k3s1 (default)',
  helm: 'v3.14.2+g1c0b9a3',
  linkerd: 'edge-25.3.4',
};

test('doctor: each tool older than the README states is a ✖ with its fix; unreadable versions a warning', async () => {
  const old = new FakeTools(new FakeRunner({ network: { name: 'kind', subnet: '192.168.155.0/24' } }), {
    versions: {
      kind: 'kind v0.10.0 go1.15.7 linux/amd64',
      k3d: 'k3d version v5.4.9\nk3s version v1.25.7-k3s1 (default)',
      helm: 'v3.7.2+g663a896',
      linkerd: 'edge-23.8.2',
    },
  });
  const checks = await doctor({
    runner: old,
    network: 'kind',
    providers: new Set(),
    readProcFile: async () => '999999',
  });
  const failed = checks.filter((c) => c.status === 'fail');
  assert.deepEqual(
    failed.map((c) => [c.name, c.fix]),
    [
      ['kind', 'install kind 0.11 or later: https://kind.sigs.k8s.io/docs/user/quick-start/#installation'],
      ['k3d', 'install k3d 5.5 or later: https://k3d.io/#installation'],
      ['helm', 'install helm 3.8 or later: https://helm.sh/docs/intro/install/'],
      ['linkerd', 'install linkerd 2.14 / edge-23.8.3 or later: https://linkerd.io/2/getting-started/'],
    ],
  );
  assert.equal(failed[0]!.detail, 'kind v0.10.0 go1.15.7 linux/amd64: too old (needs kind 0.11 or later)');

  const recent = await doctor({
    runner: new FakeTools(new FakeRunner(), {
      versions: { ...CURRENT, linkerd: 'enterprise-2.14.0', helm: 'v3.8.0+gd141386' },
    }),
    network: 'kind',
    providers: new Set(['kind', 'k3d']),
    toolsOnly: true,
  });
  assert.deepEqual(
    recent.map((c) => [c.name, c.status]),
    [
      ['kind', 'ok'],
      ['k3d', 'ok'],
      ['kubectl', 'ok'],
      ['helm', 'ok'],
      ['linkerd', 'ok'],
    ],
    'the minimums themselves pass; --tools checks nothing else',
  );

  const unreadable = await doctor({
    runner: new FakeTools(new FakeRunner(), { versions: { ...CURRENT, linkerd: 'linkerd, probably' } }),
    network: 'kind',
    providers: new Set(),
    toolsOnly: true,
  });
  assert.equal(unreadable.find((c) => c.name === 'linkerd')!.status, 'warn');
});

test('doctor without CLUSTER_DIRS reads ./clusters when it is there: kind, k3d and helm become required', async (t) => {
  const dir = tempDir(t);
  const fake = new FakeTools(fakeWorld(dir, { missing: ['kind', 'k3d', 'helm'] }), {
    versions: { linkerd: 'edge-25.3.4' },
  });
  const home = process.cwd();
  process.chdir(dirname(workshopClusters));
  t.after(() => process.chdir(home));
  const ran = await runWith(fake, dir, 'doctor', { dirs: undefined, options: { toolsOnly: true } });
  assert.equal(ran.exitCode, 1, ran.output);
  for (const tool of ['kind', 'k3d', 'helm']) assert.match(ran.output, new RegExp(`✖ ${tool} +not found on PATH`));
  process.chdir(dir);
  const elsewhere = await runWith(fake, dir, 'doctor', { dirs: undefined, options: { toolsOnly: true } });
  assert.equal(elsewhere.exitCode, 0, `no definitions, nothing known to be needed:\n${elsewhere.output}`);
  assert.match(elsewhere.output, /! kind +not found on PATH/);
});

test('doctor: a network too small for the pools is a warning; output docker should never print is a failed check', async () => {
  const input = { network: 'kind', providers: new Set<'kind'>(['kind']), readProcFile: async () => '999999' };
  const small = await doctor({
    ...input,
    runner: new FakeRunner({ network: { name: 'kind', subnet: '192.168.155.0/25' } }),
  });
  const smallNetwork = small.find((c) => c.name === 'network kind')!;
  assert.equal(smallNetwork.status, 'warn');
  assert.match(smallNetwork.fix!, /MetalLB pools need a \/24 or wider, not \/25/);

  const fake = new FakeRunner({ network: { name: 'kind', subnet: '192.168.155.0/24' } });
  const garbled: CommandRunner = {
    run: (command, options) =>
      command.file === 'docker' && command.args[0] === 'network'
        ? Promise.resolve({ exitCode: 0, stdout: '[{"x":1}]', stderr: '' })
        : fake.run(command, options),
    pipe: (from, to, options) => fake.pipe(from, to, options),
  };
  const checks = await doctor({ ...input, runner: garbled });
  const network = checks.find((c) => c.name === 'network kind')!;
  assert.equal(network.status, 'fail');
  assert.match(network.detail, /^unexpected docker network inspect output/);
});

test('a sma.yaml that is a dangling link is named, not a crash', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'clusters', 'gone'), { recursive: true });
  symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'clusters', 'gone', 'sma.yaml'));
  assert.throws(
    () => loadDefinitions(join(dir, 'clusters')),
    (error: Error) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.message, `${join(dir, 'clusters', 'gone', 'sma.yaml')}: a link to a file that does not exist`);
      return true;
    },
  );
});
