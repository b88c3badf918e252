// micromark's cost grows with the lines it reads and the tokens it makes (a paragraph is read three times
// over: flow, content, text; a fence's info string gets a tokenizer of its own), yet most lines of a
// workshop need no parsing in place: prose is kept as source, and a top-level fence, ATX heading, HTML
// comment or HTML block of a block-level tag is known from its own lines once it is certain that it starts
// a block at the top level. So before Markdown is parsed, top-level paragraphs of prose and those blocks are
// taken out of it (the blocks' lines are parsed on their own, each distinct one once: see parse.ts). What is
// taken out is cut out with the blank lines after it when a blank line comes before it and the next line
// starts in column 1 (and so closes any list or quote by itself); otherwise a stand-in line takes its place,
// which closes them as the original did. A list made of nothing but prose items is cut out the same way; a
// list item that starts with prose in any other list keeps only its marker and an `x` for its paragraph.
// These are predictions from a line scan, not a parse: `confirmHollowed` checks them against the parse of the
// hollowed text, and the caller parses the original text when they do not hold.
import { BLANK, closesFence, FENCE, openHtmlBlock, opensBlockTag } from './line-scan.js';

/**
 * What stands for blocks taken out where they cannot be cut out: a thematic break. In column 1 it closes open
 * lists and block quotes and interrupts a paragraph, as the blocks taken out do, in one short line. Where it
 * parses as a thematic break of the root, nothing was open that the original line would have joined.
 */
export const STAND_IN = '***';

/** A block known from its own lines: a fence, a heading, an HTML comment or block of a block-level tag. */
export interface LineBlock {
  type: 'code' | 'heading' | 'html';
  /**
   * What parses to the same block on its own: the line, or a fence's opening line and a closing run. A
   * verbatim block's is its first line, and is not parsed.
   */
  source: string;
  /** 1-based lines of its first and last line in the original. */
  open: number;
  close: number;
  /** A fence never closed: it runs to the end of the text (its `source` is closed, as any other fence's). */
  toEnd?: true;
  /**
   * An HTML block that is its lines as they are, made without a parse: a comment never closed (it runs to the
   * end of the text), or a block of a block-level tag (the next blank line ends it). micromark's time and
   * memory on one that runs through a long file grow faster than its length.
   */
  verbatim?: true;
}

export interface Hollowed {
  text: string;
  /** Per 1-based line of `text`: the 1-based line of the original it stands for (index 0 unused). */
  origin: Int32Array;
  /** Per 1-based line of `text`: 1 when it is a stand-in. */
  standIn: Uint8Array;
  /** Per 1-based line of `text`: 1 when it is a list item whose paragraph was replaced by `x`. */
  rewritten: Uint8Array;
  /** Per 0-based line of `text`: 1 when original lines were cut out right after it (0: before line 1). */
  cutAfter: Uint8Array;
  /** In reading order. */
  blocks: LineBlock[];
}

/**
 * What can start a block other than a paragraph, or interrupt one, after at most three columns of
 * indentation: block quote, list item, ATX heading, fence, HTML, thematic break, setext underline. Matching
 * more than that (any indentation, `<` of any kind, any mix of break characters) only costs speed.
 */
