// Behaviours pinned from demosh's README and source (BuoyantIO/demosh): existing workshops rely on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, load } from './fixtures.js';
import type { Step } from '../../src/markdown/steps.js';

const flags = (s: Step | undefined) => (s && (s.kind === 'command' || s.kind === 'call') ? s.flags : undefined);

test('"There must not be any spaces between # and @": `# @wait` is commentary', () => {
  const { steps } = load({ 'w.sh': '# @wait\n#@wait\n' });
  assert.deepEqual(brief(steps), ['commentary:# @wait', 'wait']);
});

test('a file is Markdown when its name ends in .md (any case) or .markdown (stepdown only), shell otherwise', () => {
  const markdown = load({ 'W.MD': '# Title\n' });
  assert.deepEqual(brief(markdown.steps), ['heading:1:Title']);
  assert.deepEqual(brief(load({ 'w.markdown': '# Title\n' }).steps), ['heading:1:Title']);
  const shell = load({ 'demo.txt': '# Title\necho hi\n' });
  assert.deepEqual(brief(shell.steps), ['commentary:# Title', 'command:echo hi']);
});

test('`@import` reads .md as Markdown and anything else as shell, from either kind of file', () => {
  const { steps } = load({
    'main.sh': '#@import a.md\n',
    'a.md': '# Heading\n\n<!-- @import b.sh -->\n',
    'b.sh': '# comment\nls\n',
  });
  assert.deepEqual(brief(steps), ['heading:1:Heading', 'commentary:# comment', 'command:ls']);
});

test('`#@foobar` is exactly like `#@immed` + `foobar`: shown nowhere, no waits', () => {
  const { steps } = load({ 'w.sh': '#@foobar\n#@immed\nfoobar\n' });
  const call = flags(steps[0])!;
  const command = flags(steps[1])!;
  assert.deepEqual([call.show, call.waitBefore, call.waitAfter], [command.show, command.waitBefore, command.waitAfter]);
  assert.deepEqual(brief(steps), ['call:foobar', 'command:foobar']);
});

test('commands run with the default flags: shown, typed out, wait before, no wait after', () => {
  const { steps } = load({ 'w.sh': 'ls\n' });
  assert.deepEqual(flags(steps[0]), { show: true, typeout: true, waitBefore: true, waitAfter: false, failOk: false });
});

test('macro bodies may be indented and hold plain commands and hooks, not only #@ lines', () => {
  const { steps, messages } = load({
    'w.sh':
      '#@macro livecast\n  #@hook show_slides SLIDES\n  #@show_slides\n\n  clear\n  echo Waiting...\n\n  #@wait_clear\n#@end\n',
  });
  assert.deepEqual(messages, []);
  assert.deepEqual(brief(steps), [
    'macro:livecast[hook:show_slides:SLIDES | call:show_slides | command:clear | command:echo Waiting... | call:wait_clear]',
  ]);
});

test('`#@ifhook NAME` … `#@endif` wraps any steps, including modifiers that fold inside it', () => {
  const { steps } = load({ 'w.sh': '#@ifhook show_browser\n#@immed\necho "We have a browser hook!"\n#@endif\n' });
  assert.deepEqual(brief(steps), ['ifhook:show_browser[command:echo "We have a browser hook!"]']);
  const body = steps[0]!.kind === 'ifhook' ? steps[0]!.body : [];
  assert.equal(flags(body[0])?.show, false);
});

test('`##` and `#!` lines of shell text are never shown; in Markdown prose `##` is a heading', () => {
  const shell = load({ 'w.sh': '#!/usr/bin/env bash\n## hidden\n# shown\n' });
  assert.deepEqual(brief(shell.steps), ['commentary:# shown']);
  const markdown = load({ 'w.md': '## A heading\n' });
  assert.deepEqual(brief(markdown.steps), ['heading:2:A heading']);
});

test('in Markdown, directives go in comments without `#`: `<!-- @SHOW -->`', () => {
  const { steps } = load({ 'w.md': '<!-- @SHOW -->\n<!-- #@HIDE -->\n' });
  assert.deepEqual(brief(steps), ['mode:SHOW']);
});
