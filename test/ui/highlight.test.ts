import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightShell, shellStyles } from '../../src/ui/highlight.js';
import { plain, type Span } from '../../src/ui/text.js';

const styleOf = (spans: Span[], text: string) => spans.find((s) => s.text === text)?.sgr;

const samples = [
  `CDNADDR=$(kubectl --context cdn get svc -o jsonpath='{.status.loadBalancer.ingress[0].ip}')`,
  `echo "CDN IP: http://\${CDNADDR}/" # comment`,
  `if [[ -n "$X" ]]; then echo yes && ls | wc -l; fi`,
  `cat <<EOF > /tmp/x\nhello $X\nEOF\necho done`,
  `for i in 1 2 3; do\n  echo $i\ndone`,
  `diff <(ls a) <(ls b) 2>&1 | less`,
  `echo 'unterminated`,
  `printf '%s\\n' "a \\"quoted\\" word" $'tab\\there'`,
];

test('highlighting never changes the text', () => {
  for (const sample of samples) assert.equal(plain(highlightShell(sample)), sample);
});

test('command names, options, strings, variables, comments and operators', () => {
  const spans = highlightShell(`kubectl get pods -n "$NS" | grep web # list`);
  assert.equal(styleOf(spans, 'kubectl'), shellStyles.command);
  assert.equal(styleOf(spans, '-n'), shellStyles.option);
  assert.equal(styleOf(spans, '$NS'), shellStyles.variable);
  assert.equal(styleOf(spans, '"'), shellStyles.string);
  assert.equal(styleOf(spans, '|'), shellStyles.operator);
  assert.equal(styleOf(spans, 'grep'), shellStyles.command);
  assert.equal(styleOf(spans, '# list'), shellStyles.comment);
  assert.equal(styleOf(spans, 'get'), undefined, 'arguments are plain');
});

test('keywords only where a command may start', () => {
  const spans = highlightShell('if true; then echo if; fi');
  assert.equal(styleOf(spans, 'if'), shellStyles.keyword);
  assert.equal(styleOf(spans, 'then'), shellStyles.keyword);
  assert.equal(styleOf(spans, 'fi'), shellStyles.keyword);
  assert.ok(
    spans.some((s) => s.text.includes(' if') && s.sgr === ''),
    'the argument "if" is plain',
  );
});

test('assignments colour the name; # inside a word is not a comment', () => {
  const spans = highlightShell('X=1 url=a#b');
  assert.equal(styleOf(spans, 'X'), shellStyles.variable);
  assert.equal(styleOf(spans, 'url'), shellStyles.variable);
  assert.ok(!spans.some((s) => s.sgr === shellStyles.comment));
});

test('heredoc bodies are strings, up to the delimiter', () => {
  const spans = highlightShell('cat <<EOF\nhello\nEOF\necho after');
  assert.equal(styleOf(spans, 'hello'), shellStyles.string);
  assert.equal(styleOf(spans, 'EOF'), shellStyles.string, 'the opening delimiter');
  assert.equal(styleOf(spans, 'echo'), shellStyles.command, 'after the heredoc, commands again');
});

test("heredoc delimiters are the shell's: quoted pieces join, tabs go with <<-", () => {
  // `"EO"'F'` is the delimiter EOF, as bash reads it; the body ends there and commands start again.
  const joined = highlightShell('cat <<"EO"\'F\'\nhello\nEOF\necho after');
  assert.equal(styleOf(joined, 'hello'), shellStyles.string);
  assert.equal(styleOf(joined, 'echo'), shellStyles.command);
  assert.equal(plain(joined), 'cat <<"EO"\'F\'\nhello\nEOF\necho after');
  const tabs = highlightShell('cat <<-END\n\tbody\n\tEND\nls');
  assert.equal(styleOf(tabs, '\tEND'), shellStyles.operator, 'the terminator line, tabs and all');
  assert.equal(styleOf(tabs, 'ls'), shellStyles.command);
});

test('an unterminated heredoc runs to the end of the text', () => {
  const spans = highlightShell('cat <<EOF\nhello\necho not a command');
  assert.equal(styleOf(spans, 'echo not a command'), shellStyles.string);
});

test('${VAR} is shown with its value when one is known, as written otherwise', () => {
  const lookup = (name: string) => (name === 'POD' ? 'web-7f9' : undefined);
  assert.equal(
    plain(highlightShell('kubectl logs ${POD} -c ${CONTAINER}', { lookup })),
    'kubectl logs web-7f9 -c ${CONTAINER}',
  );
  const spans = highlightShell('echo "${POD}"', { lookup });
  assert.equal(styleOf(spans, 'web-7f9'), shellStyles.variable);
  // Only the plain braced form: anything with an operator is shown as written.
  assert.equal(plain(highlightShell('echo ${POD:-x}', { lookup })), 'echo ${POD:-x}');
});
