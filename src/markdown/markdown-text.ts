// Markdown text → drafts. remark gives the block structure (with positions), so fences nested in lists
// and block quotes work. Special blocks are ```bash/```sh/```shell fences (commands), HTML comments
// (directives, or hidden) and headings; the source between special blocks is commentary, kept verbatim.
import type { Code } from 'mdast';
import { toString as plainText } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Position } from './steps.js';
import type { Draft } from './drafts.js';
import { parseDirective } from './directives.js';
import { problem, type Message } from '../common/messages.js';
import { shellDrafts } from './shell-text.js';
import type { SourceText } from './source.js';
import { LineIndex } from './line-index.js';
import { isClosedFence, specialBlocks } from './blocks/parse.js';
import { closesFence } from './blocks/line-scan.js';

/** Fence languages that execute; every other fence is commentary. */
export const SHELL_LANGUAGES: ReadonlySet<string> = new Set(['bash', 'sh', 'shell']);

/**
 * Maps offsets in a node's `value` (whose lines start at file line `firstLine`) to file positions. A value
 * line is the end of its source line (container prefixes such as `> ` or list indentation come before).
 */
function valuePositions(value: string, firstLine: number, firstColumn: number, lines: LineIndex, file: string) {
  const valueLines = new LineIndex(value);
  return (offset: number): Position => {
    const { line, column } = valueLines.positionOf(file, offset);
    const index = line - 1;
    const valueLine = valueLines.line(line);
    const sourceLine = lines.line(firstLine + index);
    const prefix =
      index === 0 && firstColumn > 0
        ? firstColumn - 1
        : sourceLine.endsWith(valueLine)
          ? sourceLine.length - valueLine.length
          : 0;
    return { file, line: firstLine + index, column: prefix + column };
  };
}

/** Removes the indentation common to all non-blank lines, and empty lines at both ends. */
function tidyCommentary(slice: string): string {
  const lines = slice.split('\n');
  // Blank, or only the block quote markers that lead into the next special block.
  const empty = (line: string) => /^[\s>]*$/.test(line);
  while (lines.length > 0 && empty(lines[0]!)) lines.shift();
  while (lines.length > 0 && empty(lines[lines.length - 1]!)) lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const common = indents.reduce((min, n) => Math.min(min, n), indents[0] ?? 0);
  return lines.map((l) => l.slice(Math.min(common, l.length - l.trimStart().length))).join('\n');
}

/** Inline Markdown, fully parsed: only heading text needs it (the block parse switches inline constructs off). */
const inlineParser = unified().use(remarkParse);

/** Headings per parse: enough to share a parse call's fixed cost, few enough to keep micromark's cost linear. */
const HEADINGS_PER_PARSE = 256;
/**
 * What inline markup in a heading starts with (`&` an entity, `\\` an escape; `#` a closing sequence that
 * a parse takes off): a text without any is its own plain text.
 */
const INLINE_MARKUP = /[\\`*_[\]<&!~#]/;

/**
 * Heading texts as shown in a table of contents: inline markup removed, code spans kept literally, HTML
 * dropped. Texts with markup are parsed together, each as a heading line of its own (inline constructs never
 * cross a block): a parse call has a fixed cost that tens of thousands of headings would each pay.
 */
export function plainHeadingTexts(raws: readonly string[]): string[] {
  const texts = raws.map((raw) => raw.replace(/\s+/g, ' '));
  const marked = [...texts.keys()].filter((i) => INLINE_MARKUP.test(texts[i]!));
  for (let first = 0; first < marked.length; first += HEADINGS_PER_PARSE) {
    const batch = marked.slice(first, first + HEADINGS_PER_PARSE);
    const tree = inlineParser.parse(batch.map((i) => `# ${texts[i]}`).join('\n'));
    for (const [j, heading] of tree.children.entries()) texts[batch[j]!] = plainText(heading, { includeHtml: false });
  }
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

/** HTML that is only comments (and blanks): the comments' contents; otherwise undefined. */
function commentsOnly(html: string): { content: string; offset: number }[] | undefined {
  const comments: { content: string; offset: number }[] = [];
  let rest = '';
  let last = 0;
  // indexOf, not a regular expression: a search for `-->` from every `<!--` of a block without one would take
  // the square of its length.
  for (let open = html.indexOf('<!--'); open !== -1; open = html.indexOf('<!--', last)) {
    const close = html.indexOf('-->', open + 4);
    if (close === -1) break;
    rest += html.slice(last, open);
    comments.push({ content: html.slice(open + 4, close), offset: open + 4 });
    last = close + 3;
  }
  rest += html.slice(last);
  return comments.length > 0 && rest.trim() === '' ? comments : undefined;
}

/**
 * micromark slows down sharply with nesting (200 list levels take seconds, 1,000 take minutes), so deeper
 * block quotes and lists than any document needs are refused before parsing.
 */
