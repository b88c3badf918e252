// The server's security, through real HTTP requests and WebSocket upgrades on a real socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageAction } from '../../src/serve/driver.js';
import { PageServer } from '../../src/serve/server.js';
import { Viewers } from '../../src/serve/viewers.js';
import { connect, get, type Tab } from './tab.js';

const PAGE = '<!doctype html><title>the page</title>';

async function withServer(
  run: (s: { port: number; token: string; root: string; actions: PageAction[]; viewers: Viewers }) => Promise<void>,
) {
  const base = mkdtempSync(join(tmpdir(), 'serve-server-'));
  const root = join(base, 'workshop');
  mkdirSync(join(root, 'images'), { recursive: true });
  writeFileSync(join(root, 'images', 'map.png'), 'png bytes');
  writeFileSync(join(root, 'page.html'), '<script>alert(1)</script>');
  writeFileSync(join(root, 'setup.sh'), 'echo secret');
  writeFileSync(join(base, 'secret.png'), 'outside');
  symlinkSync(join(base, 'secret.png'), join(root, 'images', 'link.png'));
  const actions: PageAction[] = [];
  const viewers = new Viewers({ act: (a) => actions.push(a), input: () => {}, resize: () => {} });
  const token = 'T'.repeat(43);
  const server = new PageServer({ host: '127.0.0.1', port: 0, root: realpathSync(root), page: PAGE, viewers }, token);
  const url = await server.listen();
  try {
    await run({ port: Number(url.port), token, root, actions, viewers });
  } finally {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  }
}

test('the printed address carries a token of at least 128 bits; without it nothing is served', async () => {
  const server = new PageServer({
    host: '127.0.0.1',
    port: 0,
    root: realpathSync(tmpdir()),
    page: PAGE,
    viewers: new Viewers({ act() {}, input() {}, resize() {} }),
  });
  const url = await server.listen();
  try {
    const token = url.searchParams.get('token')!;
    assert.ok(Buffer.from(token, 'base64url').length * 8 >= 128, token);
    assert.equal(url.hostname, '127.0.0.1');
    const port = Number(url.port);
    for (const path of ['/', '/-/xterm.js', '/-/app.js', '/?token=', `/?token=${token.slice(0, -1)}x`]) {
      const reply = await get(port, path);
      assert.equal(reply.status, 403, path);
      assert.doesNotMatch(reply.body, /the page|xterm/i, path);
    }
  } finally {
    await server.close();
  }
});

test('the token in the address becomes an HttpOnly, SameSite=Strict cookie; the cookie opens the page', async () => {
  await withServer(async ({ port, token }) => {
    const first = await get(port, `/?token=${token}`);
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, '/');
    const cookie = first.headers['set-cookie']![0]!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const page = await get(port, '/', { Cookie: cookie.split(';')[0]! });
    assert.equal(page.status, 200);
    assert.equal(page.body, PAGE);
    const policy = String(page.headers['content-security-policy']);
    assert.match(policy, /default-src 'self'/);
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /script-src[^;]*unsafe/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    // Another port's cookie, or a wrong value, is no token.
    assert.equal((await get(port, '/', { Cookie: `stepdown-${port + 1}=${token}` })).status, 403);
    assert.equal((await get(port, '/', { Cookie: `stepdown-${port}=${token}x` })).status, 403);
  });
});

test('a Host header that is not this server is refused (DNS rebinding), even with the token', async () => {
  await withServer(async ({ port, token }) => {
    const cookie = `stepdown-${port}=${token}`;
    assert.equal((await get(port, '/', { Cookie: cookie, Host: `localhost:${port}` })).status, 200);
    for (const host of [`attacker.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `10.0.0.1:${port}`]) {
      const reply = await get(port, '/', { Cookie: cookie, Host: host });
      assert.equal(reply.status, 403, host);
      assert.doesNotMatch(reply.body, /the page/);
    }
  });
});

test('files: images from the workshop folder only; traversal, symlinks out and encoded slashes are 404', async () => {
  await withServer(async ({ port, token }) => {
    const cookie = { Cookie: `stepdown-${port}=${token}` };
    const image = await get(port, '/images/map.png', cookie);
    assert.equal(image.status, 200);
    assert.equal(image.body, 'png bytes');
    assert.equal(image.headers['content-type'], 'image/png');
    assert.match(String(image.headers['content-security-policy']), /sandbox/);
    assert.equal((await get(port, '/images/map%2Epng', cookie)).status, 200);
    for (const path of [
      '/../secret.png',
      '/images/../../secret.png',
      '/%2e%2e/secret.png',
      '/images%2f..%2f..%2fsecret.png',
      '/images%2F..%2F..%2Fsecret.png',
      '/images%5c..%5c..%5csecret.png',
      '/images/link.png',
      '/images/map.png%00.png',
      '/page.html',
      '/setup.sh',
      '/images/',
      '/-/../images/map.png/x',
      '/-/nothing.js',
      '/%',
    ]) {
      const reply = await get(port, path, cookie);
      assert.equal(reply.status, 404, path);
      assert.doesNotMatch(reply.body, /outside|script|secret/, path);
    }
  });
});

test('the front end comes from the packages and web/, never from elsewhere', async () => {
  await withServer(async ({ port, token }) => {
    const cookie = { Cookie: `stepdown-${port}=${token}` };
    const xterm = await get(port, '/-/xterm.js', cookie);
    assert.equal(xterm.status, 200);
    assert.match(xterm.headers['content-type']!, /^text\/javascript/);
    assert.match(xterm.body, /Terminal/);
    for (const name of ['addon-fit.js', 'xterm.css', 'app.js', 'app.css']) {
      assert.equal((await get(port, `/-/${name}`, cookie)).status, 200, name);
    }
  });
});

test('WebSocket: the token and the page’s own Origin are both required', async () => {
  await withServer(async ({ port, token, actions }) => {
    const origin = `http://127.0.0.1:${port}`;
    const cookie = `stepdown-${port}=${token}`;
    assert.equal(await connect(port, { Origin: origin }), 403);
    assert.equal(await connect(port, { Origin: 'http://attacker.example', Cookie: cookie }), 403);
    assert.equal(await connect(port, { Origin: `http://localhost:${port}`, Cookie: cookie }), 403);
    assert.equal(await connect(port, { Cookie: cookie }), 403);
    const tab = await connect(port, { Origin: origin, Cookie: cookie });
    assert.ok(typeof tab === 'object');
    const socket = tab.socket;
    const acted = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.send('not json');
    socket.send(JSON.stringify({ type: 'run', index: 'x' }));
    socket.send(JSON.stringify({ type: 'jump', index: 3 }));
    socket.close();
    await acted;
    assert.deepEqual(actions, [{ kind: 'jump', index: 3 }]);
  });
});

test('a tab that connects later gets the output so far and the statuses', async () => {
  await withServer(async ({ port, token, viewers }) => {
    viewers.output('first line\r\n');
    viewers.state({
      statuses: { 2: { result: 'failed', status: 3, durationMs: 1500 } },
      current: 2,
      running: false,
      held: false,
    });
    const tab = (await connect(port, {
      Origin: `http://127.0.0.1:${port}`,
      Cookie: `stepdown-${port}=${token}`,
    })) as Tab;
    await tab.until((messages) => messages.length >= 2);
    tab.socket.close();
    const messages = tab.messages;
    assert.deepEqual(messages[0], { type: 'output', data: 'first line\r\n' });
    assert.deepEqual((messages[1] as { labels: unknown }).labels, { 2: '✘ 3 1.5s' });
  });
});
