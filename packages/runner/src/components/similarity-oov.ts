/**
 * `similarity-oov` evaluator: word similarity with every treatment of unknown words side by side (issue 12).
 * For each dataset and each treatment (the evaluators' similarity protocol `oov`):
 * - `drop` (section `skip`): gensim's protocol, pairs with an unknown word not scored (coverage < 1);
 * - `zero` (`zeros`), `mean` (`mean`), `fill` (`filled`, only for arms with a filler: predicted rows,
 *   fastText n-gram vectors): full coverage, every pair scored.
 * Rows: task `similarity-oov`, section = treatment, Spearman with bootstrap intervals, Pearson (detail),
 * coverage (the share of pairs with both words in the table, the same for every treatment) and, as detail
 * rows of task `similarity-frequency`, Spearman per frequency bucket of the pair's rarer word, by its rank
 * in a reference table (GloVe's row order is its corpus frequency order), so that every arm is bucketed on
 * the same pairs. Datasets whose files are absent are skipped with a log line.
 */
import {deriveSeed} from '@embedlab/core';
import {
  bootstrapInterval,
  evaluateSimilarity,
  listDatasets,
  loadSimilarityDataset,
  resolveDataset,
  spearman,
  type SimilarityDataset,
  type SimilarityOov,
} from '@embedlab/evaluators';
import {z} from 'zod';
import {didYouMean} from '../did-you-mean.js';
import type {MetricRow} from '../metric-row.js';
import type {Evaluator} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {loadSimilarityFile} from './dataset-file.js';
import {datasetOptions} from './protocol-spec.js';
import {loadSource, vectorSourceParam} from './vector-source.js';

/** Section names of the treatments in rows and tables. */
export const TREATMENT_LABEL: Readonly<Record<SimilarityOov, string>> = {drop: 'skip', zero: 'zeros', mean: 'mean', fill: 'filled'};

export const similarityOovParams = z.object({
  /** Dataset ids; those whose files are not present are skipped (logged). */
  datasets: z
    .array(z.string())
    .default(['rw', 'card-660', 'ws353-combined', 'simlex-999', 'men'])
    .superRefine((ids, check) => {
      const known = listDatasets('similarity').map((d) => d.id);
      ids.forEach((id, i) => {
        if (!known.includes(id)) check.addIssue({code: 'custom', path: [i], message: `unknown similarity dataset "${id}"${didYouMean(id, known)}`});
      });
    }),
  /** Extra similarity files (`word1 word2 score` lines), evaluated after `datasets`; id = file name. */
  files: z.array(z.string()).default([]),
  treatments: z
    .array(z.enum(['drop', 'zero', 'mean', 'fill']))
    .min(1)
    .default(['drop', 'zero', 'mean', 'fill']),
  /** Table whose row order gives word frequency ranks (lowercased lookup). */
  rankSource: vectorSourceParam,
  /** Rank edges of the frequency buckets (ascending); words absent from rankSource form the last bucket. */
  bucketEdges: z.array(z.number().int().positive()).min(1).default([10_000, 50_000, 100_000]),
  /** Buckets with fewer pairs get no Spearman. */
  minBucketPairs: z.number().int().min(3).default(10),
});

const k = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

/** Bucket labels: `rank <10k`, `rank 10k-50k`, ..., `rank >=100k`, `not in <source>`. */
export function bucketLabels(edges: readonly number[], source: string): string[] {
  return [
    `rank <${k(edges[0]!)}`,
    ...edges.slice(1).map((e, i) => `rank ${k(edges[i]!)}-${k(e)}`),
    `rank >=${k(edges[edges.length - 1]!)}`,
    `not in ${source}`,
  ];
}

