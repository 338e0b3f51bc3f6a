/**
 * Drift of a table after training (fine-tuning, continued training, post-processing): per-word cosine to
 * the initial vector, and the overlap of each word's k nearest neighbours before and after, both summarized
 * by frequency (rank) bucket.
 */
import {ArgumentError, type WordVectors} from '@embedlab/core';
import {messages} from '../messages.js';
import {exactNeighbours, type NeighbourOptions} from './exact-neighbours.js';
import {rankBuckets, sampleBuckets, type RankBucket} from './frequency-buckets.js';

/** A table with its row width: WordVectors or a raw matrix. */
export type Table = WordVectors | {data: Float32Array; dim: number};

/**
 * Cosine between row r of `before` and row r of `after`, for every row, in float64. NaN where either row is
 * all zeros (e.g. the padding row): the angle is undefined, and summaries skip NaN.
 */
export function cosineDrift(before: Table, after: Table): Float64Array {
  const dim = sameShape(before, after);
  const a = before.data,
    b = after.data;
  const out = new Float64Array(a.length / dim);
  for (let r = 0; r < out.length; r++) {
    let dot = 0,
      na = 0,
      nb = 0;
    for (let j = 0, o = r * dim; j < dim; j++, o++) {
      const x = a[o] as number,
        y = b[o] as number;
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    out[r] = na === 0 || nb === 0 ? NaN : dot / Math.sqrt(na * nb);
  }
  return out;
}

/**
 * For each query row: |kNN_before(r) ∩ kNN_after(r)| / k, neighbours exact over the full tables (self
 * excluded). Returns one value per query.
 */
export function knnOverlap(before: Table, after: Table, rows: Int32Array, options: NeighbourOptions = {}): Float64Array {
  const dim = sameShape(before, after);
  const k = options.k ?? 10;
  const nb = exactNeighbours(before.data, dim, rows, options);
  const na = exactNeighbours(after.data, dim, rows, options);
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const set = new Set(nb.subarray(i * k, (i + 1) * k));
    set.delete(-1);
    let common = 0;
    for (const id of na.subarray(i * k, (i + 1) * k)) if (id >= 0 && set.has(id)) common++;
    out[i] = common / k;
  }
  return out;
}

export interface Summary {
  count: number;
  mean: number;
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

/** Summary of the finite values (NaN skipped); all NaN when none. Quantiles: nearest rank on the sorted values. */
export function summarize(values: ArrayLike<number>): Summary {
  const v = Array.from(values)
    .filter((x) => Number.isFinite(x))
    .sort((x, y) => x - y);
  const n = v.length;
  if (n === 0) return {count: 0, mean: NaN, median: NaN, p10: NaN, p90: NaN, min: NaN, max: NaN};
  const q = (p: number) => v[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))] as number;
  const mid = n % 2 === 1 ? (v[(n - 1) / 2] as number) : ((v[n / 2 - 1] as number) + (v[n / 2] as number)) / 2;
  return {count: n, mean: v.reduce((s, x) => s + x, 0) / n, median: mid, p10: q(0.1), p90: q(0.9), min: v[0] as number, max: v[n - 1] as number};
}

export interface DriftOptions {
  /** Neighbours compared. __Default:__ 10 */
  k?: number;
  /** Words sampled per bucket for the kNN overlap (seeded). __Default:__ 200 */
  samplePerBucket?: number;
  /** Required for the sample. */
  seed: number;
  /** __Default:__ `rankBuckets(size)` (log-spaced ranks). */
  buckets?: readonly RankBucket[];
  /** Rows never sampled (padding, unk). */
  skipRows?: readonly number[];
  /** Passed to the neighbour search. */
  queryBlock?: number;
  chunkRows?: number;
}

export interface BucketDrift extends RankBucket {
  /** Cosine to the initial vector over every row of the bucket. */
  cosine: Summary;
  /** kNN overlap over the sampled rows of the bucket. */
  knnOverlap: Summary;
  /** The sampled rows and their overlaps. */
  sample: {row: number; word?: string; cosine: number; overlap: number}[];
}

export interface DriftReport {
  k: number;
  seed: number;
  overall: {cosine: Summary; knnOverlap: Summary};
  buckets: BucketDrift[];
}

/** Cosine drift of every row and kNN overlap of a seeded per-bucket sample, by frequency bucket. */
export function measureDrift(before: Table, after: Table, options: DriftOptions): DriftReport {
  const dim = sameShape(before, after);
  const size = before.data.length / dim;
  const k = options.k ?? 10;
  const buckets = options.buckets ?? rankBuckets(size);
  const skip = new Set(options.skipRows ?? []);
  const cos = cosineDrift(before, after);
  const samples = sampleBuckets(buckets, options.samplePerBucket ?? 200, options.seed, (r) => skip.has(r));
  const all = new Int32Array(samples.reduce((s, x) => s + x.length, 0));
  let o = 0;
  for (const s of samples) all.set(s, o), (o += s.length);
  const overlap = knnOverlap(before, after, all, {
    k,
    ...(options.queryBlock ? {queryBlock: options.queryBlock} : {}),
    ...(options.chunkRows ? {chunkRows: options.chunkRows} : {}),
  });
  const words = 'words' in before ? before.words : undefined;
  let at = 0;
  const out: BucketDrift[] = buckets.map((b, i) => {
    const rows = samples[i] as Int32Array;
    const ov = overlap.subarray(at, at + rows.length);
    at += rows.length;
    const cosInBucket = cos.subarray(b.from, b.to).filter((_, r) => !skip.has(b.from + r));
    return {
      ...b,
      cosine: summarize(cosInBucket),
      knnOverlap: summarize(ov),
      sample: Array.from(rows, (row, j) => ({row, ...(words ? {word: words[row] as string} : {}), cosine: cos[row] as number, overlap: ov[j] as number})),
    };
  });
  return {k, seed: options.seed, overall: {cosine: summarize(cos.filter((_, r) => !skip.has(r))), knnOverlap: summarize(overlap)}, buckets: out};
}

function sameShape(a: Table, b: Table): number {
  if (a.dim !== b.dim || a.data.length !== b.data.length) {
    throw new ArgumentError(messages.tablesDiffer(`${a.data.length / a.dim} x ${a.dim}`, `${b.data.length / b.dim} x ${b.dim}`));
  }
  const wa = (a as Partial<WordVectors>).words,
    wb = (b as Partial<WordVectors>).words;
  if (wa && wb && wa !== wb) {
    for (let i = 0; i < wa.length; i++) {
      if (wa[i] !== wb[i]) throw new ArgumentError(messages.rowWordsDiffer(i, wa[i] as string, wb[i] as string));
    }
  }
  return a.dim;
}
