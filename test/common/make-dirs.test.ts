import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '../../src/common/make-dirs.js';
import { scratchDir } from '../scratch.js';

test('makes every missing level with the mode given, and is content when the folder exists', () => {
  const root = scratchDir('make-dirs');
  const deep = join(root, 'a', 'b', 'c');
  makeDirs(deep, 0o700);
  for (const dir of [join(root, 'a'), join(root, 'a', 'b'), deep]) assert.equal(statSync(dir).mode & 0o777, 0o700, dir);
  makeDirs(deep);
});

test('a file in the way, or a place the kernel refuses, is an error with its code — not a hang', () => {
  const root = scratchDir('make-dirs');
  writeFileSync(join(root, 'file'), 'x');
  assert.throws(() => makeDirs(join(root, 'file', 'sub')), { code: 'ENOTDIR' });
  assert.throws(() => makeDirs(join(root, 'file')), { code: 'ENOTDIR' });
  // Node's own recursive mkdir never returns here.
  assert.throws(() => makeDirs('/proc/stepdown-test/sub'), { code: 'ENOENT' });
});
