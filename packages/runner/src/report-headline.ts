/**
 * What a report leads with: the question (the first sentence of `**Question.**` in the experiment's
 * README, up to its first question mark), the headline chart, and a compact table of the primary metrics
 * per arm with their intervals. Everything else follows, folded.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {ExperimentConfig} from './experiment.js';
import type {MetricRow} from './metric-row.js';
import {PAIRED_TASK} from './paired.js';
import {formatValue, type Cells} from './table.js';

/** The question an experiment's README asks, as one sentence; undefined without a `**Question.**` paragraph. */
export function experimentQuestion(experimentsDir: string, name: string): string | undefined {
  const file = join(experimentsDir, name, 'README.md');
  if (!existsSync(file)) return undefined;
  const m = /\*\*Question\.\*\*\s*([\s\S]*?)(?:\n\s*\n|$)/.exec(readFileSync(file, 'utf8'));
  if (!m) return undefined;
  const text = (m[1] as string).replace(/\s+/g, ' ').replace(/`/g, '').trim();
  const q = text.indexOf('?');
  if (q >= 0) return text.slice(0, q + 1);
  const dot = /\.(\s|$)/.exec(text);
  return dot ? text.slice(0, dot.index + 1) : text;
}

const PRIMARY_METRICS = ['accuracy', 'spearman', 'f1', 'perplexity'];

/** Primary rows: accuracy, Spearman, F1, perplexity overall per dataset (classifier: per setting). */
export function isPrimary(r: MetricRow): boolean {
  if (r.detail || r.task === PAIRED_TASK || r.step !== undefined || r.epoch !== undefined) return false;
  if (!PRIMARY_METRICS.includes(r.metric)) return false;
  return r.section === undefined || r.section === 'overall' || r.task === 'downstream';
}

/** metric x arm with intervals, primary rows only. */
export function primaryCells(rows: readonly MetricRow[], configArms: readonly string[]): Cells {
  const primary = rows.filter(isPrimary);
  const arms = [...configArms, ...new Set(primary.map((r) => r.arm).filter((a) => !configArms.includes(a)))].filter((a) => primary.some((r) => r.arm === a));
  const byLabel = new Map<string, Map<string, MetricRow>>();
  for (const r of primary) {
    const label = [r.dataset, r.section === 'overall' ? undefined : r.section, r.metric].filter((x) => x !== undefined).join(' ');
    let m = byLabel.get(label);
    if (!m) byLabel.set(label, (m = new Map()));
    m.set(r.arm, r);
  }
  return {
    header: ['metric', ...arms],
    body: [...byLabel].map(([label, m]) => [label, ...arms.map((a) => (m.has(a) ? formatValue(m.get(a) as MetricRow) : '-'))]),
  };
}

const HEADLINE_CHARTS = ['lm-perplexity', 'contextual-layers', 'analogy', 'similarity', 'downstream'];

/** The charts with the headline one first (the rest keep their order). */
export function headlineFirst<T extends {name: string}>(charts: readonly T[]): T[] {
  const name = HEADLINE_CHARTS.find((n) => charts.some((c) => c.name === n));
  const i = charts.findIndex((c) => c.name === name);
  return i <= 0 ? [...charts] : [charts[i] as T, ...charts.slice(0, i), ...charts.slice(i + 1)];
}

/** The arms `exp explore <run folder>` can show: pretrained without post-processing (others are not saved). */
export function explorableArms(config: ExperimentConfig): string[] {
  return config.arms.filter((a) => a.vectors.type === 'pretrained' && !(a.postprocess ?? []).length).map((a) => a.name);
}

export function exploreNote(config: ExperimentConfig, runId: string): string | undefined {
  const arms = explorableArms(config);
  if (!arms.length) return undefined;
  const others = config.arms.length - arms.length;
  return (
    `Look at the vectors (neighbours per arm, analogies, a UMAP/PCA map) in one offline page: pnpm exp explore results/${config.name}/${runId} --out explore.html ` +
    `(arms ${arms.join(', ')}${others ? `; the other ${others} arm${others > 1 ? 's are' : ' is'} trained or post-processed, and runs do not save those vectors` : ''}).`
  );
}
