/**
 * `bats` evaluator: BATS 3.0 pairwise questions (vecto's protocol, 3CosAdd under the experiment's protocol
 * for restrict and case folding). Rows: overall accuracy, the 4 groups (inflectional and derivational
 * morphology, encyclopedic and lexicographic semantics) with bootstrap intervals, coverage, macro accuracy,
 * and each of the 40 categories (detail rows).
 */
import {deriveSeed} from '@embedlab/core';
import {evaluateBats, loadBats} from '@embedlab/evaluators';
import {z} from 'zod';
import type {MetricRow} from '../metric-row.js';
import type {Evaluator} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {accuracyRows} from './google-analogy.js';
import {datasetOptions, protocolSpec} from './protocol-spec.js';

export const batsParams = z.object({
  dataset: z.string().default('bats-3.0'),
});

export const bats = defineComponent({
  kind: 'evaluator',
  name: 'bats',
  summary: 'BATS 3.0 (pairwise 3CosAdd, any listed answer counts): overall, 4 groups, 40 categories, coverage, 95% intervals',
  params: batsParams,
  create: (p): Evaluator => ({
    async evaluate(arm, ctx) {
      const dataset = await ctx.memo(`bats:${p.dataset}`, () => loadBats({...datasetOptions(ctx), id: p.dataset}));
      ctx.recordInput('dataset', dataset.id, {files: dataset.files});
      const result = await evaluateBats(arm.vectors, dataset, protocolSpec(ctx.evaluation), {records: true, bootstrap: false});
      const records = (result.records ?? []).map((r) => ({...r, section: r.category}));
      ctx.keepForPairing?.(dataset.id, {kind: 'analogy', result: {records}});
      const groupOf = new Map(result.categories.map((c) => [c.category, c.group]));
      const boot = (label: string) => ({resamples: ctx.evaluation.bootstrapSamples, level: ctx.evaluation.confidence, seed: deriveSeed(ctx.seed, label)});
      const at = {task: 'analogy', dataset: dataset.id};
      const rows: Omit<MetricRow, 'arm'>[] = [];
      const o = result.overall;
      rows.push(...accuracyRows(records, {...at, section: 'overall'}, boot('overall')));
      rows.push({...at, section: 'overall', metric: 'coverage', value: o.coverage, n: o.total});
      rows.push({...at, section: 'overall', metric: 'macro-accuracy', value: result.macroAccuracy, detail: true});
      rows.push({...at, section: 'overall', metric: 'correct', value: o.correct, detail: true});
      rows.push({...at, section: 'overall', metric: 'evaluated', value: o.evaluated, detail: true});
      for (const g of result.groups) {
        rows.push(
          ...accuracyRows(
            records.filter((r) => groupOf.get(r.category) === g.group),
            {...at, section: g.group},
            boot(`group:${g.group}`),
          ),
        );
      }
      for (const c of result.categories) {
        rows.push({...at, section: c.category, metric: 'accuracy', value: c.evaluated ? c.accuracy : Number.NaN, n: c.evaluated, detail: true});
      }
      ctx.log(
        `${arm.vectors.meta.source ?? 'arm'} ${dataset.id}: ${o.correct}/${o.evaluated} correct (${(100 * o.accuracy).toFixed(2)}%), coverage ${(100 * o.coverage).toFixed(1)}%, ${result.engine.seconds.toFixed(1)}s`,
      );
      return rows;
    },
  }),
});
