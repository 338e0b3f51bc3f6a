/**
 * Aggregation across seeds: per setting and per numeric summary key (interval ends `:lo`/`:hi` left out),
 * n, mean, sample standard deviation and a Student-t interval of the mean; and paired differences between
 * settings (B - A per common seed, t interval and two-sided p of "no difference").
 */
import {tInterval} from '../lm/stats.js';

export interface SweepRunResult {
  settingKey: string;
  setting: Record<string, unknown>;
  seed: number;
  numbers: Record<string, number>;
}

export interface MetricAggregate {
  settingKey: string;
  setting: Record<string, unknown>;
  metric: string;
  n: number;
  mean: number;
  sd: number;
  /** Student-t interval of the mean (equal to the mean when n = 1, sd = 0 or NaN values). */
  lo: number;
  hi: number;
  seeds: number[];
  values: number[];
}

export interface PairedAggregate {
  metric: string;
  a: string;
  b: string;
  /** mean over common seeds of (b - a) */
  difference: number;
  lo: number;
  hi: number;
  p: number;
  n: number;
}

export function meanSd(values: readonly number[]): {mean: number; sd: number} {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return {mean, sd};
}

const numericKeys = (numbers: Record<string, unknown>) =>
  Object.keys(numbers).filter((k) => !/:(lo|hi)$/.test(k) && typeof numbers[k] === 'number' && Number.isFinite(numbers[k]));

export function aggregate(results: readonly SweepRunResult[], level = 0.95): MetricAggregate[] {
  const settings = [...new Map(results.map((r) => [r.settingKey, r.setting])).entries()];
  const out: MetricAggregate[] = [];
  for (const [settingKey, setting] of settings) {
    const runs = results.filter((r) => r.settingKey === settingKey).sort((x, y) => x.seed - y.seed);
    const keys = [...new Set(runs.flatMap((r) => numericKeys(r.numbers)))].sort();
    for (const metric of keys) {
      const have = runs.filter((r) => Number.isFinite(r.numbers[metric]));
      const values = have.map((r) => r.numbers[metric] as number);
      const {mean, sd} = meanSd(values);
      const t = values.length > 1 && sd > 0 ? tInterval(values, level) : {lo: mean, hi: mean};
      out.push({settingKey, setting, metric, n: values.length, mean, sd, lo: t.lo, hi: t.hi, seeds: have.map((r) => r.seed), values});
    }
  }
  return out;
}

/** Every pair of settings (in order of appearance), every metric both have on at least 2 common seeds. */
export function pairedAcrossSeeds(results: readonly SweepRunResult[], level = 0.95): PairedAggregate[] {
  const settings = [...new Set(results.map((r) => r.settingKey))];
  const out: PairedAggregate[] = [];
  for (let i = 0; i < settings.length; i++) {
    for (let j = i + 1; j < settings.length; j++) {
      const a = settings[i] as string;
      const b = settings[j] as string;
      const ra = new Map(results.filter((r) => r.settingKey === a).map((r) => [r.seed, r.numbers]));
      const rb = new Map(results.filter((r) => r.settingKey === b).map((r) => [r.seed, r.numbers]));
      const seeds = [...ra.keys()].filter((s) => rb.has(s)).sort((x, y) => x - y);
      const keys = [...new Set(seeds.flatMap((s) => numericKeys(ra.get(s) as Record<string, number>)))].sort();
      for (const metric of keys) {
        const diffs = seeds
          .map((s) => (rb.get(s) as Record<string, number>)[metric]! - (ra.get(s) as Record<string, number>)[metric]!)
          .filter((d) => Number.isFinite(d));
        if (diffs.length < 2) continue;
        const {mean, sd} = meanSd(diffs);
        const t = sd > 0 ? tInterval(diffs, level) : {lo: mean, hi: mean, p: mean === 0 ? 1 : 0};
        out.push({metric, a, b, difference: mean, lo: t.lo, hi: t.hi, p: t.p, n: diffs.length});
      }
    }
  }
  return out;
}
