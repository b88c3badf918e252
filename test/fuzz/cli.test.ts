// Fuzzing the built CLI as users run it, on larger hostile files than the in-process fuzz test: `lint`,
// `list`, `check`'s preflight (`--only` a section that does not exist: nothing runs) and `play`'s start (no
// terminal: it stops once the workshop is open). Each ends with status 0, 1 or 2 and no stack trace, within a
// memory bound twice the goal. Time is not asserted: the machine is shared; `npm run bench` prints figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { scratchDir } from '../scratch.js';
import { fuzzOptions, hostileFiles, hostileRepetition } from './hostile.js';
import { runStepdown } from './measure.js';

const BYTES = 128 * 1024;
/** Twice the goal for 1 MiB (300 MB), on an eighth of that. */
const PEAK_RSS_BOUND_MIB = 600;
const NO_SECTION = 'fuzz: no such section';

const COMMANDS: readonly (readonly string[])[] = [
  ['lint'],
  ['list', '--json'],
  ['check', '--only', NO_SECTION],
  ['play'],
];

const dir = scratchDir('stepdown-fuzz-cli');

/** One command on `text`: a status of 0, 1 or 2, no stack trace, a peak within the bound. */
async function ends(command: readonly string[], text: string): Promise<void> {
  writeFileSync(join(dir, 'w.md'), text);
  const run = await runStepdown([...command, 'w.md'], dir);
  const what = `${command.join(' ')} on ${JSON.stringify(text.slice(0, 80))}…: ${run.stderr.slice(0, 400)}`;
  assert.ok(run.status !== null && [0, 1, 2].includes(run.status), `status ${run.status ?? run.signal}: ${what}`);
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+\)?\n|internal error/, `no stack trace: ${what}`);
  assert.ok(run.peakRssMiB !== undefined && run.peakRssMiB < PEAK_RSS_BOUND_MIB, `peak ${run.peakRssMiB} MiB: ${what}`);
}

// A process per run costs more than most reads: each shape goes through one command, in turn (the bench runs
// every shape through every command).
test('the hostile shapes of issue 14: each command ends with a status, no stack trace, bounded memory', async () => {
  for (const [i, text] of Object.values(hostileFiles(BYTES)).entries())
    await ends(COMMANDS[i % COMMANDS.length]!, text);
});

test('generated repetitions: each command ends with a status, no stack trace, bounded memory', async () => {
  const property = fc.asyncProperty(fc.constantFrom(...COMMANDS), hostileRepetition(BYTES), ends);
  await fc.assert(property, fuzzOptions(4));
});
