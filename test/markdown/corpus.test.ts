// The real workshops in ../shared/corpus/sma (next to the repository, here and in CI): every Markdown file
// and every shell file loads and lints with zero errors, and a few are checked step by step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintWorkshop } from '../../src/markdown/lint.js';
import { loadWorkshop } from '../../src/markdown/load.js';
import { formatMessage } from '../../src/common/messages.js';
import type { Step } from '../../src/markdown/steps.js';
import { corpus, needsCorpus } from '../corpus.js';

const repository = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(md|sh)$/.test(name)) out.push(path);
  }
  return out;
}

test('every Markdown and shell file of the corpus lints with zero errors', needsCorpus, () => {
  const all = files(corpus);
  assert.ok(all.filter((f) => f.endsWith('.md')).length >= 60, `the corpus is at ${corpus}`);
  assert.ok(all.filter((f) => f.endsWith('.sh')).length >= 30);
  const errors = all
    .flatMap((file) => lintWorkshop(relative(repository, file), { cwd: repository }))
    .filter((m) => m.severity === 'error')
    .map(formatMessage);
  assert.deepEqual(errors, []);
});

const at = (file: string) => relative(repository, join(corpus, file));
type Command = Extract<Step, { kind: 'command' }>;

test('linkerd-in-production: imports, the livecast preamble and 37 commands of its own', needsCorpus, () => {
  const readme = at('linkerd-in-production/README.md');
  const { steps } = loadWorkshop(readme, { cwd: repository, builtins: false });
  const own = steps.filter((s) => s.at.file === readme);
  const commands = own.filter((s): s is Command => s.kind === 'command');
  assert.equal(commands.length, 37);
  assert.equal(own.filter((s) => s.kind === 'call' && s.name === 'wait_clear').length, 13);

  // <!-- @import demosh/demo-tools.sh --> and check-requirements.sh, then @start_livecast and @SHOW.
  const fromTools = steps.filter((s) => s.at.file.endsWith('demosh/demo-tools.sh'));
  assert.equal(fromTools.filter((s) => s.kind === 'hook').length, 12);
  assert.deepEqual(
    fromTools.filter((s) => s.kind === 'macro').map((s) => s.kind === 'macro' && s.name),
    ['browser_then_terminal', 'wait_clear', 'start_livecast'],
  );
  const livecast = own.findIndex((s) => s.kind === 'call' && s.name === 'start_livecast');
  assert.equal(own[livecast]!.at.line, 32);
  assert.deepEqual(own[livecast + 2], { kind: 'mode', mode: 'SHOW', at: { file: readme, line: 34, column: 6 } });

  // `#@immed` in a bash block makes the next command quiet; `#@print` strips its quotes.
  const rm = commands.find((c) => c.text === 'rm -rf linkerd-control-plane')!;
  assert.deepEqual([rm.flags.show, rm.flags.waitBefore], [false, false]);
  assert.deepEqual(
    own.filter((s) => s.kind === 'print').map((s) => s.kind === 'print' && s.text),
    ['# Found identity pod ${IDPOD}', '# Found emoji-svc pod ${EMOJIPOD}'],
  );
});

test(
  'eliminate-cross-zone-traffic-hazl: a heredoc with # lines inside is one command between its commentary',
  needsCorpus,
  () => {
    const readme = at('eliminate-cross-zone-traffic-hazl/README.md');
    const { steps } = loadWorkshop(readme, { cwd: repository, builtins: false });
    const index = steps.findIndex(
      (s) => s.kind === 'command' && s.text.startsWith('cat <<EOF > linkerd-identity-secret.yaml'),
    );
    const [before, secret, after, apply] = steps.slice(index - 1, index + 3) as [Step, Command, Step, Command];
    assert.ok(
      before.kind === 'commentary' && before.markdown.startsWith("Now we're going to take those **certificates**"),
    );
    assert.ok(
      before.kind === 'commentary' &&
        before.markdown.endsWith('\n\nGenerate the `linkerd-identity-secret.yaml` manifest:'),
    );
    assert.deepEqual(secret.at, { file: readme, line: 493, column: 1 });
    assert.equal(secret.text.split('\n').length, 12);
    assert.ok(secret.text.endsWith('type: kubernetes.io/tls\nEOF'));
    assert.equal(
      after.kind === 'commentary' && after.markdown,
      'Create the `linkerd-identity-issuer` secret from the `linkerd-identity-secret.yaml` manifest.',
    );
    assert.equal(apply.text, 'kubectl apply -f linkerd-identity-secret.yaml');

    const controlPlane = steps.find(
      (s): s is Command =>
        s.kind === 'command' && s.text.startsWith('cat <<EOF > linkerd-control-plane-config-hazl.yaml'),
    )!;
    assert.equal(controlPlane.at.line, 532);
    assert.ok(
      controlPlane.text.includes('           # - -ext-endpoint-zone-weights\nEOF'),
      'the # line stays in the heredoc',
    );
  },
);

test('check-requirements.sh: continuation-heavy compound commands split as bash reads them', needsCorpus, () => {
  const file = at('linkerd-in-production/demosh/check-requirements.sh');
  const { steps, messages } = loadWorkshop(file, { cwd: repository, builtins: false });
  assert.deepEqual(messages, []);
  const commands = steps.filter((s): s is Command => s.kind === 'command').map((c) => c.text.split('\n')[0]);
  assert.deepEqual(commands, [
    'set -e',
    'check_ns () {',
    'if ! check_ns kube-system; then \\',
    'if check_ns linkerd; then \\',
    "node_count=$(kubectl get nodes -o 'go-template={{len .items}}')",
    'if [ "$node_count" -lt 3 ]; then \\',
    'missing= ;\\',
    'if [ -n "$missing" ]; then \\',
    'set +e',
  ]);
});
