// Loading other data through ?data=: bad rows are reported by row and field, good rows still show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist } from './server.mjs';

const MIXED = readFileSync(new URL('../fixtures/mixed.geojson', import.meta.url));

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(query) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route('**/fixtures/mixed.geojson', (r) => r.fulfill({ body: MIXED, contentType: 'application/geo+json' }));
  const app = new MapPage(page);
  await app.open(server.url + query);
  return app;
}

test('?data= loads a mixed file: good rows shown, bad rows reported by row and field', async () => {
  const app = await open('?data=fixtures/mixed.geojson');
  assert.deepEqual(await app.state(), { state: 'ready', total: '3', visible: '3' });
  assert.equal(await app.markers().count(), 3);
  const report = app.page.getByRole('alert');
  assert.match(await report.innerText(), /4 of 7 rows skipped · 1 value repaired or ignored — details/);
  await report.getByText('details').click();
  const text = await report.innerText();
  assert.match(text, /row 4 \(M4\), field `date`/);
  assert.match(text, /row 5 \(M5\), field `geometry`/);
  assert.match(text, /row 6 \(M1\), field `id`: duplicate id/);
  assert.match(text, /row 7 \(M7\), field `geometry`/);
  assert.match(text, /row 3 \(M3\), field `weapon`/);
  assert.deepEqual(app.consoleErrors, []);
  await app.page.close();
});

test('a refused ?data= falls back to the bundled data with a notice', async () => {
  const app = await open('?data=javascript%3Aalert(1)');
  const state = await app.state();
  assert.equal(state.state, 'ready');
  assert.ok(Number(state.total) >= 15);
  assert.match(await app.page.locator('.notice').innerText(), /http\(s\) or relative/);
  await app.page.close();
});

test('a ?data= URL that is missing ends in the error state naming it', async () => {
  const app = await open('?data=nowhere.geojson');
  assert.equal((await app.state()).state, 'error');
  assert.match(await app.page.getByRole('alert').innerText(), /nowhere\.geojson answered HTTP 404/);
  await app.page.close();
});

test('a local file opened with the picker replaces the data, and nothing is uploaded', async () => {
  const app = await open('');
  assert.equal((await app.state()).total, '15');
  const before = app.requests.length;
  await app.page.getByLabel('Open a data file…').setInputFiles({
    name: 'mixed.geojson', mimeType: 'application/geo+json', buffer: MIXED,
  });
  await app.page.waitForFunction(() => document.documentElement.dataset.total === '3');
  assert.equal((await app.state()).state, 'ready');
  assert.match(await app.page.getByRole('alert').innerText(), /4 of 7 rows skipped/);
  assert.deepEqual(app.requests.slice(before), [], 'the file is read in the page, not sent anywhere');
  await app.page.close();
});

test('a file dropped on the page is loaded', async () => {
  const app = await open('');
  const drop = await app.page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.geojson', { type: 'application/geo+json' }));
    return dt;
  }, MIXED.toString());
  await app.page.dispatchEvent('main', 'drop', { dataTransfer: drop });
  await app.page.waitForFunction(() => document.documentElement.dataset.total === '3');
  await app.page.close();
});

test('a dropped file that is not a data set ends in the error state, naming the file', async () => {
  const app = await open('');
  const drop = await app.page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['<html>not data</html>'], 'page.html', { type: 'text/html' }));
    return dt;
  }, null);
  await app.page.dispatchEvent('main', 'drop', { dataTransfer: drop });
  await app.page.waitForFunction(() => document.documentElement.dataset.state === 'error');
  assert.match(await app.page.getByRole('alert').innerText(), /Could not read page\.html: the file is not valid JSON/);
  await app.page.close();
});
