import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../scratch.js';
import { PositionStore, ResumePoints, stateDirectory } from '../../src/player/resume.js';
import type { Step } from '../../src/markdown/steps.js';

const scratch = () => scratchDir('stepdown-ui');

test('positions are saved per workshop (absolute path) under the XDG state directory', () => {
  assert.equal(stateDirectory({ XDG_STATE_HOME: '/x/state' }), '/x/state/stepdown');
  assert.match(stateDirectory({ XDG_STATE_HOME: 'relative' }), /\.local\/state\/stepdown$/);
  const store = new PositionStore(join(scratch(), 'stepdown'));
  assert.equal(store.load('/w/a.md'), undefined);
  store.save('/w/a.md', 12, 'Setup');
  store.save('/w/b.md', 3);
  assert.deepEqual(
    { ...store.load('/w/a.md'), savedAt: 'x' },
    { file: '/w/a.md', index: 12, heading: 'Setup', savedAt: 'x' },
  );
  assert.equal(store.load('/w/b.md')?.index, 3);
  writeFileSync(store.pathFor('/w/b.md'), '{ broken');
  assert.equal(store.load('/w/b.md'), undefined, 'a damaged file is ignored');
});

test('the resume point is the start of the current stretch of commentary, or past a command that ran', () => {
  const at = { file: 'w.md', line: 1, column: 1 };
  const flags = { show: true, typeout: true, waitBefore: true, waitAfter: false, failOk: false };
  const steps: Step[] = [
    { kind: 'commentary', markdown: 'intro', source: 'markdown', at },
    { kind: 'command', text: 'one', flags, at },
    { kind: 'heading', depth: 2, text: 'Two', markdown: '## Two', at },
    { kind: 'commentary', markdown: 'about two', source: 'markdown', at },
    { kind: 'command', text: 'two', flags, at },
  ];
  const points = new ResumePoints(steps);
  assert.equal(points.at(-1, false), 0);
  assert.equal(points.at(1, false), 0, 'waiting before the first command: from the start');
  assert.equal(points.at(1, true), 2, 'after it ran: the next heading');
  assert.equal(points.at(4, false), 2, 'waiting before the second command: its heading and commentary again');
  assert.equal(points.at(4, true), 5, 'all done');
});
