// Robustness and security (issue 7): a server that misbehaves on purpose, data full of XSS payloads, and URL
// parameters full of garbage. Every time the page reaches a readable state, and nothing from the data or the
// URL runs or becomes an element.
//
// This server sends no Content-Security-Policy (every other e2e file runs under the strict one): the policy
// would block an injected inline script or handler, and then the sentinel below could not see it. Here only the
// app's own rendering stands between a payload and the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist, DIST } from './server.mjs';

const BUNDLED_TEXT = readFileSync(`${DIST}/data/incidents.geojson`);
const BUNDLED = JSON.parse(BUNDLED_TEXT).features.length;
const fixture = (name) => readFileSync(new URL(`../fixtures/hostile/${name}`, import.meta.url));
const HOSTILE = JSON.parse(fixture('hostile.geojson'));
const PROPS = HOSTILE.features.map((f) => f.properties);
/** The fields of the data set's schema that the fixture fills; it has others, shown as extra fields. */
const SCHEMA = ['id', 'kind', 'date', 'site_id', 'site', 'country', 'weapon', 'weapon_detail', 'launched', 'intercepted', 'intercepted_by',
  'killed', 'casualty_detail', 'damage', 'claimed_by', 'attributed_to', 'status', 'summary', 'sources', 'reports'];

/** Answers that hold their request open for ever: ended when the server closes. */
const held = new Set();

/** A route that misbehaves on its first request and answers the bundled data on every later one — after 300
 *  ms, so the test sees the page say it is loading again. */
function firstFails(misbehave) {
  let asked = 0;
  return (req, res, headers) => {
    if (asked++ === 0) { misbehave(res, headers); return; }
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/geo+json', ...headers }).end(BUNDLED_TEXT), 300);
  };
}
const plain = (status) => (res, headers) => res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end('no');
/** The announced length, half the body, then the connection closes (or, `stall`, stays open with nothing more). */
const half = (body, type, { stall = false } = {}) => (res, headers) => {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, ...headers });
  res.write(body.subarray(0, body.length >> 1));
  if (stall) held.add(res);
  else setTimeout(() => res.socket.destroy(), 300);
};
const page = (html) => (res, headers) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(html);
const PORTAL = '<!doctype html><html><head><title>Sign in to the Wi-Fi</title></head><body><form>…</form></body></html>';
const SPA = '\n  <!DOCTYPE html>\n<html><body><div id="root"></div><script src="/app.js"></script></body></html>';
const CSV = Buffer.from(['id,date,lat,lon'].concat(Array.from({ length: 3000 }, (_, n) => `N${n},2021-01-01,33.3,44.4`)).join('\n'));

/** Each fault: its path, what the server does the first time, what the alert must say, and whether it needs the
 *  clock moved on (the app waits 30 s of silence before it gives up). */
const FAULTS = [
  { name: '404', path: 'net/missing.geojson', first: plain(404), says: /net\/missing\.geojson answered HTTP 404 Not Found/ },
  { name: '500', path: 'net/broken.geojson', first: plain(500), says: /net\/broken\.geojson answered HTTP 500 Internal Server Error/ },
  { name: 'body cut short', path: 'net/cut.geojson', first: half(BUNDLED_TEXT, 'application/geo+json'),
    says: /The download of net\/cut\.geojson was cut short after [\d.]+ KB; [\d.]+ KB were announced/ },
  { name: 'CSV cut short while it is read', path: 'net/cut.csv', first: half(CSV, 'text/csv'),
    says: /The download of net\/cut\.csv was cut short( after [\d.]+ KB)?; [\d.]+ KB were announced/ },
  { name: 'a sign-in page instead of data', path: 'net/portal.geojson', first: page(PORTAL),
    says: /net\/portal\.geojson answered with a web page \(HTML\), not data/ },
  { name: 'an app\'s page for any path, as CSV', path: 'net/spa.csv', first: page(SPA),
    says: /net\/spa\.csv answered with a web page \(HTML\), not data/ },
  { name: 'a download announced too large', path: 'net/huge.geojson',
    first: (res, headers) => { res.writeHead(200, { 'content-type': 'application/geo+json', 'content-length': 300 * 1048576, ...headers }); res.write('{'); held.add(res); },
    says: /net\/huge\.geojson is 300 MB; data sets up to 200 MB can be loaded/ },
  { name: 'no answer at all', path: 'net/never.geojson', first: (res) => held.add(res), silent: true,
    says: /net\/never\.geojson did not answer within 30 seconds/ },
  { name: 'a download that stops', path: 'net/stall.geojson', first: half(BUNDLED_TEXT, 'application/geo+json', { stall: true }),
    silent: true, says: /net\/stall\.geojson stopped sending: nothing came for 30 seconds after [\d.]+ KB/ },
];

