/**
 * Mean pooling of token-id documents over a row-major [V, D] Float32Array table (forward), and its exact
 * gradient with respect to the table in row-sparse form (backward). Padding tokens are left out of the mean
 * (PyTorch `EmbeddingBag(mode='mean', padding_idx=...)`); a document with no other token pools to zeros.
 *
 *   pooled_b = (1 / n_b) sum_{i: t_bi != pad} E[t_bi]
 *   dL/dE[r] = sum_b (count of r in doc b / n_b) dL/dpooled_b
 */
import type {SparseRowGradient} from '@embedlab/core';

/** Forward: pooled [batch.length, dim] for the documents `docs[batch[k]]`. */
export function meanPool(table: Float32Array, dim: number, docs: readonly Int32Array[], batch: ArrayLike<number>, paddingIdx = -1): Float32Array {
  const out = new Float32Array(batch.length * dim);
  const acc = new Float64Array(dim);
  for (let k = 0; k < batch.length; k++) {
    const doc = docs[batch[k] as number] as Int32Array;
    acc.fill(0);
    let n = 0;
    for (let i = 0; i < doc.length; i++) {
      const t = doc[i] as number;
      if (t === paddingIdx) continue;
      n++;
      const o = t * dim;
      for (let j = 0; j < dim; j++) acc[j] = (acc[j] as number) + (table[o + j] as number);
    }
    if (n > 0) for (let j = 0; j < dim; j++) out[k * dim + j] = (acc[j] as number) / n;
  }
  return out;
}

/**
 * Backward through `meanPool`, accumulating straight into unique rows (no [n, D] per-position array).
 * Keeps one slot index per table row between calls, so a step costs O(tokens x D), not O(V).
 */
export class MeanPoolBackward {
  readonly #slot: Int32Array;

  constructor(
    readonly vocabSize: number,
    readonly dim: number,
  ) {
    this.#slot = new Int32Array(vocabSize).fill(-1);
  }

  /** `dPooled` is [batch.length, dim]; returns the summed gradient of every row read (padding excluded). */
  gradient(docs: readonly Int32Array[], batch: ArrayLike<number>, dPooled: Float32Array, paddingIdx = -1): SparseRowGradient {
    const {dim} = this;
    const slot = this.#slot;
    const rows: number[] = [];
    for (let k = 0; k < batch.length; k++) {
      const doc = docs[batch[k] as number] as Int32Array;
      for (let i = 0; i < doc.length; i++) {
        const t = doc[i] as number;
        if (t !== paddingIdx && slot[t] === -1) {
          slot[t] = 0;
          rows.push(t);
        }
      }
    }
    const sorted = Int32Array.from(rows).sort();
    sorted.forEach((r, s) => (slot[r] = s));
    const values = new Float64Array(sorted.length * dim);
    for (let k = 0; k < batch.length; k++) {
      const doc = docs[batch[k] as number] as Int32Array;
      let n = 0;
      for (let i = 0; i < doc.length; i++) if (doc[i] !== paddingIdx) n++;
      if (n === 0) continue;
      const src = k * dim;
      for (let i = 0; i < doc.length; i++) {
        const t = doc[i] as number;
        if (t === paddingIdx) continue;
        const dst = (slot[t] as number) * dim;
        for (let j = 0; j < dim; j++) values[dst + j] = (values[dst + j] as number) + (dPooled[src + j] as number) / n;
      }
    }
    for (const r of sorted) slot[r] = -1;
    return {rows: sorted, values: Float32Array.from(values), dim};
  }
}
