// The blocks of Markdown that steps are made of — code, HTML and headings, also inside lists and block
// quotes — parsed with unified + remark-parse, positioned in the text. The text is hollowed first (see
// hollow.ts) and parsed in pieces (see pieces.ts); neither changes a block, only what parsing costs.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Code, Heading, Html, Nodes, Root } from 'mdast';
import type { Point } from 'unist';
import { confirmHollowed, hollow, type Hollowed } from './hollow.js';
import { Lines } from './lines.js';
import { topLevelPieces } from './pieces.js';

export type SpecialBlock = Code | Html | Heading;

/**
 * Only block structure matters here (commentary is kept as source, and the UI parses what it renders), so
 * inline constructs are switched off: that makes micromark about a third faster.
 */
const blocksOnly = {
  disable: {
    null: [
      'attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape',
      'htmlText', 'labelStartImage', 'labelStartLink', 'labelEnd',
    ],
  },
};

const processor = unified()
  .use(remarkParse)
  .use(function blockStructureOnly(this: { data(key: string): unknown; data(key: string, value: unknown): void }) {
    const extensions = (this.data('micromarkExtensions') as unknown[] | undefined) ?? [];
    this.data('micromarkExtensions', [...extensions, blocksOnly]);
  })
  .freeze();

interface Found {
  node: SpecialBlock;
  /** A child of the root, not inside a list or block quote. */
  topLevel: boolean;
}

function collect(node: Nodes, out: Found[], topLevel: boolean): void {
  if (node.type === 'code' || node.type === 'html' || node.type === 'heading') {
    out.push({ node, topLevel });
  } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
    for (const child of node.children) collect(child as Nodes, out, false);
  }
}

/** The special blocks of `text`, parsed piece by piece, with positions in the whole text. */
function parseInPieces(text: string): Found[] {
  const out: Found[] = [];
  for (const piece of topLevelPieces(text)) {
    const first = out.length;
    for (const child of (processor.parse(piece.text) as Root).children) collect(child, out, true);
    const shift = (point: Point): Point => ({
      line: point.line + piece.line - 1,
      column: point.column,
      offset: point.offset! + piece.offset,
    });
    for (const { node } of out.slice(first)) {
      node.position = { start: shift(node.position!.start), end: shift(node.position!.end) };
    }
  }
  return out;
}

/** Moves blocks parsed from the hollowed form of `text` to their place in `text`, and fills fences in. */
function restore(found: readonly Found[], hollowed: Hollowed, text: string): SpecialBlock[] {
  const lines = new Lines(text);
  const original = (point: Point): Point => {
    const line = hollowed.origin[point.line]!;
    return { line, column: point.column, offset: lines.starts[line - 1]! + point.column - 1 };
  };
  const fenceOpens = new Set(hollowed.fences.map((fence) => fence.open));
  return found.map(({ node }) => {
    const hollowedFence = node.type === 'code' && fenceOpens.has(node.position!.start.line);
    const start = original(node.position!.start);
    const end = original(node.position!.end);
    node.position = { start, end };
    // A hollowed fence's body is the original lines between its fences.
    if (hollowedFence) node.value = text.slice(lines.starts[start.line]!, lines.starts[end.line - 1]! - 1);
    return node;
  });
}

/** The code, HTML and heading blocks of `text` in reading order, positioned in `text`. */
export function specialBlocks(text: string): SpecialBlock[] {
  const hollowed = hollow(text);
  if (hollowed) {
    const found = parseInPieces(hollowed.text);
    const parsed = found.map(({ node, topLevel }) => ({
      type: node.type,
      topLevel,
      start: node.position!.start,
      end: node.position!.end,
      value: node.type === 'code' ? node.value : undefined,
    }));
    if (confirmHollowed(parsed, hollowed)) return restore(found, hollowed, text);
  }
  return parseInPieces(text).map(({ node }) => node);
}
