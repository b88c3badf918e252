// localcluster under the one signal policy (common/exit.ts): a stop signal kills what runs and still prints
// the summary; the status is 128 + the signal's number, as for stepdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fixture, repoRoot, tempDir } from './helpers.js';
import { processesRunning } from '../session/leftovers.js';

for (const [signal, status] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const) {
  test(`${signal} while a cluster is being created: killed, summary printed, exit ${status}`, async (t) => {
    const dir = tempDir(t);
    const started = join(dir, 'kind-started');
    const seconds = String(9000 + Math.floor(Math.random() * 999) + 0.5);
    const stub = (name: string, body: string) => {
      writeFileSync(join(dir, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(dir, name), 0o755);
    };
    stub('docker', '[ "$1 $2 $3" = "network inspect kind" ] && cat "$LC_INSPECT"\nexit 0');
    stub('kubectl', `[ "$1 $2" = "config view" ] && echo '{"kind":"Config"}'\nexit 0`);
    // kind "creates" the cluster for as long as it is let.
    stub('kind', `touch "${started}"\nexec sleep ${seconds}`);
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'dist/cli/localcluster.js'), 'create', 'clusters', 'smiley', '--state-dir', join(dir, 'state')],
      {
        cwd: repoRoot,
        env: {
          PATH: [dir, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
          LC_INSPECT: fixture('docker-inspect-kind.json'),
          HOME: dir,
        },
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    // Waits for kind to start: the file it touches (no time is guessed).
    while (!existsSync(started)) {
      assert.equal(child.exitCode, null, `localcluster ended before kind started:\n${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill(signal);
    const [code] = await exited;
    assert.equal(code, status, stdout);
    assert.match(stdout, /interrupted/);
    assert.deepEqual(processesRunning(['sleep', seconds]), [], 'kind was ended');
  });
}
