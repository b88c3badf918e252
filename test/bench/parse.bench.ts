// Parse + lint of the whole corpus (every .md and .sh file of ../shared/corpus/sma as a root file), the
// way `stepdown lint` does it. Goal: under 300 ms on the project machine.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintWorkshop } from '../../src/markdown/lint.js';
import { loadWorkshop } from '../../src/markdown/load.js';
import { parseScript } from '../../src/markdown/shell/syntax.js';
import { walkSteps } from '../../src/markdown/recursion.js';
import { markdownDrafts } from '../../src/markdown/markdown-text.js';
import { corpus, needsCorpus } from '../corpus.js';

if (needsCorpus.skip) {
  console.log(`parse bench skipped: it ${needsCorpus.skip}`);
  process.exit(0);
}

const repository = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(md|sh)$/.test(name)) out.push(relative(repository, path));
  }
  return out;
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const all = files(corpus);
const bytes = all.reduce((sum, file) => sum + statSync(join(repository, file)).size, 0);
const lintAll = () => {
  for (const file of all) lintWorkshop(file, { cwd: repository });
};

const cold = time(lintAll);
const warm = median([1, 2, 3, 4, 5].map(() => time(lintAll)));

// Where the time goes: the shell parser alone, over every command the corpus has.
const commands: string[] = [];
for (const file of all) {
  walkSteps(loadWorkshop(file, { cwd: repository, builtins: false }).steps, (step) => {
    if (step.kind === 'command') commands.push(step.text);
  });
}
const shell = median(
  [1, 2, 3].map(() =>
    time(() => {
      for (const c of commands) parseScript(c);
    }),
  ),
);

// A shape micromark handles badly (quadratic in the length of a list), parsed in pieces.
const list = '- - item\n'.repeat(4000);
const listTime = median(
  [1, 2, 3].map(() => time(() => markdownDrafts({ file: 'list.md', text: list, mode: 'markdown' }))),
);

// A shape the hollowing scan must stay linear on: a long loose list of prose items whose last item holds a
// fence (every item could start a list that is cut out whole, until the fence says otherwise).
const loose = `${'- item\n\n'.repeat(20000)}  \`\`\`\n  code\n  \`\`\`\n`;
const looseTime = median(
  [1, 2, 3].map(() => time(() => markdownDrafts({ file: 'loose.md', text: loose, mode: 'markdown' }))),
);

// And one where the line scans are wrong: they take the fence in the list item to close where a top-level
// one opens, which then runs to the end: hollowing is refused, and every piece is joined with the next.
const runOn = `- a\n  \`\`\`\nb\n\`\`\`\n\n${'text\n\n'.repeat(20000)}`;
const runOnTime = median(
  [1, 2, 3].map(() => time(() => markdownDrafts({ file: 'run-on.md', text: runOn, mode: 'markdown' }))),
);

const ms = (n: number) => `${n.toFixed(0)} ms`;
console.log(`parse+lint corpus: ${all.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
console.log(`  first run (cold JIT):  ${ms(cold)}`);
console.log(`  warm run (median of 5): ${ms(warm)}   goal < 300 ms`);
console.log(`  of which shell parsing: ${ms(shell)} for ${commands.length} commands`);
console.log(`4,000-line nested list (35 KiB): ${ms(listTime)}`);
console.log(`20,000-item loose list ending in a fence (${(loose.length / 1024).toFixed(0)} KiB): ${ms(looseTime)}`);
console.log(`a fence that runs on over 20,000 paragraphs (${(runOn.length / 1024).toFixed(0)} KiB): ${ms(runOnTime)}`);
