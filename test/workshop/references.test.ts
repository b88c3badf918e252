// What the workshop documents apply, show and import must be in the repository, and the clusters they talk
// to must be defined. The documents are read the way stepdown reads them (the real parser, imports inlined,
// commands split with the real shell parser), so what is checked is exactly what would run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkshop } from '../../src/markdown/load.js';
import type { Step } from '../../src/markdown/steps.js';
import { parseScript, walkCommands } from '../../src/markdown/shell/syntax.js';
import { clustersDir, filesUnder, repoRoot } from './paths.js';

/** The documents that run against the clusters; each moves to the repository root before its first command. */
const documents = ['workshop/README.md', 'workshop/setup.md', 'workshop/teardown.md'];

/** Commands whose plain arguments are files they show. */
const SHOWING = new Set(['bat', 'cat', 'less']);
/** Options whose value is a file a command reads (kubectl apply -f, helm -f/--values). */
const FILE_OPTIONS = new Set(['-f', '--filename', '--values']);
const CONTEXT_OPTIONS = new Set(['--context', '--kube-context']);
/** localcluster commands about the machine, which take no CLUSTER_DIRS. */
const MACHINE_COMMANDS = new Set(['network', 'doctor']);

interface Reference {
  kind: 'file' | 'cluster';
  value: string;
  /** `file:line` of the command, for the failure message. */
  at: string;
}

function commandSteps(steps: readonly Step[]): Extract<Step, { kind: 'command' }>[] {
  return steps.flatMap((step) => {
    if (step.kind === 'command') return [step];
    if (step.kind === 'macro' || step.kind === 'ifhook') return commandSteps(step.body);
    return [];
  });
}

/** The words of every simple command in `text`, unquoted; a word with an expansion in it is undefined. */
function simpleCommands(text: string): (string | undefined)[][] {
  const { statements, error } = parseScript(text);
  assert.equal(error, undefined, `shell syntax in: ${text}`);
  const commands: (string | undefined)[][] = [];
  walkCommands(statements, (command) => {
    if (command.type === 'simple' && command.words.length) commands.push(command.words.map((word) => word.literal));
  });
  return commands;
}

/** Files and clusters named by one simple command. Words with expansions are runtime values and not checked. */
function referencesOf(words: (string | undefined)[], at: string): Reference[] {
  const found: Reference[] = [];
  const add = (kind: Reference['kind'], value: string | undefined) => {
    if (value !== undefined && value !== '-') found.push({ kind, value, at });
  };
  const [program, ...args] = words;
  // `[ -f FILE ]` tests for a file; it does not read one.
  if (program === '[' || program === 'test') return found;
  args.forEach((word, index) => {
    if (word === undefined) return;
    const next = args[index + 1];
    const [option, inline] = word.split(/=(.*)/s, 2);
    if (FILE_OPTIONS.has(option!)) add('file', inline ?? next);
    if (CONTEXT_OPTIONS.has(option!)) add('cluster', inline ?? next);
    if (program === 'localcluster' && (word === '--src' || word === '--dst')) add('cluster', next);
  });
  if (program !== undefined && SHOWING.has(program)) {
    for (const word of args) if (word !== undefined && !word.startsWith('-')) add('file', word);
  }
  if (program === 'localcluster' && !MACHINE_COMMANDS.has(args[0] ?? '')) {
    // `localcluster COMMAND [options] CLUSTER_DIRS [NAME…]`: the names follow the `clusters` folder.
    const dirs = args.indexOf('clusters');
    assert.notEqual(dirs, -1, `${at}: localcluster is given the clusters folder`);
    for (const name of args.slice(dirs + 1)) if (name !== undefined && !name.startsWith('-')) add('cluster', name);
  }
  return found;
}

function referencesIn(document: string): Reference[] {
  const workshop = loadWorkshop(document, { builtins: false, cwd: repoRoot });
  assert.deepEqual(workshop.messages, [], `${document} loads without problems`);
  return commandSteps(workshop.steps).flatMap((step) =>
    simpleCommands(step.text).flatMap((words) => referencesOf(words, `${step.at.file}:${step.at.line}`)),
  );
}

let cached: Reference[] | undefined;
/** Computed on first use, inside a test, so a problem fails that test instead of the whole file. */
function allReferences(): Reference[] {
  cached ??= documents.flatMap(referencesIn);
  return cached;
}
const definedClusters = new Set(
  readdirSync(clustersDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name),
);

test('every file the workshop applies or shows exists in the repository', () => {
  const missing = allReferences()
    .filter((ref) => ref.kind === 'file' && !existsSync(join(repoRoot, ref.value)))
    .map((ref) => `${ref.at}: ${ref.value}`);
  assert.deepEqual(missing, []);
});

test('every manifest under clusters/ is used by the workshop, and the workshop shows a definition', () => {
  const used = new Set(
    allReferences()
      .filter((ref) => ref.kind === 'file')
      .map((ref) => ref.value),
  );
  const manifests = filesUnder(clustersDir).filter((path) => !path.endsWith('/sma.yaml'));
  assert.deepEqual(
    manifests.filter((path) => !used.has(path)),
    [],
    'files under clusters/ that no workshop document applies or shows',
  );
  assert.ok(used.has('clusters/smiley/sma.yaml'), 'the workshop shows the smiley definition');
});

test('every cluster the workshop talks to is defined under clusters/', () => {
  const clusters = allReferences().filter((ref) => ref.kind === 'cluster');
  assert.deepEqual(
    clusters.filter((ref) => !definedClusters.has(ref.value)).map((ref) => `${ref.at}: ${ref.value}`),
    [],
  );
  // All seven take part somewhere (smiley is created live; the others by the setup).
  assert.deepEqual(new Set(clusters.map((ref) => ref.value)), definedClusters);
});

test('every import of every workshop file resolves', () => {
  for (const file of [...documents, 'workshop/tour.md']) {
    const workshop = loadWorkshop(file, { builtins: false, cwd: repoRoot });
    assert.deepEqual(
      workshop.messages.filter((message) => message.ruleId === 'missing-import'),
      [],
      file,
    );
  }
  // The workshop imports its presenter tools and its requirements check, the tour its tools and an aside.
  const importedBy = (file: string) =>
    new Set(loadWorkshop(file, { builtins: false, cwd: repoRoot }).steps.map((step) => step.at.file));
  for (const imported of ['workshop/demo-tools.sh', 'workshop/check-requirements.sh']) {
    assert.ok(importedBy('workshop/README.md').has(imported), `README.md imports ${imported}`);
  }
  for (const imported of ['workshop/tour/tools.sh', 'workshop/tour/aside.md']) {
    assert.ok(importedBy('workshop/tour.md').has(imported), `tour.md imports ${imported}`);
  }
});
