// micromark's list handling is quadratic in the length of a list (4,000 lines of `- - item` take 23 s in one
// parse), so Markdown is parsed in pieces that start where a new top-level block starts.
import { BLANK, closesFence, FENCE, HTML_BLOCK_END, openHtmlBlock } from './line-scan.js';

const STAND_IN_BREAK = '***';
/** Lines per piece at least: below this, the cost of a parse call outweighs what splitting saves. */
const CHUNK_LINES = 64;
/** A top-level list item that can interrupt a paragraph: a bullet with content, or an ordered one numbered 1. */
const TOP_LEVEL_ITEM = /^(?:[-*+]|1[.)])[ \t]+\S/;

export interface Piece {
  text: string;
  /** Where the piece starts in the whole text: offset and 1-based line. */
  offset: number;
  line: number;
}

/**
 * Splits Markdown into pieces that give the same code, HTML and heading blocks when parsed on their own:
 * a piece ends before a line that starts a new top-level block (after a blank line or a `***` thematic
 * break, or a top-level list item), never inside a top-level fence or a multi-line HTML block.
 */
export function topLevelPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let pieceStart = 0;
  let pieceLine = 1;
  let lineInPiece = 0;
  let fence: string | undefined; // the opening run of an open top-level fence
  let htmlEnd: string | undefined; // what ends an open multi-line HTML block
  let previousBlank = true;
  let previousHtml = false; // an HTML block of the kinds that only a blank line ends
  // A thematic break of asterisks in column 1 (the hollowed text's stand-in): it closes everything open.
  let previousBreak = false;
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    const raw = text.slice(offset, end);
    const blank = BLANK.test(raw);
    if (
      lineInPiece >= CHUNK_LINES &&
      !fence &&
      !htmlEnd &&
      !blank &&
      raw[0] !== ' ' &&
      raw[0] !== '\t' &&
      (previousBlank || (!previousHtml && (previousBreak || TOP_LEVEL_ITEM.test(raw))))
    ) {
      pieces.push({ text: text.slice(pieceStart, offset), offset: pieceStart, line: pieceLine });
      pieceStart = offset;
      pieceLine = line;
      lineInPiece = 0;
    }
    if (fence) {
      if (closesFence(raw, fence)) fence = undefined;
    } else if (htmlEnd) {
      if (raw.includes(htmlEnd)) htmlEnd = undefined;
    } else {
      fence = FENCE.exec(raw)?.[1];
      if (!fence) htmlEnd = openHtmlBlock(raw);
      // Comments and the other kinds that end with a mark end on their line or set `htmlEnd`.
      if (/^ {0,3}</.test(raw) && !HTML_BLOCK_END.some(([start]) => start.test(raw))) previousHtml = true;
    }
    previousBreak = !fence && !htmlEnd && raw === STAND_IN_BREAK;
    if (blank) previousHtml = false;
    previousBlank = blank;
    lineInPiece++;
    line++;
    offset = newline === -1 ? text.length : newline + 1;
  }
  pieces.push({ text: text.slice(pieceStart), offset: pieceStart, line: pieceLine });
  return pieces;
}
