// Debian's Chromium through playwright-core: no browser download, no network beyond loopback.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** The app as a page object: what a reader sees and does, by role and label. */
export class MapPage {
  constructor(page) {
    this.page = page;
    this.consoleErrors = [];
    this.requests = [];
    page.on('console', (m) => { if (m.type() === 'error') this.consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
    page.on('request', (r) => this.requests.push(r.url()));
  }
  async open(url) {
    await this.page.goto(url);
    await this.page.waitForFunction(() => document.documentElement.dataset.state !== 'loading', null, { timeout: 30000 });
  }
  /** The `<html>` contract: data-state, data-total, data-visible. */
  state() {
    return this.page.evaluate(() => { const { state, total, visible } = document.documentElement.dataset; return { state, total, visible }; });
  }
  markers() { return this.page.locator('path.incident-marker'); }
  detail() { return this.page.getByRole('complementary'); }
}
