/**
 * Seeded bootstrap: percentile intervals for any statistic of n items, and a paired bootstrap for the
 * difference between two systems scored on the same items. Resampling uses core's createRng, so the same
 * seed gives the same interval on every platform; seed, resamples and level are recorded in the result.
 */
import {ArgumentError, createRng} from '@embedlab/core';
import {messages} from './messages.js';

export interface BootstrapOptions {
  /** __Default:__ 1000. */
  resamples?: number;
  /** __Default:__ 1. */
  seed?: number;
  /** Two-sided coverage. __Default:__ 0.95. */
  level?: number;
}

export interface Interval {
  low: number;
  high: number;
  level: number;
  resamples: number;
  seed: number;
  method: 'percentile';
  /** Resamples whose statistic was undefined (NaN, e.g. a constant resample) and were left out. */
  invalid: number;
}

function settings(o: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = o.resamples ?? 1000,
    seed = o.seed ?? 1,
    level = o.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new ArgumentError(messages.badResamples(resamples));
  if (!(level > 0 && level < 1)) throw new ArgumentError(messages.badLevel(level));
  return {resamples, seed, level};
}

/** Linear-interpolation quantile of sorted values (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1),
    lo = Math.floor(pos),
    hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (pos - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

function percentile(stats: number[], s: Required<BootstrapOptions>): Interval {
  const valid = stats.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const alpha = (1 - s.level) / 2;
  return {
    low: quantileSorted(valid, alpha),
    high: quantileSorted(valid, 1 - alpha),
    level: s.level,
    resamples: s.resamples,
    seed: s.seed,
    method: 'percentile',
    invalid: stats.length - valid.length,
  };
}

/** Percentile interval of `statistic` over resamples (with replacement) of the item indices 0..n-1. */
export function bootstrapInterval(n: number, statistic: (indices: Int32Array) => number, options: BootstrapOptions = {}): Interval {
  const s = settings(options);
  const rng = createRng(s.seed);
  const idx = new Int32Array(n);
  const stats: number[] = [];
  for (let b = 0; b < s.resamples; b++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    stats.push(n === 0 ? NaN : statistic(idx));
  }
  return percentile(stats, s);
}

/** Interval for a proportion (accuracy) of boolean outcomes. */
export function bootstrapProportion(flags: readonly boolean[], options: BootstrapOptions = {}): Interval {
  const ok = Uint8Array.from(flags, (f) => (f ? 1 : 0));
  return bootstrapInterval(
    ok.length,
    (idx) => {
      let c = 0;
      for (let i = 0; i < idx.length; i++) c += ok[idx[i]!]!;
      return c / idx.length;
    },
    options,
  );
}

export interface PairedComparison {
  /** statistic(A) - statistic(B) on all items. */
  difference: number;
  interval: Interval;
  /**
   * Two-sided bootstrap p-value for "no difference": 2 x the smaller share of resampled differences on
   * either side of 0, with +1 smoothing ((count + 1) / (resamples + 1)), capped at 1.
   */
  pValue: number;
  items: number;
}

/**
 * Paired bootstrap: both systems are re-scored on the SAME resampled items, so item difficulty cancels.
 * `statistic(indices, system)` computes system 0 (A) or 1 (B) on the resampled items.
 */
export function pairedBootstrap(n: number, statistic: (indices: Int32Array, system: 0 | 1) => number, options: BootstrapOptions = {}): PairedComparison {
  const s = settings(options);
  const all = Int32Array.from({length: n}, (_, i) => i);
  const difference = statistic(all, 0) - statistic(all, 1);
  const rng = createRng(s.seed);
  const idx = new Int32Array(n);
  const diffs: number[] = [];
  let le = 0,
    ge = 0;
  for (let b = 0; b < s.resamples; b++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    const d = statistic(idx, 0) - statistic(idx, 1);
    diffs.push(d);
    if (Number.isFinite(d)) {
      if (d <= 0) le++;
      if (d >= 0) ge++;
    }
  }
  const pValue = Math.min(1, (2 * (Math.min(le, ge) + 1)) / (s.resamples + 1));
  return {difference, interval: percentile(diffs, s), pValue, items: n};
}
