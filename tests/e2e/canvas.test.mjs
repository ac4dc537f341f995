// Large data sets: the marks are painted on one canvas (src/mark_layer.rs) instead of a DOM element per mark.
// The data is synthetic (tools/synth, seed 3), made here; expectations are read from the painted pixels and
// from what the page says, never from the app's own numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, MapPage } from './browser.mjs';
import { serveDist } from './server.mjs';
import { generate } from '../../tools/synth/generate.mjs';

const ROWS = 6000; // above CANVAS_ABOVE (5,000) in src/map_view.rs
let server, browser, csv;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'incident-map-canvas-'));
  await generate({ count: ROWS, seed: 3, format: 'csv', out: join(dir, 'synthetic.csv') });
  csv = readFileSync(join(dir, 'synthetic.csv'), 'utf8');
  rmSync(dir, { recursive: true, force: true });
  server = await serveDist();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function open(query = '', colorScheme = 'light') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme });
  await page.route('**/synthetic.csv', (r) => r.fulfill({ body: csv, contentType: 'text/csv' }));
  const app = new MapPage(page);
  await app.open(`${server.url}?data=synthetic.csv${query}`);
  await page.waitForSelector('.map[data-basemap="ready"]');
  return app;
}

/** What the canvas shows: a digest of its pixels, how many are painted, how many have the accent colour of the
 *  ring around the selected incident (opaque #0072b2), and the page point of the painted pixel nearest the
 *  map's centre (to hover and click). Read two frames after the last change. */
const painted = (page) => page.evaluate(async () => {
  for (let k = 0; k < 2; k++) await new Promise((ok) => requestAnimationFrame(ok));
  const c = document.querySelector('canvas.mark-canvas');
  const box = c.getBoundingClientRect();
  const map = document.querySelector('.map').getBoundingClientRect();
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let hash = 0, count = 0, accent = 0, best = null;
  // Site badges' fill in each theme (mark_paint.rs): light #1d232a, dark #e6e9ec.
  const fills = { light: 0, dark: 0 };
  const [cx, cy] = [(map.left + map.right) / 2, (map.top + map.bottom) / 2];
  for (let y = 0; y < c.height; y += 2) {
    for (let x = 0; x < c.width; x += 2) {
      const k = (y * c.width + x) * 4;
      hash = (hash * 31 + data[k] + 7 * data[k + 1] + 13 * data[k + 2] + 17 * data[k + 3]) >>> 0;
      if (data[k + 3] < 250) continue;
      count++;
      if (data[k] === 0 && data[k + 1] === 114 && data[k + 2] === 178) accent++;
      if (data[k] === 29 && data[k + 1] === 35 && data[k + 2] === 42) fills.light++;
      if (data[k] === 230 && data[k + 1] === 233 && data[k + 2] === 236) fills.dark++;
      const [px, py] = [box.left + (x * box.width) / c.width, box.top + (y * box.height) / c.height];
      const inside = px > map.left + 60 && px < map.right - 60 && py > map.top + 60 && py < map.bottom - 60;
      const d = (px - cx) ** 2 + (py - cy) ** 2;
      if (inside && (!best || d < best.d)) best = { x: px, y: py, d };
    }
  }
  return { hash, count, accent, fills, at: best };
});

test('a large data set is painted on one canvas, with no element per mark', async () => {
  const app = await open();
  const { page } = app;
  assert.deepEqual(await app.state(), { state: 'ready', total: String(ROWS), visible: String(ROWS) });
  assert.equal(await page.locator('.incident-icon, .badge-icon').count(), 0, 'no DOM markers');
  assert.equal(await page.locator('canvas.mark-canvas').count(), 1);
  assert.ok(Number(await page.locator('canvas.mark-canvas').getAttribute('data-marks')) > 0);
  assert.ok((await painted(page)).count > 100, 'marks are painted');
  assert.deepEqual(app.consoleErrors, []);
  await page.close();
});

test('the mark under the pointer is named, and choosing a site shows that site', async () => {
  const app = await open('&lat=33.3&lng=44.35&zoom=11');
  const { page } = app;
  const { at } = await painted(page);
  assert.ok(at, 'a mark is painted near the centre');
  await page.mouse.move(at.x, at.y);
  const tip = page.locator('.mark-tip');
  await tip.waitFor({ state: 'visible' });
  const label = await tip.innerText();
  const site = /^(.+): ([\d,]+) incidents — show this site$/.exec(label);
  assert.ok(site, `a site badge near Baghdad's centre: "${label}"`);
  // Leaving the map hides the tooltip; coming back to the mark shows it again.
  await page.mouse.move(1100, 300);
  await tip.waitFor({ state: 'hidden' });
  await page.mouse.move(at.x, at.y);
  await tip.waitFor({ state: 'visible' });
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction((n) => document.documentElement.dataset.visible === n, site[2].replace(/,/g, ''));
  assert.ok(await page.evaluate(() => new URLSearchParams(location.search).has('site')), 'the site is in the URL');
  assert.deepEqual(app.consoleErrors, []);
  await page.close();
});

test('a filter change repaints the canvas', async () => {
  const app = await open();
  const { page } = app;
  const before = await painted(page);
  await page.locator('.weapon-toggle[data-weapon="rocket"]').click();
  await page.waitForFunction((n) => document.documentElement.dataset.visible !== n, String(ROWS));
  const after = await painted(page);
  assert.notEqual(after.hash, before.hash, 'without rockets the marks change');
  assert.ok(after.count > 0);
  await page.close();
});

test('the incident selected in the list is ringed on the canvas', async () => {
  // Rockets only: no drone is drawn in the accent blue, so opaque accent pixels are the ring's.
  const app = await open('&weapon=rocket&lat=33.3&lng=44.35&zoom=12');
  const { page } = app;
  assert.equal((await painted(page)).accent, 0);
  await page.locator('.incident-list tbody tr[data-id]').first().click();
  await page.getByRole('complementary').waitFor();
  assert.ok((await painted(page)).accent > 20, 'a ring in the accent colour');
  await page.keyboard.press('Escape');
  await page.close();
});

test('the dark theme paints the marks in its own colours', async () => {
  const light = await open('&lat=33.3&lng=44.35&zoom=9');
  const dark = await open('&lat=33.3&lng=44.35&zoom=9', 'dark');
  const [a, b] = [await painted(light.page), await painted(dark.page)];
  assert.ok(a.count > 0 && b.count > 0);
  assert.notEqual(a.hash, b.hash);
  // Each theme's badge fill, and only in its own theme.
  assert.ok(a.fills.light > 0 && a.fills.dark === 0, `light: ${JSON.stringify(a.fills)}`);
  assert.ok(b.fills.dark > 0 && b.fills.light === 0, `dark: ${JSON.stringify(b.fills)}`);
  await light.page.close();
  await dark.page.close();
});
