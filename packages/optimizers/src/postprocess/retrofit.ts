/**
 * Retrofitting word vectors to a synonym lexicon (Faruqui et al., NAACL 2015), following the reference
 * code (mfaruqui/retrofitting `retrofit.py`):
 *
 *   for each iteration, for each word w in (vocabulary ∩ lexicon keys) with neighbours N = set(lexicon[w]) ∩ vocabulary:
 *     q_w <- (alpha * qhat_w + sum_{u in N} beta_wu * q_u) / (alpha + sum_{u in N} beta_wu)
 *
 * with alpha = 1 and beta = 1/|N| (so q_w = (|N| qhat_w + sum q_u) / (2 |N|)), 10 iterations, updated in
 * place (Gauss-Seidel: later words see neighbours already updated in this iteration). `qhat` are the input
 * vectors, which the reference unit-normalizes first as v / sqrt(|v|^2 + 1e-6) (`normalize: true`).
 *
 * Differences from the reference, on purpose:
 * - Order: the reference loops over a Python set (hash order, not reproducible); we loop in row order of the
 *   vectors (frequency order for pretrained files), so results are deterministic.
 * - Case: lexicon words are lowercased (as the reference does), vector words are matched as they are
 *   (the reference also lowercases vector words, merging case variants; WordVectors words are unique).
 *   The reference's `---num---`/`---punc---` mapping is not applied.
 * The lexicon is directed, as in the reference: `lexicon.get(w)` are w's neighbours; no symmetrization.
 * Words without an in-vocabulary neighbour keep their (normalized) input vector. Arithmetic in float64 on
 * the rows involved (updated words and their neighbours), so memory grows with the lexicon, not V x D.
 */
import {ArgumentError, WordVectors} from '@embedlab/core';
import {messages} from '../messages.js';

export interface RetrofitOptions {
  /** Passes over the lexicon. __Default:__ 10 (reference). */
  iterations?: number;
  /** Weight of the original vector. __Default:__ 1 (reference). */
  alpha?: number;
  /** Weight of each neighbour: a number, or `'inverse-degree'` (1/|N|, reference). __Default:__ `'inverse-degree'`. */
  beta?: number | 'inverse-degree';
  /** Unit-normalize the input vectors first, as the reference does (v / sqrt(|v|^2 + 1e-6)). __Default:__ true. */
  normalize?: boolean;
  /** Lowercase lexicon words and neighbours (reference behaviour). __Default:__ true. */
  lowercaseLexicon?: boolean;
}

export interface RetrofitResult {
  vectors: WordVectors;
  /** How many vocabulary words had at least one in-vocabulary neighbour (and were updated). */
  updatedWords: number;
  /** Edges used (sum of in-vocabulary neighbour counts). */
  edges: number;
}

/** Retrofit `vectors` to `lexicon` (word -> synonyms); returns new vectors, the input is not changed. */
export function retrofit(vectors: WordVectors, lexicon: ReadonlyMap<string, readonly string[]>, options: RetrofitOptions = {}): RetrofitResult {
  const iterations = options.iterations ?? 10;
  const alpha = options.alpha ?? 1;
  const beta = options.beta ?? 'inverse-degree';
  const normalize = options.normalize ?? true;
  const lower = options.lowercaseLexicon ?? true;
  if (!Number.isInteger(iterations) || iterations < 0) throw new ArgumentError(messages.notNonNegative('retrofit iterations (an integer)', iterations));
  if (!(alpha >= 0)) throw new ArgumentError(messages.notNonNegative('retrofit alpha', alpha));
  if (beta !== 'inverse-degree' && !(beta > 0)) throw new ArgumentError(messages.notPositive('retrofit beta', beta));

  const {dim} = vectors;
  // Neighbour lists by row, built once: set semantics (duplicates dropped), in-vocabulary only.
  const lex = new Map<string, Set<string>>();
  for (const [word, neighbours] of lexicon) {
    const key = lower ? word.toLowerCase() : word;
    let set = lex.get(key);
    if (!set) lex.set(key, (set = new Set()));
    for (const n of neighbours) set.add(lower ? n.toLowerCase() : n);
  }
  const loop: {row: number; neighbours: Int32Array}[] = [];
  let edges = 0;
  for (let r = 0; r < vectors.size; r++) {
    const set = lex.get(vectors.words[r] as string);
    if (!set) continue;
    const ids: number[] = [];
    for (const n of set) {
      const i = vectors.indexOf(n);
      if (i >= 0) ids.push(i);
    }
    if (ids.length === 0) continue;
    edges += ids.length;
    loop.push({row: r, neighbours: Int32Array.from(ids)});
  }

  // Output starts as the (normalized) input in float32. Only rows that are updated or read as neighbours
  // get float64 working copies (qhat and q), indexed compactly: memory follows the lexicon, not V x D.
  const data = new Float32Array(vectors.data.length);
  const scale = new Float64Array(vectors.size);
  for (let r = 0; r < vectors.size; r++) {
    const o = r * dim;
    let s = 0;
    for (let j = 0; j < dim; j++) s += (vectors.data[o + j] as number) ** 2;
    const n = normalize ? Math.sqrt(s + 1e-6) : 1;
    scale[r] = n;
    for (let j = 0; j < dim; j++) data[o + j] = (vectors.data[o + j] as number) / n;
  }
  const slot = new Map<number, number>();
  const slotOf = (r: number) => {
    let k = slot.get(r);
    if (k === undefined) slot.set(r, (k = slot.size));
    return k;
  };
  const compact = loop.map(({row, neighbours}) => ({row, self: slotOf(row), neighbours: Int32Array.from(neighbours, slotOf)}));
  const qhat = new Float64Array(slot.size * dim);
  for (const [r, k] of slot) for (let j = 0; j < dim; j++) qhat[k * dim + j] = (vectors.data[r * dim + j] as number) / (scale[r] as number);
  const q = qhat.slice();
  const acc = new Float64Array(dim);
  for (let it = 0; it < iterations; it++) {
    for (const {self, neighbours} of compact) {
      const b = beta === 'inverse-degree' ? 1 / neighbours.length : beta;
      const o = self * dim;
      for (let j = 0; j < dim; j++) acc[j] = alpha * (qhat[o + j] as number);
      for (const u of neighbours) {
        const ou = u * dim;
        for (let j = 0; j < dim; j++) acc[j] = (acc[j] as number) + b * (q[ou + j] as number);
      }
      const denom = alpha + b * neighbours.length;
      for (let j = 0; j < dim; j++) q[o + j] = (acc[j] as number) / denom;
    }
  }
  if (iterations > 0) for (const {row, self} of compact) for (let j = 0; j < dim; j++) data[row * dim + j] = q[self * dim + j] as number;
  const out = new WordVectors(vectors.words, data, dim, {
    meta: {
      ...vectors.meta,
      postprocess: [
        ...asList(vectors.meta.postprocess),
        {method: 'retrofit', iterations, alpha, beta, normalize, lowercaseLexicon: lower, updatedWords: loop.length, edges},
      ],
    },
  });
  return {vectors: out, updatedWords: loop.length, edges};
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
