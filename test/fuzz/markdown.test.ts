// Fuzzing the readers in-process with generated hostile workshops: whatever the input, lint and list (list
// opens the workshop as check's preflight and play's start do: `openRun`) end with messages placed in a file
// they read, never an exception. A fixed seed; FUZZ_RUNS=N runs more, FUZZ_SEED=N another seed (a
// counterexample that turns up becomes a regular test). The built CLI on larger files: cli.test.ts; time and
// memory figures: `npm run bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Message } from '../../src/common/messages.js';
import { lintWorkshop } from '../../src/markdown/lint.js';
import { listFile } from '../../src/cli/listing.js';
import { folder } from '../markdown/fixtures.js';
import { fuzzOptions, hostileWorkshop } from './hostile.js';

const IMPORTED = 'echo other\n';
const dir = folder({ 'other.sh': IMPORTED });
const file = join(dir, 'w.md');

/** Whether `m` is placed in a file the workshop is made of, within its lines. */
function placed(m: Message, text: string): boolean {
  const lines = new Map([
    [file, text.split('\n').length],
    [join(dir, 'other.sh'), IMPORTED.split('\n').length],
  ]);
  const last = lines.get(m.file);
  return last !== undefined && m.line >= 1 && m.line <= last && m.column >= 1;
}

test('hostile workshops: lint and list end with placed messages, never an exception', () => {
  fc.assert(
    fc.property(hostileWorkshop(32 * 1024), (text) => {
      writeFileSync(file, text);
      for (const m of lintWorkshop(file, { commandExists: () => false })) {
        assert.ok(placed(m, text), `a place in a file of the workshop: ${JSON.stringify(m)}`);
        assert.match(m.ruleId, /^[a-z]+(-[a-z]+)*$/);
      }
      const listed = listFile(file);
      assert.equal(listed.failed, listed.errors.length > 0);
      for (const error of listed.errors) assert.match(error, /^[^:]+:\d+:\d+: error .+ \[[a-z-]+\]$/);
    }),
    fuzzOptions(40),
  );
});
