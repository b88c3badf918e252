// micromark's cost grows with the lines it reads and the tokens it makes (a paragraph is read three times over:
// flow, content, text), yet most lines of a workshop need no parsing for the step list: prose is kept as
// source, and a fence's body is the source lines between its fences. So before a piece of Markdown is parsed,
// such lines are taken out:
// - the body of a closed fence that opens in column 1;
// - a top-level paragraph whose lines cannot start a block (prose), with the blank lines after it, when the
//   next line starts in column 1 (and so closes any list or quote by itself); otherwise the paragraph becomes
//   the one line `x`, which closes them as the paragraph did.
// These are predictions from a line scan, not a parse: `confirmHollowed` checks them against the parse of the
// hollowed text, and the caller parses the original text when they do not hold.

import { BLANK, closesFence, FENCE, openHtmlBlock } from './block-lines.js';

export interface HollowedFence {
  /** 1-based lines of the opening and closing fence in the hollowed text (the body between is gone). */
  open: number;
  close: number;
}

export interface Hollowed {
  text: string;
  /** Per 1-based line of `text`: the 1-based line of the original it stands for (index 0 unused). */
  origin: Int32Array;
  /** Per 1-based line of `text`: 1 when it is an `x` standing for prose. */
  prose: Uint8Array;
  /** Per 0-based line of `text`: 1 when original lines were taken out right after it (0: before line 1). */
  cutAfter: Uint8Array;
  fences: HollowedFence[];
}

/**
 * What can start a block other than a paragraph, or interrupt one, after at most three columns of
 * indentation: block quote, list item, ATX heading, fence, HTML, thematic break, setext underline. Matching
 * more than that (any indentation, `<` of any kind, any mix of break characters) only costs speed.
 */
const BLOCK_START = /^[ \t]*(?:[>~<]|`{3}|#{1,6}(?:[ \t]|$)|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$)/;
/** Four columns of indentation: such a line continues a paragraph whatever it holds. */
const INDENTED = /^(?: {4}| {0,3}\t)/;

/** Whether `line` is the next line of a paragraph that only prose lines came before. */
function continuesProse(line: string): boolean {
  return !BLANK.test(line) && (INDENTED.test(line) || !BLOCK_START.test(line));
}

/** A fence opening in column 1 (a backtick fence's info string cannot contain a backtick). */
const OPENING = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;

/** The hollowed form of `text`, or undefined when nothing can be taken out (or line endings are not all LF). */
export function hollow(text: string): Hollowed | undefined {
  if (text.includes('\r')) return undefined; // micromark would count lines differently from the scan
  const lines = text.split('\n');
  const kept: string[] = [];
  const origin: number[] = [0];
  const prose: number[] = [0];
  const cutAfter: number[] = [0];
  const fences: HollowedFence[] = [];
  const keep = (line: string, index: number, isProse = false) => {
    kept.push(line);
    origin.push(index + 1);
    prose.push(isProse ? 1 : 0);
    cutAfter.push(0);
  };
  const cut = () => {
    cutAfter[kept.length] = 1;
  };
  let fence: string | undefined; // an open fence that is not hollowed (indented, or never closed)
  let htmlEnd: string | undefined; // what ends an open HTML block of a kind that blank lines do not end
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (fence || htmlEnd) {
      if (fence && closesFence(raw, fence)) fence = undefined;
      else if (htmlEnd && raw.includes(htmlEnd)) htmlEnd = undefined;
      keep(raw, i);
      previousBlank = false;
      continue;
    }
    if (BLANK.test(raw)) {
      keep(raw, i);
      previousBlank = true;
      continue;
    }
    const opening = OPENING.exec(raw);
    if (opening) {
      const marker = (opening[1] ?? opening[2])!;
      let close = i + 1;
      while (close < lines.length && !closesFence(lines[close]!, marker)) close++;
      keep(raw, i);
      if (close === lines.length) {
        fence = marker; // never closed: it runs to the end, and nothing after it is touched
      } else {
        if (close > i + 1) cut();
        fences.push({ open: kept.length, close: kept.length + 1 });
        keep(lines[close]!, close);
        i = close;
      }
      previousBlank = false;
      continue;
    }
    if (previousBlank && raw[0] !== ' ' && raw[0] !== '\t' && !BLOCK_START.test(raw)) {
      let end = i + 1;
      while (end < lines.length && continuesProse(lines[end]!)) end++;
      let next = end;
      while (next < lines.length && BLANK.test(lines[next]!)) next++;
      if (next === lines.length || (next > end && lines[next]![0] !== ' ' && lines[next]![0] !== '\t')) {
        cut();
        i = next - 1;
        continue; // still after a blank line
      }
      if (BLANK.test(lines[end]!)) {
        keep('x', i, true);
        i = end - 1;
        previousBlank = false;
        continue;
      }
    }
    fence = FENCE.exec(raw)?.[1];
    if (!fence) htmlEnd = openHtmlBlock(raw);
    keep(raw, i);
    previousBlank = false;
  }
  if (kept.length === lines.length) return undefined;
  return {
    text: kept.join('\n'),
    origin: Int32Array.from(origin),
    prose: Uint8Array.from(prose),
    cutAfter: Uint8Array.from(cutAfter),
    fences,
  };
}

/** The parts of a parsed block that the check needs. */
export interface ParsedBlock {
  type: string;
  /** Whether the block is a child of the root (not in a list or block quote). */
  topLevel: boolean;
  start: { line: number; column: number };
  end: { line: number };
  /** A code block's content. */
  value?: string;
}

/**
 * Whether the blocks parsed from `hollowed.text` are those of the original: every hollowed fence came out as
 * a top-level code block from its opening line to its closing line, which closed it, and no other block holds an `x` line or
 * spans a place where lines were taken out (or reaches the end when lines were taken out there). Then the original parses to the same blocks (only the fences'
 * values and the line numbers differ): what was taken out could only have been a fence's body or prose.
 */
export function confirmHollowed(blocks: readonly ParsedBlock[], hollowed: Hollowed): boolean {
  const fences = new Map(hollowed.fences.map((f) => [f.open, f.close]));
  const last = hollowed.origin.length - 1;
  let matched = 0;
  for (const block of blocks) {
    const { start, end } = block;
    // An empty value: the closing line closed the fence rather than being its content.
    if (block.type === 'code' && block.topLevel && start.column === 1 && fences.get(start.line) === end.line && block.value === '') {
      matched++;
      continue;
    }
    for (let line = start.line; line <= end.line; line++) {
      // Lines cut after the last one were the end of the original, which a block may have run into.
      if (hollowed.prose[line] || (hollowed.cutAfter[line] && (line < end.line || line === last))) return false;
    }
  }
  return matched === fences.size;
}
