#!/usr/bin/env node
// The scale benchmark (bench/README.md): the app against a plain-Leaflet baseline on synthetic data.
//
//   make bench                                      # sizes 10,000, 100,000, 1,000,000; dist/ built first
//   BENCH_SIZES=10000,100000 node bench/run.mjs     # other sizes
//   BENCH_DIST=/tmp/bench-dist node bench/run.mjs   # another build of the app
//   BENCH_TIMEOUT_MS=180000                         # per case (one size × one target)
//   BENCH_TARGETS=leaflet-cluster,leaflet-canvas    # a subset of app, leaflet-cluster, leaflet-canvas
//
// Writes the table to stdout and to bench/results.md. Data files are cached in target/bench/data/.
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, copyFileSync, writeFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { launch, CHROMIUM } from '../tests/e2e/browser.mjs';
import { CSP } from '../tests/e2e/server.mjs';
import { generate } from '../tools/synth/generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const SIZES = (env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map((s) => s.trim().replace(/_/g, '')).filter(Boolean).map(Number);
if (!SIZES.length || SIZES.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error(`BENCH_SIZES must be a comma list of positive whole numbers, got "${env.BENCH_SIZES}"`);
  process.exit(2);
}
const DIST = resolve(ROOT, env.BENCH_DIST ?? 'dist');
const TIMEOUT = Number(env.BENCH_TIMEOUT_MS ?? 180000);
const SEED = 1;
const ALL_TARGETS = ['app', 'leaflet-cluster', 'leaflet-canvas'];
const TARGETS = (env.BENCH_TARGETS ?? ALL_TARGETS.join(',')).split(',').map((s) => s.trim()).filter((t) => ALL_TARGETS.includes(t));
const VIEWPORT = { width: 1280, height: 800 };
const WORK = resolve(ROOT, 'target/bench');
const RESULTS = resolve(ROOT, 'bench/results.md');

/** The filter changes, applied in this order after the load (which has no filter); the last one clears them. */
const FILTERS = [
  'weapon=drone',
  'weapon=rocket,drone',
  'from=2021-01-01&to=2021-12-31',
  'from=2024-03-01&to=2024-03-31',
  'weapon=rocket&from=2024-01-01',
  'weapon=mortar,ied,rpg&to=2020-06-30',
  '',
];
/** The parameters the filter URLs set (and a filter step replaces). */
const FILTER_KEYS = ['from', 'to', 'weapon'];

// ---------------------------------------------------------------------------------------------- data

/** The cache key: the generator and its inputs, so a changed generator never reuses stale files. */
function dataKey() {
  const h = createHash('sha256');
  for (const f of ['tools/synth/generate.mjs', 'assets/data/sites.json', 'assets/basemap/region.geojson']) {
    h.update(readFileSync(resolve(ROOT, f)));
  }
  return h.digest('hex').slice(0, 10);
}

async function dataFile(dir, count) {
  const file = join(dir, `synthetic-${count}.csv`);
  if (existsSync(file)) return { file, reused: true };
  const part = `${file}.part-${process.pid}`;
  await generate({ count, seed: SEED, format: 'csv', out: part });
  renameSync(part, file);
  return { file, reused: false };
}

function parseFilter(search) {
  const q = new URLSearchParams(search);
  const day = (k) => (/^\d{4}-\d{2}-\d{2}$/.test(q.get(k) ?? '') ? Number(q.get(k).replaceAll('-', '')) : null);
  let from = day('from'), to = day('to');
  if (from != null && to != null && from > to) [from, to] = [to, from];
  const weapons = (q.get('weapon') ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  return { from, to, weapons: weapons.length ? new Set(weapons) : null };
}

/** What each filter URL must leave visible, counted here from the file (the synthetic CSV has day dates). */
async function expectedCounts(file) {
  const filters = FILTERS.map(parseFilter);
  const counts = FILTERS.map(() => 0);
  let total = 0, cDate, cWeapon;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) { const h = line.split(','); cDate = h.indexOf('date'); cWeapon = h.indexOf('weapon'); header = false; continue; }
    if (!line) continue;
    const r = line.split(',');
    const d = Number(r[cDate].replaceAll('-', ''));
    total++;
    for (let i = 0; i < filters.length; i++) {
      const f = filters[i];
      if ((f.from == null || d >= f.from) && (f.to == null || d <= f.to) && (!f.weapons || f.weapons.has(r[cWeapon]))) counts[i]++;
    }
  }
  return { total, visible: counts };
}

