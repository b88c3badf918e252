// micromark's cost grows with the lines it reads and the tokens it makes (a paragraph is read three times
// over: flow, content, text; a fence's info string gets a tokenizer of its own), yet most lines of a
// workshop need no parsing for the step list: prose is kept as source, and a top-level fence is known from
// its lines once it is certain that it is one. So before Markdown is parsed, those lines are taken out:
// - a closed fence that opens in column 1, and a top-level paragraph whose lines cannot start a block
//   (prose). Such a block is cut out with the blank lines after it when a blank line comes before it and
//   the next line starts in column 1 (and so closes any list or quote by itself); otherwise it becomes a
//   stand-in line, which closes them as the block did.
// These are predictions from a line scan, not a parse: `confirmHollowed` checks them against the parse of
// the hollowed text, and the caller parses the original text when they do not hold.
import { BLANK, closesFence, FENCE, openHtmlBlock } from './block-lines.js';

/**
 * What stands for a fence or a paragraph that cannot be cut out: a thematic break. In column 1 it closes
 * open lists and block quotes and interrupts a paragraph, as a fence opening does, in one short line. Where
 * it parses as a thematic break of the root, nothing was open that the original line would have joined.
 */
export const STAND_IN = '***';

export interface HollowedFence {
  /** The opening line and its run of backticks or tildes. */
  opening: string;
  run: string;
  /** 1-based lines of the opening and the closing fence in the original. */
  open: number;
  close: number;
}

export interface Hollowed {
  text: string;
  /** Per 1-based line of `text`: the 1-based line of the original it stands for (index 0 unused). */
  origin: Int32Array;
  /** Per 1-based line of `text`: 1 when it is a stand-in. */
  standIn: Uint8Array;
  /** Per 0-based line of `text`: 1 when original lines were cut out right after it (0: before line 1). */
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
/** A fence opening in column 1 (CommonMark exactly: a backtick fence's info string has no backtick). */
const OPENING = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;

/** Whether `line` is the next line of a paragraph that only prose lines came before. */
function continuesProse(line: string): boolean {
  return !BLANK.test(line) && (INDENTED.test(line) || !BLOCK_START.test(line));
}

/** The first line from `from` on that is not blank (`lines.length` if none). */
function nextNonBlank(lines: readonly string[], from: number): number {
  let next = from;
  while (next < lines.length && BLANK.test(lines[next]!)) next++;
  return next;
}

/**
 * Whether what follows a block ending before line `end` closes any list or quote by itself: blank lines,
 * then the end of the text or a line in column 1 (`next` is the first line after the blanks).
 */
function startsAtMargin(lines: readonly string[], next: number, end: number): boolean {
  return next === lines.length || (next > end && lines[next]![0] !== ' ' && lines[next]![0] !== '\t');
}

/** The hollowed form of `text`, or undefined when nothing can be taken out (or line endings are not all LF). */
export function hollow(text: string): Hollowed | undefined {
  if (text.includes('\r')) return undefined; // micromark would count lines differently from the scan
  const lines = text.split('\n');
  const kept: string[] = [];
  const origin: number[] = [0];
  const standIn: number[] = [0];
  const cutAfter: number[] = [0];
  const fences: HollowedFence[] = [];
  const keep = (line: string, index: number) => {
    kept.push(line);
    origin.push(index + 1);
    standIn.push(0);
    cutAfter.push(0);
  };
  const standFor = (index: number) => {
    keep(STAND_IN, index);
    standIn[kept.length] = 1;
  };
  const cut = () => {
    cutAfter[kept.length] = 1;
  };
  let fence: string | undefined; // an open fence that is not taken out (indented, or never closed)
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
      const run = (opening[1] ?? opening[2])!;
      let close = i + 1;
      while (close < lines.length && !closesFence(lines[close]!, run)) close++;
      if (close === lines.length) {
        fence = run; // never closed: it runs to the end, and nothing after it is touched
        keep(raw, i);
        previousBlank = false;
        continue;
      }
      fences.push({ opening: raw, run, open: i + 1, close: close + 1 });
      const next = nextNonBlank(lines, close + 1);
      if (previousBlank && startsAtMargin(lines, next, close + 1)) {
        cut();
        i = next - 1;
        continue; // still after a blank line
      }
      standFor(i);
      cut();
      i = close;
      previousBlank = false;
      continue;
    }
    if (previousBlank && raw[0] !== ' ' && raw[0] !== '\t' && !BLOCK_START.test(raw)) {
      let end = i + 1;
      while (end < lines.length && continuesProse(lines[end]!)) end++;
      const next = nextNonBlank(lines, end);
      if (startsAtMargin(lines, next, end)) {
        cut();
        i = next - 1;
        continue; // still after a blank line
      }
      if (next > end) {
        standFor(i);
        cut();
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
  if (!standIn.includes(1) && !cutAfter.includes(1)) return undefined;
  return {
    text: kept.join('\n'),
    origin: Int32Array.from(origin),
    standIn: Uint8Array.from(standIn),
    cutAfter: Uint8Array.from(cutAfter),
    fences,
  };
}

/** Where a parsed block lies in the hollowed text. */
export interface ParsedSpan {
  start: { line: number };
  end: { line: number };
}

/**
 * Whether the parse of `hollowed.text` confirms the scan: every stand-in came out as a thematic break of the
 * root (`rootBreaks`: their lines), and no special block spans a place where lines were cut out (or reaches
 * the end when lines were cut out there). Then the original parses to the same blocks, plus the fences that
 * were taken out: what was cut could only have been a fence or prose.
 */
export function confirmHollowed(blocks: readonly ParsedSpan[], rootBreaks: ReadonlySet<number>, hollowed: Hollowed): boolean {
  for (let line = 1; line < hollowed.standIn.length; line++) {
    if (hollowed.standIn[line] && !rootBreaks.has(line)) return false;
  }
  const last = hollowed.origin.length - 1;
  for (const { start, end } of blocks) {
    for (let line = start.line; line <= end.line; line++) {
      // Lines cut after the last one were the end of the original, which a block may have run into.
      if (hollowed.cutAfter[line] && (line < end.line || line === last)) return false;
    }
  }
  return true;
}
