// The shell parser: where complete commands end, what they are made of, and which inputs are errors —
// checked against real bash (`bash -n`) so that "syntax error" means what bash means.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseCommandAt, parseScript, walkCommands, unquote } from '../../src/markdown/shell/syntax.js';

/** The texts of the complete commands of `script`, in order. */
function split(script: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < script.length) {
    const rest = script.slice(pos);
    const skip = rest.search(/\S/);
    if (skip === -1) break;
    pos += skip;
    if (script[pos] === '#') {
      const nl = script.indexOf('\n', pos);
      pos = nl === -1 ? script.length : nl + 1;
      continue;
    }
    const parsed = parseCommandAt(script, pos);
    if (!parsed.ok) throw new Error(parsed.error.message);
    out.push(script.slice(pos, parsed.end).trimEnd());
    pos = parsed.end;
  }
  return out;
}

function bashAccepts(script: string): boolean {
  const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return result.status === 0 && !/warning/.test(result.stderr);
}

const ONE_COMMAND_EACH: [string, string][] = [
  ['heredoc with a blank line', 'kubectl apply -f - <<EOF\napiVersion: v1\n\nkind: Namespace\nEOF'],
  ['heredoc with a quoted delimiter', "cat <<'END'\n$NOT_EXPANDED\nEND"],
  ['heredoc <<- with tabs', 'cat <<-"X" | grep y\n\tfoo\n\tX'],
  ['two heredocs on one line', 'cat <<A <<B\na\nA\nb\nB'],
  ['heredoc inside $( )', 'X=$(cat <<EOF\nhello )\nEOF\n)'],
  ['heredoc with # lines', 'cat <<EOF\n# not a comment\n#@wait not a directive\nEOF'],
  ['double quotes spanning lines', 'echo "first\nsecond"'],
  ['single quotes spanning lines', 'kubectl patch x --patch \'\n{"a": 1}\n\''],
  ['backslash continuations', 'helm install \\\n  a b \\\n  --wait'],
  ['for loop', 'for i in 1 2 3; do\n  echo $i\ndone'],
  ['while loop with comment inside', 'while true; do\n  # wait a bit\n  sleep 1\ndone'],
  ['if/elif/else', 'if a; then\n  b\nelif c; then\n  d\nelse\n  e\nfi'],
  ['case', 'case "$x" in\n  a|b) echo ab ;;\n  *) echo other\nesac'],
  ['function with a brace body', 'greet () {\n  # say hello\n  echo "hello, $1"\n}'],
  ['function keyword', 'function greet {\n  echo hi\n}'],
  ['&& and | chains over lines', 'kubectl get pods &&\n  kubectl get svc |\n  grep web'],
  ['; on one line', 'cd /tmp; ls; cd -'],
  ['subshell and group', '( cd /tmp && ls ) && { echo done; }'],
  ['array value over lines', 'arr=(a b\n  c)'],
  ['[[ ]] with a regex', '[[ ${arr[0]} =~ ^(a|b)$ && -n "$y" ]] && echo yes'],
  ['arithmetic', 'echo $(( (1 + 2) * 3 ))'],
  ['process substitution', 'diff <(ls a) <(ls b) 2>&1'],
  ['parameter expansion with quotes', 'echo ${x:-"}"}'],
  ['trailing comment', 'kubectl get pods   # list them'],
];

for (const [name, command] of ONE_COMMAND_EACH) {
  test(`one complete command: ${name}`, () => {
    assert.ok(bashAccepts(command), 'bash itself accepts the input');
    assert.deepEqual(split(`${command}\necho next\n`), [command, 'echo next']);
  });
}

test('the demosh check-requirements idiom (continuations ending in a blank line) is one command', () => {
  const script =
    'missing= ;\\\n\\\nfor cmd in a b; do \\\n    if ! command -v $cmd; then \\\n        missing="$missing $cmd" ;\\\n    fi ;\\\ndone ;\\\n\nif [ -n "$missing" ]; then echo "$missing"; fi\n';
  const commands = split(script);
  assert.equal(commands.length, 2);
  assert.ok(commands[0]!.startsWith('missing= ;') && commands[0]!.endsWith('done ;\\'));
});

