// The Arabic interface: lang=ar (or an Arabic browser) gives <html lang="ar" dir="rtl">, the controls in
// Arabic (their texts read here from locales/ar.txt, not copied), the panels and the timeline mirrored (the
// earliest day at the right, the brush dragged right to left), Arabic-Indic digits with digits=arabic, Arabic
// search with its spelling variants, summary_ar with the English summary as fallback, and the switch between
// the two languages keeping the view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist, DIST } from './server.mjs';

/** A catalogue as the app reads it (src/i18n/catalog.rs): key → text (a plural message → its `other` form). */
function catalogue(lang) {
  const out = {};
  for (const line of readFileSync(new URL(`../../locales/${lang}.txt`, import.meta.url), 'utf8').split('\n')) {
    const m = /^([a-z0-9-]+)(?:\[(\w+)\])?\s*=\s*(.*)$/.exec(line.trim());
    if (m && (!m[2] || m[2] === 'other')) out[m[1]] = m[3].trim();
  }
  return out;
}
const AR = catalogue('ar');
const EN = catalogue('en');
const features = JSON.parse(readFileSync(`${DIST}/data/incidents.geojson`, 'utf8')).features.map((f) => f.properties);
const ARABIC = /[\u0600-\u06FF]/;
const ASCII_DIGIT = /[0-9]/;

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(query = '', { viewport = { width: 1280, height: 800 }, locale } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const app = new MapPage(page);
  await app.open(server.url + query);
  return app;
}
const visible = (app) => app.page.evaluate(() => Number(document.documentElement.dataset.visible));
const param = (app, key) => app.page.evaluate((k) => new URLSearchParams(location.search).get(k), key);
const html = (app) => app.page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
const close = (app) => app.page.context().close();

test('lang=ar: right to left, Arabic controls, the side panel on the left', async () => {
  const app = await open('?lang=ar');
  const { page } = app;
  assert.deepEqual(await html(app), { lang: 'ar', dir: 'rtl' });
  assert.equal((await app.state()).state, 'ready');
  assert.equal(await page.locator('.title-card h1').innerText(), AR['app-title']);
  for (const key of ['download-csv', 'download-geojson']) {
    await page.getByRole('button', { name: AR[key], exact: true }).waitFor();
  }
  assert.equal(await page.getByRole('button', { name: EN['download-csv'] }).count(), 0);
  assert.match(await page.locator('.title-card .count').innerText(), ARABIC);
  assert.equal(await page.title(), AR['page-title']);
  // Panels swap sides; the map is not mirrored (Leaflet's zoom control stays top left of the map).
  const side = await page.locator('.side').boundingBox();
  const map = await page.locator('.map').boundingBox();
  assert.ok(side.x + side.width <= map.x + 1, 'the side panel is left of the map');
  const zoom = await page.locator('.leaflet-control-zoom').boundingBox();
  assert.ok(zoom.x - map.x < 60, 'the zoom control is at the map\'s left edge, as in English');
  assert.equal(await page.locator('.leaflet-container').evaluate((e) => getComputedStyle(e).direction), 'ltr');
  assert.deepEqual(app.consoleErrors, []);
  await close(app);
});

test('the browser\'s language chooses when there is no lang parameter', async () => {
  const arabic = await open('', { locale: 'ar-IQ' });
  assert.deepEqual(await html(arabic), { lang: 'ar', dir: 'rtl' });
  await close(arabic);
  const french = await open('', { locale: 'fr-FR' });
  assert.deepEqual(await html(french), { lang: 'en', dir: 'ltr' });
  await close(french);
  const asked = await open('?lang=en', { locale: 'ar' });
  assert.deepEqual(await html(asked), { lang: 'en', dir: 'ltr' }, 'lang= wins over the browser');
  await close(asked);
});

test('the language switch updates the URL and keeps the view', async () => {
  const app = await open('?weapon=drone');
  const { page } = app;
  const drones = features.filter((p) => p.weapon === 'drone').length;
  assert.equal(await visible(app), drones);
  await page.getByRole('button', { name: /العربية/ }).click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await param(app, 'lang'), 'ar');
  assert.equal(await param(app, 'weapon'), 'drone', 'the filters stay in the URL');
  assert.equal(await visible(app), drones, 'and on the map');
  assert.equal(await page.locator('.title-card h1').innerText(), AR['app-title']);
  await page.getByRole('button', { name: /English/ }).click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  assert.equal(await param(app, 'lang'), 'en');
  assert.equal(await page.locator('.title-card h1').innerText(), EN['app-title']);
  // A reload keeps the chosen language.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
  assert.deepEqual(await html(app), { lang: 'en', dir: 'ltr' });
  assert.deepEqual(app.consoleErrors, []);
  await close(app);
});

