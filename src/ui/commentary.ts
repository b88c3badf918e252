// Commentary: Markdown rendered for the terminal from its syntax tree, wrapped to the screen width.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { ListItem, Nodes, PhrasingContent, RootContent } from 'mdast';
import { span, textWidth, withStyle, wrap, hardWrap, type Line, type Span } from './text.js';

/** SGR parameters of each element, in one place so the look can be tuned. */
export const styles = {
  heading: ['1;4;95', '1;96', '1;36', '1;34', '1;34', '1;34'],
  strong: '1',
  emphasis: '3',
  deleted: '9',
  code: '33',
  link: '4;34',
  url: '2',
  quote: '2',
  bullet: '36',
  rule: '2',
  gutter: '2',
} as const;

const parser = unified().use(remarkParse);

export interface CommentaryOptions {
  /** Replaces `${NAME}` references in prose and inline code (demosh shows variables' values). */
  expand?: (text: string) => string;
}

/** Renders Markdown to screen lines of at most `width` cells (at least 1). No leading or trailing blank line. */
export function renderCommentary(markdown: string, width: number, options: CommentaryOptions = {}): Line[] {
  const tree = parser.parse(markdown);
  const definitions = new Map<string, string>();
  for (const node of tree.children) {
    if (node.type === 'definition') definitions.set(node.identifier, node.url);
  }
  const context: Context = { width: Math.max(1, width), definitions, expand: options.expand ?? ((t) => t) };
  return blocks(tree.children, context, 0);
}

interface Context {
  width: number;
  definitions: Map<string, string>;
  expand: (text: string) => string;
}

/** Renders block nodes separated by one blank line. `depth` is the list nesting level. */
function blocks(nodes: readonly RootContent[], context: Context, depth: number, tight = false): Line[] {
  const out: Line[] = [];
  for (const node of nodes) {
    const lines = block(node, context, depth);
    if (lines.length === 0) continue;
    if (out.length > 0 && !tight) out.push([]);
    out.push(...lines);
  }
  return out;
}

function block(node: RootContent, context: Context, depth: number): Line[] {
  const { width } = context;
  switch (node.type) {
    case 'heading': {
      const sgr = styles.heading[node.depth - 1] ?? styles.heading.at(-1)!;
      // The `#` marks keep the level visible in any colour scheme.
      const marks = span(`${'#'.repeat(node.depth)} `, sgr);
      return wrap(withStyle(inline(node.children, context), sgr), width, { first: [marks] });
    }
    case 'paragraph':
      return wrap(inline(node.children, context), width);
    case 'blockquote': {
      const bar = span('│ ', styles.quote);
      return blocks(node.children, { ...context, width: Math.max(1, width - 2) }, depth).map((line) => [
        bar,
        ...withStyle(line, styles.quote),
      ]);
    }
    case 'list':
      return list(node.children, node.ordered ?? false, node.start ?? 1, node.spread ?? false, context, depth);
    case 'code': {
      const gutter = span('│ ', styles.gutter);
      return node.value
        .split('\n')
        .flatMap((line) => hardWrap([span(line.replace(/\t/g, '    '), styles.code)], Math.max(1, width - 2)))
        .map((row) => [gutter, ...row]);
    }
    case 'thematicBreak':
      return [[span('─'.repeat(Math.min(width, 40)), styles.rule)]];
    case 'html':
      // HTML comments carry directives and notes for readers of the source, not for the audience.
      return /^\s*<!--[\s\S]*-->\s*$/.test(node.value) ? [] : wrap([span(node.value)], width);
    case 'definition':
      return [];
    case 'table':
      return node.children.flatMap((row) => {
        const cells = row.children.flatMap((cell, i) => [
          ...(i > 0 ? [span(' │ ', styles.rule)] : []),
          ...inline(cell.children, context),
        ]);
        return wrap(cells, width);
      });
    default:
      // Anything else that holds phrasing content (a footnote, a stray inline node) is shown as text.
      return 'children' in node ? wrap(inline(node.children as PhrasingContent[], context), width) : [];
  }
}

const bullets = ['•', '◦', '▪'];

function list(
  items: readonly ListItem[],
  ordered: boolean,
  start: number,
  spread: boolean,
  context: Context,
  depth: number,
): Line[] {
  const markers = items.map((item, i) => {
    if (item.checked != null) return item.checked ? '[x]' : '[ ]';
    return ordered ? `${start + i}.` : bullets[depth % bullets.length]!;
  });
  const markerWidth = Math.max(...markers.map(textWidth)) + 1;
  const out: Line[] = [];
  items.forEach((item, i) => {
    if (i > 0 && spread) out.push([]);
    const narrower = { ...context, width: Math.max(1, context.width - markerWidth) };
    const inner = blocks(item.children, narrower, depth + 1, !item.spread);
    const marker = span(markers[i]!.padEnd(markerWidth), styles.bullet);
    const indent = span(' '.repeat(markerWidth));
    for (const [n, line] of (inner.length ? inner : [[]]).entries()) out.push([n === 0 ? marker : indent, ...line]);
  });
  return out;
}

function inline(nodes: readonly PhrasingContent[], context: Context): Span[] {
  return nodes.flatMap((node) => phrasing(node, context));
}

function phrasing(node: PhrasingContent | Nodes, context: Context): Span[] {
  switch (node.type) {
    case 'text':
      // Soft line breaks inside a paragraph are just spaces; the wrapper makes its own lines.
      return [span(context.expand(node.value).replace(/\s*\n\s*/g, ' '))];
    case 'inlineCode':
      return [span(context.expand(node.value), styles.code)];
    case 'strong':
      return withStyle(inline(node.children, context), styles.strong);
    case 'emphasis':
      return withStyle(inline(node.children, context), styles.emphasis);
    case 'delete':
      return withStyle(inline(node.children, context), styles.deleted);
    case 'break':
      return [span('\n')];
    case 'link':
      return linkSpans(inline(node.children, context), node.url);
    case 'linkReference': {
      const url = context.definitions.get(node.identifier);
      const text = inline(node.children, context);
      return url ? linkSpans(text, url) : [span('['), ...text, span(']')];
    }
    case 'image':
      return [span(`[image: ${node.alt ?? ''}]`, styles.emphasis), span(` (${node.url})`, styles.url)];
    case 'imageReference':
      return [span(`[image: ${node.alt ?? ''}]`, styles.emphasis)];
    case 'html':
      return /^<!--[\s\S]*-->$/.test(node.value) ? [] : [span(node.value)];
    case 'footnoteReference':
      return [span(`[^${node.identifier}]`)];
    default:
      return [];
  }
}

/** A link shows its text, then its address unless the text already is the address. */
function linkSpans(text: Span[], url: string): Span[] {
  const shown = text.map((s) => s.text).join('');
  const styled = withStyle(text, styles.link);
  if (shown === url || shown === url.replace(/^mailto:/, '')) return styled;
  return [...styled, span(` (${url})`, styles.url)];
}