// --------------------------------------------------------------------------------------------- server

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.csv': 'text/csv; charset=utf-8',
};

/** One loopback server: `/bench/` the baseline page and its vendored scripts, `/bench-data/` the data, else dist. */
function serve(mounts) {
  const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store' };
  const server = createServer((req, res) => {
    let path;
    try { path = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    if (path === '/favicon.ico') { res.writeHead(204, headers).end(); return; }
    const [prefix, root] = mounts.find(([p]) => path.startsWith(p));
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) { res.writeHead(403, headers).end(); return; }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const { size } = statSync(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size });
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => { server.closeAllConnections?.(); return new Promise((c) => server.close(c)); },
  })));
}

function prepareBenchPages(www) {
  rmSync(www, { recursive: true, force: true });
  mkdirSync(join(www, 'vendor'), { recursive: true });
  for (const f of ['plain-leaflet.html', 'plain-leaflet.js']) copyFileSync(resolve(ROOT, 'bench', f), join(www, f));
  const nm = resolve(ROOT, 'node_modules');
  const vendor = [['leaflet/dist/leaflet.js'], ['leaflet/dist/leaflet.css'],
    ['leaflet.markercluster/dist/leaflet.markercluster.js'], ['leaflet.markercluster/dist/MarkerCluster.css'],
    ['leaflet.markercluster/dist/MarkerCluster.Default.css']];
  for (const [f] of vendor) {
    const src = join(nm, f);
    if (!existsSync(src)) throw new Error(`${src} is missing: run \`make setup\` (npm ci) first`);
    copyFileSync(src, join(www, 'vendor', f.split('/').pop()));
  }
}

// -------------------------------------------------------------------------------------------- browser

