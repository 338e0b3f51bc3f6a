#!/usr/bin/env node
// Copies the files a package's sources load at run time beside its compiled JavaScript: everything under
// src/ that tsc does not emit and that is not a build input (WebAssembly modules, plain .js workers, JSON).
// Run from a package folder: `--clean` before `tsc -p tsconfig.build.json` (removes dist/), then without
// arguments after it (copies the assets and the repository's LICENSE into dist/, which `files` ships).
import {copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';

const SHIP = /\.(wasm|js|mjs|cjs|json)$/;
const src = join(process.cwd(), 'src');
const out = join(process.cwd(), 'dist');
if (process.argv.includes('--clean')) {
  rmSync(out, {recursive: true, force: true});
  process.exit(0);
}
let n = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (SHIP.test(name)) {
      const to = join(out, relative(src, p));
      mkdirSync(dirname(to), {recursive: true});
      copyFileSync(p, to);
      n++;
    }
  }
}
walk(src);
const licence = join(process.cwd(), '..', '..', 'LICENSE');
if (existsSync(licence)) copyFileSync(licence, join(out, 'LICENSE'));
if (n) console.log(`copied ${n} run-time asset${n === 1 ? '' : 's'} into dist/`);
