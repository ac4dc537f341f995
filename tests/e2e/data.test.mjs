// Loading other data through ?data=: bad rows are reported by row and field, good rows still show.
import { test, before, after } from 'node:test';
import { gzipSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist, DIST } from './server.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const MIXED = fixture('mixed.geojson');
const BUNDLED = JSON.parse(readFileSync(`${DIST}/data/incidents.geojson`, 'utf8')).features.length;

let server, browser;
before(async () => {
  server = await serveDist({ routes: {
    'slow.csv': slowCsv(true), 'slow-unannounced.csv': slowCsv(false), 'slow-gzip.csv': slowCsv(true, true),
  } });
  browser = await launch();
});

/** Keeps every text the loading banner shows, in order, in `window.__seen`. */
function recordLoadingTexts(page) {
  return page.addInitScript(() => {
    window.__seen = [];
    new MutationObserver(() => {
      const t = document.querySelector('.status.loading .text')?.textContent;
      if (t && window.__seen.at(-1) !== t) window.__seen.push(t);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

// A CSV download that comes in 12 pieces, 150 ms apart, cut at odd places (inside quoted fields with line
// breaks, inside Arabic letters): 3,000 rows, the last one without a date. Its length is announced or not (then
// it is sent chunked).
const SLOW_ROWS = 3000;
const SLOW_CSV = Buffer.from(['id,date,lat,lon,site,summary']
  .concat(Array.from({ length: SLOW_ROWS }, (_, n) =>
    `S${n},${n === SLOW_ROWS - 1 ? '' : '2021-01-01'},33.${n % 10},44.${n % 7},مطار بغداد,"two lines,\r\nof text ""${n}"""`))
  .join('\r\n'));
/** The CSV in 12 pieces 150 ms apart, cut at odd places; with its length announced or not, gzipped or not (then
 *  the announced length is the compressed one, as HTTP has it). */
function slowCsv(announced, gzip = false) {
  return (req, res, headers) => {
    const body = gzip ? gzipSync(SLOW_CSV) : SLOW_CSV;
    const length = announced ? { 'content-length': body.length } : {};
    const encoding = gzip ? { 'content-encoding': 'gzip' } : {};
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', ...length, ...encoding, ...headers });
    const pieces = 12;
    let sent = 0;
    const next = (n) => {
      const end = n === pieces ? body.length : Math.floor((body.length * n) / pieces) + (n % 3);
      res.write(body.subarray(sent, end));
      sent = end;
      if (n === pieces) res.end();
      else setTimeout(() => next(n + 1), 150);
    };
    next(1);
  };
}
after(async () => { await browser?.close(); await server?.close(); });

async function open(query) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route('**/fixtures/mixed.geojson', (r) => r.fulfill({ body: MIXED, contentType: 'application/geo+json' }));
  await page.route('**/fixtures/mixed.csv', (r) => r.fulfill({ body: fixture('mixed.csv'), contentType: 'text/csv' }));
  const app = new MapPage(page);
  await app.open(server.url + query);
  return app;
}

test('?data= loads a mixed file: good rows shown, bad rows reported by row and field', async () => {
  const app = await open('?data=fixtures/mixed.geojson');
  assert.deepEqual(await app.state(), { state: 'ready', total: '3', visible: '3' });
  const report = app.page.getByRole('alert');
  assert.match(await report.innerText(), /4 of 7 rows skipped · 1 value repaired or ignored — details/);
  await report.getByText('details').click();
  const text = await report.innerText();
  assert.match(text, /feature 4 \(M4\), field `date`/);
  assert.match(text, /feature 5 \(M5\), field `geometry`/);
  assert.match(text, /feature 6 \(M1\), field `id`: duplicate id/);
  assert.match(text, /feature 7 \(M7\), field `geometry`/);
  assert.match(text, /feature 3 \(M3\), field `weapon`/);
  assert.deepEqual(app.consoleErrors, []);
  await app.page.close();
});

test('a refused ?data= falls back to the bundled data with a notice', async () => {
  const app = await open('?data=javascript%3Aalert(1)');
  const state = await app.state();
  assert.equal(state.state, 'ready');
  assert.equal(state.total, String(BUNDLED));
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
  assert.equal((await app.state()).total, String(BUNDLED));
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
  assert.match(await app.page.getByRole('alert').innerText(), /Could not read page\.html: the file is a web page \(HTML\), not data; expected a GeoJSON FeatureCollection, a JSON list of records, or CSV/);
  await app.page.close();
});

test('?data= loads a CSV file: good rows shown, bad rows reported by line and field', async () => {
  const app = await open('?data=fixtures/mixed.csv');
  assert.deepEqual(await app.state(), { state: 'ready', total: '3', visible: '3' });
  const drawn = await app.page.locator('.leaflet-marker-icon[data-ids]').evaluateAll((els) => els.flatMap((e) => e.dataset.ids.split(',')));
  assert.deepEqual(drawn.sort(), ['M1', 'M5', 'M7']);
  assert.match(await app.page.locator('.data-source').innerText(), /fixtures\/mixed\.csv · read as CSV/);
  const report = app.page.getByRole('alert');
  assert.match(await report.innerText(), /6 of 9 rows skipped · 2 values repaired or ignored — details/);
  await report.getByText('details').click();
  const text = await report.innerText();
  assert.match(text, /line 3 \(M2\), field `date`: "2021-02-30" is not a real date/);
  assert.match(text, /line 5 \(M4\), field `latitude`: 133\.3 is out of range/);
  assert.match(text, /line 10, field `row`: has 3 fields where the header has 7/);
  assert.deepEqual(app.consoleErrors, []);
  await app.page.close();
});

test('an ACLED export opened as a file: mapped, reported, and its other columns shown in the detail', async () => {
  const app = await open('');
  await app.page.getByLabel('Open a data file…').setInputFiles({
    name: 'acled-sample.csv', mimeType: 'text/csv', buffer: fixture('acled-sample.csv'),
  });
  await app.page.waitForFunction(() => document.documentElement.dataset.total === '7');
  assert.match(await app.page.locator('.data-source').innerText(), /acled-sample\.csv · read as ACLED export \(CSV\)/);
  assert.match(await app.page.getByRole('alert').innerText(), /3 of 10 rows skipped/);
  const credit = await app.page.locator('.leaflet-control-attribution').innerText();
  assert.match(credit, /Incidents: ACLED/);
  assert.doesNotMatch(credit, /news and official reports/, 'the bundled data\'s credit is replaced, not kept');
  await app.page.locator('path.incident-marker[data-id="TST0001"]').click();
  const detail = app.detail();
  await detail.waitFor();
  const text = await detail.innerText();
  assert.match(text, /Rocket — Katyusha/);
  assert.match(text, /Shafaq News/);
  assert.match(text, /Other fields in the data/i);
  assert.match(text, /sub_event_type\s+Shelling\/artillery\/missile attack/);
  await app.page.close();
});

/** Opens a slow CSV download, checks that every row with a date arrived, and gives the banner's texts. */
async function openSlowCsv(name) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await recordLoadingTexts(page);
  const app = new MapPage(page);
  await app.open(server.url + '?data=' + name);
  assert.deepEqual(await app.state(), { state: 'ready', total: String(SLOW_ROWS - 1), visible: String(SLOW_ROWS - 1) });
  return { page, seen: await page.evaluate(() => window.__seen) };
}

test('a CSV download is read while it comes: progress shows before its end, and every row arrives', async () => {
  const { page, seen } = await openSlowCsv('slow.csv');
  const steps = seen.map((t) => t.match(/^Reading incidents… (\d+)% · ([\d,]+) rows$/)).filter(Boolean)
    .map(([, percent, rows]) => ({ percent: Number(percent), rows: Number(rows.replace(/,/g, '')) }));
  assert.ok(steps.some((s) => s.rows > 0 && s.percent < 100), `rows were read before the download ended: ${JSON.stringify(seen)}`);
  assert.ok(steps.length >= 2, `progress was shown in steps: ${JSON.stringify(seen)}`);
  const report = page.getByRole('alert');
  await report.getByText('details').click();
  // Each row takes two lines (its summary has a line break): the header is line 1, row n (from 0) starts on 2n + 2.
  assert.match(await report.innerText(), new RegExp(`line ${2 * SLOW_ROWS} \\(S${SLOW_ROWS - 1}\\), field \`date\``));
  await page.close();
});

test('a CSV download of unknown length shows the rows read while it comes', async () => {
  const { page, seen } = await openSlowCsv('slow-unannounced.csv');
  const rows = seen.map((t) => t.match(/^Reading incidents… ([\d,]+) rows$/)).filter(Boolean);
  assert.ok(rows.some(([, n]) => Number(n.replace(/,/g, '')) > 0), `rows were counted without a percentage: ${JSON.stringify(seen)}`);
  await page.close();
});

test('a compressed CSV download is read without a percentage: its announced length is the compressed one', async () => {
  const { page, seen } = await openSlowCsv('slow-gzip.csv');
  assert.ok(seen.some((t) => /^Reading incidents… [\d,]+ rows$/.test(t)), `rows were counted: ${JSON.stringify(seen)}`);
  assert.ok(!seen.some((t) => /%/.test(t)), `no percentage from the compressed length: ${JSON.stringify(seen)}`);
  await page.close();
});

test('a large file shows its progress, step by step, while it is read', async () => {
  // 150,000 rows. All but three lack a latitude, so the test measures reading, not drawing markers
  // (drawing at that scale is the scale issue's work).
  const rows = ['id,date,lat,lon,weapon'];
  for (let n = 0; n < 150000; n++) rows.push(`R${n},2021-01-01,${n < 3 ? '33.3' : ''},44.4,rocket`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route('**/big.csv', (r) => r.fulfill({ body: rows.join('\n'), contentType: 'text/csv' }));
  await recordLoadingTexts(page);
  const app = new MapPage(page);
  await app.open(server.url + '?data=big.csv');
  assert.deepEqual(await app.state(), { state: 'ready', total: '3', visible: '3' });
  const seen = await page.evaluate(() => window.__seen);
  const steps = seen.filter((t) => /^Reading incidents… \d+% · [\d,]+ rows$/.test(t));
  assert.ok(steps.length >= 2, `progress was shown in steps: ${JSON.stringify(seen)}`);
  assert.match(await page.getByRole('alert').innerText(), /149,997 of 150,000 rows skipped/);
  await page.close();
});
