/**
 * Grouped bars with 95% interval error bars: one group per dataset, one bar per arm (colour = arm).
 * Several metrics in the rows give one panel per metric (rows of a facet), each with its own y scale.
 */
import type {TopLevelSpec} from 'vega-lite';
import {finiteField, firstAppearance, requireRows, stringField} from '../rows.js';
import {BASE_CONFIG, type ChartOptions, titleBlock, VEGA_LITE_SCHEMA} from './common.js';

/** One evaluated (dataset, arm, metric) cell with its interval. */
export interface IntervalRow {
  dataset: string;
  arm: string;
  /** e.g. `spearman`, `accuracy`. */
  metric: string;
  value: number;
  /** Lower end of the 95% interval. */
  lo: number;
  /** Upper end of the 95% interval. */
  hi: number;
  /** Fraction of the dataset's items the arm could score (in vocabulary), in [0, 1]. */
  coverage?: number;
}

export interface IntervalBarsOptions extends ChartOptions {
  /** __Default:__ `'Dataset'`. */
  xTitle?: string;
  /** __Default:__ the metric name plus `(bars: 95% interval)`. */
  yTitle?: string;
}

/** Grouped bar chart of `value` with `lo`..`hi` error bars, dataset x arm. Orders follow first appearance. */
export function intervalBarsSpec(rows: readonly IntervalRow[], options: IntervalBarsOptions = {}): TopLevelSpec {
  const what = 'intervalBarsSpec';
  requireRows(what, rows);
  const values = rows.map((_, i) => {
    const row: Record<string, string | number> = {
      dataset: stringField(what, rows, i, 'dataset'),
      arm: stringField(what, rows, i, 'arm'),
      metric: stringField(what, rows, i, 'metric'),
      value: finiteField(what, rows, i, 'value'),
      lo: finiteField(what, rows, i, 'lo'),
      hi: finiteField(what, rows, i, 'hi'),
    };
    if (rows[i]!.coverage !== undefined) row.coverage = finiteField(what, rows, i, 'coverage');
    return row;
  });
  const datasets = firstAppearance(values.map((r) => r.dataset as string));
  const arms = firstAppearance(values.map((r) => r.arm as string));
  const metrics = firstAppearance(values.map((r) => r.metric as string));
  const withCoverage = values.every((r) => r.coverage !== undefined);
  const yTitle = options.yTitle ?? (metrics.length === 1 ? `${metrics[0]} (bars: 95% interval)` : 'value (bars: 95% interval)');
  const tooltip = [
    {field: 'dataset', type: 'nominal', title: 'Dataset'},
    {field: 'arm', type: 'nominal', title: 'Arm'},
    {field: 'metric', type: 'nominal', title: 'Metric'},
    {field: 'value', type: 'quantitative', title: 'Value', format: '.3f'},
    {field: 'lo', type: 'quantitative', title: '95% lo', format: '.3f'},
    {field: 'hi', type: 'quantitative', title: '95% hi', format: '.3f'},
    ...(withCoverage ? [{field: 'coverage', type: 'quantitative', title: 'Coverage', format: '.1%'}] : []),
  ] as const;
  const inner = {
    width: Math.max(240, datasets.length * (arms.length * 16 + 24)),
    height: 220,
    encoding: {
      x: {field: 'dataset', type: 'nominal', title: options.xTitle ?? 'Dataset', sort: datasets, axis: {labelAngle: 0}},
      xOffset: {field: 'arm', type: 'nominal', sort: arms},
      color: {field: 'arm', type: 'nominal', title: 'Arm', sort: arms},
    },
    layer: [
      {
        mark: {type: 'bar'},
        encoding: {y: {field: 'value', type: 'quantitative', title: yTitle}, tooltip},
      },
      {
        // A black interval over each bar; the layer's colour value overrides the shared arm colour.
        mark: {type: 'rule', strokeWidth: 1.5},
        encoding: {y: {field: 'lo', type: 'quantitative', title: yTitle}, y2: {field: 'hi'}, color: {value: 'black'}, tooltip},
      },
    ],
  };
  const title = titleBlock(options.title ?? `${metrics.join(', ')} by dataset and arm (95% intervals)`, options.subtitle);
  if (metrics.length === 1) {
    return {$schema: VEGA_LITE_SCHEMA, title, config: BASE_CONFIG, data: {values}, ...inner} as TopLevelSpec;
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    config: BASE_CONFIG,
    data: {values},
    facet: {row: {field: 'metric', type: 'nominal', title: 'Metric', sort: metrics}},
    spec: inner,
    resolve: {scale: {y: 'independent'}},
  } as TopLevelSpec;
}
