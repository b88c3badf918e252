// markdown/blocks/ is the parser's speed-up layer: it finds the blocks of Markdown that steps are made of —
// code, HTML and headings, also inside lists and block quotes — with unified + remark-parse, positioned in the
// text, faster than a plain parse of the whole text and with the same result. The text is hollowed first
// (hollow.ts: what needs no parse is taken out) and parsed in pieces (pieces.ts: cut where top-level blocks
// start); both rest on line-scan.ts, what single lines say. Neither changes a block, only what parsing costs.
// How that is checked: the hollowing's predictions are confirmed against the parse on every run (the original
// text is parsed where one does not hold), and test/markdown/blocks/ compares the blocks with a plain remark
// parse of the whole text, on chosen and on randomly assembled documents.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Code, Heading, Html, Nodes, Root } from 'mdast';
import type { Point } from 'unist';
import { confirmHollowed, hollow, STAND_IN, type Hollowed } from './hollow.js';
import { BLANK, HTML_BLOCK_END } from './line-scan.js';
import { LineIndex } from '../line-index.js';
import { topLevelPieces } from './pieces.js';

export type SpecialBlock = Code | Html | Heading;

/**
 * Only block structure matters here (commentary is kept as source, and the UI parses what it renders), so
 * inline constructs are switched off: that makes micromark about a third faster.
 */
