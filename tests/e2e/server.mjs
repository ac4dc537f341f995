// A static file server for dist/ on 127.0.0.1, for the end-to-end tests and the screenshot tool.
// Only loopback; answers the types a static host would. `serveDist()` resolves to { url, close }.
// Options: `base` mounts dist/ under a sub-path (as a newsroom's CDN would), `headers` are sent with every
// answer (by default the strict Content-Security-Policy, so every test runs under it), `routes` maps paths under
// `base` to handlers `(req, res, headers)` that answer them instead of a file. Request lines up to 4 MB are read
// (Node's default is 16 KB), so a test can ask for a page with huge query values.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.csv': 'text/csv; charset=utf-8',
};

export const DIST = resolve(new URL('../../dist', import.meta.url).pathname);
/** The policy the app must run under (README, "Deploying"); sent with every answer unless told otherwise. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'";

export function serveDist({ root = DIST, port = 0, base = '/', headers = { 'content-security-policy': CSP }, routes = {} } = {}) {
  const server = createServer({ maxHeaderSize: 4 * 1024 * 1024 }, async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(base)) { res.writeHead(404, headers).end('not found'); return; }
    const route = Object.hasOwn(routes, path.slice(base.length)) ? routes[path.slice(base.length)] : undefined;
    if (route) { route(req, res, headers); return; }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(root)) { res.writeHead(403, headers).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', ...headers }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => {
    ok({ url: `http://127.0.0.1:${server.address().port}${base}`, close: () => new Promise((c) => server.close(c)) });
  }));
}

/** A one-page server on its own port (another origin), answering `html` at every path. */
export function servePage(html) {
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    ok({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((c) => server.close(c)) });
  }));
}
