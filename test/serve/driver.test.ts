import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkshop } from '../../src/markdown/load.js';
import { Player } from '../../src/player/player.js';
import { createSession } from '../../src/session/session.js';
import { type DriverState, ServeDriver } from '../../src/serve/driver.js';

const fence = (...lines: string[]) => ['```bash', ...lines, '```'].join('\n');

test('Run clicks run commands in one session; the live shell between them shares its state', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-driver-'));
  const file = join(dir, 'w.md');
  writeFileSync(
    file,
    ['<!-- @SHOW -->', '# One', fence('A=first; echo "a=$A"'), '# Two', fence('echo "a=$A typed=$T"')].join('\n\n'),
  );
  const steps = loadWorkshop(file).steps;
  const commands = steps.flatMap((step, index) => (step.kind === 'command' ? [index] : []));
  const session = await createSession({ cwd: dir, interactive: true });
  let output = '';
  const states: DriverState[] = [];
  const changed: (() => void)[] = [];
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (condition() ? resolve() : changed.push(check));
      check();
    });
  const driver = new ServeDriver(steps, new Player(steps, { interactive: true, hooks: new Set() }), session, {
    output: (data) => {
      output += data;
      for (const wake of changed.splice(0)) wake();
    },
    state: (state) => {
      states.push(structuredClone(state));
      for (const wake of changed.splice(0)) wake();
    },
    progress: () => {},
  });
  try {
    const played = driver.play();
    driver.act({ kind: 'run', index: commands[0]! });
    await until(() => driver.statuses[commands[0]!]?.result === 'passed');
    assert.match(output, /a=first/);
    // Typed into the live shell between commands, once its prompt is there after the command's output.
    const prompt = (from: number) => output.indexOf('[stepdown shell]', from);
    await until(() => prompt(output.indexOf('a=first')) >= 0);
    const typedAt = output.length;
    driver.input('T=typed\r');
    await until(() => prompt(output.indexOf('T=typed', typedAt)) >= 0 && output.indexOf('T=typed', typedAt) >= 0);
    driver.act({ kind: 'run', index: commands[1]! });
    await until(() => driver.statuses[commands[1]!] !== undefined);
    assert.deepEqual(driver.statuses[commands[1]!]?.result, 'passed');
    assert.match(output, /a=first typed=typed/);
    assert.equal(await played, 0);
    assert.ok(states.at(-1)?.ended);
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
