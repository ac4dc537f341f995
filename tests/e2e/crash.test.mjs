// When the app itself breaks — its wasm traps, or can't be fetched or compiled — the page says so and offers a
// reload (assets/crash.js), instead of a blank or frozen map. Ordinary script errors elsewhere don't. Served
// under the strict Content-Security-Policy, as every e2e test is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist, DIST } from './server.mjs';

const WASM = readdirSync(DIST).find((n) => n.endsWith('_bg.wasm'));
let server, broken, browser;
before(async () => {
  server = await serveDist();
  // The same dist/, but its wasm is not a wasm.
  broken = await serveDist({ routes: {
    [WASM]: (req, res, headers) => res.writeHead(200, { 'content-type': 'application/wasm', ...headers }).end('not a wasm module'),
  } });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); await broken?.close(); });

const banner = (page) => page.getByRole('alert').filter({ hasText: 'Incident Map stopped because of an internal error' });

test('a trap in the running wasm shows the error with a reload button', async () => {
  const page = await browser.newPage();
  // Keep the wasm's exports, as Trunk's loader announces them.
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  const app = new MapPage(page);
  await app.open(server.url);
  assert.equal((await app.state()).state, 'ready');
  assert.equal(await banner(page).count(), 0, 'no error banner on a healthy start');

  // An ordinary script error is not the app's: no banner.
  await page.evaluate(() => setTimeout(() => { throw new Error('some other script'); }));
  await page.waitForTimeout(200);
  assert.equal(await banner(page).count(), 0, 'an unrelated error leaves the page alone');

  // A real trap: the allocator export asked for an impossible alignment aborts, as a panic does.
  await page.evaluate(() => setTimeout(() => window.__wasm.__wbindgen_malloc(8, 3)));
  await banner(page).waitFor({ timeout: 5000 });
  assert.equal((await app.state()).state, 'error');
  assert.match(await banner(page).textContent(), /RuntimeError|unreachable/i, 'the cause is named');
  const reload = banner(page).getByRole('button', { name: 'Reload' });
  assert.ok(await reload.evaluate((b) => b === document.activeElement), 'the reload button has the focus');
  await reload.click();
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30000 });
  assert.equal(await banner(page).count(), 0, 'the reloaded page starts clean');
  await page.close();
});

test('a wasm that cannot be compiled shows the error, not a blank page', async () => {
  const page = await browser.newPage();
  await page.goto(broken.url);
  await banner(page).waitFor({ timeout: 15000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'error');
  assert.match(await banner(page).textContent(), /CompileError|WebAssembly/i);
  await page.close();
});

test('the error text is shown as text', async () => {
  const page = await browser.newPage();
  const app = new MapPage(page);
  await app.open(server.url);
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('<img src=x onerror="window.__owned=1">'); }));
  await banner(page).waitFor({ timeout: 5000 });
  assert.equal(await banner(page).locator('img').count(), 0);
  assert.match(await banner(page).textContent(), /<img src=x/);
  assert.equal(await page.evaluate(() => window.__owned), undefined);
  await page.close();
});

