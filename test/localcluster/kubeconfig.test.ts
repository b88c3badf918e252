import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointAtNode } from '../../src/localcluster/providers/kubeconfig.js';
import { formatAction } from '../../src/localcluster/plan/format.js';
import { Blocked } from '../../src/localcluster/model/errors.js';

const dual = { v4: '172.19.0.2', v6: 'fc00:f853:ccd:e793::2' };
const server = (families: Array<'v4' | 'v6'>, addresses = dual) =>
  formatAction(pointAtNode('own', 'kind-x', 'x-control-plane', addresses, families));

test("the server address is in the cluster's own first family, whatever else the node has", () => {
  assert.equal(server(['v4']), 'kubectl --kubeconfig own config set clusters.kind-x.server https://172.19.0.2:6443');
  assert.equal(
    server(['v6']),
    "kubectl --kubeconfig own config set clusters.kind-x.server 'https://[fc00:f853:ccd:e793::2]:6443'",
  );
  assert.equal(
    server(['v4', 'v6']),
    'kubectl --kubeconfig own config set clusters.kind-x.server https://172.19.0.2:6443',
  );
});

test("a node without an address of the cluster's families blocks the lane", () => {
  assert.throws(
    () => server(['v6'], { v4: '172.19.0.2' } as typeof dual),
    (error: Error) => {
      assert.ok(error instanceof Blocked);
      assert.equal(error.message, 'node x-control-plane has no IPv6 address on the shared network');
      return true;
    },
  );
});
