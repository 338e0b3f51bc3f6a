/**
 * Per-document validation loss of a trained model: each document ([<eot>, ids...]) is cut into
 * non-overlapping windows of `length` predicted tokens (each token predicted once, with the context inside
 * its window: nanoGPT's and our trainer's validation windows); windows of all documents are batched, the
 * last window of a document padded with ignored targets. `model.evaluate(batch, {perPosition: true})`
 * gives each position's nll, summed per document.
 */
import type {GptModel, LmBatch} from '@embedlab/transformer';
import type {SeedDocumentLosses} from './stats.js';

const IGNORE = -1;

export function documentLosses(
  model: GptModel,
  documents: readonly Int32Array[],
  options: {length: number; batchSize: number; padId: number; seed: number; onBatch?: (tokens: number) => void},
): SeedDocumentLosses {
  const {length: L, batchSize} = options;
  const windows: {doc: number; start: number}[] = [];
  documents.forEach((ids, doc) => {
    for (let start = 0; start < ids.length - 1; start += L) windows.push({doc, start});
  });
  const sums = new Float64Array(documents.length);
  const counts = new Float64Array(documents.length);
  for (let w0 = 0; w0 < windows.length; w0 += batchSize) {
    const part = windows.slice(w0, w0 + batchSize);
    const inputs = new Int32Array(part.length * L).fill(options.padId);
    const targets = new Int32Array(part.length * L).fill(IGNORE);
    part.forEach(({doc, start}, k) => {
      const ids = documents[doc] as Int32Array;
      const n = Math.min(L, ids.length - 1 - start);
      inputs.set(ids.subarray(start, start + n), k * L);
      targets.set(ids.subarray(start + 1, start + 1 + n), k * L);
    });
    const batch: LmBatch = {inputs, targets, batch: part.length, length: L};
    const {perPosition} = model.evaluate(batch, {perPosition: true, ignoreIndex: IGNORE});
    part.forEach(({doc}, k) => {
      for (let i = k * L; i < (k + 1) * L; i++) {
        const v = perPosition?.[i] as number;
        if (Number.isNaN(v)) continue;
        sums[doc] = (sums[doc] as number) + v;
        counts[doc] = (counts[doc] as number) + 1;
      }
    });
    options.onBatch?.(part.length * L);
  }
  return {seed: options.seed, sums, counts};
}
