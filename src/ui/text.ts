// Styled text for the terminal: spans with SGR styles, display width, and wrapping to a width. Everything the
// UI prints (commentary, highlighted commands, status line) is built from spans, so wrapping never has to parse
// escape sequences back out of strings.

/** A run of text with one SGR style (`''` = plain, else parameters like `'1;36'`). Text holds no escapes. */
export interface Span {
  text: string;
  sgr: string;
}

/** One screen line. */
export type Line = Span[];

export const span = (text: string, sgr = ''): Span => ({ text, sgr });

/** Combines an outer style with an inner one (inner parameters come last, so they win). */
export function withStyle(spans: readonly Span[], sgr: string): Span[] {
  if (!sgr) return spans.map((s) => ({ ...s }));
  return spans.map((s) => ({ text: s.text, sgr: s.sgr ? `${sgr};${s.sgr}` : sgr }));
}

/** Terminal cells taken by one code point: 0 for controls and combining marks, 2 for wide (CJK, emoji). */
export function charWidth(codePoint: number): number {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (
    (codePoint >= 0x300 && codePoint <= 0x36f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x20d0 && codePoint <= 0x20ff) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
  ) {
    return 0;
  }
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x1f680 && codePoint <= 0x1f6ff) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0)!);
  return width;
}

export function lineWidth(line: readonly Span[]): number {
  return line.reduce((sum, s) => sum + textWidth(s.text), 0);
}

export function plain(line: readonly Span[]): string {
  return line.map((s) => s.text).join('');
}

/** Attributes that are not colours (bold, dim, italic, underline, inverse, strike): kept without colour. */
const NOT_COLOURS = new Set(['1', '2', '3', '4', '7', '9']);

/**
 * Serialises a line to a string with SGR escapes; every styled span is closed, so lines never bleed. Without
 * `color` (NO_COLOR), only the attributes that are not colours are kept.
 */
export function toAnsi(line: readonly Span[], color = true): string {
  let out = '';
  for (const s of line) {
    if (!s.text) continue;
    const sgr = color
      ? s.sgr
      : s.sgr
          .split(';')
          .filter((p) => NOT_COLOURS.has(p))
          .join(';');
    out += sgr ? `\x1b[${sgr}m${s.text}\x1b[0m` : s.text;
  }
  return out;
}

/** Merges neighbouring spans of the same style (keeps output and tests small). */
function compact(line: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of line) {
    if (!s.text) continue;
    const last = out.at(-1);
    if (last && last.sgr === s.sgr) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** Cuts a line to at most `width` cells. */
export function truncate(line: readonly Span[], width: number): Span[] {
  const out: Span[] = [];
  let used = 0;
  for (const s of line) {
    let text = '';
    for (const char of s.text) {
      const w = charWidth(char.codePointAt(0)!);
      if (used + w > width) {
        if (text) out.push({ text, sgr: s.sgr });
        return out;
      }
      used += w;
      text += char;
    }
    if (text) out.push({ text, sgr: s.sgr });
  }
  return out;
}

/** Breaks a line into rows of at most `width` cells, character by character (code, typed commands). */
export function hardWrap(line: readonly Span[], width: number): Span[][] {
  const rows: Span[][] = [[]];
  let used = 0;
  for (const s of line) {
    for (const char of s.text) {
      const w = charWidth(char.codePointAt(0)!);
      if (used + w > width && used > 0) {
        rows.push([]);
        used = 0;
      }
      rows.at(-1)!.push({ text: char, sgr: s.sgr });
      used += w;
    }
  }
  return rows.map(compact);
}

interface Token {
  space: boolean;
  parts: Span[];
  width: number;
}

/** Splits spans into words and runs of spaces; a word may cross style boundaries (`**bold**,`). */
function tokenize(spans: readonly Span[]): Token[] {
  const tokens: Token[] = [];
  for (const s of spans) {
    for (const piece of s.text.split(/( +)/)) {
      if (!piece) continue;
      const space = piece.startsWith(' ');
      const last = tokens.at(-1);
      if (last && last.space === space) {
        last.parts.push({ text: piece, sgr: s.sgr });
        last.width += textWidth(piece);
      } else {
        tokens.push({ space, parts: [{ text: piece, sgr: s.sgr }], width: textWidth(piece) });
      }
    }
  }
  return tokens;
}

export interface WrapOptions {
  /** Printed before the first row (list bullet, quote bar). */
  first?: Span[];
  /** Printed before every later row (indentation under a bullet, quote bar). */
  rest?: Span[];
}

/**
 * Word-wraps styled text to `width` cells. `\n` in the text is a hard line break. Words longer than a row are
 * broken; spaces at a break are dropped. Always returns at least one row.
 */
export function wrap(spans: readonly Span[], width: number, options: WrapOptions = {}): Span[][] {
  const first = options.first ?? [];
  const rest = options.rest ?? first.map((s) => ({ text: ' '.repeat(textWidth(s.text)), sgr: '' }));
  const rows: Span[][] = [];
  let row: Span[] = [...first];
  let used = lineWidth(first);
  let rowHasWord = false;
  let pendingSpace: Span[] = [];
  let pendingWidth = 0;
  // At least one cell for text, whatever the prefix, so narrow terminals still make progress.
  const available = () => Math.max(width, lineWidth(rest) + 1);

  const newRow = () => {
    rows.push(compact(row));
    row = [...rest];
    used = lineWidth(rest);
    rowHasWord = false;
    pendingSpace = [];
    pendingWidth = 0;
  };

  const lines = splitLines(spans);
  lines.forEach((lineSpans, index) => {
    if (index > 0) newRow();
    for (const token of tokenize(lineSpans)) {
      if (token.space) {
        if (rowHasWord) {
          pendingSpace = token.parts;
          pendingWidth = token.width;
        }
        continue;
      }
      if (rowHasWord && used + pendingWidth + token.width > available()) newRow();
      if (rowHasWord) {
        row.push(...pendingSpace);
        used += pendingWidth;
      }
      pendingSpace = [];
      pendingWidth = 0;
      if (used + token.width <= available()) {
        row.push(...token.parts);
        used += token.width;
      } else {
        // A word wider than the row: break it across rows.
        for (const part of token.parts) {
          for (const char of part.text) {
            const w = charWidth(char.codePointAt(0)!);
            if (used + w > available() && used > lineWidth(rest)) newRow();
            row.push({ text: char, sgr: part.sgr });
            used += w;
          }
        }
      }
      rowHasWord = true;
    }
  });
  rows.push(compact(row));
  return rows;
}

/** Splits spans at `\n` into lines of spans. */
function splitLines(spans: readonly Span[]): Span[][] {
  const lines: Span[][] = [[]];
  for (const s of spans) {
    s.text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines.at(-1)!.push({ text: piece, sgr: s.sgr });
    });
  }
  return lines;
}