const BLOCK_START =
  /^[ \t]*(?:[>~<]|`{3}|#{1,6}(?:[ \t]|$)|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$)/;
/** Four columns of indentation: such a line continues a paragraph whatever it holds. */
const INDENTED = /^(?: {4}| {0,3}\t)/;
/** A fence opening in column 1 (CommonMark exactly: a backtick fence's info string has no backtick). */
const OPENING = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;
/**
 * A list item whose content starts with prose: the marker and the spaces after it (1 to 4, or the content
 * would be indented code), then the content.
 */
const PROSE_ITEM = /^([ \t]*(?:[-*+]|\d{1,9}[.)]) {1,4})([^ \t].*)$/;
/** A line that would turn the paragraph before it into a heading. */
const SETEXT_UNDERLINE = /^[ \t]*(?:=+|-+)[ \t]*$/;
/** An ATX heading in column 1. */
const HEADING = /^#{1,6}(?:[ \t]|$)/;
/**
 * A line in column 1 that ends a paragraph and starts the same block whether a paragraph or a thematic break
 * comes before it: an ATX heading, an HTML comment, a fence.
 */
const INTERRUPTS = /^(?:#{1,6}(?:[ \t]|$)|<!--|`{3,}[^`]*$|~{3,})/;
/** INTERRUPTS, or the start of an HTML block of a block-level tag (which does the same). */
function interrupts(line: string): boolean {
  return INTERRUPTS.test(line) || opensBlockTag(line);
}
/** An HTML comment in column 1 that ends on its line (that it does is checked when the line is parsed). */
const COMMENT = /^<!--.*-->/;

/**
 * The first line from a given one on that closes a comment or a fence, remembered per closer: every opening
 * line of a file of unclosed `<!--` or fences would otherwise scan to the end, and the scans add up to the
 * square of its length. A later search for the same closer starts where an earlier one found its line.
 */
class Closers {
  private readonly found = new Map<string, { from: number; at: number }>();

  constructor(private readonly lines: readonly string[]) {}

  /** `key` names the closer that `closes` tests for. */
  next(key: string, from: number, closes: (line: string) => boolean): number {
    const known = this.found.get(key);
    if (known && known.from <= from && from <= known.at) return known.at;
    let at = from;
    while (at < this.lines.length && !closes(this.lines[at]!)) at++;
    this.found.set(key, { from, at });
    return at;
  }
}

/** An underline that makes the paragraph above it a heading (CommonMark: at most three spaces of indentation). */
const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * The block that line `i` starts if it is known from its own lines, else undefined. `paragraphStart`: a
 * paragraph would start at line `i` at the top level (nothing open before it), so prose lines with an
 * underline are a setext heading.
 */
function lineBlock(
  lines: readonly string[],
  closers: Closers,
  i: number,
  paragraphStart: boolean,
): LineBlock | undefined {
  const line = lines[i];
  if (line === undefined || BLANK.test(line)) return undefined;
  if (paragraphStart && line[0] !== ' ' && line[0] !== '\t' && line[0] !== '[' && !BLOCK_START.test(line)) {
    // (A `[` may start a link reference definition, which is no paragraph.) micromark's time on a run of
    // setext headings grows with its cube: 4,000 of them take 17 s in one parse.
    let end = i + 1;
    while (end < lines.length && !UNDERLINE.test(lines[end]!) && continuesProse(lines[end]!)) end++;
    if (end < lines.length && UNDERLINE.test(lines[end]!)) {
      return { type: 'heading', source: lines.slice(i, end + 1).join('\n'), open: i + 1, close: end + 1 };
    }
  }
  if (HEADING.test(line)) return { type: 'heading', source: line, open: i + 1, close: i + 1 };
  if (COMMENT.test(line)) return { type: 'html', source: line, open: i + 1, close: i + 1 };
  if (line.startsWith('<!--') && !line.includes('-->')) {
    // A comment over several lines ends on the first line with `-->`; one never closed at the end of the text.
    const close = closers.next('-->', i + 1, (next) => next.includes('-->'));
    if (close === lines.length) return { type: 'html', source: line, open: i + 1, close: lines.length, verbatim: true };
    return { type: 'html', source: lines.slice(i, close + 1).join('\n'), open: i + 1, close: close + 1 };
  }
  if (opensBlockTag(line)) {
    const end = nextBlank(lines, i + 1);
    return { type: 'html', source: line, open: i + 1, close: end, verbatim: true };
  }
  const opening = OPENING.exec(line);
  if (!opening) return undefined;
  const run = (opening[1] ?? opening[2])!;
  const close = closers.next(run, i + 1, (next) => closesFence(next, run));
  // A fence never closed is code to the end of the text (micromark's time on it grows faster than its length).
  if (close === lines.length) return { type: 'code', source: `${line}\n${run}`, open: i + 1, close, toEnd: true };
  return { type: 'code', source: `${line}\n${run}`, open: i + 1, close: close + 1 };
}

/** Block quote and list markers at the start of a line, each with at most three spaces after it. */
const CONTAINER_PREFIX = /^ {0,3}(?:(?:>|[-*+](?= |$)|\d{1,9}[.)](?= |$)) {0,3})*/;
/**
 * What may start a code, HTML or heading block (or indented code, or a setext underline) once a line's
 * container markers are taken off.
 */
const SPECIAL_AFTER_PREFIX = /^(?:[ `~#<]|(?:=+|-+) *$)/;

/** Whether `line`, in a block quote or lazily continuing one, can only be prose, a list item or a quote. */
function isQuoteProse(line: string): boolean {
  if (line.includes('\t')) return false; // tabs count as columns: left to micromark
  return !SPECIAL_AFTER_PREFIX.test(line.slice(CONTAINER_PREFIX.exec(line)![0].length));
}

/** Whether `line` is the next line of a paragraph that only prose lines came before. */
function continuesProse(line: string): boolean {
  return !BLANK.test(line) && (INDENTED.test(line) || !BLOCK_START.test(line));
}

/** Whether `line` is a list item whose content starts with prose (see PROSE_ITEM). */
function isProseItem(line: string): boolean {
  const item = PROSE_ITEM.exec(line);
  return item !== null && !BLOCK_START.test(item[2]!);
}

/**
 * Where the list that line `start` (a list item in column 1) begins ends, when nothing in it can be anything
 * but a list item starting with prose, or more of its prose: `end` is the blank line (or the end of the text)
 * after the list. A line after a blank line must then be indented less than four columns (more could be
 * indented code in an item), or end the list (in column 1, not an item). Otherwise `failed` is the line that
 * could be more; a list item after `start` and before it fails there too.
 */
function proseList(lines: readonly string[], start: number): { end: number } | { failed: number } {
  if (!isProseItem(lines[start]!)) return { failed: start };
  let i = start + 1;
  for (;;) {
    while (i < lines.length && !BLANK.test(lines[i]!)) {
      if (!isProseItem(lines[i]!) && BLOCK_START.test(lines[i]!)) return { failed: i };
      i++;
    }
    const next = nextNonBlank(lines, i);
    if (next === lines.length) return { end: i };
    const line = lines[next]!;
    const column1 = line[0] !== ' ' && line[0] !== '\t';
    if (column1 && !isProseItem(line)) return { end: i };
    if ((!column1 && INDENTED.test(line)) || (!isProseItem(line) && BLOCK_START.test(line))) return { failed: next };
    i = next + 1;
  }
}

/** The first blank line from `from` on (`lines.length` if none). */
function nextBlank(lines: readonly string[], from: number): number {
  let next = from;
  while (next < lines.length && !BLANK.test(lines[next]!)) next++;
  return next;
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
  const closers = new Closers(lines);
  const kept: string[] = [];
  const origin: number[] = [0];
  const standIn: number[] = [0];
  const rewritten: number[] = [0];
  const cutAfter: number[] = [0];
  const blocks: LineBlock[] = [];
  const keep = (line: string, index: number) => {
    kept.push(line);
    origin.push(index + 1);
    standIn.push(0);
    rewritten.push(0);
    cutAfter.push(0);
  };
  const standFor = (index: number) => {
    keep(STAND_IN, index);
    standIn[kept.length] = 1;
  };
  const cut = () => {
    cutAfter[kept.length] = 1;
  };
  /**
   * Takes out lines `start` … `end - 1`: cut out with the blank lines after them when a blank line comes
   * before and what follows starts at the margin, else stood in for. Returns the line to go on from.
   */
  const takeOut = (start: number, end: number, blankBefore: boolean): number => {
    const next = nextNonBlank(lines, end);
    if (blankBefore && startsAtMargin(lines, next, end)) {
      cut();
      return next;
    }
    standFor(start);
    if (end > start + 1) cut();
    return end;
  };
  let fence: string | undefined; // an open fence that is not taken out (indented)
  let htmlEnd: string | undefined; // what ends an open HTML block of a kind that blank lines do not end
  let previousBlank = true;
  let notProseListBefore = 0;
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
    const block = lineBlock(lines, closers, i, previousBlank);
    if (block) {
      // Blocks right after it start at the top level too, as nothing is left open: one run, one stand-in.
      blocks.push(block);
      let end = block.close; // the line after the run
      // Nothing is left open after a block: a paragraph may start right after it.
      for (let more = lineBlock(lines, closers, end, true); more; more = lineBlock(lines, closers, end, true)) {
        blocks.push(more);
        end = more.close;
      }
      i = takeOut(i, end, previousBlank) - 1;
      // A stand-in closes whatever was open, as a blank line does: what follows starts at the top level,
      // and can be taken out as after a blank line (otherwise the cost of a long run after a fence or heading
      // would depend on whether a blank line comes between).
      previousBlank = true;
      continue;
    }
    if (previousBlank && raw[0] === '>') {
      // A block quote up to the next blank line, with nothing in it but prose, lists and quotes: cut out or
      // stood in for like prose. micromark's time grows with the square of the list items in one quote.
      let end = i + 1;
      while (end < lines.length && !BLANK.test(lines[end]!) && isQuoteProse(lines[end]!)) end++;
      if (isQuoteProse(raw) && (end === lines.length || BLANK.test(lines[end]!))) {
        const at = takeOut(i, end, true);
        previousBlank = at > end; // still after a blank line when cut out with the blank lines after it
        i = at - 1;
        continue;
      }
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
      // A stand-in also where the next line interrupts the paragraph as it starts a block after a break: what
      // lies between comments, headings or fences with no blank line is then not parsed either.
      if (next > end || interrupts(lines[end]!)) {
        standFor(i);
        if (end > i + 1) cut();
        i = end - 1;
        previousBlank = false;
        continue;
      }
    }
    if (previousBlank && raw[0] !== ' ' && raw[0] !== '\t' && i >= notProseListBefore) {
      const list = proseList(lines, i);
      if ('failed' in list) {
        notProseListBefore = list.failed; // each later item of this list would fail there again
      } else {
        const next = nextNonBlank(lines, list.end);
        if (startsAtMargin(lines, next, list.end)) {
          cut();
          i = next - 1;
          continue; // still after a blank line
        }
      }
    }
    const item = PROSE_ITEM.exec(raw);
    if (item && !BLOCK_START.test(item[2]!)) {
      let end = i + 1;
      while (end < lines.length && !BLANK.test(lines[end]!) && !BLOCK_START.test(lines[end]!)) end++;
      if (end === lines.length || !SETEXT_UNDERLINE.test(lines[end]!)) {
        keep(`${item[1]}x`, i);
        rewritten[kept.length] = 1;
        if (end > i + 1) cut();
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
  if (!standIn.includes(1) && !rewritten.includes(1) && !cutAfter.includes(1)) return undefined;
  return {
    text: kept.join('\n'),
    origin: Int32Array.from(origin),
    standIn: Uint8Array.from(standIn),
    rewritten: Uint8Array.from(rewritten),
    cutAfter: Uint8Array.from(cutAfter),
    blocks,
  };
}

/** Where a parsed block lies in the hollowed text. */
export interface ParsedSpan {
  start: { line: number };
  end: { line: number };
}

/**
 * Whether the parse of `hollowed.text` confirms the scan: every stand-in came out as a thematic break of the
 * root (`rootBreaks`: their lines), and no special block holds a rewritten list item or spans a place where
 * lines were cut out (or reaches the end when lines were cut out there). Then the original parses to the
 * same blocks, plus the line blocks taken out: what was cut could only have been those blocks and prose.
 */
export function confirmHollowed(
  blocks: readonly ParsedSpan[],
  rootBreaks: ReadonlySet<number>,
  hollowed: Hollowed,
): boolean {
  for (let line = 1; line < hollowed.standIn.length; line++) {
    if (hollowed.standIn[line] && !rootBreaks.has(line)) return false;
  }
  const last = hollowed.origin.length - 1;
  for (const { start, end } of blocks) {
    for (let line = start.line; line <= end.line; line++) {
      if (hollowed.rewritten[line]) return false;
      // Lines cut after the last one were the end of the original, which a block may have run into.
      if (hollowed.cutAfter[line] && (line < end.line || line === last)) return false;
    }
  }
  return true;
}
