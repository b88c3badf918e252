// A machine without a running Docker engine (a learner reading first, a presenter rehearsing on a laptop):
// the reports and the dry run of the commands that start from nothing still work; what needs the engine
// says so. docker answers every call as it does without a daemon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWorld, runWith, tempDir } from './helpers.js';
import { UserError } from '../../src/common/errors.js';
import type { FakeWorld } from './fake-runner.js';

const DAEMON = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
const noDaemon: FakeWorld = { failures: [{ match: /^docker /, exitCode: 1, stderr: `${DAEMON}\n` }] };
const INSPECT = [
  'docker network inspect kind',
  "docker ps --all --format '{{.Names}}\t{{.State}}'",
  'kubectl config view --output json',
];

test('status: every definition, in the state `unknown (no Docker engine)`, a one-line note, exit 0', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir, noDaemon);
  const status = await runWith(fake, dir, 'status');
  assert.equal(status.exitCode, 0);
  assert.equal(
    status.notes,
    `localcluster: no Docker engine (${DAEMON}): the definitions are shown, their state is unknown\n`,
  );
  const rows = status.output.trimEnd().split('\n');
  assert.equal(
    rows[0],
    'NAME       PROVIDER  GROUP  ZONE       SUBNET  POD CIDRS     SERVICE CIDRS  STATE                       NODE ADDRESS  LOADBALANCER',
  );
  assert.deepEqual(
    rows.slice(1).map((row) => row.split(/ {2,}/).slice(0, 8)),
    [
      ['cdn', 'k3d', '-', '-', 'CD/D', '10.13.1.0/24', '10.13.2.0/24', 'unknown (no Docker engine)'],
      ['color', 'kind', 'face', 'zone-east', 'C1/C', '10.12.1.0/24', '10.12.2.0/24', 'unknown (no Docker engine)'],
      ['color-b', 'kind', 'face', 'zone-east', 'CB/B', '10.11.1.0/24', '10.11.2.0/24', 'unknown (no Docker engine)'],
      ['faces', 'kind', 'face', 'zone-east', '01/1', '10.1.1.0/24', '10.1.2.0/24', 'unknown (no Docker engine)'],
      ['faces-dr', 'k3d', 'dr', 'zone-dr', '02/2', '10.2.1.0/24', '10.2.2.0/24', 'unknown (no Docker engine)'],
      ['smiley', 'kind', 'face', 'zone-east', '51/5', '10.5.1.0/24', '10.5.2.0/24', 'unknown (no Docker engine)'],
      ['smiley-dr', 'k3d', 'dr', 'zone-east', '52/6', '10.6.1.0/24', '10.6.2.0/24', 'unknown (no Docker engine)'],
    ],
  );
  assert.match(rows[4]!, / - {2,}MetalLB pool from network kind \(unknown: no Docker engine\)$/);
  assert.deepEqual(fake.calls, INSPECT);
});

test('info: each definition with its state unknown, and --json says the same', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir, noDaemon);
  const info = await runWith(fake, dir, 'info', { names: ['faces'] });
  assert.equal(info.exitCode, 0);
  assert.equal(
    info.output,
    [
      'faces:',
      '  Provider:      kind (context faces)',
      '  State:         unknown (no Docker engine)',
      '  Node address:  -',
      '  Pod CIDRs:     10.1.1.0/24',
      '  Service CIDRs: 10.1.2.0/24',
      '  LoadBalancer:  MetalLB pool from network kind (unknown: no Docker engine)',
      '  Group:         face',
      '  Zone:          zone-east',
      '',
    ].join('\n'),
  );
  assert.match(info.notes, /^localcluster: no Docker engine \(Cannot connect to the Docker daemon/);
  const json = await runWith(fake, dir, 'info', { names: ['smiley-dr'], options: { json: true } });
  const [report] = JSON.parse(json.output);
  assert.equal(report.state, 'unknown (no Docker engine)');
  assert.deepEqual(report.node, { container: 'k3d-smiley-dr-server-0', ipv4: null, ipv6: null });
});

test('no docker on PATH at all counts as no engine', async (t) => {
  const dir = tempDir(t);
  const status = await runWith(fakeWorld(dir, { missing: ['docker'] }), dir, 'status', { names: ['cdn'] });
  assert.equal(status.exitCode, 0);
  assert.match(status.output, /^cdn +k3d .* unknown \(no Docker engine\) /m);
  assert.equal(
    status.notes,
    'localcluster: no Docker engine (docker: not found on PATH): the definitions are shown, their state is unknown\n',
  );
});

