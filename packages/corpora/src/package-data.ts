/**
 * Locating the data folders of the npm packages that ship corpora. The readers open the data files
 * directly (JSON per document, WordNet's dict/) instead of calling the packages' JS APIs: that streams one
 * document at a time and avoids loading all 6,046 SpamAssassin messages into memory at once.
 */
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname} from 'node:path';
import {ResourceError} from '@embedlab/core/data';
import {messages} from './messages.js';

const require = createRequire(import.meta.url);

export interface PackageInfo {
  name: string;
  version: string;
  /** Absolute folder of the installed package. */
  dir: string;
}

const cache = new Map<string, PackageInfo>();

/** Name, version and folder of an installed corpus package; a ResourceError when it is missing. */
export function packageInfo(name: string): PackageInfo {
  const hit = cache.get(name);
  if (hit) return hit;
  let dir: string;
  let version: string;
  try {
    // Resolve the main entry, not package.json: these packages have no "exports" map, but stay robust if they add one.
    const main = require.resolve(name);
    dir = dirname(main);
    while (!existsSync(`${dir}/package.json`) && dirname(dir) !== dir) dir = dirname(dir);
    version = (JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as {version: string}).version;
  } catch (error) {
    throw new ResourceError(messages.packageMissing(name, (error as Error).message.split('\n')[0] ?? ''));
  }
  const info = {name, version, dir};
  cache.set(name, info);
  return info;
}
