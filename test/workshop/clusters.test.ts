// The cluster definitions the workshop creates, read by localcluster's own loader: they must load, and they
// must describe the same clusters as the original workshop (names, providers, subnet IDs, groups, zones),
// because the workshop's story depends on who is in which group and which cloud.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitions } from '../../src/localcluster/definitions/load.js';
import { clustersDir } from './paths.js';

const expected = [
  { name: 'cdn', provider: 'k3d', byteId: 0xcd, nybbleId: 0xd, group: undefined, zone: undefined },
  { name: 'color', provider: 'kind', byteId: 0xc1, nybbleId: 0xc, group: 'face', zone: 'zone-east' },
  { name: 'color-b', provider: 'kind', byteId: 0xcb, nybbleId: 0xb, group: 'face', zone: 'zone-east' },
  { name: 'faces', provider: 'kind', byteId: 0x01, nybbleId: 0x1, group: 'face', zone: 'zone-east' },
  { name: 'faces-dr', provider: 'k3d', byteId: 0x02, nybbleId: 0x2, group: 'dr', zone: 'zone-dr' },
  { name: 'smiley', provider: 'kind', byteId: 0x51, nybbleId: 0x5, group: 'face', zone: 'zone-east' },
  { name: 'smiley-dr', provider: 'k3d', byteId: 0x52, nybbleId: 0x6, group: 'dr', zone: 'zone-east' },
];

test('every cluster folder has a definition', () => {
  const folders = readdirSync(clustersDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  assert.deepEqual(folders.map((folder) => folder.name).sort(), expected.map((cluster) => cluster.name).sort());
  for (const folder of folders) {
    assert.ok(existsSync(join(clustersDir, folder.name, 'sma.yaml')), `clusters/${folder.name}/sma.yaml exists`);
  }
});

test("the seven workshop clusters load with localcluster's loader, as the original defines them", () => {
  const loaded = loadDefinitions(clustersDir)
    .map((cluster) => ({
      name: cluster.name,
      provider: cluster.provider,
      byteId: cluster.subnet?.byteId,
      nybbleId: cluster.subnet?.nybbleId,
      group: cluster.group,
      zone: cluster.zone,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  assert.deepEqual(loaded, expected);
});

test('the workshop clusters are IPv4 only, with the CIDRs their nybble IDs give', () => {
  for (const cluster of loadDefinitions(clustersDir)) {
    const nybble = cluster.subnet!.nybbleId;
    assert.deepEqual(cluster.families, ['v4'], cluster.name);
    assert.deepEqual(cluster.podCidrs, { v4: `10.${nybble}.1.0/24` }, cluster.name);
    assert.deepEqual(cluster.serviceCidrs, { v4: `10.${nybble}.2.0/24` }, cluster.name);
  }
});
