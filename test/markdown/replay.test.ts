// What is replayed when steps are skipped — checked by running the replayed text in a real bash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { replayText } from '../../src/markdown/replay.js';

test('state-changing statements are picked out, as written', () => {
  assert.equal(replayText('export CLUSTER=east'), 'export CLUSTER=east');
  assert.equal(replayText('X=1; kubectl get pods; Y="two words"'), 'X=1\nY="two words"');
  assert.equal(replayText('greet () {\n  echo "hi $1"\n}'), 'greet () {\n  echo "hi $1"\n}');
  assert.equal(replayText('cd /tmp && ls'), undefined, 'inside an && chain the cd depends on what came before');
  assert.equal(replayText('set -e'), 'set -e');
  assert.equal(replayText('source ./env.sh'), 'source ./env.sh');
  assert.equal(replayText('alias k=kubectl'), 'alias k=kubectl');
  assert.equal(replayText('X=1 kubectl get pods'), undefined, 'a prefix assignment lasts for one command');
  assert.equal(replayText('kubectl apply -f x.yaml'), undefined);
  assert.equal(replayText('if true; then X=1; fi'), undefined);
  assert.equal(replayText('echo "unterminated'), undefined);
});

test('running only the replayed parts in bash recreates the state later commands need', () => {
  const commands = [
    'mkdir -p /tmp/stepdown-replay-test',
    'cd /tmp/stepdown-replay-test',
    'NAME=$(echo world | tr a-z A-Z); touch made-by-skipped-step',
    'greet () { echo "hello, $1 from $(basename "$PWD")"; }',
    'export GREETING=yes; echo not replayed',
  ];
  const replayed = commands.map(replayText).filter((t): t is string => t !== undefined);
  assert.equal(replayed.length, 4); // cd, NAME=…, greet, export (not mkdir, touch or echo)
  // `ls` prints nothing: the file the skipped step made was not made again.
  const script = `mkdir -p /tmp/stepdown-replay-test\n${replayed.join('\n')}\ngreet "$NAME"; echo "GREETING=$GREETING"; ls\n`;
  const result = spawnSync('bash', ['--noprofile', '--norc'], { input: script, encoding: 'utf8' });
  spawnSync('rm', ['-rf', '/tmp/stepdown-replay-test']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, 'hello, WORLD from stepdown-replay-test\nGREETING=yes\n');
});