const blocksOnly = {
  disable: {
    null: [
      'attention',
      'autolink',
      'characterEscape',
      'characterReference',
      'codeText',
      'hardBreakEscape',
      'htmlText',
      'labelStartImage',
      'labelStartLink',
      'labelEnd',
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

function collect(node: Nodes, out: SpecialBlock[]): void {
  if (node.type === 'code' || node.type === 'html' || node.type === 'heading') {
    out.push(node);
  } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
    for (const child of node.children) collect(child as Nodes, out);
  }
}

/** Whether a fenced code block ends with its closing fence (indented code has none to miss). */
export function isClosedFence(node: Code, lines: LineIndex): boolean {
  const start = node.position!.start;
  const end = node.position!.end;
  const opening = /^(`{3,}|~{3,})/.exec(lines.line(start.line).slice(start.column - 1))?.[1];
  if (!opening) return true;
  if (end.line === start.line) return false;
  const last = lines
    .line(end.line)
    .replace(/^[\s>]*/, '')
    .trimEnd();
  return last.startsWith(opening) && /^(`+|~+)$/.test(last);
}

/**
 * Whether the last block of a piece (`tree`, parsed from `text`) may go on in the next piece: a fence not
 * closed, or an HTML block not ended, that reaches the last line of the piece that is not blank (a fence or
 * block in a list item ends before the blank lines that end the piece).
 */
function openAtEnd(tree: Root, text: string): boolean {
  let node = tree.children[tree.children.length - 1] as Nodes | undefined;
  while (node && (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote')) {
    node = node.children[node.children.length - 1] as Nodes | undefined;
  }
  if (node?.type !== 'code' && node?.type !== 'html') return false;
  const lines = new LineIndex(text);
  let lastLine = lines.starts.length;
  while (lastLine > 1 && BLANK.test(lines.line(lastLine))) lastLine--;
  if (node.position!.end.line < lastLine) return false;
  if (node.type === 'code') return !isClosedFence(node, lines);
  const first = lines.line(node.position!.start.line).slice(node.position!.start.column - 1);
  const mark = HTML_BLOCK_END.find(([start]) => start.test(first))?.[1];
  // The kinds that a blank line ends are open at the end of a piece that does not end with one.
  if (!mark) return node.position!.end.offset! >= text.length - 1;
  const ended =
    node.position!.end.line > node.position!.start.line ? lines.line(node.position!.end.line) : first.slice(2);
  return !ended.includes(mark);
}

/**
 * The special blocks of `text`, parsed piece by piece, with positions in the whole text; and the lines of
 * the thematic breaks among the root's children.
 */
function parseInPieces(text: string): { blocks: SpecialBlock[]; rootBreaks: Set<number> } {
  const blocks: SpecialBlock[] = [];
  const rootBreaks = new Set<number>();
  const pieces = topLevelPieces(text);
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i]!;
    let tree = processor.parse(piece.text) as Root;
    // The line scan that splits can take a fence or HTML block inside a list for a top-level one, and so split
    // inside a real one: that block then runs to the end of the piece. The piece is parsed again with the next
    // pieces, twice as many each time, so that a block running on to the end costs twice its length, not its
    // length squared.
    for (let more = 1; i + 1 < pieces.length && openAtEnd(tree, piece.text); more *= 2) {
      const joined = pieces.slice(i + 1, i + 1 + more);
      piece = { text: piece.text + joined.map((next) => next.text).join(''), offset: piece.offset, line: piece.line };
      i += joined.length;
      tree = processor.parse(piece.text) as Root;
    }
    const first = blocks.length;
    for (const child of tree.children) {
      if (child.type === 'thematicBreak') rootBreaks.add(child.position!.start.line + piece.line - 1);
      else collect(child, blocks);
    }
    const shift = (point: Point): Point => ({
      line: point.line + piece.line - 1,
      column: point.column,
      offset: point.offset! + piece.offset,
    });
    for (const node of blocks.slice(first)) {
      node.position = { start: shift(node.position!.start), end: shift(node.position!.end) };
    }
  }
  return { blocks, rootBreaks };
}

/**
 * Sources per parse: enough to share a parse call's fixed cost, few enough to keep micromark linear (it splices
 * each heading's text into the events of the whole document: 30,000 distinct headings in one parse take 5 s).
 */
const SOURCES_PER_PARSE = 256;

/**
 * An ATX heading line whose text is plain: no closing sequence, no inline markup, nothing micromark would trim
 * or replace. Its text is the rest of the line after the hashes and spaces.
 */
const PLAIN_ATX_HEADING = /^(#{1,6} +)[^\s\\`*_[\]<&!~#\0][^\t\r\\`*_[\]<&!~#\0]*(?<![ \t])$/;

/**
 * The heading node that micromark makes of a plain ATX heading line, as parsed on line 1; undefined for any
 * other line. A file of tens of thousands of distinct headings then costs a regular expression each.
 */
function plainAtxHeading(line: string): Heading | undefined {
  const marker = PLAIN_ATX_HEADING.exec(line)?.[1];
  if (!marker) return undefined;
  const point = (offset: number): Point => ({ line: 1, column: offset + 1, offset });
  const depth = marker.trimEnd().length as Heading['depth'];
  const position = { start: point(marker.length), end: point(line.length) };
  const text = { type: 'text' as const, value: line.slice(marker.length), position };
  return { type: 'heading', depth, children: [text], position: { start: point(0), end: point(line.length) } };
}

/**
 * The blocks taken out of `text` (see hollow.ts), parsed on their own: their distinct sources, one after the
 * other, a batch of them per parse. Undefined unless each gives one block of its type ending where its source does.
 */
function lineBlockNodes(hollowed: Hollowed, text: string, lines: LineIndex): SpecialBlock[] | undefined {
  if (hollowed.blocks.length === 0) return [];
  // Verbatim blocks are made here as micromark makes them (a comment that runs to the end would swallow the
  // sources after it).
  const types = new Map(hollowed.blocks.filter((block) => !block.verbatim).map((block) => [block.source, block.type]));
  const bySource = new Map<string, SpecialBlock>();
  const sources: string[] = [];
  for (const source of types.keys()) {
    const heading = types.get(source) === 'heading' ? plainAtxHeading(source) : undefined;
    if (heading) bySource.set(source, heading);
    else sources.push(source);
  }
  for (let first = 0; first < sources.length; first += SOURCES_PER_PARSE) {
    const batch = sources.slice(first, first + SOURCES_PER_PARSE);
    // The thematic break at the end proves that the last source ended too.
    const parsed = (processor.parse(`${batch.join('\n')}\n${STAND_IN}`) as Root).children;
    if (parsed.length !== batch.length + 1 || parsed[batch.length]!.type !== 'thematicBreak') return undefined;
    let line = 1;
    for (const [i, source] of batch.entries()) {
      const node = parsed[i]!;
      const last = line + (source.match(/\n/g)?.length ?? 0);
      const { start, end } = node.position!;
      if (node.type !== types.get(source)) return undefined;
      if (start.line !== line || start.column !== 1 || end.line !== last) return undefined;
      bySource.set(source, node as SpecialBlock);
      line = last + 1;
    }
  }
  const point = (line: number, column: number): Point => ({
    line,
    column,
    offset: lines.starts[line - 1]! + column - 1,
  });
  return hollowed.blocks.map((block): SpecialBlock => {
    const { source, open, close, toEnd } = block;
    if (block.verbatim) {
      const end = point(close, lines.line(close).length + 1);
      return {
        type: 'html',
        value: text.slice(lines.starts[open - 1], end.offset),
        position: { start: point(open, 1), end },
      };
    }
    const parsedNode = bySource.get(source)!;
    if (toEnd && parsedNode.type === 'code') {
      // Its lines after the opening one, but the empty line after a last line break.
      const end = close > open && lines.line(close) === '' ? close - 1 : close;
      const value = end > open ? text.slice(lines.starts[open], lines.starts[end - 1]! + lines.line(end).length) : '';
      return {
        ...parsedNode,
        value,
        position: { start: point(open, 1), end: point(close, lines.line(close).length + 1) },
      };
    }
    // A fence's body and closing line are the original's; everything else is its line, as parsed.
    const position = {
      start: point(open, 1),
      end: point(close, parsedNode.type === 'code' ? lines.line(close).length + 1 : parsedNode.position!.end.column),
    };
    switch (parsedNode.type) {
      case 'code':
        return { ...parsedNode, value: text.slice(lines.starts[open]!, lines.starts[close - 1]! - 1), position };
      case 'html':
        return { ...parsedNode, position };
      case 'heading': {
        // A setext heading's text spans lines: they count from the first line of its source, as parsed.
        const first = parsedNode.position!.start.line;
        return {
          ...parsedNode,
          children: parsedNode.children.map((child) => ({
            ...child,
            position: {
              start: point(open + child.position!.start.line - first, child.position!.start.column),
              end: point(open + child.position!.end.line - first, child.position!.end.column),
            },
          })),
          position,
        };
      }
      default:
        throw new Error(`unexpected block type ${(parsedNode as { type: string }).type}`);
    }
  });
}

/** What the parse of a hollowed text of blank lines and stand-ins only gives (undefined for any other). */
function standInsOnly(hollowed: Hollowed): { blocks: SpecialBlock[]; rootBreaks: Set<number> } | undefined {
  const rootBreaks = new Set<number>();
  let line = 0;
  for (const kept of hollowed.text.split('\n')) {
    line++;
    if (hollowed.standIn[line]) rootBreaks.add(line);
    else if (!BLANK.test(kept)) return undefined;
  }
  return { blocks: [], rootBreaks };
}

/** The code, HTML and heading blocks of `text` in reading order, positioned in `text`. */
export function specialBlocks(text: string): SpecialBlock[] {
  const hollowed = hollow(text);
  if (hollowed) {
    // Often nothing is left but blank lines and stand-ins (a file of commands, prose and headings only), which
    // parse as the root's thematic breaks and nothing else.
    const { blocks, rootBreaks } = standInsOnly(hollowed) ?? parseInPieces(hollowed.text);
    const lines = new LineIndex(text);
    const taken = lineBlockNodes(hollowed, text, lines);
    if (
      taken &&
      confirmHollowed(
        blocks.map((node) => node.position!),
        rootBreaks,
        hollowed,
      )
    ) {
      const original = (point: Point): Point => {
        const line = hollowed.origin[point.line]!;
        return { line, column: point.column, offset: lines.starts[line - 1]! + point.column - 1 };
      };
      for (const node of blocks)
        node.position = { start: original(node.position!.start), end: original(node.position!.end) };
      return [...blocks, ...taken].sort((a, b) => a.position!.start.offset! - b.position!.start.offset!);
    }
  }
  return parseInPieces(text).blocks;
}
