// Trunk post-build hook: gives the wasm's JS imports short names. wasm-bindgen names each import after its
// function plus a 16-digit hash (`__wbg_getAttribute_5a9b6f0e3c2d1e47`), and both the wasm and the JS glue
// carry every name; the hashes hardly compress. Renaming the ~300 imports to `a` … `Z`, `aa` … in both files
// takes about 9 KB off the gzipped app (README, "Size"). Run from post-build.mjs; it updates the
// integrity hashes Trunk wrote into index.html for the two files.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const files = readdirSync(dir);
const one = (re) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`expected one file matching ${re} in ${dir}, found ${found.length}`);
  return found[0];
};
const wasmName = one(/^incident-map-[0-9a-f]+_bg\.wasm$/);
const jsName = one(/^incident-map-[0-9a-f]+\.js$/);
const GLUE_MODULE = './incident-map_bg.js';

// --- the wasm: rewrite the import section (id 2); nothing else refers to import names.
const wasm = readFileSync(join(dir, wasmName));
const readU32 = (buf, at) => {
  let value = 0, shift = 0, byte;
  do {
    byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
};
const u32 = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
};
const name = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
// `a` … `Z`, then two letters: short and valid as JS property names.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const shortName = (i) => (i < LETTERS.length ? '' : shortName(Math.floor(i / LETTERS.length) - 1)) + LETTERS[i % LETTERS.length];

if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmName} is not a wasm module`);
const renames = new Map();
const sections = [wasm.subarray(0, 8)];
let at = 8;
while (at < wasm.length) {
  const start = at;
  const id = wasm[at++];
  let size;
  [size, at] = readU32(wasm, at);
  const end = at + size;
  if (id !== 2) {
    sections.push(wasm.subarray(start, end));
    at = end;
    continue;
  }
  let count;
  [count, at] = readU32(wasm, at);
  const parts = [u32(count)];
  for (let i = 0; i < count; i++) {
    const strings = [];
    for (let k = 0; k < 2; k++) {
      let len;
      [len, at] = readU32(wasm, at);
      strings.push(wasm.toString('utf8', at, at + len));
      at += len;
    }
    const descStart = at;
    const kind = wasm[at++];
    if (kind === 0 || kind === 4) {                       // function (type index), tag (attribute, type)
      if (kind === 4) at++;
      [, at] = readU32(wasm, at);
    } else if (kind === 1 || kind === 2) {                // table (reftype, limits), memory (limits)
      if (kind === 1) at++;
      let flags;
      [flags, at] = readU32(wasm, at);
      [, at] = readU32(wasm, at);
      if (flags & 1) [, at] = readU32(wasm, at);
    } else if (kind === 3) {                              // global (valtype, mutability)
      at += 2;
    } else {
      throw new Error(`unknown import kind ${kind} in ${wasmName}`);
    }
    let [module, field] = strings;
    if (module === GLUE_MODULE && kind === 0) {
      if (!renames.has(field)) renames.set(field, shortName(renames.size));
      field = renames.get(field);
    }
    parts.push(name(module), name(field), wasm.subarray(descStart, at));
  }
  if (at !== end) throw new Error(`import section of ${wasmName} did not parse to its end`);
  const body = Buffer.concat(parts);
  sections.push(Buffer.from([2]), u32(body.length), body);
}
if (renames.size === 0) throw new Error(`no imports from ${GLUE_MODULE} in ${wasmName}`);
const newWasm = Buffer.concat(sections);
new WebAssembly.Module(newWasm); // throws if the rewrite broke the module

// --- the JS glue: the same names are the keys of the import object, one `name: function(` each.
let js = readFileSync(join(dir, jsName), 'utf8');
for (const [long, short] of renames) {
  const key = new RegExp(`^(\\s+)${long}(: function\\()`, 'm');
  if (!key.test(js)) throw new Error(`import ${long} has no function in ${jsName}`);
  js = js.replace(key, `$1${short}$2`);
  if (js.includes(long)) throw new Error(`${jsName} names ${long} outside the import object`);
}

// --- write both and put their new integrity hashes into index.html.
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
for (const [file, before, after] of [
  [wasmName, wasm, newWasm],
  [jsName, readFileSync(join(dir, jsName)), Buffer.from(js)],
]) {
  const old = `integrity="${sri(before)}"`;
  if (!html.includes(old)) throw new Error(`index.html has no integrity hash for ${file}`);
  html = html.replace(old, `integrity="${sri(after)}"`);
  writeFileSync(join(dir, file), after);
}
writeFileSync(page, html);
