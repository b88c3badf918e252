// localcluster's network layer against a real Docker engine: the shared network, node containers named as kind
// and k3d name theirs, routes inside each group (and none across groups), idempotence, traffic over the
// routes, and what info/status/doctor report. Skipped, with the reason, when no engine answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import {
  buildBusyboxImage,
  Cleanup,
  docker,
  dockerUnavailableReason,
  freeSubnet,
  nodeAddress,
  routesIn,
  startNode,
  uniqueSuffix,
  type Route,
} from './docker-harness.js';

const CLI = resolve(import.meta.dirname, '../../dist/cli/localcluster.js');
const unavailable = await dockerUnavailableReason();

const suffix = uniqueSuffix();
const network = `sdtest-${suffix}`;
const image = `stepdown-test-node:${suffix}`;

interface TestCluster {
  name: string;
  provider: 'kind' | 'k3d';
  subnet: string;
  group: string;
  podCidr: string;
  container: string;
}

function cluster(base: string, provider: 'kind' | 'k3d', nybble: string, group: string): TestCluster {
  const name = `${base}-${suffix}`;
  return {
    name,
    provider,
    subnet: `${nybble}${nybble}/${nybble}`,
    group,
    podCidr: `10.${parseInt(nybble, 16)}.1.0/24`,
    container: provider === 'kind' ? `${name}-control-plane` : `k3d-${name}-server-0`,
  };
}

// Two groups: three members in `east` (both providers), two in `west`.
const clusters: TestCluster[] = [
  cluster('east-a', 'kind', '7', 'east'),
  cluster('east-b', 'k3d', '8', 'east'),
  cluster('east-c', 'kind', '9', 'east'),
  cluster('west-a', 'k3d', 'a', 'west'),
  cluster('west-b', 'kind', 'b', 'west'),
];

const cleanup = new Cleanup();
let definitions = '';
let addresses = new Map<string, string>();

async function localcluster(args: string[]) {
  return execa(process.execPath, [CLI, ...args, '--network', network], {
    reject: false,
    timeout: 120_000,
    env: { CI: '1' },
  });
}

function definitionYaml(c: TestCluster): string {
  return [
    'kind: SMA-cluster',
    'apiVersion: sma.buoyant.io/v1alpha1',
    'metadata:',
    `  name: ${c.name}`,
    'spec:',
    `  subnet: "${c.subnet}"`,
    '  v4Enabled: true',
    '  v6Enabled: false',
    `  provider: ${c.provider}`,
    `  group: ${c.group}`,
    '  zone: zone-test',
    '',
  ].join('\n');
}

async function routeTables(): Promise<Map<string, Route[]>> {
  const tables = new Map<string, Route[]>();
  for (const c of clusters) tables.set(c.name, await routesIn(c.container));
  return tables;
}

before(async () => {
  if (unavailable) return;
  const work = await mkdtemp(join(tmpdir(), 'stepdown-integration-'));
  cleanup.add(`folder ${work}`, () => rm(work, { recursive: true, force: true }));
  definitions = join(work, 'clusters');
  for (const c of clusters) {
    await mkdir(join(definitions, c.name), { recursive: true });
    await writeFile(join(definitions, c.name, 'sma.yaml'), definitionYaml(c));
  }
  await buildBusyboxImage(image, cleanup);
});

after(async () => {
  const problems = await cleanup.runAll();
  assert.deepEqual(problems, [], 'everything the suite created is removed');
});

test('localcluster network creates the shared network once', { skip: unavailable }, async () => {
  const subnet = await freeSubnet();
  cleanup.add(`network ${network}`, () => docker(['network', 'rm', network]));
  const first = await localcluster(['network', '--subnet', subnet]);
  assert.equal(first.exitCode, 0, first.stdout + first.stderr);
  const [inspected] = JSON.parse(await docker(['network', 'inspect', network]));
  assert.equal(inspected.IPAM.Config[0].Subnet, subnet);
  assert.equal(inspected.Options['com.docker.network.bridge.enable_ip_masquerade'], 'true');
  assert.equal(inspected.Options['com.docker.network.driver.mtu'], '1500');

  const again = await localcluster(['network', '--subnet', subnet]);
  assert.equal(again.exitCode, 0, again.stdout + again.stderr);
  assert.equal(JSON.parse(await docker(['network', 'inspect', network]))[0].Id, inspected.Id, 'the network is kept');

  for (const c of clusters) await startNode(c.container, network, image, cleanup);
  addresses = new Map(
    await Promise.all(clusters.map(async (c) => [c.name, await nodeAddress(c.container, network)] as const)),
  );
});

