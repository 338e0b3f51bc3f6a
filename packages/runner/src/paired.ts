/**
 * Paired comparisons between arms on the same benchmark items (run after every arm is evaluated):
 * McNemar's exact test and a paired bootstrap of the accuracy difference for analogy sets, a paired
 * bootstrap of the Spearman difference for similarity sets, and for language models the difference in
 * validation loss per common seed and over seeds (src/lm/stats.ts). Both arms are scored on identical items,
 * so item difficulty cancels and the test is far sharper than comparing two independent intervals.
 */
import {deriveSeed} from '@embedlab/core';
import {compareAnalogy, compareSimilarity, type AnalogyResult, type SimilarityResult} from '@embedlab/evaluators';
import type {EvaluationConfig} from './experiment.js';
import {lossDifferences, type LmDocumentLosses} from './lm/stats.js';
import type {MetricRow} from './metric-row.js';

/** What an evaluator keeps for pairing: a result evaluated with records. */
export type PairableResult =
  | {kind: 'analogy'; result: Pick<AnalogyResult, 'records'>}
  | {kind: 'similarity'; result: SimilarityResult}
  | {kind: 'lm'; result: LmDocumentLosses};

/** `task` of paired rows; their `arm` is `<A> vs <B>`. */
export const PAIRED_TASK = 'paired';

/** Label of the pair `a` vs `b` (difference = a - b). */
export const pairLabel = (a: string, b: string) => `${a} vs ${b}`;

/**
 * Rows for every pair of arms (config order, A before B, difference A - B) on every dataset both kept.
 * `kept`: dataset -> arm -> result. `exactArms`: arms whose numbers reproduce bit for bit (untrained).
 */
export function pairedRows(
  kept: ReadonlyMap<string, ReadonlyMap<string, PairableResult>>,
  arms: readonly string[],
  evaluation: Pick<EvaluationConfig, 'bootstrapSamples' | 'confidence'>,
  runSeed: number,
  exactArms: ReadonlySet<string>,
): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const [dataset, byArm] of kept) {
    for (let i = 0; i < arms.length; i++) {
      for (let j = i + 1; j < arms.length; j++) {
        const a = arms[i] as string,
          b = arms[j] as string;
        const ra = byArm.get(a),
          rb = byArm.get(b);
        if (!ra || !rb || ra.kind !== rb.kind) continue;
        const arm = pairLabel(a, b);
        const opts = {resamples: evaluation.bootstrapSamples, level: evaluation.confidence, seed: deriveSeed(runSeed, `paired:${arm}:${dataset}`)};
        const base = {arm, task: PAIRED_TASK, dataset, exact: exactArms.has(a) && exactArms.has(b)};
        if (ra.kind === 'analogy' && rb.kind === 'analogy') {
          const c = compareAnalogy(ra.result as AnalogyResult, rb.result as AnalogyResult, opts);
          const n = c.questions;
          rows.push(
            {
              ...base,
              section: 'overall',
              metric: 'accuracy-difference',
              value: c.bootstrap.difference,
              lo: c.bootstrap.interval.low,
              hi: c.bootstrap.interval.high,
              n,
            },
            {...base, section: 'overall', metric: 'mcnemar-p', value: c.mcnemar.exactP, n},
            {...base, section: 'overall', metric: 'bootstrap-p', value: c.bootstrap.pValue, n},
            {...base, section: 'overall', metric: 'only-a-correct', value: c.mcnemar.b, n, detail: true},
            {...base, section: 'overall', metric: 'only-b-correct', value: c.mcnemar.c, n, detail: true},
          );
        } else if (ra.kind === 'similarity' && rb.kind === 'similarity') {
          const c = compareSimilarity(ra.result, rb.result, opts);
          rows.push(
            {...base, metric: 'spearman-difference', value: c.difference, lo: c.interval.low, hi: c.interval.high, n: c.items},
            {...base, metric: 'bootstrap-p', value: c.pValue, n: c.items},
          );
        } else if (ra.kind === 'lm' && rb.kind === 'lm') {
          // Per common seed and the mean over them: paired bootstrap over documents; across seeds: Student t.
          for (const d of lossDifferences(ra.result, rb.result, opts)) {
            rows.push(
              {...base, section: d.section, metric: 'loss-difference', value: d.difference, lo: d.lo, hi: d.hi, n: d.n},
              {...base, section: d.section, metric: d.over === 'seeds' ? 't-test-p' : 'bootstrap-p', value: d.p, n: d.n},
            );
          }
        }
      }
    }
  }
  return rows;
}
