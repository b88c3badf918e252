// Reading a workshop file: everything that can be wrong with a file before its content is looked at
// (missing, a directory, binary, not UTF-8, too large, empty) becomes a positioned message, and harmless
// encodings (a byte order mark, CRLF line endings) are normalised with a warning.
import { readFileSync, statSync } from 'node:fs';
import { problem, type Message } from '../common/messages.js';

/** How a file is read: Markdown (`.md`, `.markdown`) or, like demosh does for anything else, shell. */
export type SourceMode = 'markdown' | 'shell';

export interface SourceText {
  /** The path used in positions. */
  file: string;
  /** Normalised text: no byte order mark, LF line endings. */
  text: string;
  mode: SourceMode;
}

/**
 * Workshops are a few tens of kilobytes (the largest in the corpus is 62 KB); a file this large is not one,
 * and Markdown parsing slows to seconds per megabyte on list-heavy input.
 */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export function sourceMode(path: string): SourceMode {
  return /\.(md|markdown)$/i.test(path) ? 'markdown' : 'shell';
}

/** Line and column (1-based) of `offset` in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Why `path` is no file to read a workshop from (missing, a directory, a device…), or undefined. What is
 * wrong with its content is readSource's to say.
 */
export function fileProblem(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return 'is a directory, not a workshop file';
    return stat.isFile() ? undefined : 'is not a regular file';
  } catch (error) {
    return readError(error);
  }
}

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read file: ${(error as Error).message}`;
}

/**
 * Reads `path` (shown as `file` in messages). Returns the text when it is usable, and the messages either
 * way; a file that cannot be used gets exactly one error.
 */
export function readSource(path: string, file = path): { source?: SourceText; messages: Message[] } {
  const at = { file, line: 1, column: 1 };
  const fail = (ruleId: string, message: string, where = at) => ({
    messages: [problem(where, 'error', ruleId, message)],
  });
  const unusable = fileProblem(path);
  if (unusable) return fail('read', unusable);
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.size > MAX_SOURCE_BYTES) {
      const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
      return fail(
        'too-large',
        `file is too large to be a workshop (${mib(stat.size)}; the limit is ${mib(MAX_SOURCE_BYTES)})`,
      );
    }
    bytes = readFileSync(path);
  } catch (error) {
    return fail('read', readError(error));
  }

  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const before = bytes.subarray(0, nul).toString('utf8');
    return fail('binary', 'binary file (it contains a NUL byte), not a workshop', {
      file,
      ...positionOf(before, before.length),
    });
  }
  let text = bytes.toString('utf8');
  const invalid = text.indexOf('\uFFFD');
  if (invalid !== -1 && !bytes.includes(Buffer.from('\uFFFD'))) {
    return fail('encoding', 'not UTF-8 text (is it a binary file?)', { file, ...positionOf(text, invalid) });
  }

  const messages: Message[] = [];
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    messages.push(problem(at, 'warning', 'bom', 'byte order mark at the start of the file (ignored)'));
  }
  const crlf = text.indexOf('\r\n');
  if (crlf !== -1) {
    messages.push(
      problem(
        { file, ...positionOf(text, crlf) },
        'warning',
        'crlf',
        'CRLF line endings (read as LF; shell commands need LF)',
      ),
    );
    text = text.replace(/\r\n/g, '\n');
  }
  if (text.trim() === '') {
    messages.push(problem(at, 'error', 'empty-file', 'file is empty: there is nothing to show or run'));
    return { messages };
  }
  return { source: { file, text, mode: sourceMode(path) }, messages };
}
