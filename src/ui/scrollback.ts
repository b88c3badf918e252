// What the player's effects write to the scrollback: commentary, a `@print`, a command's rows, the verdict
// under a command. Pure functions from an effect's data (and the `${NAME}` values the session gave) to lines;
// the App commits them.
import type { Effect } from '../player/effects.js';
import { renderCommentary } from './commentary.js';
import { highlightShell, shellStyles } from './highlight.js';
import { type Line, type Span, span, wrap } from './text.js';
import { expandBraced } from './variables.js';
import { failureLine, unmetLine, viewStyles } from './views.js';

type Values = ReadonlyMap<string, string>;

/** A `show` effect: Markdown commentary, or the comment lines of a shell block. */
export function shownLines(markdown: string, source: 'markdown' | 'shell', columns: number, values: Values): Line[] {
  if (source === 'markdown')
    return renderCommentary(markdown, columns, { expand: (text) => expandBraced(text, values) });
  return markdown.split('\n').flatMap((line) => wrap([span(expandBraced(line, values), shellStyles.comment)], columns));
}

/** `@print`: like echo, `${VAR}` expanded; a `#` line is coloured as a comment, as demosh does. */
export function printedLines(text: string, columns: number, values: Values): Line[] {
  const expanded = expandBraced(text, values);
  const style = expanded.startsWith('#') ? shellStyles.comment : '';
  return expanded.split('\n').flatMap((line) => wrap([span(line, style)], columns));
}

const PROMPT: Span = span('$ ', '1;32');
const CONTINUATION: Span = span('  ');

/** A command as typed: highlighted, `${VAR}`s with their values, a row per line each starting with its prompt. */
export function commandRows(command: string, values: Values): Line[] {
  const rows: Line[] = [[PROMPT]];
  for (const s of highlightShell(command, { lookup: (name) => values.get(name) })) {
    s.text.split('\n').forEach((piece, i) => {
      if (i > 0) rows.push([CONTINUATION]);
      if (piece) rows.at(-1)!.push(span(piece, s.sgr));
    });
  }
  return rows;
}

/** The command a verdict is about: whether the audience saw it run, and its exit status. */
export interface Judged {
  shown: boolean;
  status: number;
}

/**
 * Under a shown command that did not do what it must: why it failed, or, when it was allowed to, what
 * happened (dim). Nothing under a hidden command or one that did what it must.
 */
export function verdictLines(
  { result, failure }: Extract<Effect, { kind: 'verdict' }>,
  judged: Judged,
  columns: number,
): Line[] {
  if (!failure || !judged.shown) return [];
  const byStatus = failure.kind === 'status' || failure.kind === 'timeout';
  if (result === 'passed') {
    const what = byStatus ? `exit status ${judged.status}` : failure.message;
    return [[span(`${what} (allowed to fail)`, viewStyles.dim)]];
  }
  return [byStatus ? failureLine(judged.status, columns) : unmetLine(failure.message, columns)];
}
