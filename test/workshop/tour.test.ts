// The built-in tour is the first thing a new user sees, so it is held to what the quick start promises:
// `stepdown check workshop/tour.md` passes, and playing it (what `npm start` does) while pressing RETURN
// reaches the end with exit status 0. Both leave no scratch folder behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Screen, testEnv } from '../ui/screen.js';
import { repoRoot, stepdownCli } from './paths.js';

/** A private TMPDIR, so the test can tell whether the tour removed its scratch folder. */
function scratchTmp(): { dir: string; leftovers: () => string[]; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tour-test-'));
  return {
    dir,
    leftovers: () => readdirSync(dir).filter((name) => name.startsWith('stepdown-tour.')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `npm start`: the tour played in a 100×30 terminal, with `tmpDir` as its TMPDIR. */
function playTour(tmpDir: string): Screen {
  return new Screen(process.execPath, [stepdownCli, 'workshop/tour.md'], {
    cwd: repoRoot,
    env: testEnv({ TMPDIR: tmpDir }),
    cols: 100,
    rows: 30,
  });
}

test('stepdown check workshop/tour.md passes and cleans up', () => {
  const tmp = scratchTmp();
  try {
    const result = spawnSync(process.execPath, [stepdownCli, 'check', 'workshop/tour.md'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: testEnv({ TMPDIR: tmp.dir }),
      timeout: 120_000,
    });
    assert.equal(result.status, 0, `check failed:\n${result.stdout}\n${result.stderr}`);
    assert.deepEqual(tmp.leftovers(), [], 'the tour removes its scratch folder');
  } finally {
    tmp.remove();
  }
});

test('playing the tour and pressing RETURN throughout reaches the end with status 0', async () => {
  const tmp = scratchTmp();
  const screen = playTour(tmp.dir);
  // A person pressing RETURN every so often, whatever is on the screen (also inside `less`).
  const presser = setInterval(() => screen.running && screen.type('\r'), 150);
  try {
    const { exitCode } = await screen.waitExit(180_000);
    assert.equal(exitCode, 0, `the tour ended with ${exitCode}; screen:\n${await screen.text()}`);
    // The commands really ran in the shell: the function, the hook once its variable was set, the import.
    for (const evidence of ['HELLO AGAIN!', '*ding* (this is DEMO_HOOK_CHIME at work)', 'Hello from tour/aside.md']) {
      assert.ok(screen.output.includes(evidence), `the output shows ${evidence}`);
    }
    // `@print` fills in `${VAR}` with the shell's value, as demosh does.
    assert.ok(screen.output.includes(`The scratch folder is ${tmp.dir}/stepdown-tour.`), 'the @print line');
    assert.deepEqual(tmp.leftovers(), [], 'the tour removes its scratch folder');
  } finally {
    clearInterval(presser);
    screen.kill();
    tmp.remove();
  }
});

test('quitting the tour with Q at its first step still removes its scratch folder', async () => {
  const tmp = scratchTmp();
  const screen = playTour(tmp.dir);
  try {
    // The hidden setup has run once the first command waits for RETURN.
    await screen.waitFor(/Hello from bash/, 30_000);
    await screen.waitFor(/RETURN run/, 30_000);
    assert.equal(tmp.leftovers().length, 1, 'the scratch folder exists while the tour plays');
    screen.type('Q');
    const { exitCode } = await screen.waitExit(30_000);
    assert.equal(exitCode, 0);
    assert.deepEqual(tmp.leftovers(), [], 'the EXIT trap removed the scratch folder');
  } finally {
    screen.kill();
    tmp.remove();
  }
});
