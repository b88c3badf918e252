// What single lines of Markdown say about block structure, for the line scans that run before remark
// (pieces.ts, hollow.ts). Each is a safe over-approximation of CommonMark where noted: a scan that sees a
// block start too often only loses speed.
import { htmlBlockNames } from 'micromark-util-html-tag-name';

/** A blank line as micromark sees it (only spaces and tabs; other whitespace is text). */
export const BLANK = /^[ \t]*$/;

/** A fence opening within three spaces of indentation; group 1 is its run of backticks or tildes. */
export const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** HTML blocks that a blank line does not end: how each starts, and the text that ends it. */
export const HTML_BLOCK_END: readonly [RegExp, string][] = [
  [/^ {0,3}<!--/, '-->'],
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, '</'],
  [/^ {0,3}<\?/, '?>'],
  [/^ {0,3}<![A-Z]/, '>'],
  [/^ {0,3}<!\[CDATA\[/, ']]>'],
];

/** What ends the HTML block that `line` opens when the block goes on past that line, else undefined. */
export function openHtmlBlock(line: string): string | undefined {
  const html = HTML_BLOCK_END.find(([start]) => start.test(line));
  return html && !line.slice(line.indexOf('<') + 2).includes(html[1]) ? html[1] : undefined;
}

/** A tag at the start of a line, and what follows its name. */
const TAG_START = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:[ \t>]|\/>|$)/;

/**
 * Whether `line` opens, in column 1, an HTML block that the next blank line ends and that may interrupt a
 * paragraph (CommonMark's sixth kind: a block-level tag name such as `div` or `table`). Exact, not an
 * over-approximation: such a block is made from its lines without a parse.
 */
export function opensBlockTag(line: string): boolean {
  const name = TAG_START.exec(line)?.[1];
  return name !== undefined && htmlBlockNames.includes(name.toLowerCase());
}

/**
 * A line that closes a fence (CommonMark exactly, outside lists and quotes): at most three spaces, then a run
 * of the fence's character at least as long as the opening one, then only spaces and tabs.
 */
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** Whether `line` closes a fence opened with `run`. */
export function closesFence(line: string, run: string): boolean {
  const close = CLOSING_FENCE.exec(line)?.[1];
  return close !== undefined && close[0] === run[0] && close.length >= run.length;
}
