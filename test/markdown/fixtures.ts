// Workshops written to a temporary folder, loaded the way drivers load them.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { loadWorkshop, type LoadOptions, type Workshop } from '../../src/markdown/load.js';
import type { Step } from '../../src/markdown/steps.js';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Writes `files` (relative path → content) into a fresh folder and returns that folder. */
export function folder(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'stepdown-md-'));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

/** Loads `main` from a folder holding `files`, without builtins unless asked; paths are folder-relative. */
export function load(
  files: Record<string, string | Buffer>,
  main = Object.keys(files)[0]!,
  options: LoadOptions = {},
): Workshop {
  const root = folder(files);
  return loadWorkshop(main, { builtins: false, cwd: root, ...options });
}

/** Steps as compact strings (`command:ls`, `mode:SHOW`, …) for readable assertions. */
export function brief(steps: readonly Step[]): string[] {
  return steps.map((s) => {
    switch (s.kind) {
      case 'commentary':
        return `commentary:${s.markdown}`;
      case 'heading':
        return `heading:${s.depth}:${s.text}`;
      case 'command':
        return `command:${s.text}`;
      case 'mode':
        return `mode:${s.mode}`;
      case 'print':
        return `print:${s.text}`;
      case 'macro':
        return `macro:${s.name}[${brief(s.body).join(' | ')}]`;
      case 'ifhook':
        return `ifhook:${s.hook}[${brief(s.body).join(' | ')}]`;
      case 'hook':
        return `hook:${s.name}:${s.variable}`;
      case 'call':
        return `call:${s.name}${s.args ? ` ${s.args}` : ''}`;
      default:
        return s.kind;
    }
  });
}
