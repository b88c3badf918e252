// `stepdown lint` as users run it: the built CLI, real files, output and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stepdown-lint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

function lint(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'lint', ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+|internal error/, 'no stack trace');
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a clean workshop: no output lines, exit 0', () => {
  write('clean.md', '# Demo\n\n<!-- @SHOW -->\n\n```bash\necho hello\n```\n\n<!-- @wait_clear -->\n');
  const { code, stdout, stderr } = lint('clean.md');
  assert.equal(code, 0);
  assert.equal(stdout, '');
  assert.equal(stderr, '1 file checked: 0 errors, 0 warnings\n');
});

test('every kind of error, as file:line:column: severity message [rule], exit 1', () => {
  write('lib.sh', '#@import broken.md\n');
  write(
    'broken.md',
    [
      '<!-- @SHOW -->',
      '<!-- @import missing.sh -->',
      '<!-- @import lib.sh -->',
      '<!-- @endif -->',
      '```bash',
      'echo "unterminated',
      '```',
      '<!-- @macro loop -->',
      '<!-- @loop -->',
      '<!-- @end -->',
      '<!-- @no_such_command_anywhere -->',
      '<!-- @macro open -->',
      '',
    ].join('\n'),
  );
  const { code, stdout } = lint('broken.md');
  assert.equal(code, 1);
  assert.deepEqual(stdout.trimEnd().split('\n'), [
    'broken.md:2:6: error cannot import `missing.sh`: no such file (looked for missing.sh) [missing-import]',
    'broken.md:4:6: error `@endif` without a `@ifhook` before it [unmatched-end]',
    'broken.md:6:6: error shell syntax: unterminated quoted string: this `"` is never closed [shell-syntax]',
    'broken.md:8:6: error macro `loop` calls itself [macro-recursion]',
    'broken.md:11:6: warning `@no_such_command_anywhere` is not a directive, macro, hook, shell function or command on PATH [unknown-directive]',
    'broken.md:12:6: error `@macro open` is never closed: `@end` is missing before the end of the file [unterminated-block]',
    'lib.sh:1:1: error import cycle: broken.md → lib.sh → broken.md [import-cycle]',
  ]);
});

test('calls of commands on PATH, hooks, macros and shell functions are not warned about', () => {
  write(
    'known.md',
    '<!-- @hook show_x X -->\n\n```bash\ngreet() { echo hi; }\n```\n\n<!-- @show_x -->\n<!-- @greet -->\n<!-- @ls -l -->\n<!-- @start_livecast -->\n<!-- @$SHELL other.md -->\n',
  );
  const { code, stdout } = lint('known.md');
  assert.equal(code, 0);
  assert.equal(stdout, '');
});

test('warnings only: exit 0', () => {
  write('warn.sh', '#@immed\n');
  const { code, stdout } = lint('warn.sh');
  assert.equal(code, 0);
  assert.equal(stdout, 'warn.sh:1:1: warning `@immed` has no effect: no command follows it [dangling-modifier]\n');
});

test('--json prints the messages as an array', () => {
  const { code, stdout } = lint('--json', 'warn.sh', 'clean.md');
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), [
    {
      file: 'warn.sh',
      line: 1,
      column: 1,
      severity: 'warning',
      ruleId: 'dangling-modifier',
      message: '`@immed` has no effect: no command follows it',
    },
  ]);
});

test('bad input: missing file, directory, empty, binary — one line each, exit 1; no file at all is a usage error', () => {
  mkdirSync(join(dir, 'folder.md'), { recursive: true });
  write('empty.md', '');
  write('binary.md', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x02]));
  const { code, stdout } = lint('nope.md', 'folder.md', 'empty.md', 'binary.md');
  assert.equal(code, 1);
  assert.deepEqual(stdout.trimEnd().split('\n'), [
    'nope.md:1:1: error no such file [read]',
    'folder.md:1:1: error is a directory, not a workshop file [read]',
    'empty.md:1:1: error file is empty: there is nothing to show or run [empty-file]',
    'binary.md:1:5: error binary file (it contains a NUL byte), not a workshop [binary]',
  ]);
  const usage = lint();
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /missing required argument/);
});

test('@expect, @status, @retry and @timeout: lint knows them, reports bad arguments and dangling ones', () => {
  write(
    'conditions.md',
    [
      '<!-- @retry 30s every 1s -->',
      '<!-- @expect /Running/ -->',
      '<!-- @timeout 2m -->',
      '',
      '```bash',
      '#@status 3',
      'kubectl get pods',
      '#@retry -2',
      'ls',
      '#@expect done',
      '```',
      '',
    ].join('\n'),
  );
  const { code, stdout } = lint('conditions.md');
  assert.equal(code, 1);
  assert.deepEqual(stdout.trimEnd().split('\n'), [
    'conditions.md:8:1: error `@retry -2`: attempts are 1 to 1000 [directive-usage]',
    'conditions.md:10:1: warning `@expect` has no effect: no command follows it [dangling-modifier]',
  ]);
});
