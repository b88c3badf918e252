// The README's picture of `stepdown serve`: the tour in Debian's chromium after a few commands and a line typed
// into the terminal. Run: `npx tsx test/serve/screenshot.ts docs/serve.png` (needs /usr/bin/chromium, or STEPDOWN_CHROMIUM).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PositionStore } from '../../src/player/resume.js';
import { startServe } from './served.js';

const target = process.argv[2] ?? 'docs/serve.png';
const tour = fileURLToPath(new URL('../../workshop/tour.md', import.meta.url));
const state = mkdtempSync(join(tmpdir(), 'serve-screenshot-'));
const served = await startServe(tour, new PositionStore(state));
const browser = await chromium.launch({
  executablePath: process.env.STEPDOWN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await page.goto(served.url.href);
  const terminal = page.locator('#terminal .xterm-rows');
  const buttons = page.locator('button.run');
  for (let n = 0; n < 4; n++) {
    await buttons.nth(n).click();
    await page.locator('.status').nth(n).filter({ hasText: /^✔/ }).waitFor();
  }
  await terminal.filter({ hasText: /HELLO AGAIN![\s\S]*\[stepdown shell\][^\n]*$/ }).waitFor();
  await page.locator('#terminal').click();
  await page.keyboard.type('echo "typed here: $greeting"\n');
  await terminal.getByText('typed here: hello again').waitFor();
  // The commands just run, with their statuses, in view (not an index: the tour's steps move as it is edited).
  await page.locator('#workshop .command').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: target });
} finally {
  await browser.close();
  await served.stop();
  rmSync(state, { recursive: true, force: true });
}
