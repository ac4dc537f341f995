#!/usr/bin/env node
// Synthetic incidents for benchmarks — NOT real events, never bundled with the app (see README.md).
//
//   node tools/synth/generate.mjs --count 100000 --seed 1 --format csv|geojson --out path
//
// Deterministic: the same seed (and count) gives byte-identical output, and the first N rows of a larger file
// are the rows of the N-row file. Dates 2019-01-01..2026-06-30 in bursts; places at the real sites of
// assets/data/sites.json with a few km of jitter, plus some scattered points inside Iraq and Syria (the
// country outlines of assets/basemap/region.geojson). The output is streamed: 1,000,000 rows take a few
// megabytes of memory, not the size of the file.
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const SUMMARY = 'Synthetic incident for benchmarks — not a real event';
export const CSV_COLUMNS = ['id', 'kind', 'date', 'date_precision', 'weapon', 'launched', 'intercepted', 'killed',
  'wounded', 'site_id', 'site', 'country', 'location_precision', 'status', 'summary', 'lat', 'lon', 'synthetic'];

/** mulberry32: a small, fast, seedable 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86400000;
const START = Date.UTC(2019, 0, 1);
const END = Date.UTC(2026, 5, 30);
const DAYS = Math.round((END - START) / DAY) + 1;

/** The weapon mix (shares of all rows). */
export const WEAPONS = [['rocket', 45], ['drone', 30], ['mortar', 8], ['ied', 7], ['missile', 3], ['rpg', 3],
  ['airstrike', 3], ['unknown', 1]];

/** Picks from `[value, weight]` pairs by cumulative weight (binary search). */
function picker(pairs) {
  const cum = [];
  let sum = 0;
  for (const [, w] of pairs) cum.push((sum += w));
  return (r) => {
    const x = r * sum;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > x) hi = mid; else lo = mid + 1; }
    return pairs[lo][0];
  };
}

