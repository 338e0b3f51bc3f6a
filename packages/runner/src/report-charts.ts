/**
 * Which charts a report gets, built from the run's tidy rows and artifacts with @embedlab/reports' spec
 * builders. A chart whose rows are absent is simply not drawn.
 */
import {
  analogyHeatmapSpec,
  driftHistogramSpec,
  intervalBarsSpec,
  layerLinesSpec,
  pcaMapSpec,
  seedBandsSpec,
  similarityScatterSpec,
  trainingCurvesSpec,
  type DriftRow,
  type IntervalRow,
  type PcaPointRow,
  type SimilarityPairRow,
} from '@embedlab/reports';
import type {MetricRow} from './metric-row.js';
import {oovCharts} from './report-charts-oov.js';

/** A Vega-Lite top-level spec (the builders' return type; vega-lite itself is not a runner dependency). */
export type TopLevelSpec = ReturnType<typeof intervalBarsSpec>;

export interface Chart {
  /** File stem: `<name>.vl.json` and `<name>.svg`. */
  name: string;
  title: string;
  spec: TopLevelSpec;
  /** Plain text under the chart (what was sampled or left out). */
  caption?: string;
}

/** Pairs per dataset drawn in a similarity scatter; larger datasets are thinned for the chart only. */
export const SCATTER_MAX_PAIRS = 200;
/** WordSim-353's subsets repeat the combined set's pairs; the scatter shows the combined set only. */
const SCATTER_SKIP = new Set(['ws353-set1', 'ws353-set2', 'ws353-sim', 'ws353-rel']);

/**
 * At most `max` rows, evenly spaced in file order (every k-th, k = n / max): deterministic, and spread
 * over the whole rating range when the file is sorted by rating.
 */
export function thinRows<T>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return [...rows];
  return Array.from({length: max}, (_, i) => rows[Math.floor((i * rows.length) / max)] as T);
}

/** Short axis labels: `google-analogy overall` -> `Google overall`, `bats-3.0 1_Inflectional_morphology` -> `BATS inflectional`. */
export function partLabel(dataset: string, section: string | undefined): string {
  const name = dataset === 'google-analogy' ? 'Google' : dataset === 'bats-3.0' ? 'BATS' : dataset;
  const words = (section ?? '').replace(/^\d+_/, '').replace(/_/g, ' ').toLowerCase();
  const part = name === 'BATS' ? (words.split(' ')[0] ?? '') : words;
  return part ? `${name} ${part}` : name;
}

/** Slanted x labels (long dataset names collide when horizontal), on a single or faceted spec. */
export function slantLabels(spec: TopLevelSpec, angle = -30): TopLevelSpec {
  const s = structuredClone(spec) as unknown as Record<string, unknown> & {
    encoding?: {x?: {axis?: Record<string, unknown>}};
    spec?: {encoding?: {x?: {axis?: Record<string, unknown>}}};
  };
  for (const enc of [s.encoding, s.spec?.encoding]) {
    if (enc?.x) enc.x.axis = {...(enc.x.axis ?? {}), labelAngle: angle, labelAlign: 'right', labelLimit: 220};
  }
  return s as unknown as TopLevelSpec;
}

const hasInterval = (r: MetricRow): r is MetricRow & {lo: number; hi: number} =>
  Number.isFinite(r.value) && r.lo !== undefined && r.hi !== undefined && Number.isFinite(r.lo) && Number.isFinite(r.hi);