const BROKEN: [string, string, RegExp, number][] = [
  // name, input, message, offset of the reported position
  ['output pasted as a command', 'INFO[0000] Using config (k3d.io#simple)\n', /unexpected token `\(`/, 24],
  ['placeholder in angle brackets', 'k3d cluster delete <<cluster-name>>\n', /`>>` must be followed by a word/, 35],
  ['redirection into a redirection', 'echo <none> <none>\n', /`>` must be followed by a word, not `<`/, 12],
  ['unterminated double quote', 'echo "never closed\nls\n', /this `"` is never closed/, 5],
  ['unterminated single quote', "echo 'x\n", /this `'` is never closed/, 5],
  ['if without fi', 'if true; then\n  echo\n', /`if` is not closed: expected `fi`/, 0],
  ['for without done', 'for i in 1; do echo\n', /`for` is not closed: expected `done`/, 0],
  ['stray fi', 'fi\n', /unexpected token `fi`/, 0],
  ['stray done after a command', 'echo; done\n', /unexpected token `done`/, 6],
  ['unterminated heredoc', 'cat <<EOF\nbody\n', /here-document is not terminated \(wanted `EOF`\)/, 4],
  ['unclosed $(', 'echo $(ls\n', /`\$\(` is not closed/, 5],
  ['empty then', 'if a; then fi\n', /unexpected token `fi`/, 11],
  ['lone ;', ';\n', /unexpected token `;`/, 0],
];

for (const [name, input, message, offset] of BROKEN) {
  test(`syntax error: ${name}`, () => {
    assert.equal(bashAccepts(input), false, 'bash rejects (or warns about) the input too');
    const parsed = parseCommandAt(input, 0);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.match(parsed.error.message, message);
    assert.equal(parsed.error.offset, offset);
    assert.ok(parsed.error.stoppedAt >= parsed.error.offset);
  });
}

test('deep nesting is an error, not a stack overflow', () => {
  const deep = `${'( '.repeat(5000)}true${' )'.repeat(5000)}\n`;
  const parsed = parseCommandAt(deep, 0);
  assert.equal(parsed.ok, false);
  if (!parsed.ok) assert.match(parsed.error.message, /nested too deeply/);
});

test('deeply nested quotes and expansions are an error, not a stack overflow', () => {
  for (const deep of ['echo $((1+'.repeat(5000), 'echo "$('.repeat(5000), 'echo ${x:-"${y:-'.repeat(5000)]) {
    const parsed = parseCommandAt(`${deep}\n`, 0);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.error.message, /nested too deeply/);
  }
});

test('the tree tells assignments, words and function definitions apart', () => {
  const { statements, error } = parseScript('X=1 Y="a b" cmd arg\nf() { g() { :; }; }\nexport Z=2\n');
  assert.equal(error, undefined);
  const first = statements[0]!.command;
  assert.equal(first.type, 'simple');
  if (first.type === 'simple') {
    assert.equal(first.assignments.length, 2);
    assert.deepEqual(
      first.words.map((w) => w.literal),
      ['cmd', 'arg'],
    );
  }
  const functions: string[] = [];
  walkCommands(statements, (c) => {
    if (c.type === 'function') functions.push(c.name);
  });
  assert.deepEqual(functions, ['f', 'g']);
});

test('a word is literal only without expansions, inside double quotes too', () => {
  const { statements, error } = parseScript(
    `echo "$1" "\${X}" "$(b)" "\`c\`" 'd$e' "f" "g\\$h" a"b"'c' $'t\\n' $"u"\n`,
  );
  assert.equal(error, undefined);
  const command = statements[0]!.command;
  assert.equal(command.type, 'simple');
  if (command.type === 'simple') {
    assert.deepEqual(
      command.words.map((w) => w.literal),
      ['echo', undefined, undefined, undefined, undefined, 'd$e', 'f', 'g$h', 'abc', undefined, undefined],
    );
  }
});

test('unquote removes quotes and escapes like the shell', () => {
  assert.equal(unquote(`'a b'"c\\"d"\\$e`), 'a bc"d$e');
});
