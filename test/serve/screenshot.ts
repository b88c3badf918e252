// The README's picture of `stepdown serve`: the tour in Debian's chromium after a few commands and a line typed
// into the terminal. Run: `npx tsx test/serve/screenshot.ts docs/serve.png` (needs /usr/bin/chromium, or STEPDOWN_CHROMIUM).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PositionStore } from '../../src/player/resume.js';
import { serveFile } from '../../src/serve/serve.js';

const target = process.argv[2] ?? 'docs/serve.png';
const tour = fileURLToPath(new URL('../../workshop/tour.md', import.meta.url));
const state = mkdtempSync(join(tmpdir(), 'serve-screenshot-'));
let listening!: (url: URL) => void;
const address = new Promise<URL>((resolve) => (listening = resolve));
const stop = new AbortController();
const sink = { write: () => true } as unknown as NodeJS.WritableStream;
const served = serveFile(
  { file: tour, args: [], host: '127.0.0.1', port: 0, open: false, resume: false },
  {
    stdout: sink,
    stderr: process.stderr,
    env: process.env,
    positions: new PositionStore(state),
    onListening: (url) => listening(url),
    stop: stop.signal,
  },
);
const browser = await chromium.launch({
  executablePath: process.env.STEPDOWN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  await page.goto((await address).href);
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
  await page.locator('#step-20').scrollIntoViewIfNeeded();
  await page.screenshot({ path: target });
} finally {
  await browser.close();
  stop.abort();
  await served.catch(() => {});
  rmSync(state, { recursive: true, force: true });
}
