// The one entry point every driver uses: a workshop file → its step list and the problems found on the
// way (file problems, directive misuse, unclosed blocks, imports, shell syntax). Imports are inlined.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve } from 'node:path';
import type { Position, Step } from './steps.js';
import type { Draft, Item } from './drafts.js';
import { problem, sortMessages, type Message } from '../common/messages.js';
import { readSource, type SourceText } from './source.js';
import { markdownDrafts } from './markdown-text.js';
import { shellDrafts } from './shell-text.js';
import { foldModifiers, nest } from './structure.js';
import { builtinSteps } from './builtins.js';
import { LineIndex } from './line-index.js';

export interface LoadOptions {
  /** Put the builtin macro definitions first (default true), as demosh does unless `--no-builtins`. */
  builtins?: boolean;
  /** Where imports are looked for when they are not next to the importing file (default: the cwd). */
  cwd?: string;
}

export interface Workshop {
  /** Builtin macros (file `<builtin>`) when asked for, then the file's steps, imports inlined. */
  steps: Step[];
  /** Every problem found, grouped by file and in reading order. */
  messages: Message[];
}

/** The drafts of one file's text, read as Markdown or as shell. */
export function sourceDrafts(source: SourceText): { drafts: Draft[]; messages: Message[] } {
  if (source.mode === 'markdown') return markdownDrafts(source);
  const lines = new LineIndex(source.text);
  return shellDrafts(source.text, (offset) => lines.positionOf(source.file, offset), { syntaxSeverity: 'error' });
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Loads `path` (Markdown if it ends in `.md`, shell otherwise). Never throws for bad input. */
export function loadWorkshop(path: string, options: LoadOptions = {}): Workshop {
  const cwd = options.cwd ?? process.cwd();
  const messages: Message[] = [];

  const loadFile = (file: string, chain: string[]): Item[] => {
    const read = readSource(isAbsolute(file) ? file : resolve(cwd, file), file);
    for (const m of read.messages) messages.push(m);
    if (!read.source) return [];
    const parsed = sourceDrafts(read.source);
    for (const m of parsed.messages) messages.push(m);
    const here = [...chain, realPath(resolve(cwd, file))];
    return nest(parsed.drafts, (target, at) => importFile(file, target, at, here), messages);
  };

  const importFile = (importer: string, target: string, at: Position, chain: string[]): Item[] => {
    const candidates = isAbsolute(target)
      ? [target]
      : [normalize(join(dirname(importer), target)), relative(cwd, resolve(cwd, target)) || target];
    const found = candidates.find((candidate) => isFile(resolve(cwd, candidate)));
    if (!found) {
      const where = candidates.find((candidate) => existsSync(resolve(cwd, candidate)));
      messages.push(
        problem(
          at,
          'error',
          'missing-import',
          where
            ? `cannot import \`${target}\`: ${where} is not a file`
            : `cannot import \`${target}\`: no such file (looked for ${[...new Set(candidates)].join(' and ')})`,
        ),
      );
      return [];
    }
    const real = realPath(resolve(cwd, found));
    const cycleStart = chain.indexOf(real);
    if (cycleStart !== -1) {
      const loop = [...chain.slice(cycleStart), real].map((p) => relative(cwd, p) || p);
      messages.push(problem(at, 'error', 'import-cycle', `import cycle: ${loop.join(' → ')}`));
      return [];
    }
    return loadFile(found, chain);
  };

  const items = loadFile(path, []);
  const steps = foldModifiers(items, messages);
  return {
    steps: options.builtins === false ? steps : [...builtinSteps(), ...steps],
    messages: sortMessages(messages),
  };
}
