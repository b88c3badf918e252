// Every workshop file, and every shell file they import, passes `stepdown lint` with zero errors: the
// real CLI, as an author would run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { repoRoot, stepdownCli, workshopSources } from './paths.js';

interface LintMessage {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  ruleId: string;
  message: string;
}

test('stepdown lint finds no errors in any workshop file', () => {
  const files = workshopSources();
  // The documents and what they import: the workshop, its setup and teardown, the tour and their tools.
  for (const expected of [
    'workshop/README.md',
    'workshop/setup.md',
    'workshop/teardown.md',
    'workshop/tour.md',
    'workshop/demo-tools.sh',
    'workshop/check-requirements.sh',
    'workshop/tour/tools.sh',
    'workshop/tour/aside.md',
  ]) {
    assert.ok(files.includes(expected), `${expected} is linted`);
  }
  // execFileSync throws on a non-zero exit (lint exits 1 on errors), with the report in the error.
  const output = execFileSync(process.execPath, [stepdownCli, 'lint', '--json', ...files], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const messages = JSON.parse(output) as LintMessage[];
  const errors = messages
    .filter((message) => message.severity === 'error')
    .map((m) => `${m.file}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]`);
  assert.deepEqual(errors, []);
});