export function reportCharts(rows: readonly MetricRow[], artifacts: ReadonlyMap<string, readonly Record<string, unknown>[]>, subtitle: string): Chart[] {
  const charts: Chart[] = [];
  const coverage = new Map(rows.filter((r) => r.metric === 'coverage').map((r) => [`${r.arm}|${r.task}|${r.dataset}`, r.value]));
  const interval = (r: MetricRow & {lo: number; hi: number}, dataset: string): IntervalRow => {
    const c = coverage.get(`${r.arm}|${r.task}|${r.dataset}`);
    return {dataset, arm: r.arm, metric: r.metric, value: r.value, lo: r.lo, hi: r.hi, ...(c !== undefined && Number.isFinite(c) ? {coverage: c} : {})};
  };

  const analogy = rows.filter((r) => r.task === 'analogy' && r.metric === 'accuracy' && !r.detail).filter(hasInterval);
  if (analogy.length) {
    charts.push({
      name: 'analogy',
      title: 'Analogy accuracy',
      spec: slantLabels(
        intervalBarsSpec(
          analogy.map((r) => interval(r, partLabel(r.dataset, r.section))),
          {title: 'Analogy accuracy (95% intervals)', subtitle, xTitle: 'Dataset / part'},
        ),
      ),
    });
  }
  const sections = rows.filter(
    (r) => r.task === 'analogy' && r.dataset === 'google-analogy' && r.metric === 'accuracy' && r.detail && Number.isFinite(r.value),
  );
  if (sections.length) {
    charts.push({
      name: 'analogy-sections',
      title: 'Google analogy by section',
      spec: analogyHeatmapSpec(
        sections.map((r) => ({
          section: r.section ?? '',
          arm: r.arm,
          accuracy: r.value,
          ...(r.n !== undefined ? {total: r.n, correct: Math.round(r.value * r.n)} : {}),
        })),
        {title: 'Google analogy accuracy by section', subtitle},
      ),
    });
  }
  const similarity = rows.filter((r) => r.task === 'similarity' && r.metric === 'spearman').filter(hasInterval);
  if (similarity.length) {
    charts.push({
      name: 'similarity',
      title: 'Word similarity (Spearman)',
      spec: slantLabels(
        intervalBarsSpec(
          similarity.map((r) => interval(r, r.dataset)),
          {title: 'Word similarity: Spearman rho (95% intervals)', subtitle},
        ),
      ),
    });
  }
  const downstream = rows.filter((r) => r.task === 'downstream' && (r.metric === 'f1' || r.metric === 'accuracy')).filter(hasInterval);
  if (downstream.length) {
    charts.push({
      name: 'downstream',
      title: 'Downstream classifier',
      spec: intervalBarsSpec(
        downstream.map((r) => ({...interval(r, r.section ?? r.dataset), arm: r.arm})),
        {title: `Downstream: ${downstream[0]?.dataset} held-out accuracy and F1 (95% intervals)`, subtitle, xTitle: 'Classifier embedding'},
      ),
    });
  }
  const curves = rows.filter((r) => (r.epoch !== undefined || r.step !== undefined) && Number.isFinite(r.value));
  if (curves.length) {
    charts.push({
      name: 'training',
      title: 'Training curves',
      spec: trainingCurvesSpec(
        curves.map((r) => ({
          arm: r.section ? `${r.arm} ${r.section}` : r.arm,
          metric: `${r.dataset} ${r.metric}`,
          value: r.value,
          ...(r.epoch !== undefined ? {epoch: r.epoch} : {}),
          ...(r.step !== undefined ? {step: r.step} : {}),
        })),
        {title: 'Training curves', subtitle},
      ),
    });
  }
  const perplexity = rows.filter((r) => r.task === 'lm' && r.dataset === 'validation' && r.metric === 'perplexity').filter(hasInterval);
  if (perplexity.length) {
    charts.push({
      name: 'lm-perplexity',
      title: 'Validation perplexity',
      spec: intervalBarsSpec(
        perplexity.map((r) => ({dataset: r.section ?? 'mean over seeds', arm: r.arm, metric: 'perplexity', value: r.value, lo: r.lo, hi: r.hi})),
        {title: 'Validation perplexity (95% bootstrap intervals over documents)', subtitle, xTitle: 'Seeds', yTitle: 'perplexity (lower is better)'},
      ),
      caption:
        'First group: exp of the mean validation loss over the seeds (the geometric mean of their perplexities); then each seed alone. Intervals resample validation documents.',
    });
  }
  const lmCurves = (artifacts.get('lm-curves') ?? []) as {arm?: string; seed?: number; tokens?: number; split?: string; loss?: number}[];
  if (lmCurves.length) {
    const curveRows = lmCurves.flatMap((c) => {
      const base = {arm: c.arm ?? '', x: c.tokens as number, seed: c.seed ?? 0};
      const loss = {...base, metric: `${c.split} loss`, value: c.loss as number};
      return c.split === 'held-out' ? [loss, {...base, metric: 'held-out perplexity', value: Math.exp(c.loss as number)}] : [loss];
    });
    charts.push({
      name: 'lm-curves',
      title: 'Loss curves',
      spec: seedBandsSpec(curveRows, {
        title: 'Loss against tokens seen (line: mean over seeds; band: min to max)',
        subtitle,
        yTitle: 'nats per token / perplexity',
      }),
      caption:
        "Train loss: mean over the steps since the previous point. Held-out loss: the validation documents' first tokens (curveTokens each), logged during training; the table's perplexity scores more tokens per document.",
    });
  }
  charts.push(...contextualCharts(rows, subtitle));
  charts.push(...oovCharts(rows, subtitle));
  const drift = (artifacts.get('drift') ?? []) as unknown as DriftRow[];
  const finiteDrift = drift.filter((d) => Number.isFinite(d.cosine));
  if (finiteDrift.length)
    charts.push({
      name: 'drift',
      title: 'Drift',
      spec: driftHistogramSpec(finiteDrift, {title: 'Drift: cosine(initial, trained) per word, by frequency bucket', subtitle}),
      caption: "Share of trained words per cosine bin between each word's initial and trained vector; dashed rule = median.",
    });
  const pca = (artifacts.get('pca') ?? []) as unknown as (PcaPointRow & {arm?: string; explained1: number; explained2: number; missing: number})[];
  for (const arm of [...new Set(pca.map((p) => p.arm ?? ''))]) {
    const mine = pca.filter((p) => (p.arm ?? '') === arm);
    const first = mine[0];
    if (!first || mine.length < 2) continue;
    charts.push({
      name: `pca-${arm || 'all'}`,
      title: `PCA map (${arm})`,
      spec: pcaMapSpec(
        mine.map(({word, group, x, y}) => ({word, group, x, y})),
        {title: `2D PCA of chosen word groups: ${arm}`, subtitle, explained: [first.explained1, first.explained2]},
      ),
      caption: `Unit-length vectors of ${mine.length} words projected on their top two principal components${first.missing ? ` (${first.missing} requested words have no vector)` : ''}. Parallel country→capital and adjective→comparative offsets are what 3CosAdd analogies exploit.`,
    });
  }
  const pairs = (artifacts.get('similarity-pairs') ?? []) as unknown as (SimilarityPairRow & {arm?: string})[];
  const arms = [...new Set(pairs.map((p) => p.arm ?? ''))];
  for (const arm of arms) {
    const mine = pairs.filter((p) => (p.arm ?? '') === arm && Number.isFinite(p.model) && Number.isFinite(p.human) && !SCATTER_SKIP.has(p.dataset));
    if (!mine.length) continue;
    const datasets = [...new Set(mine.map((p) => p.dataset))];
    const thinned: string[] = [];
    const shown = datasets.flatMap((d) => {
      const all = mine.filter((p) => p.dataset === d);
      if (all.length > SCATTER_MAX_PAIRS) thinned.push(`${d} ${SCATTER_MAX_PAIRS} of ${all.length}`);
      return thinRows(all, SCATTER_MAX_PAIRS);
    });
    const spearman = Object.fromEntries(
      rows.filter((r) => r.arm === arm && r.task === 'similarity' && r.metric === 'spearman').map((r) => [r.dataset, r.value]),
    );
    const skipped = [...new Set(pairs.filter((p) => (p.arm ?? '') === arm && SCATTER_SKIP.has(p.dataset)).map((p) => p.dataset))];
    charts.push({
      name: `similarity-scatter-${arm || 'all'}`,
      title: `Similarity scatter (${arm})`,
      spec: similarityScatterSpec(
        shown.map(({arm: _a, ...p}) => p),
        {title: `Human rating vs cosine: ${arm}`, subtitle, spearman},
      ),
      caption:
        'Each point is a word pair. Panel headers give Spearman over all scored pairs and n = pairs drawn.' +
        (thinned.length ? ` For a readable chart, larger datasets are thinned to every k-th pair in file order (chart only): ${thinned.join(', ')}.` : '') +
        (skipped.length ? ` Not drawn (subsets of ws353-combined): ${skipped.join(', ')}.` : ''),
    });
  }
  return charts;
}

