/**
 * Human rating vs model similarity, one panel per dataset. Rating scales differ between datasets
 * (0-10, 0-50, ...), so each panel gets its own x scale. Spearman's rho, when given, goes in the title
 * (one dataset) or in each panel's header (several).
 */
import type {TopLevelSpec} from 'vega-lite';
import {finiteField, firstAppearance, requireRows, stringField} from '../rows.js';
import {BASE_CONFIG, type ChartOptions, titleBlock, VEGA_LITE_SCHEMA} from './common.js';

/** One word pair of a similarity dataset, scored by people and by the model. */
export interface SimilarityPairRow {
  dataset: string;
  word1: string;
  word2: string;
  /** Human rating on the dataset's own scale. */
  human: number;
  /** Model similarity (usually cosine). */
  model: number;
}

export interface SimilarityScatterOptions extends ChartOptions {
  /** Spearman's rho per dataset id, shown with 3 decimals. */
  spearman?: Readonly<Record<string, number>>;
  /** Panels per row when there are several datasets. __Default:__ 3. */
  columns?: number;
  /** __Default:__ `'Human rating'`. */
  xTitle?: string;
  /** __Default:__ `'Model cosine similarity'`. */
  yTitle?: string;
}

/** `dataset (Spearman ρ = 0.372, n = 998)`, or without rho when none is given. */
export function similarityPanelLabel(dataset: string, n: number, spearman?: number): string {
  return spearman === undefined || !Number.isFinite(spearman) ? `${dataset} (n = ${n})` : `${dataset} (Spearman ρ = ${spearman.toFixed(3)}, n = ${n})`;
}

/** Scatter of human vs model similarity; one panel per dataset. Dataset order follows first appearance. */
export function similarityScatterSpec(rows: readonly SimilarityPairRow[], options: SimilarityScatterOptions = {}): TopLevelSpec {
  const what = 'similarityScatterSpec';
  requireRows(what, rows);
  const parsed = rows.map((_, i) => ({
    dataset: stringField(what, rows, i, 'dataset'),
    word1: stringField(what, rows, i, 'word1'),
    word2: stringField(what, rows, i, 'word2'),
    human: finiteField(what, rows, i, 'human'),
    model: finiteField(what, rows, i, 'model'),
  }));
  const datasets = firstAppearance(parsed.map((r) => r.dataset));
  const counts = new Map<string, number>();
  for (const r of parsed) counts.set(r.dataset, (counts.get(r.dataset) ?? 0) + 1);
  const labels = new Map(datasets.map((d) => [d, similarityPanelLabel(d, counts.get(d)!, options.spearman?.[d])]));
  const values = parsed.map((r) => ({...r, panel: labels.get(r.dataset)!}));
  const unit = {
    width: 260,
    height: 220,
    mark: {type: 'point', filled: true, size: 24, opacity: 0.55},
    encoding: {
      x: {field: 'human', type: 'quantitative', title: options.xTitle ?? 'Human rating', scale: {zero: false}},
      y: {field: 'model', type: 'quantitative', title: options.yTitle ?? 'Model cosine similarity', scale: {zero: false}},
      tooltip: [
        {field: 'word1', type: 'nominal', title: 'Word 1'},
        {field: 'word2', type: 'nominal', title: 'Word 2'},
        {field: 'human', type: 'quantitative', title: 'Human', format: '.2f'},
        {field: 'model', type: 'quantitative', title: 'Model', format: '.3f'},
      ],
    },
  };
  if (datasets.length === 1) {
    const title = options.title ? `${options.title}: ${labels.get(datasets[0]!)}` : `Human vs model similarity: ${labels.get(datasets[0]!)}`;
    return {$schema: VEGA_LITE_SCHEMA, title: titleBlock(title, options.subtitle), config: BASE_CONFIG, data: {values}, ...unit} as TopLevelSpec;
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(options.title ?? 'Human vs model similarity', options.subtitle),
    config: BASE_CONFIG,
    data: {values},
    facet: {field: 'panel', type: 'nominal', title: null, sort: datasets.map((d) => labels.get(d)!)},
    columns: options.columns ?? 3,
    spec: unit,
    resolve: {scale: {x: 'independent'}},
  } as TopLevelSpec;
}
