import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyHelp } from '../../src/ui/key-map.js';
import { formatElapsed, helpLine, helpScreen, statusLine, tocView, viewStyles } from '../../src/ui/views.js';
import { lineWidth, plain } from '../../src/ui/text.js';

test('the status line shows file, heading, step k/n, last status and elapsed time, and fills the width', () => {
  const line = statusLine(
    { file: 'README.md', heading: 'Starting Out', step: 3, steps: 40, lastStatus: 1, elapsedMs: 83_000 },
    80,
  );
  const text = plain(line);
  for (const part of ['README.md', 'Starting Out', 'step 3/40', '✘ 1', '1:23'])
    assert.ok(text.includes(part), `${part} in ${text}`);
  assert.equal(lineWidth(line), 80);
  assert.ok(line.some((s) => s.text.includes('✘ 1') && s.sgr === viewStyles.failed));
});

test('when narrow, the heading gives way first and nothing exceeds the width', () => {
  const info = {
    file: 'README.md',
    heading: 'A rather long heading about multicluster',
    step: 3,
    steps: 40,
    elapsedMs: 5000,
  };
  const narrow = plain(statusLine(info, 45));
  assert.ok(narrow.includes('step 3/40') && narrow.includes('…'), narrow);
  for (const width of [60, 30, 12]) assert.ok(lineWidth(statusLine(info, width)) <= width);
});

test('elapsed time', () => {
  assert.equal(formatElapsed(0), '0:00');
  assert.equal(formatElapsed(61_500), '1:01');
  assert.equal(formatElapsed(3_723_000), '1:02:03');
});

test('the help line fits the context and the width', () => {
  assert.match(
    plain(helpLine('before', 200)),
    /RETURN run .*\+ skip .*- previous .*! shell .*t contents .*\? help .*Q quit/,
  );
  assert.match(plain(helpLine('typing', 200)), /SPACE finish typing .*RETURN run/);
  assert.match(plain(helpLine('failed', 200)), /- retry .*\+ go on .*! fix it in the shell .*Q quit/);
  assert.equal(plain(helpLine('before', 20)), 'RETURN run  + skip');
});

test('the help screen lists every key', () => {
  // Descriptions wrap: compare with the line breaks and indents folded into single spaces.
  const text = helpScreen(60).map(plain).join('\n').replace(/\s+/g, ' ');
  for (const [key, , what] of keyHelp()) assert.ok(text.includes(key) && text.includes(what.slice(0, 20)), key);
});

test('the table of contents keeps the selection in view, indents by level and marks the choice', () => {
  const entries = Array.from({ length: 30 }, (_, i) => ({ depth: (i % 2) + 1, text: `Heading ${i}` }));
  const view = tocView(entries, 20, 8, 40).map(plain);
  assert.equal(view.length, 8);
  assert.match(view[0]!, /Contents 21\/30/);
  assert.ok(view.some((l) => l === '▸ Heading 20'));
  assert.ok(
    view.some((l) => l === '    Heading 21'),
    'level 2 is indented',
  );
  assert.match(view.at(-1)!, /RETURN jump/);
});

test('when very narrow, the file name gives way before the step, the time and the exit status', () => {
  const info = {
    file: '/work/main/workshop/tour.md',
    heading: 'Welcome',
    step: 4,
    steps: 28,
    lastStatus: 0,
    elapsedMs: 12_000,
  };
  for (const width of [39, 36, 30]) {
    const text = plain(statusLine(info, width));
    assert.ok(lineWidth(statusLine(info, width)) <= width, `${width}: ${text}`);
    for (const part of ['step 4/28', '0:12', '✔ 0']) assert.ok(text.includes(part), `${width}: ${part} in "${text}"`);
  }
  assert.match(plain(statusLine(info, 39)), /^ tour\.md │ /, 'the folder goes first');
  assert.match(plain(statusLine(info, 30)), /^ tou… │ step/, 'then the name is cut');
});

test('the help screen fits a short window: descriptions on one row, then fewer keys, the closing hint kept', () => {
  const tall = helpScreen(36);
  assert.ok(tall.length > 12, 'at 36 columns the descriptions wrap');
  for (const height of [12, 8, 3]) {
    const lines = helpScreen(36, height).map(plain);
    assert.ok(lines.length <= height, `${height}: ${lines.length} rows`);
    assert.equal(lines.at(-1), 'any key closes this help');
    assert.ok(lines.every((line) => line.length <= 36));
  }
  assert.match(helpScreen(36, 12).map(plain).join('\n'), /^Keys\nRETURN/, 'one row per key leaves room for the title');
});