/** Installed before any page script: the page's own clock when <html data-state> leaves `loading`. */
const OBSERVER = () => {
  const b = (window.__bench = { state: null, ready: null, painted: null, log: [], wasm: null });
  // Trunk's loader announces the wasm instance; its linear memory is where the app keeps its data.
  addEventListener('TrunkApplicationStarted', (e) => { b.wasm = e.detail?.wasm ?? null; });
  new MutationObserver(() => {
    const el = document.documentElement;
    if (!el) return;
    const s = el.getAttribute('data-state');
    b.log.push([s, el.getAttribute('data-total'), el.getAttribute('data-visible'), performance.now()]);
    if (b.state === null && (s === 'ready' || s === 'error')) {
      b.state = s;
      b.ready = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { b.painted = performance.now(); }));
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-state'] });
};

/** In the page: push a filter URL, fire popstate, wait for data-visible to change (or two frames when it
 *  can't), then for two frames; the page's own clock. */
const FILTER_STEP = async ({ search, prev, canChange, keys }) => {
  const el = document.documentElement;
  const keep = location.search.slice(1).split('&').filter((p) => p && !keys.includes(p.split('=')[0]));
  const query = [...keep, ...(search ? [search] : [])].join('&');
  const url = location.pathname + (query ? `?${query}` : '') + location.hash;
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
  const t0 = performance.now();
  history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate', { state: null }));
  if (canChange && el.getAttribute('data-visible') === prev) {
    await new Promise((ok) => {
      const mo = new MutationObserver(() => { if (el.getAttribute('data-visible') !== prev) { mo.disconnect(); ok(); } });
      mo.observe(el, { attributes: true, attributeFilter: ['data-visible'] });
    });
  }
  await frame();
  await frame();
  return { ms: performance.now() - t0, visible: el.getAttribute('data-visible'), state: el.getAttribute('data-state') };
};

class CaseFailure extends Error {
  constructor(kind, message) { super(message); this.kind = kind; }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, fail) => { timer = setTimeout(() => fail(new CaseFailure('timeout', `${what}: no answer in ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

let browser = null;
async function getBrowser() {
  if (!browser || !browser.isConnected()) browser = await launch();
  return browser;
}
async function dropBrowser() {
  const b = browser;
  browser = null;
  if (b) await withTimeout(b.close(), 20000, 'closing the browser').catch(() => {});
}

/**
 * One case: a fresh page, load, heap, the filter changes. Never throws: a timeout, a crash or an error page
 * is recorded in `result.failure` with whatever was measured before it.
 */
async function runCase({ size, target, url, expected }) {
  const result = { size, target, url, load: null, paint: null, total: null, visibleAtLoad: null, heapMB: null,
    wasmMB: null, filters: [], failure: null, notes: [] };
  const b = await getBrowser();
  const context = await b.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  let onCrash;
  const crashed = new Promise((_, fail) => { onCrash = () => fail(new CaseFailure('crash', 'the page crashed (out of memory?)')); });
  page.on('crash', onCrash);
  b.once('disconnected', onCrash);
  crashed.catch(() => {});
  const started = Date.now();
  const left = () => Math.max(1, TIMEOUT - (Date.now() - started));
  const guard = (p, what) => Promise.race([withTimeout(p, left(), what), crashed]);

  try {
    await page.addInitScript(OBSERVER);
    await guard(page.goto(url, { waitUntil: 'commit', timeout: 0 }), 'navigation');
    await guard(page.waitForFunction(() => window.__bench && (window.__bench.painted !== null || window.__bench.state === 'error'),
      null, { timeout: 0, polling: 250 }), 'load');
    const bench = await guard(page.evaluate(() => ({ ...window.__bench, log: undefined, wasm: undefined,
      wasmBytes: window.__bench.wasm?.memory?.buffer?.byteLength ?? null,
      total: document.documentElement.getAttribute('data-total'), visible: document.documentElement.getAttribute('data-visible') })), 'load');
    if (bench.state === 'error') throw new CaseFailure('error', `data-state=error${errors.length ? `: ${errors[0]}` : ''}`);
    result.load = bench.ready;
    result.paint = bench.painted - bench.ready;
    result.total = Number(bench.total);
    result.visibleAtLoad = Number(bench.visible);

    const cdp = await guard(context.newCDPSession(page), 'CDP');
    await guard(cdp.send('HeapProfiler.collectGarbage'), 'garbage collection');
    const heap = await guard(cdp.send('Runtime.getHeapUsage'), 'heap usage');
    result.heapMB = heap.usedSize / 1048576;
    if (bench.wasmBytes != null) result.wasmMB = bench.wasmBytes / 1048576;
    await cdp.detach().catch(() => {});

    let prev = bench.visible;
    for (const [i, search] of FILTERS.entries()) {
      // When the expected count equals the current one, data-visible can't change: wait two frames only.
      const canChange = expected.visible[i] !== Number(prev);
      const step = await guard(page.evaluate(FILTER_STEP, { search, prev, canChange, keys: FILTER_KEYS }), `filter ${search || '(none)'}`);
      if (step.state === 'error') throw new CaseFailure('error', `data-state=error after filter ${search}`);
      result.filters.push({ search, ms: step.ms, visible: Number(step.visible) });
      prev = step.visible;
    }
    // Wasm memory never shrinks: its size after the filter changes is the most it grew to in the whole case.
    const after = await guard(page.evaluate(() => window.__bench.wasm?.memory?.buffer?.byteLength ?? null), 'wasm memory');
    if (after != null) result.wasmMB = Math.max(result.wasmMB ?? 0, after / 1048576);
  } catch (e) {
    result.failure = e instanceof CaseFailure ? { kind: e.kind, message: e.message } : { kind: 'error', message: String(e.message ?? e).split('\n')[0] };
  } finally {
    page.off('crash', onCrash);
    b.off('disconnected', onCrash);
    // A page stuck in a long task may not close quickly: then the whole browser goes, and the next case
    // gets a new one.
    try {
      await withTimeout(context.close(), 20000, 'closing the page');
    } catch {
      await dropBrowser();
    }
    if (result.failure?.kind === 'crash') await dropBrowser();
  }
  if (errors.length) result.notes.push(`${errors.length} console error(s), first: ${errors[0].slice(0, 200)}`);
  return result;
}

// -------------------------------------------------------------------------------------------- report

const fmt = (x, digits = 0) => (x == null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const sum = (a, b) => (a == null || b == null ? null : a + b);
// Two significant digits below 1 (0.04×, not 0.0×), one decimal up to 10, none above.
const ratio = (a, b) => (a == null || b == null || b === 0 ? '—' : `${(a / b).toFixed(a / b >= 10 ? 0 : a / b >= 1 ? 1 : 2)}×`);

function cell(r, value, digits) {
  if (value != null) return fmt(value, digits);
  return r.failure ? `**${r.failure.kind}**` : '—';
}

function filterMedian(r) {
  return r.filters.length === FILTERS.length ? median(r.filters.map((f) => f.ms)) : null;
}

function table(results) {
  const rows = ['| size | target | load ms | ready→painted ms | filter median ms | JS heap MB | wasm memory MB (peak) | app ÷ leaflet-cluster | app ÷ leaflet-canvas |',
    '|---:|---|---:|---:|---:|---:|---:|---|---|'];
  for (const size of SIZES) {
    const of = (t) => results.find((r) => r.size === size && r.target === t);
    const app = of('app');
    for (const t of TARGETS) {
      const r = of(t);
      if (!r) continue;
      const fm = filterMedian(r);
      const vs = (base) => (t !== 'app' || !base ? '' : [
        // Load to first paint: a baseline that is "ready" before it has drawn (canvas) is not let off its drawing.
        `load+paint ${ratio(sum(app.load, app.paint), sum(base.load, base.paint))}`, `filter ${ratio(fm, filterMedian(base))}`,
        // Without the app's wasm memory its data would be left out: no figure rather than a flattering one.
        `memory ${ratio(app.heapMB == null || app.wasmMB == null ? null : app.heapMB + app.wasmMB, base.heapMB)}`,
      ].join(' · '));
      const filterCell = fm != null ? fmt(fm) : r.failure ? `**${r.failure.kind}**${r.filters.length ? ` (${r.filters.length}/${FILTERS.length} done)` : ''}` : '—';
      rows.push(`| ${fmt(size)} | ${t} | ${cell(r, r.load)} | ${cell(r, r.paint)} | ${filterCell} | ${cell(r, r.heapMB, 1)} | ${r.wasmMB == null ? '—' : fmt(r.wasmMB, 1)} | ${vs(of('leaflet-cluster'))} | ${vs(of('leaflet-canvas'))} |`);
    }
  }
  return rows.join('\n');
}

/** Checks that every target saw the same data and the same selections, and that they are the right ones. */
function agreement(size, expected, results) {
  const lines = [];
  const done = results.filter((r) => r.size === size && r.total != null);
  for (const r of done) {
    if (r.total !== expected.total) lines.push(`WARNING ${fmt(size)}: ${r.target} data-total=${r.total}, the file has ${expected.total}`);
    if (r.visibleAtLoad !== expected.total) lines.push(`WARNING ${fmt(size)}: ${r.target} data-visible=${r.visibleAtLoad} with no filter, expected ${expected.total}`);
  }
  for (const [i, search] of FILTERS.entries()) {
    const seen = done.filter((r) => r.filters[i]).map((r) => [r.target, r.filters[i].visible]);
    const values = new Set(seen.map(([, v]) => v));
    if (values.size > 1) lines.push(`WARNING ${fmt(size)}: the targets disagree on data-visible for "${search || '(no filter)'}": ${seen.map(([t, v]) => `${t}=${v}`).join(', ')}`);
    for (const [t, v] of seen) {
      if (v !== expected.visible[i]) lines.push(`WARNING ${fmt(size)}: ${t} data-visible=${v} for "${search || '(no filter)'}", the file has ${expected.visible[i]}`);
    }
  }
  const missing = results.filter((r) => r.size === size && r.filters.length < FILTERS.length).map((r) => r.target);
  const checked = TARGETS.filter((t) => !missing.includes(t));
  const summary = lines.length ? `${fmt(size)}: ${lines.length} disagreement(s)`
    : !checked.length ? `${fmt(size)}: not compared, no target finished (${missing.join(', ')})`
    : `${fmt(size)}: ${checked.join(', ')} agree${checked.length === 1 ? 's' : ''} with the file on data-total (${fmt(expected.total)}) and data-visible for all ${FILTERS.length} filters` +
      (missing.length ? `; not compared (failed): ${missing.join(', ')}` : '');
  return { lines, summary };
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error(`${DIST}/index.html is missing: run \`make dist\` first, or set BENCH_DIST`);
    process.exit(2);
  }
  const dataDir = join(WORK, 'data', `seed${SEED}-${dataKey()}`);
  const www = join(WORK, 'www');
  mkdirSync(dataDir, { recursive: true });
  prepareBenchPages(www);

  const datasets = new Map();
  for (const size of SIZES) {
    const t = Date.now();
    const { file, reused } = await dataFile(dataDir, size);
    const expected = await expectedCounts(file);
    datasets.set(size, { file, expected, name: file.split('/').pop() });
    console.log(`data ${fmt(size)} rows: ${reused ? 'reused' : 'generated'} ${file} (${fmt(statSync(file).size / 1048576, 1)} MB, ${Date.now() - t} ms)`);
  }

  const server = await serve([['/bench/', www], ['/bench-data/', dataDir], ['/', DIST]]);
  const chromiumVersion = (await getBrowser()).version();
  console.log(`serving ${DIST} and the bench pages on ${server.url}; Chromium ${chromiumVersion}; timeout ${TIMEOUT} ms per case`);

  const results = [];
  const warnings = [];
  const agreements = [];
  for (const size of SIZES) {
    const { name, expected } = datasets.get(size);
    const data = `/bench-data/${name}`;
    const urls = {
      app: `${server.url}/?data=${data}`,
      'leaflet-cluster': `${server.url}/bench/plain-leaflet.html?data=${data}&mode=cluster`,
      'leaflet-canvas': `${server.url}/bench/plain-leaflet.html?data=${data}&mode=canvas`,
    };
    for (const target of TARGETS) {
      const t = Date.now();
      const r = await runCase({ size, target, url: urls[target], expected });
      results.push(r);
      const fm = filterMedian(r);
      console.log(`${fmt(size).padStart(9)} ${target.padEnd(15)} load ${fmt(r.load).padStart(7)} ms  paint ${fmt(r.paint).padStart(6)} ms  ` +
        `filter median ${fm == null ? '—' : fmt(fm)} ms  heap ${fmt(r.heapMB, 1)} MB` +
        (r.failure ? `  ${r.failure.kind.toUpperCase()}: ${r.failure.message}` : '') + `  (${((Date.now() - t) / 1000).toFixed(0)} s)`);
      for (const n of r.notes) console.log(`          note: ${n}`);
    }
    const a = agreement(size, expected, results);
    for (const l of a.lines) console.log(l);
    console.log(`check ${a.summary}`);
    warnings.push(...a.lines);
    agreements.push(a.summary);
  }
  await server.close();
  await dropBrowser();

  const md = table(results);
  const cpus = os.cpus();
  const command = [
    ...['BENCH_SIZES', 'BENCH_DIST', 'BENCH_TIMEOUT_MS', 'BENCH_TARGETS'].filter((k) => env[k] !== undefined).map((k) => `${k}=${env[k]}`),
    'node', 'bench/run.mjs', ...process.argv.slice(2),
  ].join(' ');
  const details = results.map((r) => `| ${fmt(r.size)} | ${r.target} | ${r.filters.map((f) => `${fmt(f.ms)} (${fmt(f.visible)})`).join(' · ') || '—'} |`);
  const report = `# Benchmark results

Generated by \`bench/run.mjs\` (see bench/README.md); every number below was measured by that run. Do not edit by hand.

- Date: ${new Date().toISOString()}
- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GB RAM, ${os.type()} ${os.release()}
- Browser: Chromium ${chromiumVersion} (${CHROMIUM}), headless, viewport ${VIEWPORT.width}×${VIEWPORT.height}
- Node ${process.version}
- App build: \`${DIST}\`
- Data: synthetic CSV (tools/synth/generate.mjs, seed ${SEED}) — not real events
- Command: \`${command}\` (from \`make bench\` when run through make)
- Timeout per case: ${TIMEOUT} ms

${md}

load ms: navigation start to \`<html data-state="ready">\`, on the page's clock. ready→painted: two animation
frames after that. Filter median: the median of the ${FILTERS.length} filter changes below (pushState + popstate
until \`data-visible\` changes, then two frames). JS heap: \`Runtime.getHeapUsage\` usedSize after a forced GC,
after the load. wasm memory: the size of the app's WebAssembly memory (where its data lives; not part of the JS
heap) — read after the load and again after the filter changes, the larger; wasm memory never shrinks, so this is the most it
grew to, the file's text while it was read included.
Ratios are app ÷ baseline; \`load+paint\` compares load plus ready→painted (a canvas baseline is "ready" before it
has drawn); \`memory\` compares the app's JS heap + wasm memory with the baseline's JS heap (no figure when the
wasm size is missing); above 1× the app is slower or larger than plain Leaflet. **timeout**/**crash**/**error**: the case did not finish.

## Agreement

${agreements.map((a) => `- ${a}`).join('\n')}
${warnings.length ? `\n${warnings.map((w) => `- ${w}`).join('\n')}\n` : ''}
## Each filter change (ms, and data-visible)

Filters in order: ${FILTERS.map((f) => `\`${f || '(none)'}\``).join(', ')}.

| size | target | ms (visible) |
|---:|---|---|
${details.join('\n')}
${results.some((r) => r.failure) ? `\n## Failures\n\n${results.filter((r) => r.failure).map((r) => `- ${fmt(r.size)} ${r.target}: ${r.failure.kind} — ${r.failure.message}`).join('\n')}\n` : ''}`;
  writeFileSync(RESULTS, report);
  console.log(`\n${md}\n`);
  console.log(`wrote ${RESULTS}`);
}

await main();