export const MAX_CONTAINER_DEPTH = 16;

/**
 * A block quote cannot be parsed in pieces, and micromark's time grows with the square of the quotes and
 * lists opened inside one (`> > a` / `>` repeated: 50 KB take 3 s, 200 KB a minute). Before a blank line
 * ends it, no workshop opens more than a few; more than this many is refused. (A 1 MiB file of quotes each
 * just under the limit then lints in ~5 s, a 1 MiB plain quote in ~2 s.)
 */
export const MAX_NESTED_IN_QUOTE = 100;

const LIST_MARKER = /([-*+]|\d{1,9}[.)])([ \t]+|$)/y;
const THEMATIC_BREAK = /^\s*([-*_])(\s*\1){2,}\s*$/;
/** What a line that is blank, a thematic break, or in a block quote or list item starts with. */
const NESTING_START = /^(?:[\s>*+\-_\d]|$)/;

/**
 * The first line where block quotes and list items (estimated from markers and indentation) nest too deep,
 * or where one block quote has had too many quotes and lists opened inside it.
 */
function nestingProblem(text: string): { line: number; message: string } | undefined {
  const openItems: number[] = []; // content columns of the list items still open
  let line = 0;
  let previousDepth = 0;
  let openedInQuote = 0; // since the last blank line, which ends every block quote
  let quoteStart = 0;
  for (const raw of text.split('\n')) {
    line++;
    // Most lines start in column 1 with neither a marker nor `>`: nothing is open after them.
    if (!NESTING_START.test(raw)) {
      openItems.length = 0;
      previousDepth = 0;
      continue;
    }
    if (raw.trim() === '') {
      openedInQuote = 0;
      continue;
    }
    if (THEMATIC_BREAK.test(raw)) continue;
    let i = 0;
    let column = 0;
    const skipIndent = () => {
      while (raw[i] === ' ' || raw[i] === '\t') {
        column += raw[i] === '\t' ? 4 - (column % 4) : 1;
        i++;
      }
    };
    skipIndent();
    while (openItems.length > 0 && column < openItems[openItems.length - 1]!) openItems.pop();
    let quotes = 0;
    for (;;) {
      if (raw[i] === '>') {
        quotes++;
        i++;
        column++;
        skipIndent();
        continue;
      }
      LIST_MARKER.lastIndex = i;
      const marker = LIST_MARKER.exec(raw);
      if (!marker) break;
      i += marker[0].length;
      column += marker[0].length;
      openItems.push(column);
    }
    const depth = openItems.length + quotes;
    if (depth > MAX_CONTAINER_DEPTH) {
      return {
        line,
        message: `block quotes and lists nest ${depth} levels deep here; stepdown reads at most ${MAX_CONTAINER_DEPTH}`,
      };
    }
    if (quotes > 0 && depth > 1 && depth > previousDepth) {
      if (openedInQuote === 0) quoteStart = line;
      if (++openedInQuote > MAX_NESTED_IN_QUOTE) {
        return {
          line: quoteStart,
          message: `the block quote here opens more than ${MAX_NESTED_IN_QUOTE} quotes and lists inside it before a blank line ends it; stepdown reads at most ${MAX_NESTED_IN_QUOTE}`,
        };
      }
    }
    previousDepth = depth;
  }
  return undefined;
}

/**
 * Headings and code blocks in a file at most. Each costs micromark tens of microseconds inside a list or quote,
 * and every step a kilobyte or more: 150,000 headings in block quotes (1 MiB) took 10 s and 350 MB, 27,000
 * list items holding a fence 6–12 s. A workshop has tens of each.
 */
export const MAX_BLOCKS = 20_000;
/**
 * A line that may be a heading, a setext underline or a fence, in a list or quote or not. Lines inside
 * top-level fences are not counted (shell comments start with `#`); other code may be, which only counts too
 * many.
 */
