// CLUSTER_DIRS → every sma.yaml below them → validated definitions. All problems in all files are collected
// and reported together, and nothing runs unless every definition is sound.
import { existsSync, readdirSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../common/errors.js';
import { parseDefinition, type ParsedDefinition } from './parse.js';
import type { Message, Position } from '../../common/messages.js';
import { DefinitionError, definitionProblem } from './problems.js';
import type { ClusterDefinition } from '../model/cluster.js';

export const DEFINITION_FILE = 'sma.yaml';

/** `dirsArg` is the comma-separated CLUSTER_DIRS argument. */
export function loadDefinitions(dirsArg: string): ClusterDefinition[] {
  const dirs = dirsArg
    .split(',')
    .map((dir) => dir.trim())
    .filter(Boolean);
  if (!dirs.length) throw new UserError('CLUSTER_DIRS is empty; give one or more folders, separated by commas', 2);
  const files = new Map<string, string>(); // real path → path as found
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such folder`, 2);
    for (const file of findDefinitionFiles(dir)) {
      const real = readable(file, () => realpathSync(file));
      if (!files.has(real)) files.set(real, file);
    }
  }
  if (!files.size) throw new UserError(`no ${DEFINITION_FILE} found under ${dirs.join(', ')}`, 2);

  const problems: Message[] = [];
  const parsed: ParsedDefinition[] = [];
  for (const file of files.values()) {
    const read = readDefinition(file);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const result = parseDefinition(file, read.text, existsSync);
    if (result.ok) parsed.push(result.parsed);
    else problems.push(...result.problems);
  }
  problems.push(...crossCheck(parsed));
  if (problems.length) throw new DefinitionError(problems);
  return parsed.map((p) => p.definition);
}

/** A definition is a few hundred bytes; anything this large is something else. */
const MAX_DEFINITION_BYTES = 64 * 1024;

/**
 * The text of a definition file, or why it is not one: only a regular file of at most MAX_DEFINITION_BYTES is
 * read (reading a FIFO would wait for a writer, `/dev/zero` would never end).
 */
function readDefinition(file: string): { text: string } | { problem: Message } {
  const at = { file, line: 1, column: 1 };
  const stats = readable(file, () => statSync(file));
  if (!stats.isFile()) {
    return { problem: definitionProblem(at, 'not-a-file', `not a regular file but ${fileKind(stats)}`) };
  }
  const text = stats.size <= MAX_DEFINITION_BYTES ? readable(file, () => readFileSync(file, 'utf8')) : undefined;
  // Measured again once read: the file may have grown in between.
  if (text === undefined || Buffer.byteLength(text) > MAX_DEFINITION_BYTES) {
    const size = Math.max(stats.size, text === undefined ? 0 : Buffer.byteLength(text));
    return {
      problem: definitionProblem(
        at,
        'too-large',
        `file is too large to be a cluster definition (${Math.ceil(size / 1024)} KiB; the limit is ${MAX_DEFINITION_BYTES / 1024} KiB)`,
      ),
    };
  }
  return { text };
}

function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'something else';
}

/** A definition that cannot be read (a dangling link, no permission) is a user's problem, named as such. */
function readable<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'a link to a file that does not exist'
        : code === 'EACCES'
          ? 'not readable (permission denied)'
          : (error as Error).message;
    throw new UserError(`${file}: ${why}`, 2);
  }
}

/** Sorted, so that plans and reports come out in a stable order. Hidden folders and node_modules are skipped. */
function findDefinitionFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(join(current, entry.name));
      } else if (entry.name === DEFINITION_FILE) {
        found.push(join(current, entry.name));
      }
    }
  };
  walk(dir);
  return found;
}

/**
 * Names must be unique (they become container and context names); subnet IDs must be unique across every
 * loaded definition, because all clusters share one Docker network: the IDs pick their CIDRs and pools.
 */
export function crossCheck(parsed: readonly ParsedDefinition[]): Message[] {
  const problems: Message[] = [];
  const names = new Map<string, Position>();
  const byteIds = new Map<number, ParsedDefinition>();
  const nybbleIds = new Map<number, ParsedDefinition>();
  const where = (pos: Position) => `${pos.file}:${pos.line}`;
  for (const entry of parsed) {
    const { definition } = entry;
    const previous = names.get(definition.name);
    if (previous) {
      problems.push(
        definitionProblem(
          definition.at,
          'duplicate-name',
          `"${definition.name}" is already defined in ${where(previous)}`,
          'metadata.name',
        ),
      );
    } else {
      names.set(definition.name, definition.at);
    }
    if (!definition.subnet) continue;
    const clash = (kind: string, id: number, digits: number, seen: Map<number, ParsedDefinition>) => {
      const other = seen.get(id);
      if (!other) return seen.set(id, entry);
      const pos = entry.subnetAt ?? definition.at;
      const otherPos = other.subnetAt ?? other.definition.at;
      problems.push(
        definitionProblem(
          pos,
          'shared-subnet',
          `${kind} ID ${id.toString(16).padStart(digits, '0')} is also used by ${other.definition.name} (${where(otherPos)}); every cluster needs its own`,
          'spec.subnet',
        ),
      );
    };
    clash('byte', definition.subnet.byteId, 2, byteIds);
    clash('nybble', definition.subnet.nybbleId, 1, nybbleIds);
  }
  return problems;
}
