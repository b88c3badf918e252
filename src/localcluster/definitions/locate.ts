// Maps a field path (["spec", "subnet"]) to where it is written in the YAML source, so every problem can be
// reported as file:line:column.
import { isMap, type Document, type LineCounter, type Node } from 'yaml';

export interface Located {
  line: number;
  column: number;
  /** False when the path is not written at all; the position is then that of its nearest written parent. */
  present: boolean;
}

/** Position of the value at `path` (or of its key, with `at: 'key'`). */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
  at: 'key' | 'value' = 'value',
): Located {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  let fallback: Node | undefined = doc.contents ?? undefined;
  for (const segment of path) {
    const pair = isMap(node) ? node.items.find((item) => keyOf(item.key) === String(segment)) : undefined;
    if (!pair) return position(lines, keyNode ?? fallback, false);
    keyNode = pair.key as Node;
    node = pair.value;
    fallback = (pair.value as Node | null) ?? keyNode;
  }
  const target = at === 'key' && keyNode ? keyNode : ((node as Node | null) ?? keyNode ?? fallback);
  return position(lines, target, true);
}

function keyOf(key: unknown): string | undefined {
  return key && typeof key === 'object' && 'value' in key ? String((key as { value: unknown }).value) : undefined;
}

function position(lines: LineCounter, node: Node | undefined, present: boolean): Located {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col, present };
}
