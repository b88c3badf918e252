import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadDefinitions } from '../../src/localcluster/definitions/load.js';
import { DefinitionError } from '../../src/localcluster/definitions/problems.js';
import { FakeRunner } from './fake-runner.js';
import { runWith, tempDir, workshopClusters } from './helpers.js';
import { corpus, needsCorpus } from '../corpus.js';

function define(root: string, folder: string, text: string): string {
  mkdirSync(join(root, folder), { recursive: true });
  const file = join(root, folder, 'sma.yaml');
  writeFileSync(file, text);
  return file;
}

const valid = (name: string, subnet: string, extra = '') =>
  `kind: SMA-cluster\napiVersion: sma.buoyant.io/v1alpha1\nmetadata:\n  name: ${name}\nspec:\n  subnet: "${subnet}"\n  v4Enabled: true\n  provider: kind\n${extra}`;

function problemsOf(dirs: string): string[] {
  try {
    loadDefinitions(dirs);
  } catch (error) {
    if (error instanceof DefinitionError) return error.message.split('\n').slice(1);
    throw error;
  }
  assert.fail('expected a DefinitionError');
}

test('the seven workshop clusters load with the CIDRs, groups and zones of the original', () => {
  const clusters = loadDefinitions(workshopClusters);
  const summary = clusters.map((c) =>
    [c.name, c.provider, c.group ?? '-', c.zone ?? '-', c.podCidrs.v4, c.serviceCidrs.v4].join(' '),
  );
  assert.deepEqual(summary, [
    'cdn k3d - - 10.13.1.0/24 10.13.2.0/24',
    'color kind face zone-east 10.12.1.0/24 10.12.2.0/24',
    'color-b kind face zone-east 10.11.1.0/24 10.11.2.0/24',
    'faces kind face zone-east 10.1.1.0/24 10.1.2.0/24',
    'faces-dr k3d dr zone-dr 10.2.1.0/24 10.2.2.0/24',
    'smiley kind face zone-east 10.5.1.0/24 10.5.2.0/24',
    'smiley-dr k3d dr zone-east 10.6.1.0/24 10.6.2.0/24',
  ]);
  assert.deepEqual(
    clusters.map((c) => c.families),
    Array(7).fill(['v4']),
  );
});

test("the original workshops' definition files load unchanged", needsCorpus, () => {
  const practical = loadDefinitions(join(corpus, 'practical-multicluster/clusters'));
  assert.deepEqual(
    practical.map((c) => c.name),
    ['cdn', 'color', 'color-b', 'faces', 'faces-dr', 'smiley', 'smiley-dr'],
  );
  assert.deepEqual(practical.find((c) => c.name === 'smiley-dr')?.subnet, { byteId: 0x52, nybbleId: 6 });
  for (const workshop of ['2-18-features', 'federated-services']) {
    const clusters = loadDefinitions(join(corpus, workshop, 'clusters'));
    assert.deepEqual(
      clusters.map((c) => [c.name, c.podCidrs.v4, c.group]),
      [
        ['east', '10.1.1.0/24', undefined],
        ['west', '10.2.1.0/24', undefined],
      ],
    );
    // Their mc-values.yaml is found and later passed to `linkerd multicluster install`.
    assert.match(clusters[0]!.multiclusterValues ?? '', /east\/mc-values\.yaml$/);
  }
});

test('IPv6 and dual-stack definitions get fd00:<byte> CIDRs', (t) => {
  const root = tempDir(t);
  define(root, 'six', valid('six', 'ab/3', '  v6Enabled: true\n'));
  const [six] = loadDefinitions(root);
  assert.deepEqual(six!.podCidrs, { v4: '10.3.1.0/24', v6: 'fd00:ab:1::/64' });
  assert.deepEqual(six!.serviceCidrs, { v4: '10.3.2.0/24', v6: 'fd00:ab:2::/112' });
});

test('yes/no and on/off are booleans, as the original tool read them (YAML 1.1)', (t) => {
  const root = tempDir(t);
  define(root, 'old', `${valid('old', '0a/a').replace('v4Enabled: true', 'v4Enabled: yes')}  v6Enabled: Off\n`);
  const [old] = loadDefinitions(root);
  assert.deepEqual(old!.families, ['v4']);
});

test('a malformed subnet gets one problem, not two', (t) => {
  const root = tempDir(t);
  const file = define(root, 'zero', valid('zero', '0g/1'));
  assert.deepEqual(problemsOf(root), [
    `${file}:6:11: error spec.subnet: must be "HH/N": a hex byte ID (01-ff), "/", and a hex nybble ID (1-f) [schema]`,
  ]);
});

test('field problems name the file, line, column and field', (t) => {
  const root = tempDir(t);
  const file = define(
    root,
    'bad',
    [
      'kind: SMA-cluster',
      'apiVersion: sma.buoyant.io/v1alpha1',
      'metadata:',
      '  name: Bad_Name',
      'spec:',
      '  subnet: 5G/1',
      '  provider: minikube',
      '  zon: east',
      '',
    ].join('\n'),
  );
  assert.deepEqual(problemsOf(root), [
    `${file}:4:9: error metadata.name: must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit [schema]`,
    `${file}:6:11: error spec.subnet: must be "HH/N": a hex byte ID (01-ff), "/", and a hex nybble ID (1-f) [schema]`,
    `${file}:7:13: error spec.provider: must be one of kind, k3d, context [schema]`,
    `${file}:8:3: error spec.zon: unknown field [schema]`,
  ]);
});

