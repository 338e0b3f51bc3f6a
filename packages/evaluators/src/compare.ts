/**
 * Paired comparisons of two vector sets on the same benchmark items: a paired bootstrap of the score
 * difference (both systems re-scored on the same resampled items) and, for analogies, McNemar's test.
 */
import {ArgumentError} from '@embedlab/core';
import type {AnalogyResult} from './analogy.js';
import {pairedBootstrap, type BootstrapOptions, type PairedComparison} from './bootstrap.js';
import {mcnemar, type McNemarResult} from './mcnemar.js';
import {messages} from './messages.js';
import type {SimilarityResult} from './similarity.js';
import {pearson, spearman} from './stats.js';

/**
 * Spearman (or Pearson) of A minus B on the pairs both scored. Needs results with records.
 */
export function compareSimilarity(
  a: SimilarityResult,
  b: SimilarityResult,
  options: BootstrapOptions & {statistic?: 'spearman' | 'pearson'} = {},
): PairedComparison {
  const ra = a.records,
    rb = b.records;
  if (!ra || !rb) throw new ArgumentError('compareSimilarity needs results evaluated with records: true');
  if (ra.length !== rb.length) throw new ArgumentError(messages.differentItems('pairs', ra.length, rb.length));
  const both = ra.map((_r, i) => i).filter((i) => ra[i]!.model !== null && rb[i]!.model !== null);
  const gold = Float64Array.from(both, (i) => ra[i]!.gold);
  const ma = Float64Array.from(both, (i) => ra[i]!.model!),
    mb = Float64Array.from(both, (i) => rb[i]!.model!);
  const stat = options.statistic === 'pearson' ? pearson : spearman;
  return pairedBootstrap(
    both.length,
    (idx, sys) => {
      const m = sys === 0 ? ma : mb;
      return stat(
        Float64Array.from(idx, (i) => m[i]!),
        Float64Array.from(idx, (i) => gold[i]!),
      );
    },
    options,
  );
}

export interface AnalogyComparison {
  /** Questions both systems answered (OOV for either is left out). */
  questions: number;
  accuracyA: number;
  accuracyB: number;
  bootstrap: PairedComparison;
  mcnemar: McNemarResult;
}

/** Accuracy of A minus B on the questions both answered. Needs results with records. */
export function compareAnalogy(a: AnalogyResult, b: AnalogyResult, options: BootstrapOptions = {}): AnalogyComparison {
  const ra = a.records,
    rb = b.records;
  if (!ra || !rb) throw new ArgumentError('compareAnalogy needs results evaluated with records: true');
  if (ra.length !== rb.length) throw new ArgumentError(messages.differentItems('questions', ra.length, rb.length));
  const both = ra.map((_, i) => i).filter((i) => ra[i]!.status === 'answered' && rb[i]!.status === 'answered');
  const fa = both.map((i) => ra[i]!.correct),
    fb = both.map((i) => rb[i]!.correct);
  const acc = (f: boolean[]) => (f.length ? f.filter(Boolean).length / f.length : 0);
  return {
    questions: both.length,
    accuracyA: acc(fa),
    accuracyB: acc(fb),
    bootstrap: pairedBootstrap(
      both.length,
      (idx, sys) => {
        const f = sys === 0 ? fa : fb;
        let c = 0;
        for (let i = 0; i < idx.length; i++) if (f[idx[i]!]) c++;
        return idx.length ? c / idx.length : NaN;
      },
      options,
    ),
    mcnemar: mcnemar(fa, fb),
  };
}
