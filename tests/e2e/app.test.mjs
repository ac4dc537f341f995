// End to end: the release build in dist/, served on 127.0.0.1, driven in Debian's headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist, DIST } from './server.mjs';

const data = JSON.parse(readFileSync(`${DIST}/data/incidents.geojson`, 'utf8'));
const ids = data.features.map((f) => f.properties.id);
const points = data.features.reduce((n, f) => n + (f.geometry.type === 'MultiPoint' ? f.geometry.coordinates.length : 1), 0);

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openApp(viewport = { width: 1280, height: 800 }, setup, query = '') {
  const page = await browser.newPage({ viewport });
  const app = new MapPage(page);
  if (setup) await setup(page);
  await app.open(server.url + query);
  return app;
}

test('the map loads the bundled data and publishes the contract on <html>', async () => {
  const app = await openApp();
  assert.deepEqual(await app.state(), { state: 'ready', total: String(ids.length), visible: String(ids.length) });
  assert.equal(await app.page.title(), 'Incident Map — rocket and drone attacks and strikes in Iraq and Syria');
  await app.page.close();
});

test('the bundled basemap is drawn: outlines, rivers, city and river labels', async () => {
  const app = await openApp();
  const { page } = app;
  await page.waitForSelector('.map[data-basemap="ready"]');
  assert.ok(await page.locator('path.bm-country').count() >= 10, 'country outlines');
  assert.equal(await page.locator('path.bm-focus').count(), 2, 'Iraq and Syria highlighted');
  assert.equal(await page.locator('path.bm-river').count(), 1);
  for (const name of ['Baghdad', 'Damascus', 'Erbil', 'Tigris', 'Euphrates']) {
    assert.ok(await page.locator('.bm-label', { hasText: name }).first().isVisible(), `${name} label`);
  }
  assert.equal(await page.locator('img.leaflet-tile').count(), 0, 'the online tile layer is off by default');
  await page.close();
});

test('in Arabic the map is translated but not mirrored, with Arabic basemap labels and digits', async () => {
  const app = await openApp(undefined, undefined, '?lang=ar&digits=arabic');
  const { page } = app;
  await page.waitForSelector('.map[data-basemap="ready"]');
  const map = page.getByRole('region', { name: 'خريطة الحوادث في العراق وسوريا', exact: true });
  assert.equal(await map.getAttribute('dir'), 'ltr', 'the map keeps its left-to-right geometry');
  for (const name of ['بغداد', 'دمشق', 'أربيل', 'دجلة', 'الفرات', 'العراق']) {
    assert.ok(await page.locator('.bm-label', { hasText: name }).first().isVisible(), `${name} label`);
  }
  assert.equal(await page.locator('.bm-label', { hasText: 'Baghdad' }).count(), 0);
  assert.equal(await page.locator('.bm-label span[lang="ar"]', { hasText: 'بغداد' }).count(), 1);
  assert.ok(await page.getByRole('button', { name: 'تكبير', exact: true }).isVisible(), 'the zoom control is translated');
  assert.ok(await page.getByRole('button', { name: 'إظهار كل الحوادث', exact: true }).isVisible());
  // Badge counts in Arabic-Indic digits; their names in Arabic.
  const badges = page.locator('.badge-icon');
  assert.ok(await badges.count() > 0);
  for (const text of await badges.allInnerTexts()) assert.match(text, /^[٠-٩٬]+$/);
  assert.match(await badges.first().getAttribute('aria-label'), /(حادث|في هذه المنطقة)/);
  assert.match(await page.locator('.leaflet-control-attribution').innerText(), /الخريطة الأساسية/);
  assert.equal(await page.locator('.leaflet-control-attribution').getAttribute('dir'), 'rtl');
  assert.deepEqual(app.consoleErrors, []);
  await page.close();
});

test('each incident place is drawn once: alone, or counted in a site or area badge', async () => {
  const app = await openApp();
  const drawn = await app.page.locator('.leaflet-marker-icon[data-ids]').evaluateAll((els) => els.map((e) => e.dataset.ids.split(',')));
  const alone = drawn.filter((ids) => ids.length === 1).length;
  assert.equal(alone, await app.markers().count(), 'a mark for one incident is its shape');
  assert.deepEqual([...new Set(drawn.flat())].sort(), [...ids].sort());
  assert.ok(drawn.flat().length <= points);
  await app.page.close();
});

test('the first view is fitted to Iraq and Syria', async () => {
  const app = await openApp();
  const { page } = app;
  const inView = async (selector) => {
    const box = await page.locator(selector).first().boundingBox();
    return box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800;
  };
  // The westernmost (Green Village, Syria) and north-easternmost (Erbil) incidents are both on screen.
  assert.ok(await inView('.leaflet-marker-icon[data-ids*="E11"]'));
  assert.ok(await inView('.leaflet-marker-icon[data-ids*="E05"]'));
  assert.ok(await inView('.bm-city >> text=Damascus'));
  assert.ok(await inView('.bm-city >> text=Basra'));
  await page.close();
});

test('clicking a marker shows that incident in full, with its sources', async () => {
  const app = await openApp();
  await app.page.locator('path.incident-marker[data-id="E02"]').click();
  const detail = app.detail();
  await detail.waitFor();
  assert.equal(await detail.getAttribute('data-id'), 'E02');
  assert.match(await detail.getByRole('heading', { level: 2 }).innerText(), /K-1 Air Base/);
  assert.match(await detail.innerText(), /1 killed/);
  assert.match(await detail.innerText(), /AFP/);
  await detail.getByRole('button', { name: 'Close details' }).click();
  assert.equal(await app.detail().count(), 0);
  await app.page.close();
});

test('no request leaves 127.0.0.1 and the console stays clean', async () => {
  const app = await openApp();
  await app.page.waitForSelector('.map[data-basemap="ready"]');
  await app.page.locator('path.incident-marker[data-id="E02"]').click();
  const foreign = app.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.ok(app.requests.some((u) => u.endsWith('data/incidents.geojson')), 'the data set was fetched');
  assert.deepEqual(app.consoleErrors, []);
  await app.page.close();
});

test('a failed load says what failed, and Retry recovers', async () => {
  let calls = 0;
  const app = await openApp(undefined, (page) => page.route('**/data/incidents.geojson', (route) => {
    calls += 1;
    return calls === 1 ? route.fulfill({ status: 503, body: 'down' }) : route.continue();
  }));
  assert.equal((await app.state()).state, 'error');
  const alert = app.page.getByRole('alert');
  assert.match(await alert.innerText(), /data\/incidents\.geojson answered HTTP 503/);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await app.page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
  assert.equal((await app.state()).total, String(ids.length));
  const drawn = await app.page.locator('.leaflet-marker-icon[data-ids]').evaluateAll((els) => els.flatMap((e) => e.dataset.ids.split(',')));
  assert.deepEqual([...new Set(drawn)].sort(), [...ids].sort());
  await app.page.close();
});

test('a phone-sized screen shows the map and the detail as a sheet', async () => {
  const app = await openApp({ width: 390, height: 780 }, undefined, '?id=E05');
  const box = await app.detail().boundingBox();
  assert.ok(box.width >= 380 && box.y > 300, `detail sheet at the bottom: ${JSON.stringify(box)}`);
  await app.page.close();
});
