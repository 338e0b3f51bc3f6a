/**
 * Exact k nearest neighbours by cosine over a whole table, for a set of query rows. Dot products are
 * blocked: the unit-normalized table is cut into row chunks held as transposed tfjs tensors [D, C], each
 * block of queries is multiplied against every chunk (`matMul`), and a JS pass keeps the top k per query.
 * The query row itself is excluded; equal scores go to the lower row index (scan order); all-zero rows have
 * cosine 0 with everything.
 */
import {ArgumentError} from '@embedlab/core';
import * as tf from '@tensorflow/tfjs';

export interface NeighbourOptions {
  /** Neighbours per query. __Default:__ 10 */
  k?: number;
  /** Queries multiplied at once. __Default:__ 256 */
  queryBlock?: number;
  /** Table rows per chunk. __Default:__ 16384 */
  chunkRows?: number;
}

/** Unit-normalized copy of a row-major table (float64 norms; zero rows stay zero). */
export function unitRows(data: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let o = 0; o < data.length; o += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += (data[o + j] as number) ** 2;
    if (s === 0) continue;
    const n = Math.sqrt(s);
    for (let j = 0; j < dim; j++) out[o + j] = (data[o + j] as number) / n;
  }
  return out;
}

/** Returns [queries.length, k] neighbour row ids (best first), -1 where the table has fewer than k other rows. */
export function exactNeighbours(data: Float32Array, dim: number, queries: Int32Array, options: NeighbourOptions = {}): Int32Array {
  const k = options.k ?? 10;
  const qb = options.queryBlock ?? 256;
  const chunkRows = options.chunkRows ?? 16384;
  if (!Number.isInteger(dim) || dim <= 0 || data.length % dim !== 0) throw new ArgumentError(`table of ${data.length} values does not have rows of dim ${dim}`);
  if (!Number.isInteger(k) || k <= 0) throw new ArgumentError(`k must be a positive integer (got ${k})`);
  const rows = data.length / dim;
  for (const q of queries) if (!(q >= 0 && q < rows)) throw new ArgumentError(`query row ${q} is out of range [0, ${rows})`);
  const unit = unitRows(data, dim);
  const out = new Int32Array(queries.length * k).fill(-1);
  const chunks: {start: number; n: number; t: tf.Tensor2D}[] = [];
  try {
    for (let start = 0; start < rows; start += chunkRows) {
      const n = Math.min(chunkRows, rows - start);
      // Stored transposed, [D, C]: on wasm a plain matMul is ~13x faster than matMul(..., transposeB).
      const tr = new Float32Array(n * dim);
      for (let c = 0; c < n; c++) for (let j = 0; j < dim; j++) tr[j * n + c] = unit[(start + c) * dim + j] as number;
      chunks.push({start, n, t: tf.tensor2d(tr, [dim, n])}); // [D, C]
    }
    for (let q0 = 0; q0 < queries.length; q0 += qb) {
      const nq = Math.min(qb, queries.length - q0);
      const qData = new Float32Array(nq * dim);
      for (let i = 0; i < nq; i++) {
        const r = queries[q0 + i] as number;
        qData.set(unit.subarray(r * dim, (r + 1) * dim), i * dim);
      }
      const Q = tf.tensor2d(qData, [nq, dim]); // [Bq, D]
      const best = Array.from({length: nq}, () => ({ids: new Int32Array(k).fill(-1), s: new Float64Array(k).fill(-Infinity), size: 0}));
      for (const {start, n, t} of chunks) {
        const S = tf.matMul(Q, t); // [Bq, C]
        const s = S.dataSync() as Float32Array;
        S.dispose();
        for (let i = 0; i < nq; i++) {
          const self = queries[q0 + i] as number;
          const b = best[i] as {ids: Int32Array; s: Float64Array; size: number};
          const row = i * n;
          for (let c = 0; c < n; c++) {
            const v = s[row + c] as number;
            if (b.size === k && v <= (b.s[k - 1] as number)) continue;
            const id = start + c;
            if (id === self) continue;
            let pos = b.size < k ? b.size++ : k - 1;
            while (pos > 0 && (b.s[pos - 1] as number) < v) {
              b.s[pos] = b.s[pos - 1] as number;
              b.ids[pos] = b.ids[pos - 1] as number;
              pos--;
            }
            b.s[pos] = v;
            b.ids[pos] = id;
          }
        }
      }
      Q.dispose();
      best.forEach((b, i) => out.set(b.ids, (q0 + i) * k));
    }
  } finally {
    for (const c of chunks) c.t.dispose();
  }
  return out;
}
