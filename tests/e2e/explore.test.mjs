// Exploring: the legend as weapon filter, site search, the URL as the state (load, back/forward, bad values),
// list ↔ map ↔ detail, the timeline brush, site badges, exports, the phone drawer. Expected counts are
// computed here from the data file, with a filter written independently of the app's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist, DIST } from './server.mjs';

const features = JSON.parse(readFileSync(`${DIST}/data/incidents.geojson`, 'utf8')).features.map((f) => f.properties);
/** Incidents whose date period overlaps [from, to] (ISO strings; month/year dates cover their whole period). */
function overlapping(list, from, to) {
  const span = (d) => (d.length === 10 ? [d, d] : d.length === 7 ? [`${d}-01`, `${d}-31`] : [`${d}-01-01`, `${d}-12-31`]);
  return list.filter((p) => { const [a, b] = span(p.date); return b >= from && a <= to; });
}
const count = (pred) => features.filter(pred).length;

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(query = '', viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const app = new MapPage(page);
  await app.open(server.url + query);
  return app;
}
const visible = (app) => app.page.evaluate(() => Number(document.documentElement.dataset.visible));
const param = async (app, key) => app.page.evaluate((k) => new URLSearchParams(location.search).get(k), key);

test('the legend is the weapon filter, and back/forward restore the view', async () => {
  const app = await open();
  const { page } = app;
  const rockets = page.locator('.weapon-toggle[data-weapon="rocket"]');
  assert.equal(await rockets.getAttribute('aria-pressed'), 'true');
  assert.match(await rockets.innerText(), new RegExp(`${count((p) => p.weapon === 'rocket')}`));
  await rockets.click();
  assert.equal(await rockets.getAttribute('aria-pressed'), 'false');
  assert.equal(await visible(app), count((p) => p.weapon !== 'rocket'));
  assert.ok(!(await param(app, 'weapon')).split(',').includes('rocket'));
  assert.equal(await page.locator('.incident-marker.weapon-rocket').count(), 0, 'no rocket marks on the map');

  await page.locator('.weapon-toggle[data-weapon="drone"]').click();
  assert.equal(await visible(app), count((p) => !['rocket', 'drone'].includes(p.weapon)));
  await page.goBack();
  await page.waitForFunction((n) => document.documentElement.dataset.visible === String(n), count((p) => p.weapon !== 'rocket'));
  assert.equal(await page.locator('.weapon-toggle[data-weapon="drone"]').getAttribute('aria-pressed'), 'true');
  await page.goBack();
  await page.waitForFunction((n) => document.documentElement.dataset.visible === String(n), features.length);
  assert.equal(await param(app, 'weapon'), null);
  await page.goForward();
  await page.waitForFunction((n) => document.documentElement.dataset.visible === String(n), count((p) => p.weapon !== 'rocket'));
  assert.deepEqual(app.consoleErrors, []);
  await page.close();
});

test('a link restores every filter, the selection and the map view', async () => {
  const query = '?weapon=drone&from=2021-01-01&to=2021-12-31&id=E05&lat=36.2&lng=44&zoom=8';
  const app = await open(query);
  const expected = overlapping(features, '2021-01-01', '2021-12-31').filter((p) => p.weapon === 'drone').length;
  assert.ok(expected > 0);
  assert.equal(await visible(app), expected);
  await app.detail().waitFor();
  assert.equal(await app.detail().getAttribute('data-id'), 'E05');
  assert.equal(await app.page.locator('.map').getAttribute('data-zoom'), '8');
  assert.equal(await app.page.locator('input[type="date"]').first().inputValue(), '2021-01-01');
  assert.equal(await app.page.locator('.weapon-toggle[data-weapon="rocket"]').getAttribute('aria-pressed'), 'false');
  const kept = Object.fromEntries(await app.page.evaluate(() => [...new URLSearchParams(location.search)]));
  assert.deepEqual(kept, Object.fromEntries(new URLSearchParams(query)), 'the URL keeps every parameter it was opened with');
  await app.page.close();
});

test('bad URL values fall back to defaults with a notice, never an error page', async () => {
  const app = await open('?from=2021-13-45&weapon=trebuchet,drone&zoom=banana&q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&claimed=perhaps');
  assert.equal((await app.state()).state, 'ready');
  const notices = await app.page.locator('.notice').allInnerTexts();
  assert.ok(notices.some((n) => /from: "2021-13-45" is not a date/.test(n)), notices.join('\n'));
  assert.ok(notices.some((n) => /weapon: "trebuchet" is not a known value/.test(n)));
  assert.equal(await app.page.locator('img[src="x"]').count(), 0, 'markup in q stays text');
  assert.equal(await visible(app), 0, 'the text searched for matches nothing');
  assert.equal(await app.page.locator('.weapon-toggle[data-weapon="drone"]').getAttribute('aria-pressed'), 'true', 'drone is kept');
  assert.equal(await app.page.locator('.weapon-toggle[data-weapon="rocket"]').getAttribute('aria-pressed'), 'false');
  assert.equal(await app.page.locator('.filters input[type="search"]').last().inputValue(), '<img src=x onerror=alert(1)>');
  assert.deepEqual(app.consoleErrors, []);
  await app.page.close();
});