let server, browser;
before(async () => {
  const routes = Object.fromEntries(FAULTS.map((f) => [f.path, firstFails(f.first)]));
  routes['hostile.geojson'] = (req, res) => res.writeHead(200, { 'content-type': 'application/geo+json' }).end(fixture('hostile.geojson'));
  routes['hostile.csv'] = (req, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(fixture('hostile.csv'));
  server = await serveDist({ headers: {}, routes });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const res of held) res.socket?.destroy();
  await server?.close();
});

/** Requests the browser itself reports as failed (a 404, a connection cut): expected here, not the app's. */
const appErrors = (app) => app.consoleErrors.filter((e) => !/Failed to load resource|net::ERR_/.test(e));

for (const fault of FAULTS) {
  test(`${fault.name}: the error names the URL and the cause, and Retry loads the data`, async () => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const app = new MapPage(p);
    const state = () => p.evaluate(() => document.documentElement.dataset.state);
    if (fault.silent) {
      // 30 s of silence pass in a moment: the page's timers run on a clock the test moves on.
      await p.clock.install();
      await p.goto(server.url + '?data=' + fault.path);
      for (let n = 0; n < 20 && (await state()) !== 'error'; n++) {
        await p.clock.fastForward(5000);
        await p.waitForTimeout(100);
      }
    } else {
      await app.open(server.url + '?data=' + fault.path);
    }
    assert.equal(await state(), 'error');
    const banner = p.getByRole('alert').filter({ hasText: 'The incidents could not be loaded.' });
    assert.match(await banner.innerText(), fault.says);
    await banner.getByRole('button', { name: 'Retry' }).click();
    // The retry shows that it is loading (the route waits 300 ms), then the data.
    await p.waitForFunction(() => document.documentElement.dataset.state === 'loading', null, { timeout: 5000 });
    assert.equal(await p.getByRole('status').filter({ hasText: 'Loading incidents' }).count(), 1);
    await p.waitForFunction(() => document.documentElement.dataset.state !== 'loading', null, { timeout: 30000 });
    assert.deepEqual(await app.state(), { state: 'ready', total: String(BUNDLED), visible: String(BUNDLED) });
    assert.equal(await banner.count(), 0, 'the error is gone');
    assert.deepEqual(appErrors(app), []);
    await p.close();
  });
}

/** Replaces alert, confirm, prompt and print by counters, and records every element or attribute a payload
 *  could have made (a script, a frame, an event handler, a javascript: link…) as soon as it appears. */