test('digits=arabic writes every number the page writes with Arabic-Indic digits', async () => {
  const app = await open('?lang=ar&digits=arabic');
  const { page } = app;
  for (const selector of ['.title-card .count', '.title-card .summary', '.legend', '.timeline .range-label', '.timeline svg']) {
    const text = await page.locator(selector).first().textContent();
    assert.match(text, /[\u0660-\u0669]/, `${selector} has Arabic-Indic digits`);
    assert.doesNotMatch(text, ASCII_DIGIT, `${selector} has no Western digit: ${text}`);
  }
  const western = await open('?lang=ar');
  const count = await western.page.locator('.title-card .count').innerText();
  assert.match(count, ASCII_DIGIT);
  assert.doesNotMatch(count, /[\u0660-\u0669]/, 'Western digits by default');
  await close(western);
  await close(app);
});

const SITES = JSON.parse(readFileSync(`${DIST}/data/sites.json`, 'utf8')).sites;

test('Arabic search folds hamza forms, tatweel and harakat, and finds sites by their Arabic names', async () => {
  const app = await open('?lang=ar');
  const { page } = app;
  const search = page.getByRole('searchbox', { name: AR['filters-text'] });
  // The incidents at Ain al-Asad (their site's Arabic name is عين الأسد) or whose Arabic summary names it, as
  // the data spells it; the typed spellings below differ from it.
  const asadIds = features.filter((p) => p.site_id === 'ain-al-asad' || p.summary_ar.includes('عين الأسد')).map((p) => p.id).sort();
  assert.ok(asadIds.length >= 3);
  const shownIds = () => page.locator('.incident-list tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => r.dataset.id).sort());
  for (const typed of ['عين الاسد', 'عيـن الأسـد', 'عَين الأسد']) {
    // Back to everything first, so each spelling has to bring the count down by itself.
    await search.fill('');
    await page.waitForFunction((n) => document.documentElement.dataset.visible === String(n), features.length);
    await search.fill(typed);
    await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, typed);
    await page.waitForFunction((n) => document.documentElement.dataset.visible === String(n), asadIds.length);
    assert.deepEqual(await shownIds(), asadIds, typed);
  }
  // The list names the site as Arabic readers do (the gazetteer's name_ar).
  const asad = SITES.find((s) => s.id === 'ain-al-asad').name_ar;
  assert.ok(ARABIC.test(asad));
  assert.match(await page.locator('.incident-list tbody').innerText(), new RegExp(asad));
  await close(app);
});

test('an incident shows its summary_ar in Arabic, and its English summary where it has none', async () => {
  const app = await open('?lang=ar&id=E07');
  const { page } = app;
  const e07 = features.find((p) => p.id === 'E07');
  await page.locator('.detail .summary').waitFor();
  assert.equal((await page.locator('.detail .summary').innerText()).trim(), e07.summary_ar.trim());
  assert.equal(await page.locator('.detail h2').innerText(), SITES.find((s) => s.id === e07.site_id).name_ar);
  await close(app);

  const one = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [44.39, 33.31] },
    properties: { id: 'X1', date: '2023-05-01', weapon: 'drone', site: 'Somewhere', summary: 'Only an English summary.' } }] };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page2 = await context.newPage();
  await page2.route('**/fixtures/english-only.geojson', (r) => r.fulfill({ body: JSON.stringify(one), contentType: 'application/geo+json' }));
  const other = new MapPage(page2);
  await other.open(`${server.url}?lang=ar&data=fixtures/english-only.geojson&id=X1`);
  await page2.locator('.detail .summary').waitFor();
  assert.equal((await page2.locator('.detail .summary').innerText()).trim(), 'Only an English summary.');
  assert.equal(await page2.locator('.detail .summary').getAttribute('dir'), 'auto');
  await context.close();
});