test('missing fields, YAML syntax errors and inconsistent specs are reported where they belong', (t) => {
  const root = tempDir(t);
  const missing = define(
    root,
    'a',
    'kind: SMA-cluster\napiVersion: sma.buoyant.io/v1alpha1\nmetadata:\n  name: a\nspec:\n  subnet: "0a/0"\n',
  );
  const syntax = define(root, 'b', 'kind: SMA-cluster\nmetadata:\n  name: b\n  name: c\n');
  const noFamily = define(root, 'c', valid('c', '0c/c').replace('  v4Enabled: true\n', ''));
  const noContext = define(
    root,
    'd',
    'kind: SMA-cluster\napiVersion: sma.buoyant.io/v1alpha1\nmetadata:\n  name: d\nspec:\n  provider: context\n',
  );
  assert.deepEqual(problemsOf(root), [
    `${missing}:6:11: error spec.subnet: IDs must not be 0 [schema]`,
    `${missing}:5:1: error spec.provider: is required (kind, k3d or context) [schema]`,
    `${syntax}:4:3: error Map keys must be unique [yaml]`,
    `${noFamily}:5:1: error spec: set v4Enabled and/or v6Enabled to true [provider-fields]`,
    `${noContext}:5:1: error spec.context: is required for provider "context" [provider-fields]`,
  ]);
});

test('a FIFO and a link to a device are problems with their path, not read', (t) => {
  const root = tempDir(t);
  mkdirSync(join(root, 'fifo'));
  const fifo = join(root, 'fifo', 'sma.yaml');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  mkdirSync(join(root, 'zero'));
  const zero = join(root, 'zero', 'sma.yaml');
  symlinkSync('/dev/zero', zero);
  define(root, 'fine', valid('fine', '01/1'));
  assert.deepEqual(problemsOf(root), [
    `${fifo}:1:1: error not a regular file but a FIFO [not-a-file]`,
    `${zero}:1:1: error not a regular file but a device [not-a-file]`,
  ]);
});

test('a definition larger than 64 KiB is refused unread', (t) => {
  const root = tempDir(t);
  const large = define(root, 'large', valid('large', '01/1', `# ${'x'.repeat(70 * 1024)}\n`));
  assert.deepEqual(problemsOf(root), [
    `${large}:1:1: error file is too large to be a cluster definition (71 KiB; the limit is 64 KiB) [too-large]`,
  ]);
});

test('YAML aliases that expand too much are a problem at the first alias', (t) => {
  const root = tempDir(t);
  const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
  for (const [previous, name] of [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
  ]) {
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  const bomb = define(root, 'bomb', `${levels.join('\n')}\n${valid('bomb', '01/1')}`);
  assert.deepEqual(problemsOf(root), [
    `${bomb}:2:8: error aliases expand to too much data (Excessive alias count indicates a resource exhaustion attack) [yaml]`,
  ]);
});

test('duplicate names and shared subnet IDs are refused, pointing at both definitions', (t) => {
  const root = tempDir(t);
  const first = define(root, 'one', valid('faces', '01/1'));
  const second = define(root, 'two', valid('faces', '02/2'));
  const third = define(root, 'three', valid('other', '01/3'));
  const fourth = define(root, 'x-four', valid('four', '04/3'));
  assert.deepEqual(problemsOf(root), [
    `${third}:6:11: error spec.subnet: byte ID 01 is also used by faces (${first}:6); every cluster needs its own [shared-subnet]`,
    `${second}:4:9: error metadata.name: "faces" is already defined in ${first}:4 [duplicate-name]`,
    `${fourth}:6:11: error spec.subnet: nybble ID 3 is also used by other (${third}:6); every cluster needs its own [shared-subnet]`,
  ]);
});

test('a bad definition stops a command before anything runs', async (t) => {
  const root = tempDir(t);
  define(root, 'ok', valid('fine', '01/1'));
  define(root, 'bad', valid('fine2', '01/2'));
  const fake = new FakeRunner({ network: { name: 'kind', subnet: '192.168.155.0/24' } });
  await assert.rejects(runWith(fake, root, 'create', { dirs: root }), (error: Error) => {
    assert.ok(error instanceof DefinitionError);
    assert.match(
      error.message,
      /^1 problem in cluster definitions; nothing was changed\n.*sma\.yaml:6:11: error spec\.subnet: byte ID 01/,
    );
    return true;
  });
  assert.deepEqual(fake.calls, []);
});

test('unknown names and missing folders are usage errors', async (t) => {
  const root = tempDir(t);
  await assert.rejects(
    runWith(new FakeRunner(), root, 'create', { names: ['nosuch'] }),
    /no cluster named nosuch \(defined: cdn, color/,
  );
  assert.throws(() => loadDefinitions(join(root, 'absent')), /absent: no such folder/);
  assert.throws(() => loadDefinitions(root), /no sma\.yaml found under/);
});
