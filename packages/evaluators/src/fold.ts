/**
 * Case folding and the restricted vocabulary view every evaluator shares: the first N rows, folded words
 * mapped to the FIRST row that folds to them (gensim builds its map from reversed keys so the most frequent
 * variant wins; word2vec's linear search finds the first match too).
 */
import type {WordVectors} from '@embedlab/core';
import type {CaseFolding} from './protocol.js';

/** Locale-independent folding (gensim uses Python's str.upper; JS toUpperCase is Unicode default casing too). */
export function foldCase(word: string, folding: CaseFolding): string {
  return folding === 'upper' ? word.toUpperCase() : folding === 'lower' ? word.toLowerCase() : word;
}

export interface VocabView {
  /** Number of candidate rows: min(restrict, size). */
  readonly n: number;
  readonly folding: CaseFolding;
  /** Folded word -> first row < n with that folded form. */
  readonly index: ReadonlyMap<string, number>;
  /** Row of a (raw, unfolded) query word, or -1. */
  lookup(word: string): number;
  /** Rows < n whose folded word equals `folded` (the first one and its case variants), ascending. */
  variants(folded: string): readonly number[];
}

const cache = new WeakMap<WordVectors, Map<string, VocabView>>();

/** The restricted, folded view of a vector set (cached per vectors, restrict and folding). */
export function vocabView(vectors: WordVectors, restrict: number | null, folding: CaseFolding): VocabView {
  const n = Math.min(restrict ?? vectors.size, vectors.size);
  const key = `${n}|${folding}`;
  let perVectors = cache.get(vectors);
  if (!perVectors) cache.set(vectors, (perVectors = new Map()));
  const hit = perVectors.get(key);
  if (hit) return hit;
  const index = new Map<string, number>();
  const extra = new Map<string, number[]>(); // folded -> later rows with the same folded form
  for (let r = 0; r < n; r++) {
    const f = foldCase(vectors.words[r] as string, folding);
    const first = index.get(f);
    if (first === undefined) index.set(f, r);
    else {
      const list = extra.get(f);
      if (list) list.push(r);
      else extra.set(f, [r]);
    }
  }
  const view: VocabView = {
    n,
    folding,
    index,
    lookup: (word) => index.get(foldCase(word, folding)) ?? -1,
    variants: (folded) => {
      const first = index.get(folded);
      if (first === undefined) return [];
      return [first, ...(extra.get(folded) ?? [])];
    },
  };
  perVectors.set(key, view);
  return view;
}
