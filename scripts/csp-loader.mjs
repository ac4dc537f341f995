// Trunk post-build hook: moves the inline module script Trunk writes into index.html to a file of its own,
// so the page runs under `script-src 'self'` (no 'unsafe-inline'). The file name carries a hash of its
// content, so a cached copy never starts an older build, and the tag gets an SRI hash like Trunk's own.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1) throw new Error(`expected one inline module script in index.html, found ${found.length}`);
const code = found[0][1].trim() + '\n';
const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
writeFileSync(join(dir, name), code);
const out = html.replace(found[0][0], `<script type="module" src="./${name}" integrity="${sri}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(out)) throw new Error('index.html still has an inline script');
writeFileSync(page, out);