async function watched() {
  const p = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await p.addInitScript(() => {
    window.__ran = [];
    for (const f of ['alert', 'confirm', 'prompt', 'print']) window[f] = (...a) => { window.__ran.push(`${f}(${a.join()})`); };
    window.__made = [];
    const URLS = /^(href|src|data|action|formaction|xlink:href|srcdoc|background|poster)$/i;
    window.__suspicious = (el) => {
      const found = [];
      const tag = el.tagName.toLowerCase();
      if (el !== document.body && el.closest('body') && ['script', 'iframe', 'frame', 'object', 'embed', 'math', 'mglyph', 'base', 'body', 'style', 'link', 'meta'].includes(tag)) {
        found.push(`<${tag}> in the body`);
      }
      if (tag === 'img' && !/^(https?:|blob:|data:image\/)/.test(el.getAttribute('src') ?? '')) found.push(`<img src="${el.getAttribute('src')}">`);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) found.push(`<${tag} ${a.name}>`);
        if (URLS.test(a.name) && /^\W*(javascript|vbscript|data):/i.test(a.value.replace(/[\s\0-\x1f]/g, '')) && tag !== 'img') found.push(`<${tag} ${a.name}="${a.value}">`);
        if (a.name === 'style' && /expression|javascript|url\(/i.test(a.value)) found.push(`<${tag} style="${a.value}">`);
        if (a.name === 'autofocus') found.push(`<${tag} autofocus>`);
      }
      return found;
    };
    const check = (el) => { for (const e of [el, ...el.querySelectorAll('*')]) window.__made.push(...window.__suspicious(e)); };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target.nodeType === 1) window.__made.push(...window.__suspicious(r.target));
        for (const n of r.addedNodes) if (n.nodeType === 1) check(n);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  return new MapPage(p);
}

/** Nothing ran, nothing was made, and every link is http(s), or the app's own; links from the data open apart. */
async function assertHarmless(app) {
  const { page } = app;
  assert.deepEqual(await page.evaluate(() => window.__ran), [], 'no alert, confirm, prompt or print ran');
  assert.deepEqual(await page.evaluate(() => window.__made), [], 'no element or attribute came from a payload');
  // And a last look at the whole page as it is now (an element made before the observer could see it).
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('body *')].flatMap(window.__suspicious)), []);
  const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => ({
    href: a.getAttribute('href'), rel: a.rel, target: a.target, fromData: !!a.closest('.detail, .incident-list, .site-view'),
  })));
  for (const l of links) {
    assert.match(l.href, /^(https?:\/\/|[^:]*$)/i, `http(s) or relative: ${l.href}`);
    if (l.fromData) {
      assert.match(l.href, /^https?:\/\/[^/]/i, `a link from the data is absolute http(s): ${l.href}`);
      assert.equal(l.target, '_blank');
    }
    if (l.target === '_blank') assert.ok(/\bnoopener\b/.test(l.rel) && (!l.fromData || /\bnoreferrer\b/.test(l.rel)), `rel of ${l.href}: ${l.rel}`);
  }
  assert.deepEqual(appErrors(app), []);
}

/** The cells of a CSV text (RFC 4180). */
function csvCells(text) {
  const rows = [[]];
  let cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; }
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) { if (c === '\r') i++; rows.at(-1).push(cell); cell = ''; rows.push([]); }
    else cell += c;
  }
  rows.at(-1).push(cell);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

const download = async (page, name) => {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return readFileSync(await file.path(), 'utf8');
};

