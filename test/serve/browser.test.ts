// The whole of `stepdown serve` in a real browser: Debian's chromium, headless, driven by playwright-core.
// Skips, saying why, where no chromium can be found (.ci/run installs it where it can).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { loadWorkshop } from '../../src/markdown/load.js';
import type { Step } from '../../src/markdown/steps.js';
import { PositionStore } from '../../src/player/resume.js';
import { startServe } from './served.js';

/** STEPDOWN_CHROMIUM, or `chromium` on PATH. */
function findChromium(): string | undefined {
  if (process.env.STEPDOWN_CHROMIUM) return process.env.STEPDOWN_CHROMIUM;
  const dirs = (process.env.PATH ?? '').split(delimiter);
  return dirs.map((dir) => join(dir, 'chromium')).find((path) => existsSync(path));
}

const executablePath = findChromium();
const fence = (...lines: string[]) => ['```bash', ...lines, '```'].join('\n');

const skip = executablePath ? false : 'no chromium on PATH (install Debian’s chromium, or set STEPDOWN_CHROMIUM)';

interface Served {
  page: Page;
  steps: Step[];
  /** The top-level indexes of the workshop's commands. */
  commands: number[];
  /** Resolves with serve's exit status. */
  served: Promise<number>;
  /** Script errors and policy violations seen in the page. */
  problems: string[];
}

/**
 * A workshop (its Markdown's blocks, or the path of a file) served and opened in headless chromium; everything
 * is ended however `run` ends.
 */