/** Sections `layer 2 mean` of contextual-vs-static rows: layer and pooling. */
const LAYER_SECTION = /^layer (\d+) (mean|min|max|alone)$/;

/**
 * contextual-vs-static: Spearman (accuracy for analogies) per layer of each model's mean-pooled vectors,
 * with the static vectors on the same words as rules (GloVe solid, each model's input table in its colour);
 * then Ethayarajh's measures per layer.
 */
export function contextualCharts(rows: readonly MetricRow[], subtitle: string): Chart[] {
  const mine = rows.filter((r) => r.task === 'contextual' && Number.isFinite(r.value));
  const scores = mine.filter((r) => (r.metric === 'spearman' || r.metric === 'accuracy') && !r.detail);
  const points = scores.flatMap((r) => {
    const m = LAYER_SECTION.exec(r.section ?? '');
    return m && m[2] === 'mean'
      ? [{panel: r.dataset, series: r.arm, layer: Number(m[1]), value: r.value, ...(r.lo !== undefined && r.hi !== undefined ? {lo: r.lo, hi: r.hi} : {})}]
      : [];
  });
  const charts: Chart[] = [];
  if (points.length) {
    const rules = scores.flatMap((r) =>
      r.section === 'static'
        ? [{panel: r.dataset, series: r.arm, baseline: `static: ${r.arm}`, value: r.value}]
        : r.section === 'input table'
          ? [{panel: r.dataset, series: r.arm, baseline: 'input table', value: r.value}]
          : [],
    );
    charts.push({
      name: 'contextual-layers',
      title: 'Static vectors from each layer',
      spec: layerLinesSpec(points, rules, {
        title: 'Mean-pooled contextual vectors per layer: Spearman (Google: accuracy), 95% intervals',
        subtitle,
        yTitle: 'Spearman / accuracy',
      }),
      caption:
        "Each word's vectors at a layer, averaged over its sampled contexts, scored on the shared word list. Rules: the static vectors on the same words (solid: the static arm; dashed: the model's own input table, in its colour). Min / max pooling and the word alone are in the details table.",
    });
  }
  const wanted = ['anisotropy', 'self-similarity', 'self-similarity-adjusted', 'intra-similarity-adjusted', 'mev-adjusted'];
  const measures = mine
    .filter((r) => r.dataset === 'ethayarajh' && wanted.includes(r.metric))
    .flatMap((r) => {
      const m = /^layer (\d+)$/.exec(r.section ?? '');
      return m ? [{panel: r.metric, series: r.arm, layer: Number(m[1]), value: r.value}] : [];
    });
  if (measures.length) {
    measures.sort((a, b) => wanted.indexOf(a.panel) - wanted.indexOf(b.panel));
    charts.push({
      name: 'contextual-measures',
      title: 'How contextual (Ethayarajh 2019)',
      spec: layerLinesSpec(measures, [], {
        title: 'Anisotropy, self-similarity, intra-sentence similarity and MEV per layer',
        subtitle,
        yTitle: 'cosine / share of variance',
      }),
      caption:
        "Anisotropy: mean cosine between random tokens in random contexts. Self-similarity: mean cosine of a word's vectors across its contexts. Adjusted = raw minus the layer's anisotropy; MEV adjusted = minus the same share for as many random vectors.",
    });
  }
  return charts;
}
