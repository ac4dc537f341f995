// Takes screenshots of the release build: `node tests/e2e/screenshot.mjs [out-dir] [query]`.
import { launch, MapPage } from './browser.mjs';
import { serveDist } from './server.mjs';

const out = process.argv[2] ?? 'target/screenshots';
const query = process.argv[3] ?? '';
const server = await serveDist();
const browser = await launch();
const { mkdirSync } = await import('node:fs');
mkdirSync(out, { recursive: true });
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 780 }]]) {
  const page = await browser.newPage({ viewport });
  const app = new MapPage(page);
  await app.open(server.url + query);
  await page.waitForSelector('.map[data-basemap]');
  await page.screenshot({ path: `${out}/${name}.png` });
  const first = app.markers().first();
  if (await first.count()) {
    await first.click({ force: true });
    await page.screenshot({ path: `${out}/${name}-detail.png` });
  }
  console.log(name, await app.state(), app.consoleErrors);
}
await browser.close();
await server.close();