test('site search knows aliases; a site shows its own view; the badge on the map selects it', async () => {
  const app = await open();
  const { page } = app;
  const box = page.getByLabel('Search a site');
  await box.fill('Al Asad');
  await box.press('Enter');
  const atAsad = count((p) => p.site_id === 'ain-al-asad');
  await page.waitForFunction((n) => document.documentElement.dataset.visible === String(n), atAsad);
  assert.equal(await param(app, 'site'), 'ain-al-asad');
  const siteView = page.locator('.site-view');
  await siteView.waitFor();
  assert.match(await siteView.getByRole('heading', { level: 2 }).innerText(), /Ain al-Asad/);
  await page.getByRole('button', { name: /^Remove / }).click();
  await page.waitForFunction((n) => document.documentElement.dataset.visible === String(n), features.length);

  // Zoomed in on Ain al-Asad, its incidents are one badge with their count; choosing it selects the site.
  await page.goto(server.url + '?lat=33.79&lng=42.44&zoom=11');
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
  const asad = features.filter((p) => p.site_id === 'ain-al-asad').map((p) => p.id).sort();
  const badge = page.locator(`.badge-icon:has(.site-badge)[data-ids*="${asad[0]}"]`);
  assert.equal(await badge.count(), 1);
  assert.deepEqual((await badge.getAttribute('data-ids')).split(',').sort(), asad);
  assert.equal(await badge.innerText(), String(asad.length));
  await badge.click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('site') === 'ain-al-asad');
  assert.equal(await visible(app), asad.length);
  await page.close();
});

test('the list is sortable, keyboard navigable and in step with the map and the detail', async () => {
  const app = await open();
  const { page } = app;
  const rows = page.locator('table.incident-list tbody tr[data-id]');
  assert.equal(await rows.count(), features.length);
  const dates = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.id));
  const newestFirst = [...features].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).map((p) => p.date);
  const shownDates = dates.map((id) => features.find((p) => p.id === id).date);
  assert.deepEqual(shownDates, newestFirst, 'newest first by default');

  const siteHeader = page.locator('table.incident-list th', { hasText: 'Site' });
  await siteHeader.getByRole('button').click();
  assert.equal(await siteHeader.getAttribute('aria-sort'), 'ascending', 'text sorts A to Z first');
  const sites = await rows.locator('td.site').allInnerTexts();
  const lower = (t) => t.toLowerCase();
  assert.deepEqual(sites, [...sites].sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0)), 'rows in site order');
  assert.notDeepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.id)), dates, 'the order changed');

  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  const second = await rows.nth(1).getAttribute('data-id');
  await page.keyboard.press('Enter');
  await app.detail().waitFor();
  assert.equal(await app.detail().getAttribute('data-id'), second);
  assert.equal(await rows.nth(1).getAttribute('aria-selected'), 'true');
  assert.equal(await param(app, 'id'), second);

  // Hovering a row highlights its mark.
  const third = await rows.nth(2).getAttribute('data-id');
  await rows.nth(2).hover();
  const hovered = await page.locator('.leaflet-marker-icon.hovered').evaluateAll((els) => els.map((e) => e.dataset.ids));
  assert.ok(hovered.some((ids) => ids.split(',').includes(third)), hovered.join(' | '));
  await page.close();
});

