// Both command lines as a new user meets them: the package name, --version, usage with no arguments, and help
// texts in one voice that give every option's default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};
const PROGRAMS = ['stepdown', 'localcluster'] as const;

function run(program: (typeof PROGRAMS)[number], ...args: string[]) {
  return runIn(process.env, program, ...args);
}

function runIn(env: NodeJS.ProcessEnv, program: (typeof PROGRAMS)[number], ...args: string[]) {
  const result = spawnSync(process.execPath, [`${root}dist/cli/${program}.js`, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
    env,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the package has a name of its own and keeps both command names', () => {
  // `stepdown` on the npm registry is an unrelated library: `npx stepdown` outside a clone would run it.
  assert.equal(manifest.name, 'stepdown-cli');
  assert.deepEqual(Object.keys(manifest.bin).sort(), ['localcluster', 'stepdown']);
});

test("README examples that run in someone else's repository name the package", () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  // CI workflow files run in an author's repository, never in a clone of this one.
  const workflows = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const npx = workflows.flatMap((text) => text.split('\n').filter((line) => /\bnpx\b/.test(line)));
  assert.ok(npx.length > 0, 'the README has a CI example that runs npx');
  for (const line of npx) assert.match(line, new RegExp(`npx --package=${manifest.name} (stepdown|localcluster) `));
});

for (const program of PROGRAMS) {
  test(`${program} --version and -V print the package version`, () => {
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = run(program, flag);
      assert.equal(code, 0, flag);
      assert.equal(stdout, `${manifest.version}\n`, flag);
    }
  });

  test(`${program} with no arguments prints its usage on stderr and exits 2`, () => {
    const { code, stdout, stderr } = run(program);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, new RegExp(`^Usage: ${program} `));
    assert.match(stderr, /Commands:\n/);
  });

  test(`${program} help: one voice, and every option that takes a value says its default`, () => {
    const top = run(program, '--help').stdout;
    const commands = [...top.split('Commands:\n')[1]!.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!);
    assert.ok(commands.length >= 4, top);
    const texts = [top, ...commands.filter((c) => c !== 'help').map((c) => run(program, c, '--help').stdout)];
    for (const text of texts) {
      // Commander wraps long descriptions: join continuation lines before reading them.
      const entries = text.replace(/\n {10,}/g, ' ').split('\n');
      const summary = text.split('\n')[2]!;
      const described = entries
        .filter((line) => /^ {2}\S/.test(line))
        .map((line) => line.replace(/^ {2}\S.*?\s{2,}/, ''))
        .concat(summary);
      for (const description of described) {
        assert.match(description, /^[a-z(]/, `lower-case start: ${description}`);
        assert.doesNotMatch(description, /\.$/, `no closing full stop: ${description}`);
      }
      for (const line of entries.filter((l) => /^ {2}--?\S+ <[^>]+>/.test(l))) {
        // Options that name a file to write, and required ones, have no default to give.
        if (/--(record|junit|json|src|dst) /.test(line)) continue;
        assert.match(line, /\(default: [^)]+/, `a default in: ${line}`);
      }
    }
  });
}

test('inside stepdown check (STEPDOWN_UNATTENDED), playing a file checks it; other commands are what they are', () => {
  const env = { ...process.env, STEPDOWN_UNATTENDED: '1' };
  const fixture = 'test/ui/fixtures/narrow.md';
  for (const args of [[fixture], ['play', fixture]]) {
    const nested = runIn(env, 'stepdown', ...args);
    assert.doesNotMatch(nested.stderr, /needs a terminal/, args.join(' '));
    assert.match(nested.stdout, /^\d+ passed, \d+ failed, \d+ skipped$/m, args.join(' '));
  }
  assert.equal(runIn(env, 'stepdown', 'help').code, 0);
  assert.match(runIn(env, 'stepdown', 'list', fixture).stdout, /^0\. \(start\)/m);
  // Without it, play asks for a terminal as always.
  assert.match(run('stepdown', fixture).stderr, /needs a terminal/);
});
