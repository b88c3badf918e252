// `stepdown list` as users run it: the built CLI on real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli/stepdown.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stepdown-list-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function list(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'list', ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+|internal error/, 'no stack trace');
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

writeFileSync(join(dir, 'tools.sh'), '#@hook show_x X\n');
writeFileSync(
  join(dir, 'demo.md'),
  [
    'Welcome.',
    '',
    '<!-- @import tools.sh -->',
    '<!-- @SHOW -->',
    '',
    '# Setup',
    '',
    '```bash',
    '#@immed',
    'export NS=demo',
    'kubectl apply -f - <<EOF',
    'kind: Namespace',
    'EOF',
    '```',
    '',
    '## Check `it`',
    '',
    '<!-- @wait_clear -->',
    '',
  ].join('\n'),
);

test('headings as a table of contents, numbered steps under each with kind, first line and place', () => {
  const { code, stdout } = list('demo.md');
  assert.equal(code, 0);
  assert.equal(
    stdout,
    [
      'demo.md',
      '0. (start)  (demo.md:1:1)',
      '    0.1  commentary  Welcome.  (demo.md:1)',
      '    0.2  hook        @hook show_x X  (tools.sh:1)',
      '    0.3  mode        @SHOW  (demo.md:4)',
      '1. Setup  (demo.md:6:1)',
      '    1.1  command     export NS=demo  [noshow nowaitbefore]  (demo.md:10)',
      '    1.2  command     kubectl apply -f - <<EOF …  (demo.md:11)',
      '  2. Check it  (demo.md:16:1)',
      '      2.1  call        @wait_clear  (demo.md:18)',
      '',
    ].join('\n'),
  );
});

test("--json gives the same, with step indexes into the player's step list (builtins first)", () => {
  const { code, stdout } = list('--json', 'demo.md');
  assert.equal(code, 0);
  const [listing] = JSON.parse(stdout) as [
    {
      file: string;
      sections: {
        number: number;
        title: string;
        steps: { number: string; index: number; kind: string; at: { line: number } }[];
      }[];
    },
  ];
  assert.equal(listing.file, 'demo.md');
  assert.deepEqual(
    listing.sections.map((s) => [s.number, s.title]),
    [
      [0, '(start)'],
      [1, 'Setup'],
      [2, 'Check it'],
    ],
  );
  assert.deepEqual(
    listing.sections[1]!.steps.map((s) => [s.number, s.index, s.kind, s.at.line]),
    [
      ['1.1', 7, 'command', 10],
      ['1.2', 8, 'command', 11],
    ],
  );
});

test('a file that cannot be read: the message on stderr, exit 1', () => {
  const { code, stderr } = list('missing.md');
  assert.equal(code, 1);
  assert.equal(stderr, 'missing.md:1:1: error no such file [read]\n');
});

test('a command lists its conditions as the directives that set them', () => {
  writeFileSync(
    join(dir, 'conditions.sh'),
    '#@retry 30s every 2s\n#@expect /ready: \\d+/i\n#@status 3\n#@timeout 90s\ncurl x\n#@retry 5\n#@echo hi\n',
  );
  const { code, stdout } = list('conditions.sh');
  assert.equal(code, 0);
  assert.match(stdout, /command {5}curl x {2}\[expect \/ready: \\d\+\/i status 3 retry 30s timeout 1m30s\]/);
  assert.match(stdout, /call {8}@echo hi {2}\[retry 5\]/);
});

test('a command whose first word is a macro says which macro it calls; plain recursion is refused', () => {
  writeFileSync(join(dir, 'plain.sh'), '#@macro greet\necho hi\n#@end\ngreet\nwait_clear\necho greet\n');
  const { code, stdout } = list('plain.sh');
  assert.equal(code, 0);
  assert.match(stdout, /command {5}greet {2}\[macro greet\] {2}\(plain\.sh:4\)/);
  assert.match(stdout, /command {5}wait_clear {2}\[macro wait_clear\] {2}\(plain\.sh:5\)/);
  assert.match(stdout, /command {5}echo greet {2}\(plain\.sh:6\)/);

  writeFileSync(join(dir, 'loop.sh'), '#@macro a\nb\n#@end\n#@macro b\na\n#@end\na\n');
  const loop = list('loop.sh');
  assert.equal(loop.code, 1);
  assert.match(loop.stderr, /^loop\.sh:1:1: error macros call each other in a loop: a → b → a \[macro-recursion\]$/m);
});
