// The layering of src/, read from folder names (`npm run layers`). A folder may import folders on lower
// levels only: never one above it, never a sibling on its own level. Inside a folder, anything goes as long
// as there is no cycle. README § Architecture draws the same picture.

/** Top-level folders of src/, top first. localcluster is a column of its own beside the stepdown drivers. */
const LEVELS = [['cli'], ['ui', 'check', 'serve', 'localcluster'], ['player'], ['markdown', 'session'], ['common']];

/** localcluster's own folders (and single-file modules), top first; all of them sit above src/common. */
const LOCALCLUSTER_LEVELS = [
  ['main'],
  ['orchestrate'],
  ['executor', 'report'],
  ['plan'],
  ['providers', 'linkerd'],
  ['facts', 'certs', 'definitions'],
  ['network', 'names', 'files', 'runner'],
  ['model'],
];

/** `src/<prefix><name>` as a folder or a single module (`name.ts`). */
const path = (prefix, name) => `^src/${prefix}${name}(/|\\.tsx?$)`;

/** One rule per folder: what it must not import (every folder on its level or above, but itself). */
function levelRules(levels, prefix, label) {
  return levels.flatMap((level, index) =>
    level.flatMap((name) => {
      const notBelow = levels
        .slice(0, index + 1)
        .flat()
        .filter((other) => other !== name);
      if (notBelow.length === 0) return []; // the top level may import anything
      return {
        name: `${label}-${name}-imports-down`,
        comment: `src/${prefix}${name} may import only folders below its level (${notBelow.join(', ')} are not)`,
        severity: 'error',
        from: { path: path(prefix, name) },
        to: { path: notBelow.map((other) => path(prefix, other)) },
      };
    }),
  );
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'An import cycle ties modules together so that neither can be read, tested or moved alone.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'Test doubles and helpers live under test/ and never ship in dist/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'src/cli/ is the top: entry points and option parsing, imported by nothing else.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    ...levelRules(LEVELS, '', 'layer'),
    ...levelRules(LOCALCLUSTER_LEVELS, 'localcluster/', 'localcluster'),
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type imported upwards ties the layers together as much as a value does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
