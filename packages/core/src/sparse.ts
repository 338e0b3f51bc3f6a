/**
 * Row-sparse gradients of an embedding table: instead of a dense [V, D] tensor, the unique row ids that were
 * looked up and, for each, the sum of the upstream gradients of every position that read it. Cost grows with
 * the batch (n x D), not with the vocabulary. The core layer produces these; the row-sparse optimizers of
 * @embedlab/optimizers consume them.
 */
import {ArgumentError} from './errors.js';

export interface SparseRowGradient {
  /** Unique row ids, ascending. */
  readonly rows: Int32Array;
  /** Row-major [rows.length, dim]: summed upstream gradient of each row. */
  readonly values: Float32Array;
  readonly dim: number;
}

/**
 * Scatter-add the upstream gradients `dy` ([n, dim], one row per looked-up position) onto the ids that were
 * looked up: the gradient of `lookup(W, ids)` with respect to W, in sparse form. Repeated ids sum.
 */
export function sparseRowGradient(ids: ArrayLike<number>, dy: Float32Array, dim: number): SparseRowGradient {
  const n = ids.length;
  if (dy.length !== n * dim) throw new ArgumentError(`upstream gradient has ${dy.length} values, expected ids (${n}) x dim (${dim})`);
  const slot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = ids[i] as number;
    if (!slot.has(id)) slot.set(id, 0);
  }
  const rows = Int32Array.from(slot.keys()).sort();
  rows.forEach((r, k) => slot.set(r, k));
  const values = new Float32Array(rows.length * dim);
  for (let i = 0; i < n; i++) {
    const base = (slot.get(ids[i] as number) as number) * dim;
    const src = i * dim;
    for (let j = 0; j < dim; j++) values[base + j]! += dy[src + j] as number;
  }
  return {rows, values, dim};
}

/** Dense [V, D] equivalent of a sparse gradient (for tests and for the stock tfjs optimizers). */
export function densifyRowGradient(grad: SparseRowGradient, vocabSize: number): Float32Array {
  const out = new Float32Array(vocabSize * grad.dim);
  grad.rows.forEach((r, k) => out.set(grad.values.subarray(k * grad.dim, (k + 1) * grad.dim), r * grad.dim));
  return out;
}
