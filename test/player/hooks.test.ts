import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { activeHooks, hookDefinition } from '../../src/player/hooks.js';

// The definition is shell text: check it in a real bash, with the variable set, empty and unset.
function callHook(value: string | undefined): { status: number | null; stdout: string } {
  const definition = hookDefinition('show_slides', 'SLIDES');
  assert.ok(definition);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  if (value !== undefined) env.DEMO_HOOK_SLIDES = value;
  const result = spawnSync(
    'bash',
    ['--noprofile', '--norc', '-c', `set -u; ${definition}\nshow_slides; echo "status $?"`],
    {
      env,
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout };
}

test('a hook runs its variable when set, and is a no-op otherwise', () => {
  assert.equal(callHook('echo "slides on"; false').stdout, 'slides on\nstatus 1\n');
  assert.equal(callHook('').stdout, 'status 0\n');
  assert.equal(callHook(undefined).stdout, 'status 0\n');
});

test('hook and variable names must be plain shell names', () => {
  assert.equal(hookDefinition('rm -rf', 'X'), undefined);
  assert.equal(hookDefinition('ok', 'A B'), undefined);
  assert.equal(hookDefinition('ok', '$(x)'), undefined);
});

test('active hooks are the DEMO_HOOK_ variables that are set and non-empty', () => {
  const hooks = activeHooks({ DEMO_HOOK_A: 'x', DEMO_HOOK_B: '', DEMO_HOOK_C: undefined, OTHER: 'y' });
  assert.deepEqual([...hooks], ['DEMO_HOOK_A']);
});
