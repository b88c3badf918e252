import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkshop } from '../../src/markdown/load.js';
import { Player } from '../../src/player/player.js';
import { createSession } from '../../src/session/session.js';
import { type DriverState, ServeDriver } from '../../src/serve/driver.js';
import { startedRunning, uniqueSleep } from '../session/leftovers.js';

const fence = (...lines: string[]) => ['```bash', ...lines, '```'].join('\n');

/** A driver on a real session for `markdown`; `run` gets it with the indexes of its commands and headings. */
async function withDriver(
  markdown: string,
  run: (d: {
    driver: ServeDriver;
    played: Promise<number>;
    commands: number[];
    headings: number[];
    output: () => string;
    states: DriverState[];
    until: (condition: () => boolean) => Promise<void>;
  }) => Promise<void>,
) {
  const dir = mkdtempSync(join(tmpdir(), 'serve-driver-'));
  const file = join(dir, 'w.md');
  writeFileSync(file, markdown);
  const steps = loadWorkshop(file).steps;
  const indexes = (kind: string) => steps.flatMap((step, index) => (step.kind === kind ? [index] : []));
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
    await run({
      driver,
      played,
      commands: indexes('command'),
      headings: indexes('heading'),
      output: () => output,
      states,
      until,
    });
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Run clicks run commands in one session; the live shell between them shares its state', async () => {
  const markdown = ['<!-- @SHOW -->', '# One', fence('A=first; echo "a=$A"'), '# Two', fence('echo "a=$A typed=$T"')];
  await withDriver(markdown.join('\n\n'), async ({ driver, played, commands, output, states, until }) => {
    driver.act({ kind: 'run', index: commands[0]! });
    await until(() => driver.statuses[commands[0]!]?.result === 'passed');
    assert.match(output(), /a=first/);
    // Typed into the live shell between commands, once its prompt is there after the command's output.
    const prompt = (from: number) => output().indexOf('[stepdown shell]', from);
    await until(() => prompt(output().indexOf('a=first')) >= 0);
    const typedAt = output().length;
    driver.input('T=typed\r');
    await until(() => output().indexOf('T=typed', typedAt) >= 0 && prompt(output().indexOf('T=typed', typedAt)) >= 0);
    driver.act({ kind: 'run', index: commands[1]! });
    await until(() => driver.statuses[commands[1]!] !== undefined);
    assert.deepEqual(driver.statuses[commands[1]!]?.result, 'passed');
    assert.match(output(), /a=first typed=typed/);
    assert.equal(await played, 0);
    assert.ok(states.at(-1)?.ended);
  });
});

test('a section picked in the contents is reached as --from does: what lies before is replayed, not shown', async () => {
  const markdown = [
    '<!-- @SHOW -->',
    '# One',
    fence('cd /; A=set-in-one; echo "shown in one"'),
    '# Two',
    fence('echo "two: A=$A pwd=$PWD"'),
  ];
  await withDriver(markdown.join('\n\n'), async ({ driver, played, commands, headings, output, until }) => {
    driver.act({ kind: 'jump', index: headings[1]! });
    // The player waits before the section's first command; a Run there runs it.
    await until(() => driver.state.current === commands[1] && !driver.state.running);
    driver.act({ kind: 'run', index: commands[1]! });
    assert.equal(await played, 0);
    assert.equal(driver.statuses[commands[0]!]?.result, 'skipped');
    assert.equal(driver.statuses[commands[1]!]?.result, 'passed');
    assert.match(output(), /two: A=set-in-one pwd=\/\r?\n/);
    assert.doesNotMatch(output(), /shown in one/);
  });
});

test('Run on a later command passes over the shown ones before it, runs the hidden ones, and runs again on a second click', async () => {
  const markdown = [
    '<!-- @SHOW -->',
    '# One',
    fence('A=shown-one; echo "one ran"'),
    '<!-- @HIDE -->',
    fence('H=hidden-ran'),
    '<!-- @SHOW -->',
    fence('N=$((N+1)); echo "two: A=$A H=$H N=$N"'),
    fence('echo three'),
  ];
  await withDriver(markdown.join('\n\n'), async ({ driver, played, commands, output, until }) => {
    const [one, , two, three] = commands;
    driver.act({ kind: 'run', index: two! });
    await until(() => driver.statuses[two!]?.result === 'passed');
    assert.equal(driver.statuses[one!]?.result, 'skipped');
    assert.match(output(), /two: A=shown-one H=hidden-ran N=1/);
    assert.doesNotMatch(output(), /one ran/);
    // The player now waits before the next command; the same Run again runs the command again.
    await until(() => driver.state.current === three && !driver.state.running);
    driver.act({ kind: 'run', index: two! });
    await until(() => /two: .* N=2/.test(output()));
    await until(() => driver.state.current === three && !driver.state.running);
    driver.act({ kind: 'run', index: three! });
    assert.equal(await played, 0);
    assert.match(output(), /three/);
  });
});

test('a click while a program typed into the live shell runs waits for it; it does not end the program', async () => {
  const markdown = ['<!-- @SHOW -->', '# One', fence('echo "workshop command ran"')];
  await withDriver(markdown.join('\n\n'), async ({ driver, played, commands, output, states, until }) => {
    await until(() => output().includes('[stepdown shell]'));
    // `cat` reads the terminal: the Ctrl-D that ends the live shell would end it.
    // `ready` is printed once readline has given the terminal back: what is typed next reaches cat.
    driver.input('echo ready; cat\r');
    await until(() => /\rready\r?\n/.test(output()));
    driver.act({ kind: 'run', index: commands[0]! });
    assert.equal(states.at(-1)?.held, true, 'the page is told the click waits');
    driver.input('still reading\r');
    await until(() => /still reading\r?\n[\s\S]*still reading\r?\n/.test(output()));
    assert.equal(driver.statuses[commands[0]!], undefined, 'the command waits for cat');
    driver.input('\x04');
    await until(() => states.at(-1)?.running === true);
    assert.equal(states.at(-1)?.held, false);
    assert.equal(await played, 0);
    assert.match(output(), /still reading[\s\S]*workshop command ran/);
  });
});

test('Ctrl-C from a page during a @retry command stops it, and no more attempts are made (as in play)', async () => {
  const seconds = uniqueSleep();
  const markdown = ['<!-- @SHOW -->', '# One', fence('#@retry 60s every 100ms', `sleep ${seconds}; false`)];
  await withDriver(markdown.join('\n\n'), async ({ driver, played, commands, output, until }) => {
    driver.act({ kind: 'run', index: commands[0]! });
    await startedRunning(['sleep', String(seconds)]);
    driver.input('\x03');
    await until(() => driver.statuses[commands[0]!] !== undefined);
    assert.equal(driver.statuses[commands[0]!]?.result, 'failed');
    assert.doesNotMatch(output(), /attempt 2/);
    // Past the end: the run finishes, with the failure in its status.
    driver.act({ kind: 'upto', index: commands[0]! + 1 });
    assert.equal(await played, 1);
  });
});
