// localcluster's parallelism: `create` of the seven workshop clusters through the recording fake, every call
// taking a fixed time, one cluster at a time (--concurrency 1) and all at once (the default). Prints when
// imported. Goal: concurrent ≤ 0.4 × serial.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runCommand } from '../../src/localcluster/main.js';
import { plainProgress } from '../../src/localcluster/executor/plain.js';
import { FakeRunner } from '../../src/localcluster/runner/fake.js';

const CALL_MS = 25;
const clusters = fileURLToPath(new URL('../../clusters', import.meta.url));

async function createAll(concurrency: number | undefined): Promise<{ ms: number; calls: number; exitCode: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'localcluster-bench-'));
  try {
    const runner = new FakeRunner({ network: { name: 'kind', subnet: '192.168.155.0/24' }, delayMs: CALL_MS });
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
      },
      { runner, write: () => {}, progress: () => plainProgress(() => {}) },
    );
    return { ms: performance.now() - start, calls: runner.calls.length, exitCode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const serial = await createAll(1);
const concurrent = await createAll(undefined);
if (serial.exitCode !== 0 || concurrent.exitCode !== 0) {
  console.log(`localcluster: create failed in the benchmark (exit ${serial.exitCode}/${concurrent.exitCode})`);
} else {
  const ratio = concurrent.ms / serial.ms;
  console.log(
    `localcluster create, 7 workshop clusters, ${serial.calls} calls of ${CALL_MS} ms each (fake runner):\n` +
      `  serial (--concurrency 1): ${serial.ms.toFixed(0)} ms\n` +
      `  concurrent (default 7):   ${concurrent.ms.toFixed(0)} ms  = ${ratio.toFixed(2)} × serial (goal ≤ 0.40)`,
  );
}