test('a long list is virtual: a few rows drawn, every row reached by scrolling and the keyboard', async () => {
  // 5,000 incidents, one a day from 2010-01-01, so newest first row k is R{4999 - k}.
  const rows = ['id,date,lat,lon,weapon,site'];
  const day = (n) => new Date(Date.UTC(2010, 0, 1) + n * 86400000).toISOString().slice(0, 10);
  for (let n = 0; n < 5000; n++) rows.push(`R${n},${day(n)},33.3,44.4,rocket,Site ${n}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route('**/long.csv', (r) => r.fulfill({ body: rows.join('\n'), contentType: 'text/csv' }));
  const app = new MapPage(page);
  await app.open(server.url + '?data=long.csv');
  assert.deepEqual(await app.state(), { state: 'ready', total: '5000', visible: '5000' });
  const table = page.getByRole('table');
  assert.equal(await table.getAttribute('aria-rowcount'), '5001');
  const drawn = page.locator('table.incident-list tbody tr[data-id]');
  const first = await drawn.count();
  assert.ok(first > 5 && first < 80, `only the rows near the window are drawn: ${first}`);
  assert.equal(await drawn.first().getAttribute('data-id'), 'R4999');
  assert.equal(await drawn.first().getAttribute('aria-rowindex'), '2');

  // Scrolling to the middle draws the rows there, in order, and only those.
  const box = page.locator('.incident-list-scroll');
  await box.evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await page.waitForFunction(() => !document.querySelector('tbody tr[data-id="R4999"]'));
  const ids = await drawn.evaluateAll((rs) => rs.map((r) => [r.dataset.id, Number(r.getAttribute('aria-rowindex'))]));
  assert.ok(ids.length < 80, `${ids.length} rows drawn`);
  for (const [id, index] of ids) assert.equal(id, `R${4999 - (index - 2)}`, 'each row at its place');
  assert.ok(ids.some(([, index]) => Math.abs(index - 2500) < 40), JSON.stringify(ids.slice(0, 3)));

  // The keyboard: End reaches the last row, Enter opens it.
  await drawn.first().focus();
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.activeElement?.dataset.id === 'R0');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-rowindex')), '5001');
  assert.equal(await page.locator('table.incident-list tbody tr[tabindex="0"]').count(), 1, 'one Tab stop');
  await page.keyboard.press('Enter');
  await app.detail().waitFor();
  assert.equal(await app.detail().getAttribute('data-id'), 'R0');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.activeElement?.dataset.id === 'R4999');

  // A filter change keeps drawing only a window, of the new selection.
  await page.locator('.weapon-toggle[data-weapon="rocket"]').click();
  await page.waitForFunction(() => document.documentElement.dataset.visible === '0');
  assert.equal(await drawn.count(), 0);
  await page.locator('.weapon-toggle[data-weapon="rocket"]').click();
  await page.waitForFunction(() => document.documentElement.dataset.visible === '5000');
  assert.ok((await drawn.count()) < 80);
  assert.deepEqual(app.consoleErrors, []);
  await page.close();
});

test('dragging on the timeline sets the date range; the range is in the URL', async () => {
  const app = await open();
  const { page } = app;
  const svg = page.locator('.timeline svg').first();
  const box = await svg.boundingBox();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const from = await param(app, 'from');
  const to = await param(app, 'to');
  assert.match(from ?? '', /^\d{4}-\d{2}-\d{2}$/);
  assert.match(to ?? '', /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(from < to);
  assert.equal(await visible(app), overlapping(features, from, to).length);
  assert.match(await page.locator('.range-label').innerText(), new RegExp(`${from}.*${to}`));
  await page.close();
});

test('the filtered incidents download as CSV and GeoJSON', async () => {
  const app = await open('?weapon=drone');
  const drones = count((p) => p.weapon === 'drone');
  const [csv] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download CSV' }).click()]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  assert.equal(csvText.trim().split(/\r\n(?=E\d\d,)/).length - 1, drones, 'one row per drone incident');
  assert.match(csvText, /^\uFEFFid,kind,date,/);
  const [gj] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download GeoJSON' }).click()]);
  const json = JSON.parse(readFileSync(await gj.path(), 'utf8'));
  assert.equal(json.features.length, drones);
  assert.ok(json.features.every((f) => f.properties.weapon === 'drone'));
  await app.page.close();
});

test('on a phone the filters are in a drawer and the summary describes the map', async () => {
  const app = await open('', { width: 360, height: 740 });
  const { page } = app;
  const toggle = page.getByRole('button', { name: 'Filters', exact: true }); // the arrow is not in its name
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByLabel('Search a site').isVisible(), false);
  await toggle.click();
  assert.equal(await page.getByLabel('Search a site').isVisible(), true);
  const description = await page.locator('#map-summary').innerText();
  assert.match(description, new RegExp(`^${features.length} incidents · `));
  assert.equal(await page.locator('.map').getAttribute('aria-describedby'), 'map-summary');
  await page.close();
});

test('Download PNG saves a picture of the view, larger than the map, with no error', async () => {
  const app = await open('?weapon=rocket', { width: 1280, height: 800 });
  await app.page.waitForSelector('.map[data-basemap="ready"]');
  const [png] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download PNG' }).click()]);
  assert.equal(png.suggestedFilename(), 'incident-map.png');
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  const map = await app.page.locator('.map').boundingBox();
  assert.equal(width, Math.round(map.width) * 2, 'twice the map width, for sharpness');
  assert.ok(height > map.height * 2, 'the map plus title and credit bands');
  if (process.env.SCREENSHOTS) await png.saveAs(`${process.env.SCREENSHOTS}/map.png`);
  assert.equal(await app.page.getByRole('alert').filter({ hasText: 'picture' }).count(), 0);
  assert.deepEqual(app.consoleErrors, []);
  await app.page.close();
});

test('in Arabic, Download PNG saves the picture too', async () => {
  const app = await open('?weapon=rocket&lang=ar&digits=arabic', { width: 1280, height: 800 });
  await app.page.waitForSelector('.map[data-basemap="ready"]');
  const button = app.page.getByRole('button', { name: 'تنزيل صورة PNG' });
  const [png] = await Promise.all([app.page.waitForEvent('download'), button.click()]);
  assert.equal(png.suggestedFilename(), 'incident-map.png');
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
  if (process.env.SCREENSHOTS) await png.saveAs(`${process.env.SCREENSHOTS}/map-ar.png`);
  assert.equal(await app.page.locator('.map-error').count(), 0);
  assert.deepEqual(app.consoleErrors, []);
  await app.page.close();
});
