/**
 * A value per layer of a model: one line per series (model), one panel per dataset or measure (each with
 * its own y scale), optional interval whiskers, and static baselines drawn as horizontal rules (GloVe, a
 * model's input table) in the same panel. Used for contextual-vs-static results: Spearman per layer next
 * to the static vectors on the same words.
 */
import type {TopLevelSpec} from 'vega-lite';
import {finiteField, firstAppearance, requireRows, stringField} from '../rows.js';
import {BASE_CONFIG, type ChartOptions, titleBlock, VEGA_LITE_SCHEMA} from './common.js';

/** One value of one series at one layer, in one panel. */
export interface LayerPointRow {
  /** Panel (dataset or measure), e.g. `simlex-999`. */
  panel: string;
  /** Line (model), e.g. `bert-random`. */
  series: string;
  /** 0 = the embedding output, 1..L = the blocks. */
  layer: number;
  value: number;
  /** Interval, drawn as a whisker when both are given. */
  lo?: number;
  hi?: number;
}

/** A horizontal rule in one panel: a static baseline. */
export interface LayerRuleRow {
  panel: string;
  /** Colour (a model's colour for its own input table, or a name of its own such as `glove-init`). */
  series: string;
  /** What the rule is (dash style and legend), e.g. `GloVe`, `input table`. */
  baseline: string;
  value: number;
}

export interface LayerLinesOptions extends ChartOptions {
  /** __Default:__ `'Layer (0 = embedding output)'`. */
  xTitle?: string;
  /** __Default:__ `'Value'`. */
  yTitle?: string;
  /** Panels per row. __Default:__ 3. */
  columns?: number;
}

/** Lines over layers per series, whiskers for intervals, rules for baselines; orders follow first appearance. */
export function layerLinesSpec(points: readonly LayerPointRow[], rules: readonly LayerRuleRow[] = [], options: LayerLinesOptions = {}): TopLevelSpec {
  const what = 'layerLinesSpec';
  requireRows(what, points);
  const lines = points.map((_, i) => {
    const p = points[i] as LayerPointRow;
    const row: Record<string, unknown> = {
      kind: 'layer',
      panel: stringField(what, points, i, 'panel'),
      series: stringField(what, points, i, 'series'),
      layer: finiteField(what, points, i, 'layer'),
      value: finiteField(what, points, i, 'value'),
    };
    if (p.lo !== undefined && p.hi !== undefined && Number.isFinite(p.lo) && Number.isFinite(p.hi)) Object.assign(row, {lo: p.lo, hi: p.hi});
    return row;
  });
  const flat = rules.map((_, i) => ({
    kind: 'rule',
    panel: stringField(`${what} rules`, rules, i, 'panel'),
    series: stringField(`${what} rules`, rules, i, 'series'),
    baseline: stringField(`${what} rules`, rules, i, 'baseline'),
    value: finiteField(`${what} rules`, rules, i, 'value'),
  }));
  const values = [...lines, ...flat];
  const panels = firstAppearance(values.map((r) => r.panel as string));
  const series = firstAppearance(values.map((r) => r.series as string));
  const baselines = firstAppearance(flat.map((r) => r.baseline));
  const layers = lines.map((r) => r.layer as number);
  const x = {
    field: 'layer',
    type: 'quantitative',
    title: options.xTitle ?? 'Layer (0 = embedding output)',
    scale: {domain: [Math.min(...layers), Math.max(...layers)], nice: false},
    axis: {tickMinStep: 1, format: 'd'},
  };
  const yTitle = options.yTitle ?? 'Value';
  const color = {field: 'series', type: 'nominal', title: 'Model', sort: series};
  const layer: Record<string, unknown>[] = [];
  if (lines.some((r) => r.lo !== undefined)) {
    layer.push({
      transform: [{filter: "datum.kind === 'layer' && isValid(datum.lo)"}],
      mark: {type: 'rule', opacity: 0.5},
      encoding: {x, y: {field: 'lo', type: 'quantitative', title: yTitle}, y2: {field: 'hi'}, color},
    });
  }
  layer.push({
    transform: [{filter: "datum.kind === 'layer'"}],
    mark: {type: 'line', point: true},
    encoding: {
      x,
      y: {field: 'value', type: 'quantitative', title: yTitle, scale: {zero: false}},
      color,
      tooltip: [
        {field: 'series', type: 'nominal', title: 'Model'},
        {field: 'panel', type: 'nominal', title: 'Panel'},
        {field: 'layer', type: 'quantitative', title: 'Layer'},
        {field: 'value', type: 'quantitative', title: 'Value', format: '.4f'},
        {field: 'lo', type: 'quantitative', title: 'Low', format: '.4f'},
        {field: 'hi', type: 'quantitative', title: 'High', format: '.4f'},
      ],
    },
  });
  if (flat.length) {
    layer.push({
      transform: [{filter: "datum.kind === 'rule'"}],
      mark: {type: 'rule', strokeWidth: 1.5},
      encoding: {
        y: {field: 'value', type: 'quantitative', title: yTitle},
        color,
        strokeDash: {field: 'baseline', type: 'nominal', title: 'Static baseline', sort: baselines},
        tooltip: [
          {field: 'baseline', type: 'nominal', title: 'Baseline'},
          {field: 'series', type: 'nominal', title: 'Of'},
          {field: 'value', type: 'quantitative', title: 'Value', format: '.4f'},
        ],
      },
    });
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(options.title ?? 'Per layer', options.subtitle),
    config: BASE_CONFIG,
    data: {values},
    facet: {field: 'panel', type: 'nominal', title: null, sort: panels},
    columns: options.columns ?? 3,
    spec: {width: 220, height: 170, layer},
    resolve: {scale: {y: 'independent'}},
  } as unknown as TopLevelSpec;
}