test('hostile GeoJSON: every payload is text in the list, detail, tooltip, site view and exports; nothing runs', async () => {
  const app = await watched();
  const { page } = app;
  await app.open(server.url + '?data=hostile.geojson');
  assert.deepEqual(await app.state(), { state: 'ready', total: String(PROPS.length), visible: String(PROPS.length) });

  // The list shows every site as written.
  const sites = await page.locator('table.incident-list tbody td.site').allInnerTexts();
  for (const p of PROPS) assert.ok(sites.includes(p.site), `the list shows the site ${p.site}`);

  // Sources whose URL is not http(s) are shown as text, not as a link, and the report quotes each URL as text.
  const report = page.getByRole('alert').filter({ hasText: 'details' });
  await report.locator('summary').click();
  const reported = await report.innerText();
  assert.match(reported, /"javascript:alert\('url1'\)" is not an http\(s\) link; shown as text, not as a link/);
  assert.match(reported, /"vbscript:msgbox\('url6'\)" is not an http\(s\) link/);
  assert.match(reported, /"data:text\/html,<script>alert\('url5'\)<\/script>" is not an http\(s\) link/);

  // The detail of several incidents: every text as written, links only for http(s).
  const rows = page.locator('table.incident-list tbody tr[data-id]');
  for (const n of [0, 3, 5, 8]) {
    const id = await rows.nth(n).getAttribute('data-id');
    const p = PROPS.find((q) => q.id === id);
    await rows.nth(n).click();
    const detail = page.locator('aside.detail');
    await page.waitForFunction((i) => document.querySelector('aside.detail')?.dataset.id === i, id);
    const text = await detail.innerText();
    for (const value of [p.summary, p.weapon_detail, p.claimed_by, p.attributed_to, p.casualty_detail, p.damage, p.reports[0].says,
      p.sources[0].title, p.sources[1].outlet, p.sources[2].outlet]) {
      assert.ok(text.includes(value), `the detail of ${id} shows ${JSON.stringify(value)} as text`);
    }
    for (const key of Object.keys(p).filter((k) => !SCHEMA.includes(k))) {
      assert.ok(text.includes(`${key}\n${p[key]}`) || text.includes(`${key}\t${p[key]}`), `the extra field ${key}, its name and value as text:\n${text}`);
    }
    const links = await detail.locator('a[href]').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.rel, a.textContent]));
    assert.deepEqual(links, [[p.sources[1].url, 'noopener noreferrer', p.sources[1].title]], 'one link: the http(s) source');
    // The others' addresses, as written, in plain text.
    const addresses = await detail.locator('.address').allTextContents();
    for (const s of p.sources.filter((s) => s.url && !/^https?:\/\//i.test(s.url))) {
      assert.ok(addresses.includes(s.url.trim()), `${id}: the address ${JSON.stringify(s.url)} is shown as text (trimmed, as every text)`);
    }
  }

  // A marker's tooltip names its incident as text.
  const mark = page.locator('path.incident-marker').first();
  const markId = await mark.getAttribute('data-id');
  await mark.hover({ force: true });
  const tip = page.locator('.leaflet-tooltip');
  await tip.waitFor();
  const markSite = PROPS.find((q) => q.id === markId).site;
  assert.ok((await tip.innerText()).includes(markSite), `the tooltip shows ${markSite}`);

  // The legend counts by weapon; the site view names the site as written.
  assert.match(await page.locator('.legend').innerText(), /Rocket/);
  const siteId = PROPS.find((q) => q.site_id).site_id;
  // The sentinel starts afresh with each page load: what this one saw is checked before the next.
  await assertHarmless(app);
  await app.open(server.url + '?data=hostile.geojson&site=' + encodeURIComponent(siteId));
  const siteView = page.locator('.site-view');
  await siteView.waitFor();
  assert.ok((await siteView.innerText()).includes('<svg onload=alert(\'sitename\')>'));
  await assertHarmless(app);
  await app.open(server.url + '?data=hostile.geojson');

  // CSV: every cell a spreadsheet would run as a formula is neutralised; the payloads are still there as text.
  const csv = await download(page, 'Download CSV');
  const cells = csvCells(csv.replace(/^\uFEFF/, ''));
  assert.equal(cells.length, PROPS.length + 1);
  for (const cell of cells.flat()) {
    assert.ok(!/^[=+\-@\t\r]/.test(cell) || /^-?\d+(\.\d+)?$/.test(cell), `a formula cell left as it is: ${cell}`);
  }
  assert.ok(cells.flat().includes("'=HYPERLINK(\"http://evil.example\",\"click\")"));
  assert.ok(cells.flat().some((c) => c.includes('<script>alert(1)</script>')));
  // GeoJSON: every text as it was, source addresses too (kept, trimmed as every text; only http(s) ones are links).
  const exported = JSON.parse(await download(page, 'Download GeoJSON')).features.map((f) => f.properties);
  for (const p of PROPS) {
    const e = exported.find((q) => q.id === p.id);
    assert.equal(e?.summary, p.summary);
    assert.equal(e.site, p.site);
    assert.deepEqual(e.sources.map((s) => s.url).filter(Boolean), p.sources.map((s) => s.url?.trim()).filter(Boolean));
  }
  await assertHarmless(app);
  await page.close();
});

