// The Kubernetes manifests the workshop applies: each file must say what its name promises, because the
// workshop applies them by name (route-to-color-50.yaml must really send half the traffic to the color cluster).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from './paths.js';

interface BackendRef {
  name: string;
  weight: number;
  port: number;
  kind: string;
}

// biome-ignore lint/suspicious/noExplicitAny: manifests are walked by key paths the tests know
function loadOne(relativePath: string): Record<string, any> {
  const docs = parseAllDocuments(readFileSync(join(repoRoot, relativePath), 'utf8'));
  assert.equal(docs.length, 1, `${relativePath}: one YAML document`);
  const [doc] = docs;
  assert.deepEqual(doc!.errors, [], `${relativePath}: valid YAML`);
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return doc!.toJS() as Record<string, any>;
}

/** Loads an HTTPRoute and returns its backends as name → weight, after checking its fixed parts. */
function routeWeights(relativePath: string, name: string, parent: string): Map<string, number> {
  const route = loadOne(relativePath);
  assert.equal(route.apiVersion, 'gateway.networking.k8s.io/v1beta1', relativePath);
  assert.equal(route.kind, 'HTTPRoute', relativePath);
  assert.equal(route.metadata.name, name, relativePath);
  assert.equal(route.metadata.namespace, 'faces', relativePath);
  assert.deepEqual(route.spec.parentRefs, [{ group: 'core', kind: 'Service', name: parent, port: 80 }], relativePath);
  assert.equal(route.spec.rules.length, 1, relativePath);
  const backends = route.spec.rules[0].backendRefs as BackendRef[];
  for (const backend of backends) {
    assert.equal(backend.kind, 'Service', relativePath);
    assert.equal(backend.port, 80, relativePath);
  }
  return new Map(backends.map((backend) => [backend.name, backend.weight]));
}

/** from → to in steps: at step N the new backend gets N% and the old one the rest (and disappears at 100). */
function assertProgression(folder: string, prefix: string, from: string, to: string): void {
  for (const percent of [10, 50, 90, 100]) {
    const file = `clusters/${folder}/${prefix}-${percent}.yaml`;
    const expected = new Map<string, number>(percent < 100 ? [[from, 100 - percent]] : []);
    expected.set(to, percent);
    assert.deepEqual(routeWeights(file, 'color-route', 'color'), expected, file);
  }
}

test('the color routes move color from the faces cluster to the color cluster 10/50/90/100', () => {
  assertProgression('color', 'route-to-color', 'color', 'color-color');
});

test('the color-b routes move color from the color cluster to the color-b cluster 10/50/90/100', () => {
  assertProgression('color-b', 'route-to-color-b', 'color-color', 'color-color-b');
});

test('the smiley routes send everything to the mirrored smiley Service of their cluster', () => {
  assert.deepEqual(
    routeWeights('clusters/smiley/route-to-smiley.yaml', 'smiley-route', 'smiley'),
    new Map([['smiley-smiley', 100]]),
  );
  assert.deepEqual(
    routeWeights('clusters/smiley-dr/route-to-smiley-dr.yaml', 'smiley-route', 'smiley'),
    new Map([['smiley-smiley-dr', 100]]),
  );
});

test('the two TCPMappings share Emissary port 8080, so the CDN splits between faces and faces-dr', () => {
  const mappings = ['clusters/cdn/tcpmapping.yaml', 'clusters/faces-dr/tcpmapping.yaml'].map(loadOne);
  assert.deepEqual(
    mappings.map((mapping) => [mapping.apiVersion, mapping.kind, mapping.metadata.namespace, mapping.spec.port]),
    [
      ['getambassador.io/v3alpha1', 'TCPMapping', 'faces', 8080],
      ['getambassador.io/v3alpha1', 'TCPMapping', 'faces', 8080],
    ],
  );
  // The workshop deletes them by these names.
  assert.deepEqual(
    mappings.map((mapping) => [mapping.metadata.name, mapping.spec.service]),
    [
      ['faces-mapping', 'faces-gui-faces:80'],
      ['faces-dr-mapping', 'faces-gui-faces-dr:80'],
    ],
  );
});

test('the Faces values give each cluster the look the workshop describes', () => {
  const values = (cluster: string) => loadOne(`clusters/${cluster}/faces-values.yaml`);
  assert.equal(values('color').color.color, 'green');
  assert.equal(values('color-b').color.color, undefined, 'color-b keeps the chart default, blue');
  assert.equal(values('faces-dr').color.color, 'white');
  assert.equal(values('smiley-dr').smiley.smiley, 'Screaming');
  for (const cluster of ['faces', 'faces-dr']) {
    assert.equal(values(cluster).face.errorFraction, 0, cluster);
    assert.equal(values(cluster).backend.errorFraction, 0, cluster);
    // The original gives the GUI its own LoadBalancer address in these two clusters (MetalLB / ServiceLB).
    assert.equal(values(cluster).gui.serviceType, 'LoadBalancer', cluster);
  }
  for (const cluster of ['color', 'color-b', 'smiley-dr'])
    assert.equal(values(cluster).gui, undefined, `${cluster}'s GUI is deleted after install`);
  assert.deepEqual(loadOne('clusters/cdn/emissary-values.yaml'), {
    replicaCount: 1,
    nameOverride: 'emissary',
    fullnameOverride: 'emissary',
  });
});
