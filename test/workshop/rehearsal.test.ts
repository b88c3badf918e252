// A dress rehearsal of the real workshop without clusters: `stepdown check` runs setup.md, README.md and
// teardown.md for real, with stand-ins for the cluster tools that only record how they were called. That
// proves the documents execute end to end in check mode (hidden preamble, requirements, the move to the
// repository root, helpers, `@ifhook live_edit`) and that they drive the clusters in the story's order.
// Real clusters are out of reach here (no kind, k3d, helm or linkerd); the commands themselves are pinned
// by references.test.ts and manifests.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEnv } from '../ui/screen.js';
import { clustersDir, stepdownCli, workshopDir } from './paths.js';

const STAND_INS = ['docker', 'kind', 'k3d', 'kubectl', 'helm', 'linkerd', 'jq', 'curl', 'bat'];

interface Stage {
  /** A copy of workshop/ and clusters/, so nothing the documents do can touch the repository. */
  root: string;
  /** Runs `stepdown check` on workshop/NAME from an unrelated folder; returns the recorded calls. */
  check: (name: string, extraEnv?: NodeJS.ProcessEnv) => string[];
  remove: () => void;
}

function stage(): Stage {
  const base = mkdtempSync(join(tmpdir(), 'rehearsal-'));
  const root = join(base, 'kit');
  cpSync(workshopDir, join(root, 'workshop'), { recursive: true });
  cpSync(clustersDir, join(root, 'clusters'), { recursive: true });
  const elsewhere = join(base, 'elsewhere');
  mkdirSync(elsewhere);
  const bin = join(base, 'bin');
  mkdirSync(bin);
  const log = join(base, 'calls.log');
  const recorder = join(bin, 'record');
  writeFileSync(recorder, '#!/bin/bash\nprintf \'%s\\n\' "$(basename "$0") $*" >> "$REHEARSAL_LOG"\n');
  chmodSync(recorder, 0o755);
  for (const name of STAND_INS) symlinkSync(recorder, join(bin, name));

  const check = (name: string, extraEnv: NodeJS.ProcessEnv = {}) => {
    writeFileSync(log, '');
    const env = testEnv({
      PATH: `${bin}:${process.env.PATH}`,
      REHEARSAL_LOG: log,
      // stepdown puts its own localcluster first on PATH; an exported function comes before any PATH entry.
      'BASH_FUNC_localcluster%%': '() { printf \'%s\\n\' "localcluster $*" >> "$REHEARSAL_LOG"; }',
      ...extraEnv,
    });
    for (const variable of Object.keys(env))
      if (variable.startsWith('DEMO_HOOK_') && !(variable in extraEnv)) delete env[variable];
    const result = spawnSync(process.execPath, [stepdownCli, 'check', join(root, 'workshop', name)], {
      cwd: elsewhere,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(result.status, 0, `stepdown check ${name} failed:\n${result.stdout}\n${result.stderr}`);
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  };
  return { root, check, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** The calls that change which color cluster answers. */
const routeChanges = (calls: string[]) =>
  calls.filter((call) => /^kubectl --context faces (apply -f clusters\/color|edit httproute)/.test(call));

test('the setup builds six clusters, then Faces, Emissary, mirrors and routes, in that order', () => {
  const kit = stage();
  try {
    const calls = kit.check('setup.md');
    const at = (call: string) => {
      const index = calls.indexOf(call);
      assert.notEqual(index, -1, `setup runs: ${call}`);
      return index;
    };
    const six = 'cdn faces color color-b faces-dr smiley-dr';
    const order = [
      // check-requirements.sh: the tools and their versions, against the kit's definitions.
      `localcluster doctor --tools ${join(kit.root, 'workshop')}/../clusters`,
      'localcluster delete clusters',
      'localcluster network',
      `localcluster create clusters ${six}`,
      `localcluster certs clusters ${six}`,
      `localcluster linkerd clusters ${six}`,
      'localcluster group clusters faces color color-b faces-dr smiley-dr',
      'localcluster link --src cdn --dst faces clusters',
      'localcluster link --src cdn --dst faces-dr clusters',
      'helm install --kube-context faces faces -n faces oci://ghcr.io/buoyantio/faces-chart --version 1.4.0 -f clusters/faces/faces-values.yaml',
      'kubectl --context faces-dr delete deploy -n faces smiley',
      'kubectl --context smiley-dr delete deploy -n faces faces-gui face color',
      'kubectl --context cdn rollout status -n emissary deploy',
      'kubectl --context smiley-dr label -n faces svc/smiley mirror.linkerd.io/exported=remote-discovery',
      'kubectl --context faces-dr apply -f clusters/smiley-dr/route-to-smiley-dr.yaml',
      'kubectl --context cdn apply -f clusters/cdn/tcpmapping.yaml',
    ].map(at);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      'in the order above',
    );
    assert.match(calls.at(-1)!, /^curl .*http:\/\/\/$/, 'it ends by asking the CDN for the app');
  } finally {
    kit.remove();
  }
});

test('checked, the workshop applies the prepared routes 10 → 50 → 90 → 100, to color and then to color-b', () => {
  const kit = stage();
  try {
    const calls = kit.check('README.md');
    const steps = ['10', '50', '90', '100'];
    assert.deepEqual(routeChanges(calls), [
      ...steps.map((p) => `kubectl --context faces apply -f clusters/color/route-to-color-${p}.yaml`),
      ...steps.map((p) => `kubectl --context faces apply -f clusters/color-b/route-to-color-b-${p}.yaml`),
    ]);
    const smiley = calls.filter((call) => call.startsWith('localcluster') && call.includes('smiley'));
    assert.deepEqual(smiley.slice(0, 6), [
      'localcluster create --dryrun clusters smiley',
      'localcluster create clusters smiley',
      'localcluster certs clusters smiley',
      'localcluster linkerd --dryrun clusters smiley',
      'localcluster linkerd clusters smiley',
      'localcluster group clusters smiley',
    ]);
    assert.equal(
      calls.filter((call) => call.startsWith('localcluster')).at(-1),
      'localcluster delete clusters faces color color-b smiley',
      'the migration ends by deleting the faces side',
    );
  } finally {
    kit.remove();
  }
});

test('with DEMO_HOOK_LIVE_EDIT the presenter edits each weight, and the prepared file follows', () => {
  const kit = stage();
  try {
    const calls = kit.check('README.md', { DEMO_HOOK_LIVE_EDIT: 'true' });
    const edit = 'kubectl --context faces edit httproute -n faces color-route';
    const apply = (folder: string, p: string) =>
      `kubectl --context faces apply -f clusters/${folder}/route-to-${folder}-${p}.yaml`;
    assert.deepEqual(routeChanges(calls), [
      apply('color', '10'),
      ...['50', '90', '100'].flatMap((p) => [edit, apply('color', p)]),
      apply('color-b', '10'),
      ...['50', '90', '100'].flatMap((p) => [edit, apply('color-b', p)]),
    ]);
  } finally {
    kit.remove();
  }
});

test('the teardown deletes every cluster and what localcluster generated, and nothing else', () => {
  const kit = stage();
  try {
    for (const generated of ['certs/faces', '.localcluster/faces'])
      mkdirSync(join(kit.root, generated), { recursive: true });
    assert.deepEqual(kit.check('teardown.md'), ['localcluster delete clusters']);
    assert.equal(existsSync(join(kit.root, 'certs')), false);
    assert.equal(existsSync(join(kit.root, '.localcluster')), false);
    assert.equal(existsSync(join(kit.root, 'clusters', 'smiley', 'route-to-smiley.yaml')), true);
  } finally {
    kit.remove();
  }
});
