// `stepdown serve`'s figures (goals from issue 13): from a Run click (the WebSocket message) to the first output
// of that run reaching the page (goal: median under 5 ms), and to its status; and the Practical Multicluster
// workshop rendered and served (goal: under 100 ms). Prints when imported.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openRun } from '../../src/player/open.js';
import { PositionStore } from '../../src/player/resume.js';
import { renderPage } from '../../src/serve/page.js';
import { PageServer } from '../../src/serve/server.js';
import { Viewers } from '../../src/serve/viewers.js';
import { startServe } from '../serve/served.js';
import { get } from '../serve/tab.js';

const CLICKS = 200;
const LOADS = 20;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
type Message = { type: string; data?: string; state?: { statuses: Record<number, unknown>; running: boolean } };

/** Clicks Run on `true` CLICKS times, each once the learner's shell is back; ms to the first output and to the status. */
async function clicks(dir: string): Promise<{ output: number; status: number }> {
  const file = join(dir, 'true.md');
  writeFileSync(file, '<!-- @SHOW -->\n\n# Bench\n\n```bash\ntrue\n```\n\n<!-- @wait -->\n');
  const index = openRun(file).steps.findIndex((step) => step.kind === 'command');
  const served = await startServe(file, new PositionStore(join(dir, 'state')));
  const toOutput: number[] = [];
  const toStatus: number[] = [];
  try {
    const tab = await served.openTab();
    const messages = tab.messages as Message[];
    const shellPromptAfter = (from: number) =>
      messages
        .slice(from)
        .map((m) => m.data ?? '')
        .join('')
        .includes('[stepdown shell]');
    await tab.until(() => shellPromptAfter(0));
    for (let n = 0; n < CLICKS; n++) {
      const from = messages.length;
      const start = performance.now();
      tab.socket.send(JSON.stringify({ type: 'run', index }));
      let sawOutput = false;
      await tab.until(() => {
        if (!sawOutput && messages.slice(from).some((m) => m.type === 'output' && m.data?.includes('$ true'))) {
          sawOutput = true;
          toOutput.push(performance.now() - start);
        }
        const done = messages
          .slice(from)
          .some((m) => m.type === 'state' && m.state?.statuses[index] && !m.state.running);
        return sawOutput && done;
      });
      toStatus.push(performance.now() - start);
      // The next click when the learner's shell is back, as a learner would see it.
      await tab.until(() => shellPromptAfter(from));
    }
    tab.socket.close();
  } finally {
    await served.stop();
  }
  return { output: median(toOutput), status: median(toStatus) };
}

/** The workshop loaded, rendered (once, when serve starts), then GET / over HTTP: ms for each, median of LOADS. */
async function pageLoad(): Promise<{ load: number; render: number; get: number; bytes: number }> {
  const workshop = fileURLToPath(new URL('../../workshop/README.md', import.meta.url));
  const loads: number[] = [];
  const renders: number[] = [];
  let page = '';
  for (let n = 0; n < LOADS; n++) {
    const start = performance.now();
    const { steps } = openRun(workshop);
    const loaded = performance.now();
    page = renderPage('Practical Multicluster', steps);
    loads.push(loaded - start);
    renders.push(performance.now() - loaded);
  }
  const viewers = new Viewers({ act() {}, input() {}, resize() {} });
  const server = new PageServer({ host: '127.0.0.1', port: 0, root: tmpdir(), page, viewers }, 'bench-token');
  const url = await server.listen();
  const gets: number[] = [];
  try {
    for (let n = 0; n < LOADS; n++) {
      const start = performance.now();
      const reply = await get(Number(url.port), '/', { Cookie: `stepdown-${url.port}=bench-token` });
      if (reply.status !== 200) throw new Error(`GET / answered ${reply.status}`);
      gets.push(performance.now() - start);
    }
  } finally {
    await server.close();
  }
  return { load: median(loads), render: median(renders), get: median(gets), bytes: page.length };
}

const dir = mkdtempSync(join(tmpdir(), 'stepdown-serve-bench-'));
try {
  const click = await clicks(dir);
  const load = await pageLoad();
  const rows: [string, string][] = [
    [`Run click → first output of the run (median of ${CLICKS} × true)`, `${click.output.toFixed(2)} ms`],
    [`Run click → its status on the page`, `${click.status.toFixed(2)} ms`],
    [`workshop/README.md loaded (median of ${LOADS})`, `${load.load.toFixed(1)} ms`],
    ['  rendered as the page (once, when serve starts)', `${load.render.toFixed(1)} ms`],
    [`GET / of that page (${Math.round(load.bytes / 1024)} KiB)`, `${load.get.toFixed(2)} ms`],
  ];
  console.log('\nserve (goals: click → output under 5 ms; page rendered and served under 100 ms)');
  for (const [what, figure] of rows) console.log(`  ${what.padEnd(60)} ${figure.padStart(10)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
