/**
 * `similarity` evaluator: word-similarity datasets (Spearman's rho of cosine vs human scores, Pearson as
 * a detail) under the experiment's protocol, with bootstrap intervals over pairs and coverage. `all` means
 * every registered similarity dataset whose files are present (data dir or cache).
 */
import {deriveSeed} from '@embedlab/core';
import {evaluateSimilarity, listDatasets, loadSimilarityDataset, resolveDataset} from '@embedlab/evaluators';
import {z} from 'zod';
import type {BuildContext} from '../context.js';
import {didYouMean} from '../did-you-mean.js';
import type {MetricRow} from '../metric-row.js';
import type {Evaluator} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {loadSimilarityFile} from './dataset-file.js';
import {datasetOptions, protocolSpec} from './protocol-spec.js';

export const similarityParams = z.object({
  /** Dataset ids (may be empty when `files` are given), or `all` (every similarity dataset that is available). */
  datasets: z
    .union([
      z.literal('all'),
      z.array(z.string()).superRefine((ids, check) => {
        const known = listDatasets('similarity').map((d) => d.id);
        ids.forEach((id, i) => {
          if (!known.includes(id)) check.addIssue({code: 'custom', path: [i], message: `unknown similarity dataset "${id}"${didYouMean(id, known)}`});
        });
      }),
    ])
    .default('all'),
  /** Extra similarity files (`word1 word2 score` lines); evaluated after `datasets`. */
  files: z.array(z.string()).default([]),
});

/** Similarity dataset ids whose files resolve without downloading. */
export async function availableSimilarityDatasets(ctx: Pick<BuildContext, 'dataDir' | 'cacheDir'>): Promise<string[]> {
  const out: string[] = [];
  for (const entry of listDatasets('similarity')) {
    try {
      await resolveDataset(entry.id, datasetOptions(ctx));
      out.push(entry.id);
    } catch {
      // not present: `all` means what is available; `exp datasets` lists what is missing
    }
  }
  return out;
}

export const similarity = defineComponent({
  kind: 'evaluator',
  name: 'similarity',
  summary: 'word similarity: Spearman (and Pearson) of cosine vs human scores per dataset, coverage, 95% intervals',
  params: similarityParams,
  create: (p): Evaluator => {
    return {
      async evaluate(arm, ctx) {
        const ids = p.datasets === 'all' ? await ctx.memo('similarity:all', () => availableSimilarityDatasets(ctx)) : p.datasets;
        const load = [
          ...ids.map((id) => () => ctx.memo(`similarity:${id}`, () => loadSimilarityDataset(id, datasetOptions(ctx)))),
          ...p.files.map((file) => () => ctx.memo(`similarity-file:${file}`, async () => loadSimilarityFile(file))),
        ];
        const rows: Omit<MetricRow, 'arm'>[] = [];
        for (const next of load) {
          const dataset = await next();
          const id = dataset.id;
          ctx.recordInput('dataset', dataset.id, {files: dataset.files});
          const boot = {resamples: ctx.evaluation.bootstrapSamples, level: ctx.evaluation.confidence, seed: deriveSeed(ctx.seed, id)};
          const r = evaluateSimilarity(arm.vectors, dataset, protocolSpec(ctx.evaluation), {bootstrap: boot, records: true});
          ctx.keepForPairing?.(dataset.id, {kind: 'similarity', result: r});
          const at = {task: 'similarity', dataset: dataset.id};
          const si = r.intervals?.spearman,
            pi = r.intervals?.pearson;
          rows.push({...at, metric: 'spearman', value: r.spearman, ...(si ? {lo: si.low, hi: si.high} : {}), n: r.pairsUsed});
          rows.push({...at, metric: 'pearson', value: r.pearson, ...(pi ? {lo: pi.low, hi: pi.high} : {}), n: r.pairsUsed, detail: true});
          rows.push({...at, metric: 'coverage', value: r.coverage, n: r.pairsTotal});
          ctx.addArtifact(
            'similarity-pairs',
            (r.records ?? []).filter((x) => x.model !== null).map((x) => ({dataset: dataset.id, word1: x.w1, word2: x.w2, human: x.gold, model: x.model})),
          );
        }
        ctx.log(`${arm.vectors.meta.source ?? 'arm'} similarity: ${load.length} datasets`);
        return rows;
      },
    };
  },
});
