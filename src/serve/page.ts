// The workshop as a web page: commentary through remark → remark-rehype → rehype-sanitize → rehype-stringify
// (raw HTML and directive comments never reach the page, so a workshop cannot run script in it), each shown
// command as code with a Run button, each heading with "run up to here". Hidden and @SKIP steps are not shown.
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Mode, Step } from '../markdown/steps.js';
import { tableOfContents } from '../markdown/toc.js';
import { INITIAL_MODE, modeAfter } from '../player/player.js';

const markdownToHtml = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify);

export function renderMarkdown(markdown: string): string {
  return String(markdownToHtml.processSync(markdown));
}

/** `& < > " '` as entities: command text and titles placed into the page's own markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Indexes of the top-level steps in show mode (what the player presents), mode switches left out. */
function inShowMode(steps: readonly Step[]): Set<number> {
  let mode: Mode = INITIAL_MODE;
  const shown = new Set<number>();
  steps.forEach((step, index) => {
    mode = modeAfter(mode, step);
    if (mode === 'SHOW' && step.kind !== 'mode') shown.add(index);
  });
  return shown;
}

/** Top-level commands the page shows with a Run button: in show mode, not `@noshow`/`@immed`. */
export function runnableSteps(steps: readonly Step[]): Set<number> {
  const shown = inShowMode(steps);
  return new Set(
    [...shown].filter((index) => {
      const step = steps[index]!;
      return (step.kind === 'command' || step.kind === 'call') && step.flags.show;
    }),
  );
}

/** The page's body: one element per shown top-level step, `data-index` its index in the step list. */
export function renderSteps(steps: readonly Step[]): string {
  const shown = inShowMode(steps);
  const runnable = runnableSteps(steps);
  const parts: string[] = [];
  steps.forEach((step, index) => {
    if (!shown.has(index)) return;
    switch (step.kind) {
      case 'heading':
        parts.push(
          `<section class="heading" id="step-${index}" data-index="${index}">${renderMarkdown(step.markdown)}` +
            `<button class="upto" data-index="${index}" title="run every command before this heading">run up to here</button></section>`,
        );
        break;
      case 'commentary':
        parts.push(`<div class="commentary">${renderMarkdown(step.markdown)}</div>`);
        break;
      case 'print':
        parts.push(`<p class="print">${escapeHtml(step.text)}</p>`);
        break;
      case 'wait':
        // Past this wait: everything before it runs, as "run up to here" does for a heading.
        parts.push(
          `<div class="wait" id="step-${index}"><button class="upto" data-index="${index + 1}" ` +
            `title="run every command up to here, then go on">continue</button></div>`,
        );
        break;
      case 'command':
      case 'call': {
        const text = step.kind === 'command' ? step.text : `@${step.name}${step.args ? ` ${step.args}` : ''}`;
        if (!runnable.has(index)) return;
        parts.push(
          `<div class="command" id="step-${index}" data-index="${index}"><button class="run" data-index="${index}">Run</button>` +
            `<span class="status" data-index="${index}"></span><pre><code>${escapeHtml(text)}</code></pre></div>`,
        );
        break;
      }
    }
  });
  return parts.join('\n');
}

/** The contents: the sections `stepdown list` shows, those whose heading is on the page; a click jumps there. */
export function renderContents(steps: readonly Step[]): string {
  const shown = inShowMode(steps);
  const items = tableOfContents(steps)
    .filter((section) => section.number > 0 && shown.has(section.start))
    .map(
      (section) =>
        `<li class="depth-${section.depth}"><a href="#step-${section.start}" data-index="${section.start}">` +
        `${escapeHtml(section.title)}</a></li>`,
    );
  return `<ol>${items.join('')}</ol>`;
}

/** The whole page: contents, workshop and terminal. Script and style come from files (the policy allows no inline script). */
export function renderPage(title: string, steps: readonly Step[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · stepdown</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/-/xterm.css">
<link rel="stylesheet" href="/-/app.css">
</head>
<body>
<nav id="contents" aria-label="Contents"><h2>Contents</h2>${renderContents(steps)}</nav>
<main id="workshop">
${renderSteps(steps)}
</main>
<aside id="console"><div id="banner" role="status"></div><div id="terminal"></div></aside>
<script src="/-/xterm.js"></script>
<script src="/-/addon-fit.js"></script>
<script src="/-/app.js"></script>
</body>
</html>
`;
}
