// Takes screenshots of the release build: `node tests/e2e/screenshot.mjs [out-dir] [query]`.
// The full app: desktop and phone, light and dark, and each with an incident's detail open. An embed
// (a query with embed=1): 360, 640 and 1000 px wide, light and dark, the whole page.
import { mkdirSync } from 'node:fs';
import { launch, MapPage } from './browser.mjs';
import { serveDist } from './server.mjs';

const out = process.argv[2] ?? 'target/screenshots';
const query = process.argv[3] ?? '';
const embed = /[?&]embed=1/.test(query);
const sizes = embed
  ? [['embed-360', { width: 360, height: 900 }], ['embed-640', { width: 640, height: 900 }], ['embed-1000', { width: 1000, height: 900 }]]
  : [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 780 }]];
const server = await serveDist();
const browser = await launch();
mkdirSync(out, { recursive: true });
for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of sizes) {
    const page = await browser.newPage({ viewport, colorScheme: scheme });
    const app = new MapPage(page);
    await app.open(server.url + query);
    await page.waitForSelector('.map[data-basemap]');
    const file = `${out}/${name}-${scheme}`;
    await page.screenshot({ path: `${file}.png`, fullPage: embed });
    const first = app.markers().first();
    // The first mark's detail, when that mark is in view.
    if (!embed && (await first.count()) && (await first.click({ force: true, timeout: 3000 }).then(() => true, () => false))) {
      await page.screenshot({ path: `${file}-detail.png` });
    }
    console.log(file, await app.state(), app.consoleErrors);
    await page.close();
  }
}
await browser.close();
await server.close();
