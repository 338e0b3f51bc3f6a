/**
 * Curves over several seeds: per arm a line through the mean over seeds and a shaded band from the
 * smallest to the largest seed's value, one panel per metric (each with its own y scale). The aggregation
 * happens here in TS, so the spec holds one row per (arm, metric, x) with mean, min, max and the seed count.
 */
import type {TopLevelSpec} from 'vega-lite';
import {finiteField, firstAppearance, requireRows, stringField} from '../rows.js';
import {BASE_CONFIG, type ChartOptions, titleBlock, VEGA_LITE_SCHEMA} from './common.js';

/** One logged value of one seed of one arm (e.g. validation loss after 40,960 tokens). */
export interface SeedCurveRow {
  arm: string;
  /** e.g. `train loss`, `held-out loss`. */
  metric: string;
  /** The x position (tokens seen, step). */
  x: number;
  seed: string | number;
  value: number;
}

export interface SeedBandsOptions extends ChartOptions {
  /** __Default:__ `'Tokens seen'`. */
  xTitle?: string;
  /** __Default:__ `'Value'`. */
  yTitle?: string;
  /** Panels per row. __Default:__ 3. */
  columns?: number;
}

/** The aggregated rows the spec draws: mean, min and max over seeds per (arm, metric, x). */
export function seedBandRows(rows: readonly SeedCurveRow[]): {arm: string; metric: string; x: number; mean: number; min: number; max: number; seeds: number}[] {
  const what = 'seedBandsSpec';
  requireRows(what, rows);
  const groups = new Map<string, {arm: string; metric: string; x: number; values: number[]}>();
  rows.forEach((_, i) => {
    const arm = stringField(what, rows, i, 'arm');
    const metric = stringField(what, rows, i, 'metric');
    const x = finiteField(what, rows, i, 'x');
    const value = finiteField(what, rows, i, 'value');
    const key = JSON.stringify([arm, metric, x]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {arm, metric, x, values: []}));
    g.values.push(value);
  });
  return [...groups.values()].map(({arm, metric, x, values}) => ({
    arm,
    metric,
    x,
    mean: values.reduce((s, v) => s + v, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    seeds: values.length,
  }));
}

/** Mean line and min-max band over seeds, per arm (colour), one panel per metric. Orders follow first appearance. */
export function seedBandsSpec(rows: readonly SeedCurveRow[], options: SeedBandsOptions = {}): TopLevelSpec {
  const values = seedBandRows(rows);
  const arms = firstAppearance(values.map((r) => r.arm));
  const metrics = firstAppearance(values.map((r) => r.metric));
  const xTitle = options.xTitle ?? 'Tokens seen';
  const color = {field: 'arm', type: 'nominal', title: 'Arm', sort: arms, legend: {labelLimit: 320}};
  const x = {field: 'x', type: 'quantitative', title: xTitle};
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(options.title ?? 'Curves over seeds (line: mean; band: min to max over seeds)', options.subtitle),
    config: BASE_CONFIG,
    data: {values},
    facet: {field: 'metric', type: 'nominal', title: null, sort: metrics},
    columns: options.columns ?? 3,
    spec: {
      width: 260,
      height: 190,
      layer: [
        {
          mark: {type: 'area', opacity: 0.2},
          encoding: {x, y: {field: 'min', type: 'quantitative', title: options.yTitle ?? 'Value', scale: {zero: false}}, y2: {field: 'max'}, color},
        },
        {
          mark: {type: 'line', point: new Set(values.map((r) => r.x)).size <= 40},
          encoding: {
            x,
            y: {field: 'mean', type: 'quantitative', title: options.yTitle ?? 'Value', scale: {zero: false}},
            color,
            tooltip: [
              {field: 'arm', type: 'nominal', title: 'Arm'},
              {field: 'metric', type: 'nominal', title: 'Metric'},
              {field: 'x', type: 'quantitative', title: xTitle, format: ','},
              {field: 'mean', type: 'quantitative', title: 'Mean', format: '.4f'},
              {field: 'min', type: 'quantitative', title: 'Min', format: '.4f'},
              {field: 'max', type: 'quantitative', title: 'Max', format: '.4f'},
              {field: 'seeds', type: 'quantitative', title: 'Seeds'},
            ],
          },
        },
      ],
    },
    resolve: {scale: {y: 'independent'}},
  } as TopLevelSpec;
}