async function inChromium(
  workshop: string[] | string,
  run: (served: Served) => Promise<void>,
  /** Files written beside a workshop given as Markdown, by path relative to it. */
  files: Record<string, Buffer> = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'serve-browser-'));
  const file = typeof workshop === 'string' ? workshop : join(dir, 'w.md');
  if (typeof workshop !== 'string') writeFileSync(file, workshop.join('\n\n'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const steps = loadWorkshop(file).steps;
  const serving = await startServe(file, new PositionStore(join(dir, 'state')));
  // Root (CI) cannot use chromium's sandbox.
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(serving.url.href);
    const commands = steps.flatMap((step, index) => (step.kind === 'command' ? [index] : []));
    await run({ page, steps, commands, served: serving.status, problems });
  } finally {
    await browser.close();
    // Ends the run however the test ends (a failure must not leave it waiting for a click).
    await serving.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A 1×1 PNG. */
const DOT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const statusOf = (page: Page, index: number) => page.locator(`.status[data-index="${index}"]`);

test('in chromium: Run shows output in the terminal, typed state is shared, a click waits for a program in the shell, statuses survive a reload, the contents jump', {
  skip,
}, async () => {
  const markdown = [
    '<!-- @SHOW -->',
    '# First steps',
    "Some *commentary*, an image from the workshop's folder and a table:",
    '![a dot](img/dot.png)',
    '| a | b |\n| - | - |\n| 1 | 2 |',
    fence('A=from-run; echo "first says $A"'),
    '# Second steps',
    fence('echo "second sees A=$A T=$T"'),
    '# Last steps',
    fence('echo last'),
  ];
  await inChromium(
    markdown,
    async ({ page, steps, commands, served, problems }) => {
      const [first, second, last] = commands;
      const secondHeading = steps.findIndex((step) => step.kind === 'heading' && step.text === 'Second steps');
      // The token went into a cookie and out of the address.
      assert.equal(new URL(page.url()).search, '');
      assert.equal(await page.locator('#workshop table td').first().textContent(), '1');
      // The image came through the token cookie and the policy: the browser decoded it.
      await page.waitForFunction('document.querySelector("#workshop img")?.naturalWidth === 1');
      const terminal = page.locator('#terminal .xterm-rows');
      const status = (index: number) => statusOf(page, index);
      const passed = (index: number) => status(index).filter({ hasText: /^✔ \d/ }).waitFor();

      await page.click(`button.run[data-index="${first}"]`);
      await terminal.getByText('first says from-run').waitFor();
      await passed(first!);

      // Typed into the terminal pane, once the learner's shell shows its prompt after the command's output.
      await terminal.filter({ hasText: /first says from-run[\s\S]*\[stepdown shell\]/ }).waitFor();
      await page.locator('#terminal').click();
      await page.keyboard.type('T=typed-in-page\n');
      await terminal.filter({ hasText: /T=typed-in-page[\s\S]*\[stepdown shell\]/ }).waitFor();

      // A program started in the shell keeps the terminal: a click waits for it, and the page says so.
      await page.keyboard.type('echo "cat is"" reading"; cat\n');
      await terminal.filter({ hasText: /cat is reading/ }).waitFor();
      await page.click(`button.run[data-index="${second}"]`);
      await page.locator('#banner', { hasText: 'Your click waits for the program running in your shell' }).waitFor();
      await page.locator('#terminal').click();
      await page.keyboard.press('Control+D');
      await terminal.getByText('second sees A=from-run T=typed-in-page').waitFor();
      await passed(second!);

      await page.reload();
      await passed(second!);
      assert.match((await status(first!).textContent()) ?? '', /^✔ \d/);
      await terminal.getByText('second sees A=from-run').waitFor();
      // The contents jump back to a section, as --from does: the player waits at its command again.
      await page.click(`#contents a[data-index="${secondHeading}"]`);
      await page.locator(`#step-${second}.current`).waitFor();
      assert.deepEqual(problems, [], 'no script errors and no policy violations');
      // The last command ends the workshop, and with it the server; the page says so.
      await page.click(`button.run[data-index="${last}"]`);
      assert.equal(await served, 0);
      await page.locator('#banner', { hasText: 'The workshop has ended' }).waitFor();
    },
    { 'img/dot.png': DOT_PNG },
  );
});

test('in chromium: a failed command is marked, the page says how to go on; Run again retries, the next Run goes on', {
  skip,
}, async () => {
  const markdown = ['<!-- @SHOW -->', '# Trying', fence('N=$((N+1)); echo "attempt $N"; false'), fence('echo after')];
  await inChromium(markdown, async ({ page, commands, served, problems }) => {
    const [failing, after] = commands;
    const terminal = page.locator('#terminal .xterm-rows');
    const banner = page.locator('#banner');
    await page.click(`button.run[data-index="${failing}"]`);
    await statusOf(page, failing!)
      .filter({ hasText: /^✘ 1 \d/ })
      .waitFor();
    await banner.filter({ hasText: 'That command failed' }).waitFor();
    await page.click(`button.run[data-index="${failing}"]`);
    await terminal.getByText('attempt 2').waitFor();
    await page.click(`button.run[data-index="${after}"]`);
    await terminal.getByText(/^after/).waitFor();
    // A command failed on the way: the status says so, as play's does.
    assert.equal(await served, 1);
    assert.deepEqual(problems, []);
  });
});

test('in chromium: the tour can be followed to its end, every Run in the order of the page', { skip }, async () => {
  const tour = fileURLToPath(new URL('../../workshop/tour.md', import.meta.url));
  await inChromium(tour, async ({ page, served, problems }) => {
    const terminal = page.locator('#terminal .xterm-rows');
    const runs: { index: string; text: string }[] = [];
    for (const command of await page.locator('#workshop .command').all()) {
      const index = (await command.getAttribute('data-index'))!;
      runs.push({ index, text: (await command.locator('code').textContent())! });
    }
    assert.ok(runs.length > 15, `the tour's commands are on the page (${runs.length})`);
    for (const { index, text } of runs) {
      await page.click(`button.run[data-index="${index}"]`);
      // The tour's pager has the terminal until the learner quits it.
      if (/^less /.test(text)) {
        await terminal.filter({ hasText: 'Directives at a glance' }).waitFor();
        await page.keyboard.press('q');
      }
      await statusOf(page, Number(index)).filter({ hasText: /^✔/ }).waitFor();
    }
    // The tour ends on a wait: its "continue" is the last button on the page.
    await page.locator('button.upto').last().click();
    assert.equal(await served, 0);
    await page.locator('#banner', { hasText: 'The workshop has ended (every command passed)' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
