// node --test tools/synth/   (not part of `make test`: the generator is a benchmark tool, not the app)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generate, CSV_COLUMNS, SUMMARY, WEAPONS } from './generate.mjs';

async function text(opts) {
  const chunks = [];
  const sink = new Writable({ write(c, _e, cb) { chunks.push(Buffer.from(c)); cb(); } });
  await generate({ ...opts, out: sink });
  return Buffer.concat(chunks).toString('utf8');
}
const sha = (s) => createHash('sha256').update(s).digest('hex');

test('the same seed gives byte-identical output, another seed another', async () => {
  for (const format of ['csv', 'geojson']) {
    const a = await text({ count: 20000, seed: 1, format });
    const b = await text({ count: 20000, seed: 1, format });
    const c = await text({ count: 20000, seed: 2, format });
    assert.equal(sha(a), sha(b), format);
    assert.notEqual(sha(a), sha(c), format);
  }
});

test('the command line writes the same bytes as the library, to a file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'synth-'));
  try {
    const out = join(dir, 'x.csv');
    const script = fileURLToPath(new URL('./generate.mjs', import.meta.url));
    execFileSync(process.execPath, [script, '--count', '3000', '--seed', '7', '--format', 'csv', '--out', out]);
    execFileSync(process.execPath, [script, '--count', '3000', '--seed', '7', '--format', 'csv', '--out', out + '2']);
    assert.equal(sha(readFileSync(out)), sha(readFileSync(out + '2')));
    assert.equal(readFileSync(out, 'utf8'), await text({ count: 3000, seed: 7, format: 'csv' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a smaller file is a prefix of a larger one', async () => {
  const small = await text({ count: 1000, seed: 3, format: 'csv' });
  const large = await text({ count: 5000, seed: 3, format: 'csv' });
  assert.ok(large.startsWith(small));
});

test('CSV rows: no quoting needed, every row marked synthetic, values in range', async () => {
  const lines = (await text({ count: 50000, seed: 1, format: 'csv' })).trimEnd().split('\n');
  assert.deepEqual(lines[0].split(','), CSV_COLUMNS);
  assert.equal(lines.length, 50001);
  const col = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, i]));
  const weapons = new Map();
  const months = new Map();
  for (const [n, line] of lines.slice(1).entries()) {
    assert.ok(!line.includes('"'), line);
    const r = line.split(',');
    assert.equal(r.length, CSV_COLUMNS.length, line);
    assert.equal(r[col.id], `SYN-${String(n + 1).padStart(7, '0')}`);
    assert.equal(r[col.summary], SUMMARY);
    assert.equal(r[col.synthetic], 'true');
    assert.ok(r[col.date] >= '2019-01-01' && r[col.date] <= '2026-06-30', r[col.date]);
    const lat = Number(r[col.lat]), lon = Number(r[col.lon]);
    assert.ok(lat > 29 && lat < 37.5 && lon > 35.5 && lon < 48.7, line);
    assert.ok(['attack', 'strike'].includes(r[col.kind]), line);
    if (r[col.weapon] === 'airstrike') assert.equal(r[col.kind], 'strike', 'airstrikes are strikes');
    if (r[col.kind] === 'strike') assert.ok(['airstrike', 'drone'].includes(r[col.weapon]), 'strikes are by air or drone');
    weapons.set(r[col.weapon], (weapons.get(r[col.weapon]) ?? 0) + 1);
    months.set(r[col.date].slice(0, 7), (months.get(r[col.date].slice(0, 7)) ?? 0) + 1);
  }
  for (const [w, share] of WEAPONS) {
    assert.ok(Math.abs((weapons.get(w) / 50000) * 100 - share) < 1, `${w}: ${weapons.get(w)}`);
  }
  // Bursts, not uniform: the busiest month has many times the rows of the quietest.
  const counts = [...months.values()];
  assert.ok(Math.max(...counts) > 8 * Math.min(...counts), `months ${Math.min(...counts)}..${Math.max(...counts)}`);
});

test('GeoJSON is a FeatureCollection of synthetic points', async () => {
  const fc = JSON.parse(await text({ count: 2000, seed: 1, format: 'geojson' }));
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, 2000);
  for (const f of fc.features) {
    assert.equal(f.geometry.type, 'Point');
    assert.equal(f.properties.synthetic, true);
    assert.equal(f.properties.summary, SUMMARY);
  }
});
