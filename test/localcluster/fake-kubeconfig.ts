// The fake's kubeconfigs: real files on disk, read and written the way kubectl does — a list of files is
// merged in order (the first file to name an entry wins, and the first current-context), and an edit goes to
// the file that holds the entry.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';

export interface Kubeconfig {
  clusters: Array<{ name: string; cluster: { server?: string; [field: string]: unknown } }>;
  contexts: Array<{ name: string; context: { cluster?: string; user?: string } }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
  'current-context'?: string;
}

export type Section = 'clusters' | 'contexts' | 'users';
export const SECTIONS: readonly Section[] = ['clusters', 'contexts', 'users'];

export const emptyKubeconfig = (): Kubeconfig => ({ clusters: [], contexts: [], users: [] });

/** Undefined when there is no such file. */
/**
 * The last parse of each file, by its text: the fake reads the kubeconfig on every call, and parsing one of a
 * thousand contexts a thousand times would make the fake, not localcluster, what a bench measures.
 */
const parsed = new Map<string, { text: string; config: Kubeconfig }>();

export function readKubeconfig(path: string): Kubeconfig | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  let last = parsed.get(path);
  if (last?.text !== text) {
    const data = (parse(text) ?? {}) as Partial<Kubeconfig>;
    const config = { ...data, clusters: data.clusters ?? [], contexts: data.contexts ?? [], users: data.users ?? [] };
    last = { text, config };
    parsed.set(path, last);
  }
  // A copy: callers change what they read before writing it back.
  return structuredClone(last.config);
}

export function writeKubeconfig(path: string, config: Kubeconfig): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, formatKubeconfig(config), { mode: 0o600 });
}

export function formatKubeconfig(config: Kubeconfig): string {
  return stringify({ apiVersion: 'v1', kind: 'Config', ...config });
}

export function mergeKubeconfigs(configs: readonly Kubeconfig[]): Kubeconfig {
  const merged = emptyKubeconfig();
  for (const config of configs) {
    for (const section of SECTIONS) {
      const known = new Set(merged[section].map((entry) => entry.name));
      (merged[section] as Array<{ name: string }>).push(...config[section].filter((entry) => !known.has(entry.name)));
    }
    if (!merged['current-context'] && config['current-context']) merged['current-context'] = config['current-context'];
  }
  return merged;
}

export function names(config: Kubeconfig, section: Section): Set<string> {
  return new Set(config[section].map((entry) => entry.name));
}

/** Removes the entry; false when it was not there. */
export function removeEntry(config: Kubeconfig, section: Section, name: string): boolean {
  const list = config[section] as Array<{ name: string }>;
  const index = list.findIndex((entry) => entry.name === name);
  if (index >= 0) list.splice(index, 1);
  return index >= 0;
}