const MAY_BE_BLOCK =
  /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*(?:#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$|`{3,}|~{3,})/;

/** A fence in column 1: whatever came before, it is one of the root's (indented, it may be a list item's). */
const TOP_LEVEL_FENCE = /^(`{3,}|~{3,})/;

/** The line of the first block over MAX_BLOCKS, counting every line that may be one (see MAY_BE_BLOCK). */
function tooManyBlocks(text: string): number | undefined {
  let count = 0;
  let fence: string | undefined;
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (fence) {
      if (closesFence(raw, fence)) fence = undefined;
      continue;
    }
    fence = TOP_LEVEL_FENCE.exec(raw)?.[1];
    if (MAY_BE_BLOCK.test(raw) && ++count > MAX_BLOCKS) return line;
  }
  return undefined;
}

export interface MarkdownResult {
  drafts: Draft[];
  messages: Message[];
}

export function markdownDrafts(source: SourceText): MarkdownResult {
  const { file, text } = source;
  const nesting = nestingProblem(text);
  if (nesting) {
    return {
      drafts: [],
      messages: [problem({ file, line: nesting.line, column: 1 }, 'error', 'too-deep', nesting.message)],
    };
  }
  const overLimit = tooManyBlocks(text);
  if (overLimit !== undefined) {
    const limit = MAX_BLOCKS.toLocaleString('en');
    const message = `more than ${limit} headings and code blocks in one file (this is the next); stepdown reads at most ${limit}`;
    return {
      drafts: [],
      messages: [problem({ file, line: overLimit, column: 1 }, 'error', 'too-many-blocks', message)],
    };
  }
  const lines = new LineIndex(text);
  const special = specialBlocks(text);

  // Shell blocks are parsed after the walk (their severity depends on the whole file); until then each
  // holds its place in `pieces` as a block number.
  const pieces: (Draft | number)[] = [];
  const messages: Message[] = [];
  const shellBlocks: Code[] = [];
  let directives = 0;
  const headingRaws: string[] = [];
  const headingSteps: { text: string }[] = [];

  let cursor = 0;
  const commentaryUpTo = (offset: number) => {
    const markdown = tidyCommentary(text.slice(cursor, offset));
    if (markdown) {
      const first = text.slice(cursor, offset).search(/\S/);
      pieces.push({
        kind: 'step',
        step: { kind: 'commentary', markdown, source: 'markdown', at: lines.positionOf(file, cursor + first) },
      });
    }
  };

  for (const node of special) {
    const start = node.position!.start;
    const end = node.position!.end;
    const at = lines.positionOf(file, start.offset!);

    if (node.type === 'heading') {
      commentaryUpTo(start.offset!);
      const markdown = text.slice(start.offset!, end.offset!);
      // Its text is filled in once every heading's raw text is known (plainHeadingTexts).
      headingRaws.push(node.children.map((c) => ('value' in c ? c.value : '')).join(''));
      const step = { kind: 'heading' as const, depth: node.depth, text: '', markdown, at };
      headingSteps.push(step);
      pieces.push({ kind: 'step', step });
      cursor = end.offset!;
      continue;
    }

    if (node.type === 'html') {
      const comments = commentsOnly(node.value);
      if (!comments) continue; // other HTML is commentary, rendered (or not) with the text around it
      commentaryUpTo(start.offset!);
      const positionAt = valuePositions(node.value, start.line, start.column, lines, file);
      for (const comment of comments) {
        if (!comment.content.trimStart().startsWith('@')) continue; // an ordinary comment: hidden
        let offset = comment.offset;
        for (const line of comment.content.split('\n')) {
          const lead = line.length - line.trimStart().length;
          const body = line.trim();
          if (body.startsWith('@')) {
            directives++;
            const parsed = parseDirective(body.slice(1), positionAt(offset + lead));
            for (const m of parsed.messages) messages.push(m);
            if (parsed.draft) pieces.push(parsed.draft);
          } else if (body !== '') {
            messages.push(
              problem(
                positionAt(offset + lead),
                'warning',
                'directive-comment',
                `text in a directive comment is ignored: \`${body}\``,
              ),
            );
          }
          offset += line.length + 1;
        }
      }
      cursor = end.offset!;
      continue;
    }

    // code
    const language = (node.lang ?? '').toLowerCase();
    const executes = SHELL_LANGUAGES.has(language);
    if (!isClosedFence(node, lines)) {
      messages.push(
        problem(
          at,
          executes ? 'error' : 'warning',
          'unterminated-fence',
          `code fence is never closed, so it runs to the end of ${node.position!.end.offset === text.length ? 'the file' : 'its list or quote'}${executes ? ' and all of it would be run' : ''}`,
        ),
      );
    }
    if (!executes) continue; // commentary
    commentaryUpTo(start.offset!);
    pieces.push(shellBlocks.length);
    shellBlocks.push(node);
    cursor = end.offset!;
  }
  commentaryUpTo(text.length);
  const headingTexts = plainHeadingTexts(headingRaws);
  for (const [i, step] of headingSteps.entries()) step.text = headingTexts[i]!;

  const plain = directives === 0 && !shellBlocks.some((node) => /^[ \t]*#@/m.test(node.value));
  const blockDrafts = shellBlocks.map((node) => {
    const positionAt = valuePositions(node.value, node.position!.start.line + 1, 0, lines, file);
    const result = shellDrafts(node.value, positionAt, {
      syntaxSeverity: plain ? 'warning' : 'error',
      syntaxNote: plain ? 'a warning only: this file has no directives, so it is read as plain Markdown' : undefined,
    });
    for (const m of result.messages) messages.push(m);
    return result.drafts;
  });
  const drafts = pieces.flatMap((piece) => (typeof piece === 'number' ? blockDrafts[piece]! : [piece]));
  return { drafts, messages };
}
