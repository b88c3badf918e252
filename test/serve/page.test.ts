import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkshop } from '../../src/markdown/load.js';
import { renderContents, renderMarkdown, renderPage, renderSteps } from '../../src/serve/page.js';

function stepsOf(markdown: string) {
  const dir = mkdtempSync(join(tmpdir(), 'serve-page-'));
  try {
    writeFileSync(join(dir, 'w.md'), markdown);
    return loadWorkshop(join(dir, 'w.md')).steps;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fence = (...lines: string[]) => ['```bash', ...lines, '```'].join('\n');

test('shown commands get a Run button, hidden and @SKIP ones are not on the page', () => {
  const html = renderSteps(
    stepsOf(
      [
        '<!-- @SHOW -->',
        '# Start',
        fence('echo shown'),
        '<!-- @HIDE -->',
        fence('echo hidden'),
        '<!-- @SKIP -->',
        fence('echo skipped'),
        '<!-- @SHOW -->',
        fence('echo again'),
      ].join('\n\n'),
    ),
  );
  assert.match(html, /<button class="run" data-index="\d+">Run<\/button>.*<code>echo shown<\/code>/s);
  assert.match(html, /<code>echo again<\/code>/);
  assert.doesNotMatch(html, /hidden|skipped|@HIDE|@SKIP/);
  assert.equal(html.match(/class="run"/g)?.length, 2);
  assert.match(html, /<h1>Start<\/h1><button class="upto"/);
});

test('a workshop cannot put script or raw HTML into the page; command text is escaped', () => {
  const html = renderSteps(
    stepsOf(
      [
        '<!-- @SHOW -->',
        'Text <script>alert(1)</script> and <img src=x onerror=alert(2)>',
        '[link](javascript:alert(3))',
        fence('echo "<b>not bold</b>" && true'),
      ].join('\n\n'),
    ),
  );
  assert.doesNotMatch(html, /<script|onerror|javascript:|<b>/);
  assert.match(html, /echo &#34;&#60;b&#62;not bold&#60;\/b&#62;&#34; &#38;&#38; true/);
});

test('commentary keeps links, lists, code and relative images', () => {
  const html = renderMarkdown('- [docs](https://linkerd.io)\n- `kubectl`\n\n![map](images/map.png)');
  assert.match(html, /<a href="https:\/\/linkerd.io">docs<\/a>/);
  assert.match(html, /<code>kubectl<\/code>/);
  assert.match(html, /<img src="images\/map.png" alt="map">/);
});

test('the contents list the headings on the page; a wait point carries on past itself; tables are rendered', () => {
  const steps = stepsOf(
    [
      '# Hidden heading',
      '<!-- @SHOW -->',
      '# Shown',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      '<!-- @wait -->',
      '## Also shown',
      fence('echo hi'),
    ].join('\n\n'),
  );
  const contents = renderContents(steps);
  assert.deepEqual(
    [...contents.matchAll(/<a href="#step-(\d+)" data-index="(\d+)">([^<]*)<\/a>/g)].map((m) => m[3]),
    ['Shown', 'Also shown'],
  );
  const wait = steps.findIndex((step) => step.kind === 'wait');
  const html = renderSteps(steps);
  assert.match(html, new RegExp(`<div class="wait" id="step-${wait}"><button class="upto" data-index="${wait + 1}"`));
  assert.match(html, /<table>[\s\S]*<td>1<\/td>/);
  assert.match(renderPage('A <title>', steps), /<title>A &#60;title&#62; · stepdown<\/title>/);
  assert.doesNotMatch(renderPage('t', steps), /<script>|<style>| on\w+=/);
});
