/**
 * Percentile bootstrap over test items for a statistic of per-item outcomes (the downstream classifier's
 * accuracy and F1). Seeded: the same seed gives the same interval.
 */
import {createRng} from '@embedlab/core';

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * Resample item indices with replacement `samples` times, compute `stat` on each resample, and return the
 * (1-confidence)/2 and (1+confidence)/2 percentiles (nearest-rank on the sorted statistics).
 */
export function bootstrapInterval(n: number, stat: (indices: Int32Array) => number, options: {samples: number; confidence: number; seed: number}): Interval {
  const rng = createRng(options.seed);
  const values = new Float64Array(options.samples);
  const idx = new Int32Array(n);
  for (let s = 0; s < options.samples; s++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    values[s] = stat(idx);
  }
  values.sort();
  const alpha = (1 - options.confidence) / 2;
  const at = (q: number) => values[Math.min(options.samples - 1, Math.max(0, Math.floor(q * options.samples)))] as number;
  return {lo: at(alpha), hi: at(1 - alpha)};
}
