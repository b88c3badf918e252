import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../scratch.js';
import { CastRecorder } from '../../src/ui/recorder.js';

const scratch = () => scratchDir('stepdown-ui');

test('an asciicast v2 file: header, output, markers, resizes, timed from the start', () => {
  const path = join(scratch(), 'talk.cast');
  let clock = 1000;
  const cast = new CastRecorder(
    path,
    { width: 100, height: 30, title: 'talk', env: { TERM: 'xterm-256color' } },
    () => clock,
  );
  clock += 250;
  cast.output('hello\r\n\x1b[1mbold\x1b[0m');
  cast.marker('Starting Out');
  clock += 1000;
  cast.resize(90, 25);
  cast.close();
  const [header, ...events] = readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(header.version, 2);
  assert.equal(header.width, 100);
  assert.equal(header.height, 30);
  assert.equal(header.title, 'talk');
  assert.equal(typeof header.timestamp, 'number');
  assert.deepEqual(events, [
    [0.25, 'o', 'hello\r\n\x1b[1mbold\x1b[0m'],
    [0.25, 'm', 'Starting Out'],
    [1.25, 'r', '90x25'],
  ]);
});

test('a recording never overwrites an existing file', () => {
  const path = join(scratch(), 'old.cast');
  writeFileSync(path, 'precious');
  assert.throws(() => new CastRecorder(path, { width: 80, height: 24 }), /EEXIST/);
  assert.equal(readFileSync(path, 'utf8'), 'precious');
});