function gaussian(rand) {
  // Box–Muller; 1 - rand() keeps log away from 0.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function pointInRings(lon, lat, rings) {
  // Even–odd rule over every ring (outer rings and holes alike).
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Iraq and Syria from the basemap: { name, rings, bbox }. */
function countries() {
  const region = JSON.parse(readFileSync(resolve(ROOT, 'assets/basemap/region.geojson'), 'utf8'));
  return ['Iraq', 'Syria'].map((name) => {
    const f = region.features.find((x) => x.properties.layer === 'country' && x.properties.name === name);
    if (!f) throw new Error(`region.geojson has no country ${name}`);
    const polys = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates];
    const rings = polys.flat();
    const xs = rings.flat().map((p) => p[0]), ys = rings.flat().map((p) => p[1]);
    return { name, rings, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
  });
}

/** No field may need CSV quoting: the bench page splits on commas. */
const plain = (s) => String(s).replace(/,\s*/g, ' – ').replace(/["\r\n]/g, '');

/**
 * The synthetic world for a seed: sites with weights, bursts of activity, and a row generator.
 * Everything here depends only on the seed, so any count draws from the same distribution.
 */
export function world(seed) {
  const rand = mulberry32(seed);
  const gaz = JSON.parse(readFileSync(resolve(ROOT, 'assets/data/sites.json'), 'utf8')).sites;
  const sites = gaz.map((s) => ({
    id: s.id,
    name: plain(s.name),
    country: Array.isArray(s.country) ? s.country : [s.country],
    lat: s.lat,
    lon: s.lon,
    // A few km for a base or a district; wider for a site that stands for an area.
    km: s.precision === 'region' ? 12 : s.precision === 'approximate' ? 4 : 2,
    precision: s.precision === 'exact' ? 'approximate' : s.precision,
  }));
  // Busy sites and quiet ones: weights spread over about two orders of magnitude.
  const pickSite = picker(sites.map((s) => [s, Math.exp(rand() * 4.5)]));
  // Bursts of activity: a centre day, a width of a few days to a few weeks, a weight; plus a quiet background.
  const bursts = [];
  for (let i = 0; i < 160; i++) {
    bursts.push([{ centre: Math.floor(rand() * DAYS), sigma: 1.5 + rand() * rand() * 25 }, Math.exp(rand() * 3)]);
  }
  const pickBurst = picker(bursts);
  const pickWeapon = picker(WEAPONS);
  const lands = countries();
  const pickLand = picker(lands.map((c) => [c, c.name === 'Iraq' ? 0.6 : 0.4]));

  return function* rows(rng) {
    for (let n = 1; ; n++) {
      // Date: 85% in a burst, 15% anywhere.
      let day;
      if (rng() < 0.85) {
        const b = pickBurst(rng());
        day = Math.round(b.centre + gaussian(rng) * b.sigma);
        day = Math.min(DAYS - 1, Math.max(0, day));
      } else {
        day = Math.floor(rng() * DAYS);
      }
      const date = new Date(START + day * DAY).toISOString().slice(0, 10);
      const weapon = pickWeapon(rng());
      const kind = weapon === 'airstrike' || (weapon === 'drone' && rng() < 0.04) ? 'strike' : 'attack';
      // Place: 88% at a site with jitter, 12% scattered inside Iraq or Syria.
      let lat, lon, site_id = '', site, country, precision;
      if (rng() < 0.88) {
        const s = pickSite(rng());
        const dLat = (gaussian(rng) * s.km) / 111.32;
        const dLon = (gaussian(rng) * s.km) / (111.32 * Math.cos((s.lat * Math.PI) / 180));
        lat = s.lat + dLat; lon = s.lon + dLon;
        site_id = s.id; site = s.name; country = s.country; precision = s.precision;
      } else {
        const c = pickLand(rng());
        const [x0, y0, x1, y1] = c.bbox;
        do { lon = x0 + rng() * (x1 - x0); lat = y0 + rng() * (y1 - y0); } while (!pointInRings(lon, lat, c.rings));
        site = `Synthetic point in ${c.name}`; country = [c.name]; precision = 'approximate';
      }
      // Counts only sometimes, as in real reports.
      const max = { rocket: 12, drone: 5, mortar: 8, missile: 6, rpg: 3 }[weapon];
      let launched, intercepted, killed, wounded;
      if (max && rng() < 0.45) {
        launched = 1 + Math.floor(rng() * rng() * max);
        if ((weapon === 'rocket' || weapon === 'drone' || weapon === 'missile') && rng() < 0.5) {
          intercepted = Math.floor(rng() * (launched + 1));
        }
      }
      if (rng() < 0.3) killed = rng() < 0.8 ? 0 : 1 + Math.floor(rng() * rng() * 10);
      if (rng() < 0.3) wounded = rng() < 0.6 ? 0 : 1 + Math.floor(rng() * rng() * 20);
      yield {
        id: `SYN-${String(n).padStart(7, '0')}`, kind, date, date_precision: 'day', weapon, launched, intercepted,
        killed, wounded, site_id, site, country, location_precision: precision, status: 'confirmed',
        summary: SUMMARY, lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5, synthetic: true,
      };
    }
  };
}

function csvLine(r) {
  return CSV_COLUMNS.map((c) => {
    const v = r[c];
    if (v === undefined) return '';
    return c === 'country' ? v.join(';') : String(v);
  }).join(',');
}

function geojsonFeature(r) {
  const props = {};
  for (const c of CSV_COLUMNS) {
    if (c === 'lat' || c === 'lon' || r[c] === undefined) continue;
    props[c] = c === 'country' ? (r.country.length === 1 ? r.country[0] : r.country) : r[c];
  }
  return JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, properties: props });
}

/** Writes `count` rows to `out` (a path, or a writable stream), in `format` ('csv' or 'geojson'). */
export async function generate({ count, seed = 1, format = 'csv', out }) {
  if (!Number.isInteger(count) || count < 0) throw new Error(`--count must be a whole number, got ${count}`);
  if (format !== 'csv' && format !== 'geojson') throw new Error(`--format must be csv or geojson, got ${format}`);
  const stream = typeof out === 'string' ? createWriteStream(out) : out;
  const rows = world(seed)(mulberry32((seed ^ 0x9e3779b9) >>> 0));
  let buf = format === 'csv'
    ? CSV_COLUMNS.join(',') + '\n'
    : '{"type":"FeatureCollection","name":"synthetic-incidents","synthetic":true,' +
      `"description":${JSON.stringify(SUMMARY + ' (generated by tools/synth/generate.mjs)')},"features":[\n`;
  for (let i = 0; i < count; i++) {
    const r = rows.next().value;
    buf += format === 'csv' ? csvLine(r) + '\n' : (i ? ',\n' : '') + geojsonFeature(r);
    if (buf.length > 1 << 16) {
      if (!stream.write(buf)) await once(stream, 'drain');
      buf = '';
    }
  }
  if (format === 'geojson') buf += '\n]}\n';
  if (typeof out === 'string') {
    await new Promise((ok, fail) => { stream.once('error', fail); stream.end(buf, ok); });
  } else if (!stream.write(buf)) {
    await once(stream, 'drain');
  }
}

function parseArgs(argv) {
  const args = { count: 1000, seed: 1, format: 'csv', out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const v = inline ?? argv[++i];
    if (k === '--count') args.count = Number(v);
    else if (k === '--seed') args.seed = Number(v);
    else if (k === '--format') args.format = v;
    else if (k === '--out') args.out = v;
    else throw new Error(`unknown argument ${argv[i]}; usage: --count N --seed S --format csv|geojson --out path`);
  }
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const a = parseArgs(process.argv.slice(2));
    await generate({ ...a, out: a.out ?? process.stdout });
  } catch (e) {
    console.error(`generate.mjs: ${e.message}`);
    process.exit(2);
  }
}