test('hostile CSV: payloads in cells and in a column name stay text', async () => {
  const app = await watched();
  const { page } = app;
  await app.open(server.url + '?data=hostile.csv');
  assert.equal((await app.state()).state, 'ready');
  assert.equal((await app.state()).total, '10');
  const rows = page.locator('table.incident-list tbody tr[data-id]');
  for (const n of [0, 4, 9]) {
    const id = await rows.nth(n).getAttribute('data-id');
    await rows.nth(n).click();
    await page.waitForFunction((i) => document.querySelector('aside.detail')?.dataset.id === i, id);
    const text = await page.locator('aside.detail').innerText();
    assert.match(text, /Invented test row/);
    assert.ok(text.includes("<img src=x onerror=alert('col')>"), 'the column name is a field name, as text');
  }
  await assertHarmless(app);
  await page.close();
});

test('embed with hostile data, title and description: all text', async () => {
  const app = await watched();
  const { page } = app;
  const title = '<img src=x onerror=alert(\'title\')>';
  const desc = '"><svg onload=alert(\'desc\')>';
  await app.open(`${server.url}?embed=1&data=hostile.geojson&title=${encodeURIComponent(title)}&desc=${encodeURIComponent(desc)}`);
  assert.equal((await app.state()).state, 'ready');
  assert.equal(await page.locator('h1').innerText(), title);
  assert.equal(await page.title(), title);
  assert.equal(await page.locator('.desc').innerText(), desc);
  await page.locator('.embed-list summary').click();
  await page.locator('table.incident-list tbody tr[data-id]').first().waitFor();
  await assertHarmless(app);
  await page.close();
});

const PARAMS = ['from', 'to', 'weapon', 'site', 'country', 'kind', 'outcome', 'claimed', 'q', 'id', 'lat', 'lng', 'zoom', 'data', 'theme', 'title', 'desc'];
const GARBAGE = {
  'huge values (100 KB each)': () => 'x'.repeat(100_000),
  // data= gets a scheme, so it is refused (a relative URL with markup is fetched: the test after this loop).
  'markup': (k) => `${k === 'data' ? 'javascript:' : ''}"><img src=x onerror=alert('${k}')><script>alert('${k}')</script>`,
  'control characters': (k) => `${k}\0\x01\n\r\x1b\x7f\u202e`,
};
for (const [kind, value] of Object.entries(GARBAGE)) {
  test(`URL parameters with ${kind}: defaults with notices, never an error page`, async () => {
    const app = await watched();
    const query = PARAMS.map((k) => `${k}=${encodeURIComponent(value(k))}`).join('&');
    await app.open(`${server.url}?${query}`);
    const { state, total } = await app.state();
    assert.equal(state, 'ready');
    assert.equal(total, String(BUNDLED), 'a refused data= falls back to the bundled data');
    const notices = await app.page.getByRole('status').allInnerTexts();
    assert.ok(notices.some((n) => /data/.test(n)), `the data parameter is refused with a notice: ${notices.join('\n')}`);
    assert.ok(notices.length >= 5, `notices: ${notices.join('\n')}`);
    assert.ok(notices.every((n) => n.length < 300), 'a notice quotes a value shortened');
    await assertHarmless(app);
    await app.page.close();
  });
}

test('a relative data= URL with markup is fetched as it is, and the error names it as text', async () => {
  const app = await watched();
  const url = `"><img src=x onerror=alert('data')>.geojson`;
  await app.open(`${server.url}?data=${encodeURIComponent(url)}`);
  assert.equal((await app.state()).state, 'error');
  const banner = app.page.getByRole('alert').filter({ hasText: 'The incidents could not be loaded.' });
  assert.ok((await banner.innerText()).includes(`${url} answered HTTP 404 Not Found`));
  await assertHarmless(app);
  await app.page.close();
});
