// The plain-Leaflet baseline of the benchmark (bench/README.md).
//
//   plain-leaflet.html?data=URL&mode=cluster|canvas[&from=YYYY-MM-DD][&to=YYYY-MM-DD][&weapon=a,b]
//
// Loads the data file (CSV with a header row, columns by name, no quoted cells; or a GeoJSON FeatureCollection),
// draws every incident that passes the filters — `cluster`: L.marker in L.markerClusterGroup; `canvas`:
// L.circleMarker on a canvas renderer (preferCanvas) — and re-applies the filters from the URL on popstate
// (clear the layer, add the passing markers). Publishes the app's contract on <html>: data-state
// (loading|ready|error), data-total, data-visible.
/* global L */
(() => {
  'use strict';
  const root = document.documentElement;
  const status = document.getElementById('status');
  const params = new URLSearchParams(location.search);
  const mode = params.get('mode') === 'canvas' ? 'canvas' : 'cluster';
  const WEAPONS = ['rocket', 'drone', 'missile', 'mortar', 'rpg', 'ied', 'airstrike', 'unknown'];
  const COLOURS = ['#d7301f', '#6a51a3', '#e6550d', '#31a354', '#636363', '#8c510a', '#2171b5', '#969696'];

  function publish(state, total, visible) {
    root.setAttribute('data-state', state);
    root.setAttribute('data-total', String(total));
    root.setAttribute('data-visible', String(visible));
  }

  // Dates as yyyymmdd integers; a month or a year covers its whole period (as the app's filter does).
  function dayRange(s) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
    if (!m) return null;
    const y = +m[1] * 10000;
    if (m[3]) { const d = y + +m[2] * 100 + +m[3]; return [d, d]; }
    if (m[2]) return [y + +m[2] * 100 + 1, y + +m[2] * 100 + 31];
    return [y + 101, y + 1231];
  }
  function isoDay(s) {
    if (s == null || !/^\d{4}-\d{2}-\d{2}$/.test(s.trim())) return null;
    return dayRange(s)[0];
  }

  // Column store of the incidents.
  let n = 0, first, last, weapon, lat, lon;
  function alloc(cap) {
    first = new Int32Array(cap); last = new Int32Array(cap); weapon = new Uint8Array(cap);
    lat = new Float64Array(cap); lon = new Float64Array(cap);
  }
  function push(date, w, la, lo) {
    const r = date == null ? null : dayRange(String(date));
    if (!r || !(la >= -90 && la <= 90) || !(lo >= -180 && lo <= 180)) return; // skipped, as the app skips it
    let wi = WEAPONS.indexOf(String(w ?? '').trim().toLowerCase());
    if (wi < 0) wi = WEAPONS.indexOf('unknown');
    first[n] = r[0]; last[n] = r[1]; weapon[n] = wi; lat[n] = la; lon[n] = lo; n++;
  }

  function parseCsv(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split(/\r?\n/);
    const sep = [',', ';', '\t'].reduce((a, b) => (lines[0].split(b).length > lines[0].split(a).length ? b : a));
    const head = lines[0].split(sep).map((h) => h.trim().toLowerCase().replace(/[\s-]/g, ''));
    const col = (...names) => names.map((x) => head.indexOf(x)).find((i) => i >= 0) ?? -1;
    const cDate = col('date', 'event_date', 'eventdate'), cWeapon = col('weapon');
    const cLat = col('lat', 'latitude'), cLon = col('lon', 'lng', 'long', 'longitude');
    if (cDate < 0 || cLat < 0 || cLon < 0) throw new Error('CSV without date or coordinate columns');
    alloc(lines.length);
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i]) continue;
      const r = lines[i].split(sep);
      if (r.length !== head.length) continue;
      push(r[cDate], cWeapon >= 0 ? r[cWeapon] : 'unknown', parseFloat(r[cLat]), parseFloat(r[cLon]));
    }
  }

  function parseGeojson(text) {
    const fc = JSON.parse(text);
    const features = fc.features ?? [];
    alloc(features.length);
    for (const f of features) {
      const g = f.geometry, p = f.properties ?? {};
      const c = !g ? null : g.type === 'Point' ? g.coordinates : g.type === 'MultiPoint' ? g.coordinates[0] : null;
      if (c) push(p.date, p.weapon ?? 'unknown', c[1], c[0]);
    }
  }

  // Markers are made once, when first needed, and reused by every filter change.
  let markers = [];
  const icons = WEAPONS.map((w) => L.divIcon({ className: `bench-dot bench-${w}`, iconSize: [10, 10], html: '' }));
  function marker(i) {
    let m = markers[i];
    if (!m) {
      m = markers[i] = mode === 'cluster'
        ? L.marker([lat[i], lon[i]], { icon: icons[weapon[i]], keyboard: false })
        : L.circleMarker([lat[i], lon[i]], { radius: 4, weight: 1, color: '#333', fillColor: COLOURS[weapon[i]], fillOpacity: 0.8 });
    }
    return m;
  }

  function readFilter() {
    const q = new URLSearchParams(location.search);
    let from = isoDay(q.get('from')), to = isoDay(q.get('to'));
    if (from != null && to != null && from > to) [from, to] = [to, from];
    const ws = (q.get('weapon') ?? '').split(',').map((w) => WEAPONS.indexOf(w.trim().toLowerCase())).filter((i) => i >= 0);
    const allowed = ws.length ? new Uint8Array(WEAPONS.length) : null;
    for (const w of ws) allowed[w] = 1;
    return { from, to, allowed };
  }

  const map = L.map('map', { preferCanvas: mode === 'canvas', zoomControl: true, attributionControl: false, minZoom: 2, maxZoom: 18 });
  const layer = mode === 'cluster' ? L.markerClusterGroup({ chunkedLoading: false }) : L.layerGroup();
  layer.addTo(map);

  function apply() {
    const { from, to, allowed } = readFilter();
    const pass = [];
    for (let i = 0; i < n; i++) {
      if (from != null && last[i] < from) continue;
      if (to != null && first[i] > to) continue;
      if (allowed && !allowed[weapon[i]]) continue;
      pass.push(marker(i));
    }
    layer.clearLayers();
    if (mode === 'cluster') layer.addLayers(pass);
    else for (const m of pass) layer.addLayer(m);
    status.textContent = `${pass.length.toLocaleString('en')} of ${n.toLocaleString('en')} incidents · ${mode}`;
    return pass.length;
  }

  async function load() {
    const url = params.get('data');
    if (!url) throw new Error('no ?data= given');
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText}`);
    const text = await res.text();
    const t = text.trimStart();
    if (t[0] === '{' || t[0] === '[') parseGeojson(text); else parseCsv(text);
    markers = new Array(n);
    if (n) {
      let s = 90, w = 180, no = -90, e = -180;
      for (let i = 0; i < n; i++) {
        if (lat[i] < s) s = lat[i]; if (lat[i] > no) no = lat[i];
        if (lon[i] < w) w = lon[i]; if (lon[i] > e) e = lon[i];
      }
      map.fitBounds([[s, w], [no, e]], { padding: [20, 20] });
    } else {
      map.setView([34.5, 41.5], 6);
    }
    const visible = apply();
    publish('ready', n, visible);
    addEventListener('popstate', () => publish('ready', n, apply()));
  }

  load().catch((e) => {
    status.textContent = `Error: ${e.message}`;
    console.error(e);
    publish('error', n, 0);
  });
})();
