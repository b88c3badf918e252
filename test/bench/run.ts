// `npm run bench`: each area's benchmark module prints its own figures. Each runs in a fresh process, one
// after the other, so that one's garbage, JIT state and child processes never weigh on the next one's figures.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const modules = ['parse', 'hostile', 'check', 'session', 'ui', 'serve', 'localcluster'];

let failed = false;
for (const name of modules) {
  const path = fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.log(`${name}.bench.ts ended with status ${result.status ?? result.signal}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
