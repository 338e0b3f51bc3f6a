/**
 * Frequency buckets by rank. Rows of pretrained files and of our vocabularies are in descending frequency
 * order, so a row index is a frequency rank. Default edges are log-spaced: [0, 100), [100, 1k), [1k, 10k),
 * [10k, 100k), ... up to the table size.
 */
import {ArgumentError, createRng} from '@embedlab/core';

export interface RankBucket {
  /** e.g. `"100-999"` (ranks, 0-based). */
  label: string;
  /** First row (inclusive). */
  from: number;
  /** Last row + 1. */
  to: number;
}

/**
 * Buckets covering rows [0, size). `edges` are the interior boundaries (ascending); the default is
 * first, first*base, first*base^2, ... below size (first 100, base 10).
 */
export function rankBuckets(size: number, options: {edges?: readonly number[]; first?: number; base?: number} = {}): RankBucket[] {
  if (!Number.isInteger(size) || size <= 0) throw new ArgumentError(`rankBuckets: size must be a positive integer (got ${size})`);
  let edges: number[];
  if (options.edges) {
    edges = [...options.edges];
    edges.forEach((e, i) => {
      if (!Number.isInteger(e) || e <= 0 || (i > 0 && e <= (edges[i - 1] as number)))
        throw new ArgumentError(`rankBuckets: edges must be ascending positive integers (got ${edges.join(', ')})`);
    });
  } else {
    const base = options.base ?? 10;
    if (!(base > 1)) throw new ArgumentError(`rankBuckets: base must be > 1 (got ${base})`);
    edges = [];
    for (let e = options.first ?? 100; e < size; e *= base) edges.push(Math.round(e));
  }
  const bounds = [0, ...edges.filter((e) => e < size), size];
  const out: RankBucket[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] as number,
      to = bounds[i + 1] as number;
    out.push({label: `${from}-${to - 1}`, from, to});
  }
  return out;
}

/**
 * A seeded sample of up to `perBucket` distinct rows from each bucket (all rows of a smaller bucket),
 * sorted ascending within each bucket. Rows for which `skip(row)` is true are never drawn.
 */
export function sampleBuckets(buckets: readonly RankBucket[], perBucket: number, seed: number, skip?: (row: number) => boolean): Int32Array[] {
  const rng = createRng(seed);
  return buckets.map((b) => {
    const pool: number[] = [];
    for (let r = b.from; r < b.to; r++) if (!skip?.(r)) pool.push(r);
    // Partial Fisher-Yates: the first m entries are a uniform sample without replacement.
    const m = Math.min(perBucket, pool.length);
    for (let i = 0; i < m; i++) {
      const j = i + rng.int(pool.length - i);
      const t = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = t;
    }
    return Int32Array.from(pool.slice(0, m)).sort();
  });
}
