/**
 * One chunk of the analogy search's stage 1: order the chunk's candidates by nearest of K spread-out
 * centroids (so each block of 32 holds similar vectors and per-block bounds are tight), then compute the
 * similarities S = W * C^T of the question words with the reordered candidates. Shared by the main thread
 * and the matmul worker.
 */
import {blockMaxima, gemmBlockMaxima} from '@embedlab/kernels';
import type {AnalogyMethod} from './protocol.js';

/**
 * Computes out[w * n + x] = sum_j W[w * dim + j] * CT[j * n + x] (CT is the transposed candidate block),
 * into `out` when given (callers reuse buffers: fresh memory costs more than the product's copy here).
 */
export type MatmulFn = (w: Float32Array, rowsW: number, cT: Float32Array, n: number, dim: number, out?: Float32Array) => Float32Array | Promise<Float32Array>;

/**
 * The same product plus S's block maxima per row and, with `pairs`, per (a, b) row pair of S_b - S_a (the
 * kernels' `blockMaxima`), taken while S is still in the kernel's memory (one 16 MB copy of S per chunk fewer).
 */
export type MatmulMaximaFn = (
  w: Float32Array,
  rowsW: number,
  cT: Float32Array,
  n: number,
  dim: number,
  out: Float32Array,
  pairs: Int32Array | undefined,
  rowOut: Float32Array,
  pairOut: Float32Array | undefined,
) => {c: Float32Array; rowMax: Float32Array; pairMax?: Float32Array};

/** `MatmulMaximaFn` on the kernels' GEMM (see @embedlab/kernels' gemmBlockMaxima). */
export const kernelMatmulMaxima: MatmulMaximaFn = (w, rowsW, cT, n, dim, out, pairs, rowOut, pairOut) =>
  gemmBlockMaxima(w, cT, rowsW, dim, n, {out, pairs, rowOut, pairOut});

/**
 * Buffers reused across chunks and searches, in power-of-two capacities (a search's last chunk and each
 * restrict's boundary chunk have odd sizes). Why: first-touch page faults of fresh memory cost ~0.3 s of
 * CPU per 64 MB on the machines measured, more than the product of that chunk. One pool per thread; the
 * main thread hands a product's buffers back with `ChunkProducer.recycle`.
 */
export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  take(bytes: number): ArrayBuffer {
    const cap = 2 ** Math.ceil(Math.log2(Math.max(64, bytes)));
    return this.free.get(cap)?.pop() ?? new ArrayBuffer(cap);
  }
  give(...buffers: (ArrayBufferLike | undefined)[]): void {
    for (const b of buffers) {
      if (!(b instanceof ArrayBuffer) || b.byteLength === 0) continue; // detached (transferred) or foreign
      const cap = b.byteLength;
      if (2 ** Math.round(Math.log2(cap)) !== cap) continue; // not one of ours
      let list = this.free.get(cap);
      if (!list) this.free.set(cap, (list = []));
      if (list.length < 8) list.push(b);
    }
  }
  f32(n: number): Float32Array {
    return new Float32Array(this.take(4 * n), 0, n);
  }
  i32(n: number): Int32Array {
    return new Int32Array(this.take(4 * n), 0, n);
  }
  f64(n: number): Float64Array {
    return new Float64Array(this.take(8 * n), 0, n);
  }
}

/** This thread's pool. */
export const pool = new BufferPool();

