/**
 * `google-analogy` evaluator: Google's analogy set (or another question-file set) under the experiment's
 * protocol. Rows: overall / semantic / syntactic accuracy with bootstrap intervals, counts, coverage, and
 * each section's accuracy (detail rows).
 */
import {deriveSeed} from '@embedlab/core';
import {bootstrapProportion, evaluateAnalogy, listDatasets, loadAnalogyDataset, type AnalogyRecord} from '@embedlab/evaluators';
import {didYouMean} from '../did-you-mean.js';
import {loadAnalogyFile} from './dataset-file.js';
import {z} from 'zod';
import type {MetricRow} from '../metric-row.js';
import type {Evaluator} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {datasetOptions, protocolSpec} from './protocol-spec.js';

export const googleAnalogyParams = z.object({
  /** A question-file analogy dataset id (`google-analogy`, `msr-analogy`). */
  dataset: z
    .string()
    .default('google-analogy')
    .superRefine((id, check) => {
      const known = listDatasets('analogy')
        .filter((d) => d.format.kind !== 'bats')
        .map((d) => d.id);
      if (!known.includes(id)) check.addIssue({code: 'custom', message: `unknown question-file analogy dataset "${id}"${didYouMean(id, known)}`});
    }),
  /** A Google-format file to use instead of the registered dataset (its id is the file name). */
  file: z.string().optional(),
});

type Row = Omit<MetricRow, 'arm'>;

/** Accuracy row with a bootstrap interval over the answered questions of `records`. */
export function accuracyRows(
  records: readonly AnalogyRecord[],
  base: Omit<Row, 'metric' | 'value'>,
  boot: {resamples: number; level: number; seed: number},
): Row[] {
  const flags = records.filter((r) => r.status === 'answered').map((r) => r.correct);
  if (flags.length === 0) return [{...base, metric: 'accuracy', value: Number.NaN, n: 0}];
  const correct = flags.filter(Boolean).length;
  const interval = bootstrapProportion(flags, boot);
  return [{...base, metric: 'accuracy', value: correct / flags.length, lo: interval.low, hi: interval.high, n: flags.length}];
}

export const googleAnalogy = defineComponent({
  kind: 'evaluator',
  name: 'google-analogy',
  summary: 'Google analogy (3CosAdd): overall, semantic, syntactic and per-section accuracy, coverage, 95% intervals',
  params: googleAnalogyParams,
  create: (p): Evaluator => ({
    async evaluate(arm, ctx) {
      const dataset =
        p.file !== undefined
          ? await ctx.memo(`analogy-file:${p.file}`, async () => loadAnalogyFile(p.file as string))
          : await ctx.memo(`analogy:${p.dataset}`, () => loadAnalogyDataset(p.dataset, datasetOptions(ctx)));
      ctx.recordInput('dataset', dataset.id, {files: dataset.files});
      const result = await evaluateAnalogy(arm.vectors, dataset, protocolSpec(ctx.evaluation), {records: true, bootstrap: false});
      const records = result.records ?? [];
      ctx.keepForPairing?.(dataset.id, {kind: 'analogy', result});
      const boot = (label: string) => ({resamples: ctx.evaluation.bootstrapSamples, level: ctx.evaluation.confidence, seed: deriveSeed(ctx.seed, label)});
      const at = {task: 'analogy', dataset: dataset.id};
      const rows: Row[] = [];
      const o = result.overall;
      rows.push(...accuracyRows(records, {...at, section: 'overall'}, boot('overall')));
      rows.push({...at, section: 'overall', metric: 'correct', value: o.correct, detail: true});
      rows.push({...at, section: 'overall', metric: 'evaluated', value: o.evaluated, detail: true});
      rows.push({...at, section: 'overall', metric: 'coverage', value: o.coverage, n: o.total});
      const kinds = new Map(dataset.sections.map((s) => [s.name, s.kind]));
      for (const kind of ['semantic', 'syntactic'] as const) {
        const subset = records.filter((r) => kinds.get(r.section) === kind);
        if (subset.length) rows.push(...accuracyRows(subset, {...at, section: kind}, boot(kind)));
      }
      for (const s of result.sections) {
        const subset = records.filter((r) => r.section === s.section);
        rows.push(...accuracyRows(subset, {...at, section: s.section, detail: true}, boot(`section:${s.section}`)));
        rows.push({...at, section: s.section, metric: 'evaluated', value: s.evaluated, detail: true});
      }
      ctx.log(
        `${arm.vectors.meta.source ?? 'arm'} ${dataset.id}: ${o.correct}/${o.evaluated} correct (${(100 * o.accuracy).toFixed(2)}%), coverage ${(100 * o.coverage).toFixed(1)}%, ${result.engine.seconds.toFixed(1)}s`,
      );
      return rows;
    },
  }),
});
