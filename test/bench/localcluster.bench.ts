// localcluster's parallelism: `create` of the seven workshop clusters through the recording fake, one cluster
// at a time (--concurrency 1) and all at once (the default). Two timings: every call taking the same fixed time
// (the goal: concurrent ≤ 0.4 × serial), and calls taking what the real tools roughly take, scaled down.
// In-process work (generated files, kubeconfig merges) runs for real in both. Prints when imported.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { type CommandName, runCommand } from '../../src/localcluster/main.js';
import { plainProgress } from '../../src/localcluster/executor/plain.js';
import { FakeRunner, type FakeWorld } from '../localcluster/fake-runner.js';
import { runWith } from '../localcluster/helpers.js';

const CALL_MS = 25;
const clusters = fileURLToPath(new URL('../../clusters', import.meta.url));

// Rough durations on a laptop with images cached, in seconds; anything else (docker inspect, kubectl config …)
// takes 0.08 s.
const PROVIDER_LIKE: Array<[RegExp, number]> = [
  [/kind create cluster/, 20],
  [/k3d cluster create/, 12],
  [/helm upgrade --install metallb/, 35],
  [/kubectl --context \S+ wait/, 10],
  [/kubectl --context \S+ apply/, 0.5],
  [/k3d kubeconfig get/, 0.3],
  [/docker exec/, 0.15],
];
const SCALE = 100;
const providerLike = (line: string) =>
  ((PROVIDER_LIKE.find(([pattern]) => pattern.test(line))?.[1] ?? 0.08) * 1000) / SCALE;

interface Timing {
  ms: number;
  calls: number;
  exitCode: number;
}

async function createAll(concurrency: number | undefined, delayMs: FakeWorld['delayMs']): Promise<Timing> {
  const dir = mkdtempSync(join(tmpdir(), 'localcluster-bench-'));
  try {
    const kubeconfig = join(dir, 'kube', 'config');
    const runner = new FakeRunner({ network: { name: 'kind', subnet: '192.168.155.0/24' }, kubeconfig, delayMs });
    const start = performance.now();
    const exitCode = await runCommand(
      'create',
      clusters,
      [],
      {
        network: 'kind',
        stateDir: join(dir, 'state'),
        trustDir: join(dir, 'certs'),
        force: false,
        dryrun: false,
        json: false,
        concurrency,
        ipv6: false,
        kubeconfig,
      },
      { runner, write: () => {}, note: () => {}, progress: () => plainProgress(() => {}) },
    );
    return { ms: performance.now() - start, calls: runner.calls.length, exitCode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function compare(delayMs: FakeWorld['delayMs']): Promise<{ serial: Timing; concurrent: Timing }> {
  return { serial: await createAll(1, delayMs), concurrent: await createAll(undefined, delayMs) };
}

function line(label: string, { serial, concurrent }: { serial: Timing; concurrent: Timing }, note: string): string {
  if (serial.exitCode !== 0 || concurrent.exitCode !== 0)
    return `  ${label} create failed (exit ${serial.exitCode}/${concurrent.exitCode})`;
  const ratio = concurrent.ms / serial.ms;
  return `  ${label} serial ${serial.ms.toFixed(0)} ms, concurrent ${concurrent.ms.toFixed(0)} ms = ${ratio.toFixed(2)} × serial ${note}`;
}

const fixed = await compare(CALL_MS);
const realistic = await compare(providerLike);
console.log(
  [
    `localcluster create, 7 workshop clusters, ${fixed.serial.calls} calls through the fake runner:`,
    line(`every call ${CALL_MS} ms: `, fixed, '(goal ≤ 0.40)'),
    line(
      'provider-like calls:',
      realistic,
      `(kind create 20 s, k3d create 12 s, MetalLB 35 s, node wait 10 s …, scaled 1:${SCALE})`,
    ),
    '  (no CPU or disk contention is modelled: seven real clusters starting at once take longer than this)',
  ].join('\n'),
);

// Work that grows with the number of clusters: 1,000 `context` definitions (clusters that exist elsewhere),
// `status` and `certs` (a fresh trust folder: an anchor and 1,000 issuers; then again, when every issuer is
// checked and kept). Goal: seconds, growing linearly.
async function manyClusters(count: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'localcluster-bench-many-'));
  try {
    const definitions = join(dir, 'clusters');
    const names = Array.from({ length: count }, (_, i) => `c${i}`);
    for (const name of names) {
      mkdirSync(join(definitions, name), { recursive: true });
      writeFileSync(
        join(definitions, name, 'sma.yaml'),
        `kind: SMA-cluster\napiVersion: sma.buoyant.io/v1alpha1\nmetadata:\n  name: ${name}\nspec:\n  provider: context\n  context: ${name}\n`,
      );
    }
    const kubeconfig = join(dir, 'kube', 'config');
    const runner = new FakeRunner({
      network: { name: 'kind', subnet: '192.168.155.0/24' },
      kubeconfig,
      contexts: names,
      remoteContexts: Object.fromEntries(names.map((name, i) => [name, `10.${i >> 8}.${i & 255}.1`])),
    });
    const run = async (command: CommandName) => {
      const start = performance.now();
      const { exitCode } = await runWith(runner, dir, command, { dirs: definitions, options: { kubeconfig } });
      const ms = performance.now() - start;
      return `${(ms / 1000).toFixed(2)} s${exitCode === 0 ? '' : ` (exit ${exitCode})`}`;
    };
    const status = await run('status');
    const fresh = await run('certs');
    const again = await run('certs');
    return [
      `localcluster, ${count} context definitions:`,
      `  status ${status}; certs ${fresh} (anchor and ${count} issuers made), again ${again} (every issuer checked, kept)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  [
    ...(await manyClusters(1000)),
    `  (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  ].join('\n'),
);
