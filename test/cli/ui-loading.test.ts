// Ink and React are for `play` only: `stepdown --help`, `lint`, `list` and `check` start without loading them.
// A module hook records every module a command loads; the bundle's files among them must not hold Ink's or
// React's code (esbuild heads each bundled module with a `// node_modules/<package>/…` comment). `play`,
// run the same way in a pty, shows that the check sees Ink and React when they are loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../scratch.js';
import { Screen, testEnv } from '../ui/screen.js';

const cli = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));
const dir = scratchDir('stepdown-ui-loading');
writeFileSync(join(dir, 'w.md'), '<!-- @SHOW -->\n\n# Hello\n\nSome commentary.\n\n```bash\necho hi\n```\n');

const UI_PACKAGES = /^(ink|react|react-reconciler|yoga-layout)$/;

/** Node options that make the process append the URL of every module it loads to `log`. */
function recordingLoads(log: string): string[] {
  const hooks =
    "import { appendFileSync } from 'node:fs';\n" +
    'export async function load(url, context, nextLoad) {\n' +
    `  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n` +
    '  return nextLoad(url, context);\n' +
    '}\n';
  const register =
    "import { register } from 'node:module';\n" +
    `register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});\n`;
  return ['--import', `data:text/javascript,${encodeURIComponent(register)}`];
}

/** The UI packages among the modules listed in `log`: loaded from node_modules, or bundled in a loaded file. */
function uiPackagesLoaded(log: string): string[] {
  const found = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n')) {
    if (!url.startsWith('file:')) continue;
    const file = fileURLToPath(url);
    const own = file.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
    if (own && UI_PACKAGES.test(own)) found.add(own);
    if (own || !file.endsWith('.js')) continue;
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) {
      if (UI_PACKAGES.test(name!)) found.add(name!);
    }
  }
  return [...found].sort();
}

for (const args of [['--help'], ['lint', 'w.md'], ['list', 'w.md'], ['check', 'w.md']]) {
  test(`stepdown ${args.join(' ')} loads neither Ink nor React`, () => {
    const log = join(dir, `${args[0]}.log`);
    writeFileSync(log, '');
    const result = spawnSync(process.execPath, [...recordingLoads(log), cli, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(readFileSync(log, 'utf8').includes('/dist/cli/stepdown.js'), 'the hook saw the command start');
    assert.deepEqual(uiPackagesLoaded(log), []);
  });
}

test('stepdown play loads Ink and React (the check above sees them)', { timeout: 60_000 }, async () => {
  const log = join(dir, 'play.log');
  writeFileSync(log, '');
  const screen = new Screen(process.execPath, [...recordingLoads(log), cli, 'play', '--no-typing', 'w.md'], {
    cols: 100,
    rows: 30,
    cwd: dir,
    env: testEnv({ XDG_STATE_HOME: join(dir, 'state') }),
  });
  try {
    await screen.waitFor(/RETURN run/, 30_000, 'the first frame');
    screen.type('Q');
    assert.equal((await screen.waitExit()).exitCode, 0);
  } finally {
    screen.kill();
  }
  const loaded = uiPackagesLoaded(log);
  assert.ok(loaded.includes('ink'), loaded.join(', '));
  assert.ok(loaded.includes('react'), loaded.join(', '));
});