test('create --dryrun: the whole plan, as if nothing existed yet, and stderr says what is assumed', async (t) => {
  const dir = tempDir(t);
  const fake = fakeWorld(dir, noDaemon);
  const plan = await runWith(fake, dir, 'create', { names: ['smiley'], options: { dryrun: true } });
  assert.equal(plan.exitCode, 0, plan.output);
  assert.deepEqual(fake.calls, INSPECT, 'read-only inspection only');
  const lines = plan.output.split('\n');
  // Every phase, in order, with what each cluster does.
  assert.deepEqual(
    lines.filter((line) => line.startsWith('# ──')),
    ['# ── network kind ──', '# ── create clusters ──', '# ── configure: kubeconfig, routes, load balancer ──'],
  );
  assert.ok(lines.includes('# no Docker engine to ask whether network kind exists: planned as missing'));
  assert.ok(
    lines.includes(
      'docker network create --driver bridge --subnet 192.168.155.0/24 --gateway 192.168.155.1 --opt com.docker.network.bridge.enable_ip_masquerade=true --opt com.docker.network.driver.mtu=1500 kind',
    ),
  );
  assert.ok(lines.some((line) => /^KIND_EXPERIMENTAL_DOCKER_NETWORK=kind kind create cluster /.test(line)));
  assert.ok(
    lines.includes(
      `kubectl --kubeconfig ${join(dir, 'state', 'smiley', 'kubeconfig')} config set clusters.kind-smiley.server 'https://<smiley-control-plane:ipv4>:6443'`,
    ),
  );
  // The MetalLB pool, from the subnet the network would be created with.
  assert.ok(lines.includes('    - 192.168.155.80/28'));
  assert.equal(
    plan.notes,
    [
      `localcluster: no Docker engine (${DAEMON}).`,
      "localcluster: this plan assumes that network kind and the clusters do not exist yet. <NAME:ipv4> stands for a node's address, known once the node runs. MetalLB pools (kind) are computed from 192.168.155.0/24, the subnet network kind is created with: if it exists with another, they differ.",
      '',
    ].join('\n'),
  );
});

test('what needs the engine still stops with docker’s own words: a real create, the dry run of delete', async (t) => {
  const dir = tempDir(t);
  for (const [command, dryrun] of [
    ['create', false],
    ['delete', true],
  ] as const) {
    const fake = fakeWorld(dir, noDaemon);
    await assert.rejects(
      runWith(fake, dir, command, { names: ['smiley'], options: { dryrun } }),
      (error: unknown) =>
        error instanceof UserError &&
        error.message.startsWith('cannot inspect the current state (docker ') &&
        error.message.endsWith(DAEMON),
    );
    assert.ok(
      fake.calls.every((call) => INSPECT.includes(call)),
      `${command}: nothing but inspection`,
    );
  }
});

test('no kubectl either: clusters elsewhere are unknown too, local ones as docker says; the dry run still plans', async (t) => {
  const dir = tempDir(t);
  const defs = join(dir, 'defs');
  mkdirSync(join(defs, 'cloud'), { recursive: true });
  writeFileSync(
    join(defs, 'cloud', 'sma.yaml'),
    'kind: SMA-cluster\napiVersion: sma.buoyant.io/v1alpha1\nmetadata:\n  name: civo-faces\nspec:\n  provider: context\n  context: civo-faces-ctx\n',
  );
  const bare = fakeWorld(dir, { ...noDaemon, missing: ['kubectl'] });
  const elsewhere = await runWith(bare, dir, 'status', { dirs: defs });
  assert.equal(elsewhere.exitCode, 0);
  assert.match(elsewhere.output, /^civo-faces +context .* unknown \(no kubectl\) /m);
  assert.equal(
    elsewhere.notes,
    'localcluster: kubectl: not found on PATH: the state of clusters elsewhere is unknown\n',
  );
  const local = await runWith(bare, dir, 'status', { names: ['smiley'] });
  assert.match(local.output, /^smiley +kind .* unknown \(no Docker engine\) /m);
  assert.match(local.notes, /^localcluster: no Docker engine .*\nlocalcluster: kubectl: not found on PATH: /);

  const engineOnly = fakeWorld(dir, { network: { name: 'kind', subnet: '192.168.155.0/24' }, missing: ['kubectl'] });
  const plan = await runWith(engineOnly, dir, 'create', { names: ['smiley'], options: { dryrun: true } });
  assert.equal(plan.exitCode, 0, plan.output);
  assert.match(plan.output, /^# network kind exists \(192\.168\.155\.0\/24\)$/m);
  assert.equal(
    plan.notes,
    'localcluster: kubectl: not found on PATH: this plan assumes your kubeconfig has no contexts yet.\n',
  );
});
