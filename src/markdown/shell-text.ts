// Shell text (a shell file, or the content of a ```bash block) → drafts. Between commands, comment lines
// are directives (`#@NAME`), hidden (`##`, `#!`) or commentary (any other `#`); everything else is parsed
// with the shell parser, one complete command at a time, so `#` lines inside a heredoc or a function body
// stay part of their command.
import { defaultFlags, type Position } from './steps.js';
import type { Draft } from './drafts.js';
import { parseDirective } from './directives.js';
import { problem, type Message, type Severity } from '../common/messages.js';
import { parseCommandAt } from './shell/syntax.js';

export interface ShellTextOptions {
  /** Severity of shell syntax errors (plain Markdown without any directive downgrades them). */
  syntaxSeverity: Severity;
  /** Appended to syntax messages, to say why they have the severity they have. */
  syntaxNote?: string;
}

/** Drops the trailing blanks of a command and a final `\` continuation into nothing (it would hang bash). */
function commandText(raw: string): string {
  let text = raw.replace(/\s+$/, '');
  while (/(^|[^\\])(\\\\)*\\$/.test(text)) text = text.slice(0, -1).replace(/\s+$/, '');
  return text;
}

/**
 * Turns shell `text` into drafts. `positionAt(offset)` maps an offset in `text` to its place in the file
 * (code blocks are indented or nested in the Markdown around them).
 */
export function shellDrafts(
  text: string,
  positionAt: (offset: number) => Position,
  options: ShellTextOptions,
): { drafts: Draft[]; messages: Message[] } {
  const drafts: Draft[] = [];
  const messages: Message[] = [];
  let commentary: { lines: string[]; at: Position } | undefined;

  const flush = () => {
    if (!commentary) return;
    while (commentary.lines.length > 0 && commentary.lines[commentary.lines.length - 1]!.trim() === '')
      commentary.lines.pop();
    drafts.push({
      kind: 'step',
      step: { kind: 'commentary', markdown: commentary.lines.join('\n'), source: 'shell', at: commentary.at },
    });
    commentary = undefined;
  };

  // After a syntax error the parser resynchronises at a line start; errors that follow in the same text
  // are usually consequences of the first (output pasted into a bash block), so only the first is reported.
  let reportedSyntax = false;
  let pos = 0;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline === -1 ? text.length : newline;
    const nextLine = newline === -1 ? text.length : newline + 1;
    const line = text.slice(pos, lineEnd);
    const indent = line.length - line.trimStart().length;
    const trimmed = line.slice(indent);

    if (trimmed === '') {
      commentary?.lines.push('');
      pos = nextLine;
      continue;
    }
    if (trimmed.startsWith('#')) {
      if (trimmed.startsWith('#@')) {
        flush();
        const parsed = parseDirective(trimmed.slice(2), positionAt(pos + indent));
        for (const m of parsed.messages) messages.push(m);
        if (parsed.draft) drafts.push(parsed.draft);
      } else if (!trimmed.startsWith('##') && !trimmed.startsWith('#!')) {
        commentary ??= { lines: [], at: positionAt(pos + indent) };
        commentary.lines.push(line);
      }
      pos = nextLine;
      continue;
    }

    flush();
    const start = pos + indent;
    const parsed = parseCommandAt(text, start);
    let end: number;
    if (parsed.ok) {
      end = parsed.end;
    } else {
      const { message, offset, stoppedAt } = parsed.error;
      const note = options.syntaxNote ? ` (${options.syntaxNote})` : '';
      if (!reportedSyntax)
        messages.push(
          problem(positionAt(offset), options.syntaxSeverity, 'shell-syntax', `shell syntax: ${message}${note}`),
        );
      reportedSyntax = true;
      // Keep what could not be parsed as one command up to where the parser stopped, so that nothing is
      // silently lost and the rest of the text is still read.
      const stopLine = text.indexOf('\n', Math.min(stoppedAt, text.length - 1));
      end = stopLine === -1 ? text.length : stopLine + 1;
    }
    const command = commandText(text.slice(start, end));
    if (command)
      drafts.push({
        kind: 'step',
        step: { kind: 'command', text: command, flags: { ...defaultFlags }, at: positionAt(start) },
      });
    pos = end;
  }
  flush();
  return { drafts, messages };
}
