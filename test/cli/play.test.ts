// `stepdown play` refuses a workshop before it asks for a terminal or starts bash, exactly where `lint` and
// `check` refuse it: all three go through one way into a run (player/open.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stepdown-play-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function stepdown(...args: string[]) {
  // No terminal on either side: play gets as far as it can without one.
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+|internal error/, 'no stack trace');
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const RECURSION = '<!-- @SHOW -->\n\n```bash\n#@macro again\n#@again\n#@end\necho before\n#@again\n```\n';
const RECURSION_ERROR = 'loop.md:4:1: error macro `again` calls itself [macro-recursion]';

test('a macro that calls itself: lint, check and play all refuse the workshop, with the same message', () => {
  writeFileSync(join(dir, 'loop.md'), RECURSION);
  const lint = stepdown('lint', 'loop.md');
  assert.equal(lint.code, 1);
  assert.ok(lint.stdout.includes(RECURSION_ERROR), lint.stdout + lint.stderr);

  const check = stepdown('check', 'loop.md');
  assert.equal(check.code, 1);
  assert.ok(check.stderr.includes(RECURSION_ERROR), check.stderr);
  assert.match(check.stderr, /loop\.md: not run/);

  // Before, play loaded this workshop and only met the recursion once `echo before` had run.
  const play = stepdown('play', 'loop.md');
  assert.equal(play.code, 1);
  assert.equal(play.stderr, `stepdown: cannot play loop.md:\n${RECURSION_ERROR}\n`);
  assert.doesNotMatch(play.stderr, /needs a terminal/);
});

test('play: a missing file and an unknown --from heading are usage errors, said before the terminal is asked for', () => {
  writeFileSync(join(dir, 'fine.md'), '# Setup\n\n```bash\necho hi\n```\n');
  const missing = stepdown('play', 'missing.md');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^stepdown: missing\.md: /);

  const from = stepdown('play', '--from', 'nowhere', 'fine.md');
  assert.equal(from.code, 2);
  assert.match(from.stderr, /^stepdown: --from: /);

  const fine = stepdown('play', 'fine.md');
  assert.equal(fine.code, 2);
  assert.match(fine.stderr, /needs a terminal/);
});
