/**
 * summary.json: the numbers a run stands for, keyed `arm/task/dataset[/section]/metric` (plus `:lo`/`:hi`
 * for interval ends), with a tolerance for each number that depends on training. The committed copy in
 * `reports/<experiment>/summary.json` is what `exp reproduce` compares a fresh run against.
 */
import type {ExperimentConfig} from './experiment.js';
import {metricKey, type MetricRow} from './metric-row.js';

export interface Summary {
  format: 'embedlab-summary';
  version: 1;
  experiment: string;
  runId: string;
  configHash: string;
  protocolHash: string;
  /** The resolved config, so `reproduce` re-runs exactly what produced these numbers. */
  config: ExperimentConfig;
  /** key -> value. Evaluation numbers of frozen vectors must reproduce exactly. */
  numbers: Record<string, number>;
  /** key -> absolute tolerance, only for numbers that depend on training. */
  tolerances: Record<string, number>;
}

export function buildSummary(args: {config: ExperimentConfig; runId: string; configHash: string; protocolHash: string; rows: readonly MetricRow[]}): Summary {
  const numbers: Record<string, number> = {};
  const tolerances: Record<string, number> = {};
  const tol = args.config.reproduce.trainingTolerance;
  for (const row of args.rows) {
    if (row.step !== undefined || row.epoch !== undefined) continue; // curves live in metrics.jsonl only
    const key = metricKey(row);
    const put = (k: string, v: number) => {
      numbers[k] = v;
      if (row.exact === false) tolerances[k] = tol;
    };
    put(key, row.value);
    if (row.lo !== undefined) put(`${key}:lo`, row.lo);
    if (row.hi !== undefined) put(`${key}:hi`, row.hi);
  }
  return {
    format: 'embedlab-summary',
    version: 1,
    experiment: args.config.name,
    runId: args.runId,
    configHash: args.configHash,
    protocolHash: args.protocolHash,
    config: args.config,
    numbers,
    tolerances,
  };
}

export interface Drift {
  key: string;
  committed: number | undefined;
  fresh: number | undefined;
  /** 0 for exact numbers. */
  tolerance: number;
}

/**
 * Numbers of `fresh` that differ from `committed`: exact keys must be equal (NaN equals NaN), toleranced
 * keys within |a - b| <= tolerance (the committed file's tolerance). A key present on one side only drifts.
 */
export function compareSummaries(committed: Summary, fresh: Summary): Drift[] {
  const drifts: Drift[] = [];
  const keys = new Set([...Object.keys(committed.numbers), ...Object.keys(fresh.numbers)]);
  for (const key of [...keys].sort()) {
    const a = asNumber(committed.numbers[key]);
    const b = asNumber(fresh.numbers[key]);
    const tolerance = committed.tolerances[key] ?? 0;
    if (a === undefined || b === undefined) {
      drifts.push({key, committed: a, fresh: b, tolerance});
      continue;
    }
    const same = Number.isNaN(a) || Number.isNaN(b) ? Number.isNaN(a) && Number.isNaN(b) : tolerance === 0 ? a === b : Math.abs(a - b) <= tolerance;
    if (!same) drifts.push({key, committed: a, fresh: b, tolerance});
  }
  return drifts;
}

/** JSON writes NaN as null; read it back as NaN. */
function asNumber(v: number | null | undefined): number | undefined {
  return v === null ? Number.NaN : v;
}
