// Fuzzing localcluster's definition loader with generated folders of sma.yaml files: it returns one definition
// per file, or throws a DefinitionError listing problems placed in those files; any other exception, or a
// warning from a library on stderr, is a bug. FUZZ_RUNS=N runs more, FUZZ_SEED=N another seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadDefinitions } from '../../src/localcluster/definitions/load.js';
import { DefinitionError } from '../../src/localcluster/definitions/problems.js';
import { folder } from '../markdown/fixtures.js';
import { fuzzOptions, hostileDefinition } from './hostile.js';

test('hostile definition folders: loaded, or refused with placed problems, never an exception or a warning', (t) => {
  const warnings: string[] = [];
  const listen = (warning: Error) => warnings.push(warning.message);
  process.on('warning', listen);
  t.after(() => process.off('warning', listen));
  const base = folder({});
  let run = 0;
  fc.assert(
    fc.property(fc.array(hostileDefinition, { minLength: 1, maxLength: 3 }), (texts) => {
      const root = join(base, String(run++));
      const files = texts.map((text, i) => {
        mkdirSync(join(root, `c${i}`), { recursive: true });
        const path = join(root, `c${i}`, 'sma.yaml');
        writeFileSync(path, text);
        return path;
      });
      try {
        assert.equal(loadDefinitions(root).length, files.length);
      } catch (error) {
        if (!(error instanceof DefinitionError)) throw error;
        assert.ok(error.problems.length > 0);
        for (const p of error.problems) {
          assert.ok(files.includes(p.file), JSON.stringify(p));
          assert.ok(p.line >= 1 && p.column >= 1, JSON.stringify(p));
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
      assert.deepEqual(warnings, []);
    }),
    fuzzOptions(100),
  );
});
