#!/usr/bin/env node
// Runs every test file under test/ with node:test + tsx. Node 20's --test does not discover .ts files
// itself, so the list is built here (sorted, so runs are reproducible). Extra arguments filter by path.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('.', import.meta.url).pathname;
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.test\.tsx?$/.test(name)) files.push(path);
  }
})(root);

const filters = process.argv.slice(2);
const selected = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
const env = { ...process.env };
// ink renders nothing interactive under CI=true; tests that spawn the UI need a normal terminal.
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
