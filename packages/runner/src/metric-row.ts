/**
 * Tidy result rows: one number per row, with the coordinates that say what it measures. metrics.jsonl
 * holds them one per line; Vega-Lite reads them as `data.values`; summary.json keys them by `metricKey`.
 */
export interface MetricRow {
  /** Which arm (vector set) the number is about. */
  arm: string;
  /** `analogy`, `similarity`, `downstream`, `drift`, `training`. */
  task: string;
  /** Dataset or corpus id (`google-analogy`, `simlex-999`, `spamassassin`). */
  dataset: string;
  /** A part of the dataset (`overall`, `semantic`, `capital-world`, `inflectional-morphology`). */
  section?: string;
  /** `accuracy`, `spearman`, `coverage`, `f1`, ... */
  metric: string;
  value: number;
  /** 95% (or the configured) interval, when the evaluator computes one. */
  lo?: number;
  hi?: number;
  /** How many items the number is over. */
  n?: number;
  /** Training curves: the step or epoch of the value. Rows with a step are kept out of summary.json. */
  step?: number;
  epoch?: number;
  /** A per-section breakdown row: in metrics, summary and report, but not in the printed table. */
  detail?: boolean;
  /** Set by the runner: true when re-running must reproduce the value bit for bit. */
  exact?: boolean;
}

/** `arm/task/dataset[/section]/metric`, the key of a number in summary.json. */
export function metricKey(row: Pick<MetricRow, 'arm' | 'task' | 'dataset' | 'section' | 'metric'>): string {
  return [row.arm, row.task, row.dataset, ...(row.section === undefined ? [] : [row.section]), row.metric].join('/');
}