test('route: every member reaches every other member of its group, and nothing else', {
  skip: unavailable,
}, async () => {
  const result = await localcluster(['route', definitions]);
  assert.equal(result.exitCode, 0, result.stdout + result.stderr);
  const tables = await routeTables();
  for (const c of clusters) {
    const table = tables.get(c.name)!;
    for (const other of clusters) {
      if (other === c) continue;
      const toOther = table.filter((r) => r.destination === other.podCidr);
      if (other.group === c.group) {
        assert.deepEqual(
          toOther,
          [{ destination: other.podCidr, via: addresses.get(other.name) }],
          `${c.name} → ${other.name}`,
        );
      } else {
        assert.deepEqual(toOther, [], `${c.name} has no route to ${other.name} (another group)`);
      }
    }
    assert.equal(
      table.some((r) => r.destination === c.podCidr),
      false,
      `${c.name} has no route to its own pods`,
    );
  }
});

test('route again: nothing changes and nothing fails', { skip: unavailable }, async () => {
  const before = await routeTables();
  const result = await localcluster(['route', definitions]);
  assert.equal(result.exitCode, 0, result.stdout + result.stderr);
  assert.deepEqual(await routeTables(), before);
});

test('route for one cluster redoes its whole group', { skip: unavailable }, async () => {
  const [eastA, eastB] = clusters;
  await docker(['exec', eastB!.container, 'ip', 'route', 'del', eastA!.podCidr]);
  const result = await localcluster(['route', definitions, eastA!.name]);
  assert.equal(result.exitCode, 0, result.stdout + result.stderr);
  const table = await routesIn(eastB!.container);
  assert.deepEqual(
    table.filter((r) => r.destination === eastA!.podCidr),
    [{ destination: eastA!.podCidr, via: addresses.get(eastA!.name) }],
  );
});

test('the routes carry traffic to a pod address on another member', { skip: unavailable }, async () => {
  const [eastA, eastB] = clusters;
  const west = clusters[3]!;
  const podAddress = eastB!.podCidr.replace(/0\/24$/, '7');
  await docker(['exec', eastB!.container, 'ip', 'addr', 'add', `${podAddress}/32`, 'dev', 'lo']);
  const ping = await execa('docker', ['exec', eastA!.container, 'ping', '-c', '1', '-W', '3', podAddress], {
    reject: false,
  });
  assert.equal(ping.exitCode, 0, `ping over the route: ${ping.stdout}${ping.stderr}`);
  const across = await execa('docker', ['exec', west.container, 'ping', '-c', '1', '-W', '1', podAddress], {
    reject: false,
  });
  assert.notEqual(across.exitCode, 0, 'the other group has no route to it');
});

test('info and status report the real node addresses', { skip: unavailable }, async () => {
  const info = await localcluster(['info', definitions, '--json']);
  assert.equal(info.exitCode, 0, info.stdout + info.stderr);
  const status = await localcluster(['status', definitions, '--json']);
  assert.equal(status.exitCode, 0, status.stdout + status.stderr);
  for (const c of clusters) {
    const address = addresses.get(c.name)!;
    assert.match(address, /^\d+\.\d+\.\d+\.\d+$/);
    assert.ok(info.stdout.includes(`"${address}"`), `info --json names ${c.name}'s address ${address}`);
    assert.ok(status.stdout.includes(`"${address}"`), `status --json names ${c.name}'s address ${address}`);
  }
  const table = await localcluster(['status', definitions]);
  for (const c of clusters) {
    const row = table.stdout.split('\n').find((line) => line.includes(c.name));
    assert.ok(row?.includes(addresses.get(c.name)!), `status row for ${c.name}: ${row}`);
  }
});

test('doctor reports the engine and the network', { skip: unavailable }, async () => {
  const doctor = await localcluster(['doctor', '--json']);
  const checks = (JSON.parse(doctor.stdout) as { checks: Array<{ name: string; status: string; detail: string }> })
    .checks;
  const check = (name: string) => checks.find((c) => c.name === name);
  const engine = (await docker(['info', '--format', '{{.ServerVersion}}'])).trim();
  assert.deepEqual(check('docker engine'), {
    name: 'docker engine',
    status: 'ok',
    detail: `running, version ${engine}`,
  });
  const shared = check(`network ${network}`);
  assert.equal(shared?.status, 'ok', JSON.stringify(shared));
  assert.match(shared!.detail, /^\d+\.\d+\.\d+\.0\/24; \d+ container\(s\) attached$/);
});
