import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatAddress, formatCidr, parseCidr, parseIPv6 } from '../../src/localcluster/network/ip.js';
import { parseNetworkInspect } from '../../src/localcluster/network/inspect.js';
import { metallbPool } from '../../src/localcluster/network/pools.js';
import { networkCreateCommand, networkSpec } from '../../src/localcluster/network/create.js';
import { formatCommand } from '../../src/localcluster/plan/format.js';
import { loadDefinitions } from '../../src/localcluster/definitions/load.js';
import { fixture, workshopClusters } from './helpers.js';

const clusters = loadDefinitions(workshopClusters);
const byName = (name: string) => clusters.find((c) => c.name === name)!;

test('IPv6 addresses are parsed and printed canonically', () => {
  for (const [input, canonical] of [
    ['fc00:f853:ccd:e793::', 'fc00:f853:ccd:e793::'],
    ['fc00:f853:0ccd:e793:0000:0000:0000:0002', 'fc00:f853:ccd:e793::2'],
    ['::1', '::1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['::', '::'],
  ] as const) {
    assert.equal(formatAddress('v6', parseIPv6(input)!), canonical);
  }
  assert.equal(parseIPv6('1::2::3'), undefined);
  assert.equal(parseCidr('192.168.155.0/33'), undefined);
  assert.equal(formatCidr(parseCidr('10.0.0.0/8')!), '10.0.0.0/8');
});

test('docker network inspect: subnets and attached node containers, IPv4 sample', () => {
  const network = parseNetworkInspect(readFileSync(fixture('docker-inspect-kind.json'), 'utf8'));
  assert.equal(network.name, 'kind');
  assert.equal(formatCidr(network.subnets.v4!), '192.168.155.0/24');
  assert.equal(network.subnets.v6, undefined);
  assert.deepEqual(Object.fromEntries(network.attached), {
    'faces-control-plane': { v4: '192.168.155.2' },
    'k3d-cdn-server-0': { v4: '192.168.155.3' },
  });
});

test('docker network inspect: the IPv6 sample (IPv6 entry without a gateway)', () => {
  const network = parseNetworkInspect(readFileSync(fixture('docker-inspect-kind-ipv6.json'), 'utf8'));
  assert.equal(formatCidr(network.subnets.v4!), '172.19.0.0/16');
  assert.equal(formatCidr(network.subnets.v6!), 'fc00:f853:ccd:e793::/64');
  assert.deepEqual(network.attached.get('kind6-control-plane'), { v4: '172.19.0.2', v6: 'fc00:f853:ccd:e793::2' });
});

test('unexpected inspect output is a clear error', () => {
  assert.throws(() => parseNetworkInspect('not json'), /not JSON/);
  assert.throws(() => parseNetworkInspect('[]'), /unexpected docker network inspect output/);
});

test('MetalLB pools: the /28 at nybble × 16, the /96 at the byte ID', () => {
  const ipv4 = parseNetworkInspect(readFileSync(fixture('docker-inspect-kind.json'), 'utf8'));
  assert.deepEqual(metallbPool(ipv4, byName('faces')), { ok: true, addresses: ['192.168.155.16/28'] });
  assert.deepEqual(metallbPool(ipv4, byName('smiley')), { ok: true, addresses: ['192.168.155.80/28'] });
  assert.deepEqual(metallbPool(ipv4, byName('color')), { ok: true, addresses: ['192.168.155.192/28'] });
  const ipv6 = parseNetworkInspect(readFileSync(fixture('docker-inspect-kind-ipv6.json'), 'utf8'));
  const dual = { ...byName('color-b'), families: ['v4', 'v6'] as const };
  assert.deepEqual(metallbPool(ipv6, dual), { ok: true, addresses: ['172.19.0.176/28', 'fc00:f853:ccd:e793:cb::/96'] });
  assert.deepEqual(metallbPool(ipv4, dual), { ok: false, problem: 'network kind has no IPv6 subnet' });
  const small = { ...ipv4, subnets: { v4: parseCidr('192.168.155.0/26')! } };
  assert.deepEqual(metallbPool(small, byName('color')), {
    ok: false,
    problem: 'pool 192.168.155.192/28 does not fit in network kind (192.168.155.0/26)',
  });
});

test('the shared network is created with a fixed subnet, gateway .1, masquerade and MTU 1500', () => {
  assert.equal(
    formatCommand(networkCreateCommand('kind', networkSpec('192.168.155.0/24', false, false))),
    'docker network create --driver bridge --subnet 192.168.155.0/24 --gateway 192.168.155.1 ' +
      '--opt com.docker.network.bridge.enable_ip_masquerade=true --opt com.docker.network.driver.mtu=1500 kind',
  );
  assert.equal(
    formatCommand(networkCreateCommand('test-net', networkSpec('10.99.0.0/16', true, true))),
    'docker network create --driver bridge --subnet 10.99.0.0/16 --gateway 10.99.0.1 --ipv6 --subnet fc00:f853:ccd:e793::/64 ' +
      '--opt com.docker.network.bridge.enable_ip_masquerade=true --opt com.docker.network.driver.mtu=1500 test-net',
  );
  assert.throws(() => networkSpec('192.168.155.0/25', false, true), /must be a \/24 or larger/);
  assert.throws(() => networkSpec('fd00::/64', false, true), /expected an IPv4 CIDR/);
});