export const similarityOov = defineComponent({
  kind: 'evaluator',
  name: 'similarity-oov',
  summary: 'word similarity with unknown words skipped (gensim), zero, mean or filled (full coverage), and Spearman by frequency bucket',
  params: similarityOovParams,
  create: (p): Evaluator => ({
    async evaluate(arm, ctx) {
      const ranks = await loadSource(ctx, p.rankSource);
      const labels = bucketLabels(p.bucketEdges, p.rankSource);
      const bucketOf = (word: string) => {
        const r = ranks.indexOf(word.toLowerCase());
        if (r < 0) return labels.length - 1;
        const b = p.bucketEdges.findIndex((e) => r < e);
        return b < 0 ? p.bucketEdges.length : b;
      };
      const rows: Omit<MetricRow, 'arm'>[] = [];
      const sources = [...p.datasets.map((id) => ({id})), ...p.files.map((file) => ({file}))];
      for (const source of sources) {
        let dataset: SimilarityDataset;
        if ('file' in source) dataset = await ctx.memo(`similarity-file:${source.file}`, async () => loadSimilarityFile(source.file));
        else {
          const present = await ctx.memo(`similarity-oov:present:${source.id}`, async () => {
            try {
              await resolveDataset(source.id, datasetOptions(ctx));
              return true;
            } catch {
              ctx.log(`similarity-oov: ${source.id} is not present in the data folder or cache; skipped`);
              return false;
            }
          });
          if (!present) continue;
          dataset = await ctx.memo(`similarity:${source.id}`, () => loadSimilarityDataset(source.id, datasetOptions(ctx)));
        }
        const id = dataset.id;
        ctx.recordInput('dataset', id, {files: dataset.files});
        const pairBucket = dataset.pairs.map((x) => Math.max(bucketOf(x.w1), bucketOf(x.w2)));
        for (const oov of p.treatments) {
          if (oov === 'fill' && !arm.filler) continue;
          const section = TREATMENT_LABEL[oov];
          const boot = {resamples: ctx.evaluation.bootstrapSamples, level: ctx.evaluation.confidence, seed: deriveSeed(ctx.seed, `${id}/${oov}`)};
          const r = evaluateSimilarity(
            arm.vectors,
            dataset,
            {base: ctx.evaluation.protocol, ...(ctx.evaluation.restrict !== undefined ? {restrict: ctx.evaluation.restrict} : {}), oov},
            {
              bootstrap: boot,
              records: true,
              ...(oov === 'fill' ? {fill: arm.filler!.vector} : {}),
            },
          );
          const at = {task: 'similarity-oov', dataset: id, section};
          const si = r.intervals!.spearman,
            pi = r.intervals!.pearson;
          rows.push({...at, metric: 'spearman', value: r.spearman, lo: si.low, hi: si.high, n: r.pairsUsed});
          rows.push({...at, metric: 'pearson', value: r.pearson, lo: pi.low, hi: pi.high, n: r.pairsUsed, detail: true});
          rows.push({...at, metric: 'coverage', value: r.coverage, n: r.pairsTotal});
          // Spearman per frequency bucket, over the pairs this treatment scored.
          const records = r.records!;
          labels.forEach((label, b) => {
            const used = records.filter((x, i) => pairBucket[i] === b && x.model !== null);
            if (used.length < p.minBucketPairs) return;
            const model = Float64Array.from(used, (x) => x.model!),
              gold = Float64Array.from(used, (x) => x.gold);
            const pick = (idx: Int32Array, src: Float64Array) => Float64Array.from(idx, (i) => src[i]!);
            const iv = bootstrapInterval(used.length, (idx) => spearman(pick(idx, model), pick(idx, gold)), {...boot, seed: deriveSeed(boot.seed, label)});
            rows.push({
              task: 'similarity-frequency',
              dataset: id,
              section: `${section} ${label}`,
              metric: 'spearman',
              value: spearman(model, gold),
              lo: iv.low,
              hi: iv.high,
              n: used.length,
              detail: true,
            });
          });
        }
      }
      ctx.log(
        `${arm.vectors.meta.source ?? 'arm'} similarity-oov: ${sources.length} datasets x ${p.treatments.length} treatments${arm.filler ? ` (filler: ${arm.filler.name})` : ''}`,
      );
      return rows;
    },
  }),
});
