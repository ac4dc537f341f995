// The timeline in Arabic: time runs right to left (the earliest day at the right), the brush and its handles
// follow the pointer and the arrows the way they point, and every number on it is in the reader's digits.
// (The English timeline is tested in explore.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, MapPage } from './browser.mjs';
import { serveDist } from './server.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(query) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const app = new MapPage(page);
  await app.open(server.url + query);
  return app;
}
const param = (page, key) => page.evaluate((k) => new URLSearchParams(location.search).get(k), key);
const nextDay = (iso) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
const centre = async (locator) => { const b = await locator.boundingBox(); return b.x + b.width / 2; };
/** A mouse drag across the timeline's chart, between two fractions of its width from the left. */
async function brush(page, a, b) {
  const box = await page.locator('.timeline svg').first().boundingBox();
  await page.mouse.move(box.x + box.width * a, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * b, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  return [await param(page, 'from'), await param(page, 'to')];
}

test('in Arabic the timeline runs right to left, with mirrored handles and Arabic-Indic digits', async () => {
  const app = await open('?lang=ar&digits=arabic');
  const { page } = app;
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');

  // The axis: years in Arabic-Indic digits, earliest at the right.
  const labels = page.locator('.timeline-axis .tick-label');
  const texts = await labels.allInnerTexts();
  assert.ok(texts.length >= 2, texts.join(' '));
  assert.ok(texts.every((t) => !/[0-9]/.test(t) && /[\u0660-\u0669]/.test(t)), texts.join(' '));
  const xs = [];
  for (let i = 0; i < texts.length; i += 1) xs.push(await centre(labels.nth(i)));
  assert.ok(xs.every((x, i) => i === 0 || x < xs[i - 1]), `later marks further left: ${xs}`);

  // A drag from right to left selects forwards in time.
  const [from, to] = await brush(page, 0.75, 0.55);
  assert.match(from ?? '', /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(from < to, `${from} < ${to}`);
  const caption = await page.locator('.range-label').innerText();
  assert.ok(!/[0-9]/.test(caption) && /[\u0660-\u0669]/.test(caption), caption);

  // The start handle is the right one; ArrowLeft moves it left, which is later.
  const start = page.locator('.brush-handle[data-end="from"]');
  const end = page.locator('.brush-handle[data-end="to"]');
  assert.equal(await start.getAttribute('aria-label'), 'بداية المدة الزمنية');
  assert.ok((await centre(start)) > (await centre(end)));
  const was = await centre(start);
  await start.focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((f) => new URLSearchParams(location.search).get('from') !== f, from);
  assert.equal(await param(page, 'from'), nextDay(from));
  assert.ok((await centre(start)) < was);

  // The legend and the filter panel speak Arabic too.
  assert.equal(await page.locator('.legend-title').evaluate((h) => h.firstChild.textContent), 'السلاح');
  assert.match(await page.locator('.filters').innerText(), /مسح كل عوامل التصفية/);
  assert.deepEqual(app.consoleErrors, []);
  await page.close();
});

test('in English the timeline still runs left to right', async () => {
  const app = await open('?lang=en');
  const { page } = app;
  const [from, to] = await brush(page, 0.55, 0.75);
  assert.ok(from < to, `${from} < ${to}`);
  const start = page.locator('.brush-handle[data-end="from"]');
  assert.ok((await centre(start)) < (await centre(page.locator('.brush-handle[data-end="to"]'))));
  await start.focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((f) => new URLSearchParams(location.search).get('from') !== f, from);
  assert.ok((await param(page, 'from')) < from, 'ArrowLeft is earlier');
  assert.equal(await page.locator('.timeline').getAttribute('aria-label'), 'Timeline');
  assert.deepEqual(app.consoleErrors, []);
  await page.close();
});
