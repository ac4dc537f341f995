// Embedding: an article on another origin embeds the app in an iframe with the resize script; the strict
// Content-Security-Policy; a sub-path; the dark theme; the embed code dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist, servePage, DIST, CSP } from './server.mjs';
const features = JSON.parse(readFileSync(`${DIST}/data/incidents.geojson`, 'utf8')).features.map((f) => f.properties);

let app, browser;
before(async () => { app = await serveDist(); browser = await launch(); }); // serveDist sends the CSP
after(async () => { await browser?.close(); await app?.close(); });

/** Records CSP violations and console errors from the start of every document, frames included. */
async function watch(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return errors;
}

function article(src) {
  const filler = '<p>' + 'Article text that keeps the page scrolling. '.repeat(40) + '</p>';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Host article</title></head><body style="margin:0;font:16px serif">
    <h1>An article on another site</h1>${filler}
    <iframe data-incident-map id="map" src="${src}" title="Incident map" style="width:640px;height:300px;border:0"></iframe>
    ${filler}${filler}${filler}
    <script>window.received = []; addEventListener('message', (e) => window.received.push(e.data));</script>
    <script src="${app.url}embed.js"></script></body></html>`;
}

test('an article on another origin embeds the map: it resizes, stays scrollable and links out with the filters', async () => {
  const src = `${app.url}?embed=1&weapon=rocket&title=Rockets+on+the+bases&desc=From+the+data+set`;
  const host = await servePage(article(src));
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const errors = await watch(page);
  await page.goto(host.url);
  assert.notEqual(new URL(host.url).origin, new URL(app.url).origin);
  const frame = page.frameLocator('#map');
  const inner = page.frames().find((f) => f.url().startsWith(app.url)) ?? (await (await page.$('#map')).contentFrame());
  await inner.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30000 });
  assert.equal(await inner.evaluate(() => document.documentElement.dataset.visible), String(features.filter((p) => p.weapon === 'rocket').length));
  assert.equal(await inner.title(), 'Rockets on the bases');

  // The height message arrives and the resize script applies it.
  await page.waitForFunction(() => window.received.some((m) => m && m.type === 'incident-map:height'));
  const messages = await page.evaluate(() => window.received);
  const height = messages.filter((m) => m.type === 'incident-map:height').at(-1).height;
  assert.ok(Number.isFinite(height) && height > 300, `height ${height}`);
  assert.ok(messages.some((m) => m.sentinel === 'amp' && m.type === 'embed-size' && m.height === height), 'AMP embed-size too');
  await page.waitForFunction((h) => document.getElementById('map').style.height === `${Math.round(h)}px`, height);
  const content = await inner.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(Math.abs(content - height) <= 2, `iframe ${height}px for content ${content}px`);

  // The wheel over the map scrolls the article, not the map.
  const box = await page.locator('#map').boundingBox();
  await page.evaluate((y) => window.scrollTo(0, y - 100), box.y);
  const before = await page.evaluate(() => window.scrollY);
  const zoom = await inner.locator('.map').getAttribute('data-zoom');
  const mapBox = await frame.locator('.map').boundingBox();
  await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction((b) => window.scrollY > b, before);
  assert.equal(await inner.locator('.map').getAttribute('data-zoom'), zoom, 'the map did not zoom');

  // "Open full map" carries the filters, not embed.
  const link = frame.getByRole('link', { name: 'Open full map' });
  const href = new URL(await link.getAttribute('href'), app.url);
  assert.equal(href.searchParams.get('weapon'), 'rocket');
  assert.equal(href.searchParams.get('embed'), null);
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match(await frame.locator('.embed-foot').innerText(), /Natural Earth/);
  assert.deepEqual(errors, []);
  await page.close();
  await host.close();
});

test('the release build runs under the strict CSP with no violation', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = await watch(page);
  const map = new MapPage(page);
  await map.open(`${app.url}?id=E09`);
  assert.equal((await map.state()).state, 'ready');
  await page.waitForSelector('.map[data-basemap="ready"]');
  const html = await (await fetch(app.url)).text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in index.html');
  assert.deepEqual(errors, []);
  await page.close();
});

test('dist works from a sub-path', async () => {
  const sub = await serveDist({ base: '/news/graphics/incident-map/' });
  const page = await browser.newPage();
  const map = new MapPage(page);
  await map.open(sub.url);
  assert.equal((await map.state()).state, 'ready');
  await page.waitForSelector('.map[data-basemap="ready"]');
  assert.ok(map.requests.every((u) => u.startsWith(sub.url)), 'every asset from under the sub-path');
  await page.close();
  await sub.close();
});

test('dark mode follows the system and theme= overrides it', async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  const map = new MapPage(page);
  await map.open(app.url);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.side')).backgroundColor);
  assert.equal(bg, 'rgb(30, 34, 38)');
  await map.open(`${app.url}?theme=light`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await page.emulateMedia({ colorScheme: 'light' });
  await map.open(`${app.url}?theme=dark&embed=1`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.close();
});

test('the embed dialog gives the snippets for the current view', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const map = new MapPage(page);
  await map.open(`${app.url}?weapon=drone&from=2021-01-01`);
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this map' });
  await dialog.waitFor();
  await dialog.getByLabel('500 px').check();
  const resizing = await dialog.getByLabel('With automatic height (recommended)').inputValue();
  // The embed is in the language chosen in the dialog (the page's: English), whatever the reader's browser.
  assert.match(resizing, /^<iframe data-incident-map src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;from=2021-01-01&amp;weapon=drone&amp;lang=en" title="[^"]+" style="width:100%;height:500px;border:0" loading="lazy"><\/iframe>/);
  assert.match(resizing, /<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>$/);
  const plain = await dialog.getByLabel('Plain iframe (fixed height)').inputValue();
  assert.doesNotMatch(plain, /<script/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.equal(await dialog.isVisible(), false);
  await page.close();
});

test('in Arabic the embed dialog is Arabic, and the embed is in the language and digits chosen for it', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const map = new MapPage(page);
  await map.open(`${app.url}?weapon=drone&lang=ar&digits=arabic`);
  await page.getByRole('button', { name: 'تضمين…' }).click();
  const dialog = page.getByRole('dialog', { name: 'تضمين هذه الخريطة' });
  await dialog.waitFor();
  await dialog.getByLabel('٥٠٠ بكسل').check();
  const snippet = () => dialog.getByLabel('بارتفاع تلقائي (مستحسن)').inputValue();
  let resizing = await snippet();
  assert.match(resizing, /\?embed=1&amp;weapon=drone&amp;lang=ar&amp;digits=arabic" title="خريطة الهجمات: [^"]+" style="width:100%;height:500px;border:0"/);
  // Chosen in English, the embed and its default title are English.
  await dialog.getByLabel('English').check();
  resizing = await snippet();
  assert.match(resizing, /\?embed=1&amp;weapon=drone&amp;lang=en" title="Incident Map: [^"]+"/);
  assert.doesNotMatch(resizing, /digits=/);
  await dialog.getByRole('button', { name: 'إغلاق' }).click();
  assert.deepEqual(map.consoleErrors, []);
  await page.close();
});
