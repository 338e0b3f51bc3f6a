/** Training curves: one line per arm, one panel per metric (each with its own y scale). */
import {ArgumentError} from '@embedlab/core';
import type {TopLevelSpec} from 'vega-lite';
import {messages} from '../messages.js';
import {finiteField, firstAppearance, requireRows, stringField} from '../rows.js';
import {BASE_CONFIG, type ChartOptions, titleBlock, VEGA_LITE_SCHEMA} from './common.js';

/** One logged value of one metric of one arm. Give `step` or `epoch` (or both). */
export interface TrainingCurveRow {
  arm: string;
  epoch?: number;
  step?: number;
  /** e.g. `loss`, `simlex999 spearman`. */
  metric: string;
  value: number;
}

export interface TrainingCurvesOptions extends ChartOptions {
  /** Which field is the x axis. __Default:__ `step` when every row has one, else `epoch`. */
  x?: 'epoch' | 'step';
  /** Panels per row. __Default:__ 3. */
  columns?: number;
}

/** Line chart per metric, a line per arm. Orders of arms and metrics follow first appearance. */
export function trainingCurvesSpec(rows: readonly TrainingCurveRow[], options: TrainingCurvesOptions = {}): TopLevelSpec {
  const what = 'trainingCurvesSpec';
  requireRows(what, rows);
  const x = options.x ?? (rows.every((r) => typeof r.step === 'number') ? 'step' : rows.every((r) => typeof r.epoch === 'number') ? 'epoch' : undefined);
  if (x === undefined) throw new ArgumentError(messages.noXField());
  const values = rows.map((_, i) => ({
    arm: stringField(what, rows, i, 'arm'),
    metric: stringField(what, rows, i, 'metric'),
    [x]: finiteField(what, rows, i, x),
    value: finiteField(what, rows, i, 'value'),
  }));
  const arms = firstAppearance(values.map((r) => r.arm as string));
  const metrics = firstAppearance(values.map((r) => r.metric as string));
  // Points help with a few epochs; with hundreds of steps they only clutter the line.
  const distinctX = new Set(values.map((r) => r[x] as number)).size;
  // Whole epochs/steps should not get ticks like 1.5.
  const integerX = values.every((r) => Number.isInteger(r[x]));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(options.title ?? `Training curves by ${x}`, options.subtitle),
    config: BASE_CONFIG,
    data: {values},
    facet: {field: 'metric', type: 'nominal', title: null, sort: metrics},
    columns: options.columns ?? 3,
    spec: {
      width: 240,
      height: 180,
      mark: {type: 'line', point: distinctX <= 40},
      encoding: {
        x: {field: x, type: 'quantitative', title: x === 'step' ? 'Step' : 'Epoch', ...(integerX ? {axis: {tickMinStep: 1}} : {})},
        y: {field: 'value', type: 'quantitative', title: 'Value', scale: {zero: false}},
        color: {field: 'arm', type: 'nominal', title: 'Arm', sort: arms},
        tooltip: [
          {field: 'arm', type: 'nominal', title: 'Arm'},
          {field: 'metric', type: 'nominal', title: 'Metric'},
          {field: x, type: 'quantitative', title: x === 'step' ? 'Step' : 'Epoch'},
          {field: 'value', type: 'quantitative', title: 'Value', format: '.4f'},
        ],
      },
    },
    resolve: {scale: {y: 'independent'}},
  } as TopLevelSpec;
}