/** The buffers of a product (and its input) that can be reused once the scan is done with them. */
export function productBuffers(p: ChunkProduct): ArrayBuffer[] {
  return [p.S.buffer, p.perm.buffer, p.bmax.buffer, p.bmin.buffer, p.dmax?.buffer, p.cT?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/** Candidates per block: the unit of the search's upper bounds. */
export const BLOCK = 32;

export interface ChunkProduct {
  /** [wordCount, len] similarities, columns in `perm` order. */
  S: Float32Array;
  /** Column position -> candidate offset inside the chunk. */
  perm: Int32Array;
  /** [wordCount, blocks] max and min similarity per block of BLOCK columns (bmin: PairDirection only, else empty). */
  bmax: Float32Array;
  bmin: Float32Array;
  /** [pairs, blocks] block max of each (a, b) pair's shared term (3CosAdd, 3CosMul). */
  dmax?: Float64Array;
  flops: number;
  /** Seconds spent in the two matrix products (wherever they ran). */
  matmulSeconds: number;
  /** The input block, returned so its buffer is reused. */
  cT?: Float32Array;
}

/** What the block summaries need to know about the questions. */
export interface SummarySpec {
  /** Flat (wa, wb) word-index pairs. */
  pairs: Int32Array;
  method: AnalogyMethod;
  /** 2 x 3CosMul's epsilon. */
  eps2: number;
}

export interface ChunkProducer {
  /** `tfjs-wasm`, `tfjs-wasm+worker`, `js`, ... */
  readonly name: string;
  /** Sets the question-word matrix [wordCount, dim] and the pair spec for the following chunks. */
  setWords(words: Float32Array, wordCount: number, dim: number, spec: SummarySpec): Promise<void>;
  produce(cT: Float32Array, len: number): Promise<ChunkProduct>;
  /** Hands a consumed product's buffers back to the thread that made them. */
  recycle(product: ChunkProduct): void;
  /** False while the producer is still starting: the search then computes chunks with its helper instead. */
  isReady?(): boolean;
}

/** Rows [lo, lo + len) of a row-major matrix, transposed to [dim, len]. */
export function transposeRows(unit: Float32Array, lo: number, len: number, dim: number): Float32Array {
  const cT = pool.f32(dim * len);
  for (let x = 0; x < len; x++) {
    const o = (lo + x) * dim;
    for (let j = 0; j < dim; j++) cT[j * len + x] = unit[o + j]!;
  }
  return cT;
}

export async function produceChunk(
  cT: Float32Array,
  len: number,
  dim: number,
  words: Float32Array,
  wordCount: number,
  spec: SummarySpec,
  matmul: MatmulFn,
  maxima?: MatmulMaximaFn,
): Promise<ChunkProduct> {
  const K = Math.max(1, Math.min(256, Math.round(len / 256)));
  const cent = new Float32Array(K * dim);
  for (let i = 0; i < K; i++) {
    const x = Math.floor(((i + 0.5) * len) / K);
    for (let j = 0; j < dim; j++) cent[i * dim + j] = cT[j * len + x]!;
  }
  let t0 = performance.now();
  const A = await matmul(cent, K, cT, len, dim, pool.f32(K * len)); // [K, len]
  let matmulSeconds = (performance.now() - t0) / 1000;
  const perm = orderByCentroid(A, K, len);
  pool.give(A.buffer);
  const cTp = permuteColumns(cT, perm, dim, len);
  t0 = performance.now();
  if (maxima) {
    // matmulSeconds then includes the block maxima of S (taken inside the same kernel call).
    const nb = Math.ceil(len / BLOCK),
      add = spec.method === '3CosAdd';
    const {
      c: S,
      rowMax,
      pairMax,
    } = maxima(
      words,
      wordCount,
      cTp,
      len,
      dim,
      pool.f32(wordCount * len),
      add ? spec.pairs : undefined,
      pool.f32(wordCount * nb),
      add ? pool.f32((spec.pairs.length / 2) * nb) : undefined,
    );
    matmulSeconds += (performance.now() - t0) / 1000;
    pool.give(cTp.buffer);
    return {S, perm, ...blockSummaries(S, len, wordCount, spec, {rowMax, pairMax}), flops: 2 * (wordCount + K) * len * dim, matmulSeconds, cT};
  }
  const S = await matmul(words, wordCount, cTp, len, dim, pool.f32(wordCount * len)); // [wordCount, len]
  matmulSeconds += (performance.now() - t0) / 1000;
  pool.give(cTp.buffer);
  return {S, perm, ...blockSummaries(S, len, wordCount, spec), flops: 2 * (wordCount + K) * len * dim, matmulSeconds, cT};
}

// The two loops below are plain functions, not inlined in the async produceChunk: V8 does not optimize an
// async function's loops on stack replacement, and produceChunk runs only once per chunk.

/** Candidate positions ordered by nearest centroid (A [K, len]: similarities to each centroid), stable. */
function orderByCentroid(A: Float32Array, K: number, len: number): Int32Array {
  const cluster = pool.i32(len);
  const counts = new Int32Array(K + 1);
  for (let x = 0; x < len; x++) {
    let bi = 0,
      bv = -Infinity;
    for (let i = 0; i < K; i++) {
      const v = A[i * len + x]!;
      if (v > bv) {
        bv = v;
        bi = i;
      }
    }
    cluster[x] = bi;
    counts[bi + 1]!++;
  }
  for (let i = 0; i < K; i++) counts[i + 1]! += counts[i]!;
  const perm = pool.i32(len);
  for (let x = 0; x < len; x++) perm[counts[cluster[x]!]!++] = x;
  pool.give(cluster.buffer);
  return perm;
}

/** cT [dim, len] with its columns in `perm` order. */
function permuteColumns(cT: Float32Array, perm: Int32Array, dim: number, len: number): Float32Array {
  const cTp = pool.f32(dim * len);
  for (let j = 0; j < dim; j++) {
    const base = j * len;
    for (let x = 0; x < len; x++) cTp[base + x] = cT[base + perm[x]!]!;
  }
  return cTp;
}

/**
 * Per block of BLOCK columns: each word's max similarity (min too for PairDirection), and for 3CosAdd /
 * 3CosMul the max of each (a, b) pair's shared term (S_b - S_a, or (1 + S_b) / ((1 + S_a) + 2 eps)), a much
 * tighter bound than max S_b - min S_a since the two cosines move together inside a cluster. The maxima of S
 * and of S_b - S_a come from the kernels' SIMD `blockMaxima` (S_b - S_a in float32, widened by `widen32` so
 * that the float64 bound is >= every float64 score of the scan); 3CosMul's term is computed in float64 with
 * the scan's own operations, so bound >= score holds exactly.
 */
export function blockSummaries(
  S: Float32Array,
  len: number,
  wordCount: number,
  spec: SummarySpec,
  /** S's `blockMaxima` (with spec.pairs for 3CosAdd) when the product already took them, in pool buffers. */
  given?: {rowMax: Float32Array; pairMax?: Float32Array | undefined},
): Pick<ChunkProduct, 'bmax' | 'bmin' | 'dmax'> {
  const nb = Math.ceil(len / BLOCK);
  const np = spec.pairs.length / 2,
    eps2 = spec.eps2;
  const add = spec.method === '3CosAdd';
  const rowOut = given ? given.rowMax : pool.f32(wordCount * nb);
  const pairOut = add ? (given ? given.pairMax : pool.f32(np * nb)) : undefined;
  const {rowMax: bmax, pairMax} = given ?? blockMaxima(S, wordCount, len, add ? {pairs: spec.pairs, rowOut, pairOut} : {rowOut});
  if (spec.method === 'PairDirection') {
    const bmin = pool.f32(wordCount * nb);
    for (let w = 0; w < wordCount; w++) {
      const base = w * len;
      for (let k = 0; k < nb; k++) {
        let mn = Infinity;
        for (let x = base + k * BLOCK, e = base + Math.min(len, (k + 1) * BLOCK); x < e; x++) {
          const v = S[x]!;
          if (v < mn) mn = v;
        }
        bmin[w * nb + k] = mn;
      }
    }
    return {bmax, bmin};
  }
  const dmax = pool.f64(np * nb);
  if (add) {
    for (let i = 0; i < np * nb; i++) dmax[i] = widen32(pairMax![i]!);
    pool.give(pairOut!.buffer);
    return {bmax, bmin: new Float32Array(0), dmax};
  }
  for (let pi = 0; pi < np; pi++) {
    const oa = spec.pairs[2 * pi]! * len,
      ob = spec.pairs[2 * pi + 1]! * len;
    for (let k = 0; k < nb; k++) {
      let mx = -Infinity;
      const e = Math.min(len, (k + 1) * BLOCK);
      for (let x = k * BLOCK; x < e; x++) {
        const v = (1 + S[ob + x]!) / (Math.max(0, 1 + S[oa + x]!) + eps2);
        if (v > mx) mx = v;
      }
      dmax[pi * nb + k] = mx;
    }
  }
  return {bmax, bmin: new Float32Array(0), dmax};
}

/**
 * An upper bound, in float64, of every float64 difference fl64(b - a) whose float32 rounding fround(b - a)
 * is <= m (m: a block max of float32 differences). fround is within 2^-24 |z| + 2^-150 of z, fl64 within
 * 2^-53 |z|, so fl64(z) <= m + 2^-23 |m| + 2^-148; the 2^-22 and 2^-140 leave room for this sum's own
 * rounding. NaN stays NaN (the block is scanned).
 */
export function widen32(m: number): number {
  return m + Math.abs(m) * 2 ** -22 + 2 ** -140;
}

/** A producer that computes on the calling thread. */
export function localProducer(name: string, matmul: MatmulFn, maxima?: MatmulMaximaFn): ChunkProducer {
  let words: Float32Array = new Float32Array(0),
    wordCount = 0,
    dim = 0;
  let spec: SummarySpec = {pairs: new Int32Array(0), method: '3CosAdd', eps2: 0};
  return {
    name,
    async setWords(w, n, d, sp) {
      words = w;
      wordCount = n;
      dim = d;
      spec = sp;
    },
    produce: (cT, len) => produceChunk(cT, len, dim, words, wordCount, spec, matmul, maxima),
    recycle: (product) => pool.give(...productBuffers(product)),
  };
}

/** Plain TypeScript matmul (fallback engine, ~1 GFLOP/s): out[i, :] += W[i, j] * CT[j, :] over j; same bits as @embedlab/kernels' gemm. */
export function matmulJs(w: Float32Array, rowsW: number, cT: Float32Array, n: number, dim: number, into?: Float32Array): Float32Array {
  const out = into ? into.subarray(0, rowsW * n).fill(0) : new Float32Array(rowsW * n);
  const TILE = 2048; // columns per pass: the CT tile stays in cache while every word row passes over it
  for (let x0 = 0; x0 < n; x0 += TILE) {
    const x1 = Math.min(n, x0 + TILE);
    for (let i = 0; i < rowsW; i++) {
      const oo = i * n;
      for (let j = 0; j < dim; j++) {
        const v = w[i * dim + j]!;
        const co = j * n;
        // The kernels' arithmetic (a float32 product, then a float32 sum, in j order; zeros not skipped),
        // so this engine and the SIMD one compute the same S bit for bit.
        for (let x = x0; x < x1; x++) out[oo + x]! += Math.fround(v * cT[co + x]!);
      }
    }
  }
  return out;
}
