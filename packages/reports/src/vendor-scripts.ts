/**
 * The UMD builds of vega, vega-lite and vega-embed, read from node_modules, to inline into index.html so
 * the page works offline (no CDN). The packages' export maps hide `build/`, so each package root is found
 * from its resolved entry point.
 */
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {ResourceError} from '@embedlab/core';
import {messages} from './messages.js';

export interface VendorScript {
  /** Package name, e.g. `vega-lite`. */
  name: string;
  version: string;
  /** The minified UMD build's source. */
  code: string;
}

/** In load order: vega-embed needs the `vega` and `vegaLite` globals the first two define. */
const BUILDS = [
  {name: 'vega', file: 'build/vega.min.js'},
  {name: 'vega-lite', file: 'build/vega-lite.min.js'},
  {name: 'vega-embed', file: 'build/vega-embed.min.js'},
] as const;

let cached: VendorScript[] | undefined;

function packageRoot(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as {name?: string}).name === name) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new ResourceError(messages.vendorMissing(name, 'package.json'));
    dir = parent;
  }
}

/** The three UMD builds with their versions (read once per process). */
export function vendorScripts(): VendorScript[] {
  cached ??= BUILDS.map(({name, file}) => {
    let root: string;
    try {
      root = packageRoot(name);
    } catch {
      throw new ResourceError(messages.vendorMissing(name, file));
    }
    const path = join(root, file);
    if (!existsSync(path)) throw new ResourceError(messages.vendorMissing(name, file));
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string}).version;
    return {name, version, code: readFileSync(path, 'utf8')};
  });
  return cached;
}
