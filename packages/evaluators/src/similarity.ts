/**
 * Word-similarity evaluation: cosine of the two words' vectors against the gold scores, as Spearman
 * (average ranks for ties) and Pearson, under a recorded protocol (restrict, case folding, OOV policy), with
 * coverage and bootstrap intervals. The gensim preset equals KeyedVectors.evaluate_word_pairs' defaults.
 */
import {ArgumentError, checkArrayField, checkInstance, cosine, WordVectors} from '@embedlab/core';
import {messages} from './messages.js';
import {bootstrapInterval, type BootstrapOptions, type Interval} from './bootstrap.js';
import {vocabView} from './fold.js';
import {protocolHash, resolveSimilarityProtocol, type SimilarityProtocol, type SimilarityProtocolSpec} from './protocol.js';
import {pearson, spearman} from './stats.js';
import type {FileRecord, SimilarityDataset} from './types.js';

export interface SimilarityRecord {
  w1: string;
  w2: string;
  gold: number;
  /** Cosine, 0 for an OOV pair under oov 'zero', null for a dropped pair. */
  model: number | null;
  oov: boolean;
}

export interface SimilarityResult {
  dataset: string;
  files: FileRecord[];
  protocol: SimilarityProtocol;
  protocolHash: string;
  restrict: number;
  spearman: number;
  pearson: number;
  pairsTotal: number;
  /** Pairs in the correlation (all pairs under oov 'zero'). */
  pairsUsed: number;
  oovPairs: number;
  /** Share of pairs with both words known. */
  coverage: number;
  duplicatePairs: number;
  intervals?: {spearman: Interval; pearson: Interval};
  records?: SimilarityRecord[];
}

/** Vectors for words the table lacks (`oov: 'fill'`): null when it has none for a word. */
export type SimilarityFiller = (word: string) => ArrayLike<number> | null;

export interface SimilarityOptions {
  /** Required by (and only used with) `oov: 'fill'`; called with the dataset's word as written. */
  fill?: SimilarityFiller;
  /** __Default:__ 1000 resamples, seed 1, 95%. */
  bootstrap?: BootstrapOptions | false;
  /** __Default:__ true. */
  records?: boolean;
}

/**
 * Spearman and Pearson of cosine against gold scores under a protocol, with coverage and intervals.
 * @throws {ArgumentError} vectors is not a WordVectors or dataset not a SimilarityDataset.
 * @throws {ConfigError} a bad protocol key or value (named by its path).
 */
export function evaluateSimilarity(
  vectors: WordVectors,
  dataset: SimilarityDataset,
  protocol: SimilarityProtocolSpec = 'gensim',
  options: SimilarityOptions = {},
): SimilarityResult {
  checkInstance(vectors, WordVectors, 'vectors');
  checkArrayField(dataset, 'pairs', 'dataset', 'a SimilarityDataset (from loadSimilarityDataset or loadSimilarityFile)');
  const p = resolveSimilarityProtocol(protocol);
  const view = vocabView(vectors, p.restrict, p.caseFolding);
  if (p.oov === 'fill' && typeof options.fill !== 'function') throw new ArgumentError(messages.fillerRequired());
  const unknown = unknownVector(vectors, view.n, p.oov, options.fill);
  const records: SimilarityRecord[] = dataset.pairs.map((pair) => {
    const r1 = view.lookup(pair.w1),
      r2 = view.lookup(pair.w2);
    if (r1 < 0 || r2 < 0) {
      if (!unknown) return {w1: pair.w1, w2: pair.w2, gold: pair.score, model: p.oov === 'zero' ? 0 : null, oov: true};
      const v1 = r1 >= 0 ? vectors.row(r1) : unknown(pair.w1),
        v2 = r2 >= 0 ? vectors.row(r2) : unknown(pair.w2);
      return {w1: pair.w1, w2: pair.w2, gold: pair.score, model: v1 && v2 ? cosine(v1, v2) : 0, oov: true};
    }
    return {w1: pair.w1, w2: pair.w2, gold: pair.score, model: cosine(vectors.row(r1), vectors.row(r2)), oov: false};
  });
  const used = records.filter((r) => r.model !== null);
  const gold = Float64Array.from(used, (r) => r.gold);
  const model = Float64Array.from(used, (r) => r.model!);
  const oovPairs = records.filter((r) => r.oov).length;
  const result: SimilarityResult = {
    dataset: dataset.id,
    files: dataset.files,
    protocol: p,
    protocolHash: protocolHash(p),
    restrict: view.n,
    spearman: spearman(model, gold),
    pearson: pearson(model, gold),
    pairsTotal: records.length,
    pairsUsed: used.length,
    oovPairs,
    coverage: records.length ? (records.length - oovPairs) / records.length : 0,
    duplicatePairs: dataset.duplicatePairs,
  };
  if (options.bootstrap !== false) {
    const pick = (idx: Int32Array, src: Float64Array) => Float64Array.from(idx, (i) => src[i]!);
    result.intervals = {
      spearman: bootstrapInterval(used.length, (idx) => spearman(pick(idx, model), pick(idx, gold)), options.bootstrap ?? {}),
      pearson: bootstrapInterval(used.length, (idx) => pearson(pick(idx, model), pick(idx, gold)), options.bootstrap ?? {}),
    };
  }
  if (options.records ?? true) result.records = records;
  return result;
}

/** The vector an unknown word gets under `mean` (mean of the first n rows, float64) or `fill`; undefined otherwise. */
function unknownVector(
  vectors: WordVectors,
  n: number,
  oov: SimilarityProtocol['oov'],
  fill: SimilarityFiller | undefined,
): ((word: string) => ArrayLike<number> | null) | undefined {
  if (oov === 'fill') {
    return (word) => {
      const v = fill!(word);
      if (v !== null && v.length !== vectors.dim) throw new ArgumentError(messages.fillerDim(word, v.length, vectors.dim));
      return v;
    };
  }
  if (oov !== 'mean') return undefined;
  const {dim, data} = vectors;
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let j = 0, o = r * dim; j < dim; j++, o++) mean[j] = (mean[j] as number) + (data[o] as number);
  for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) / Math.max(1, n);
  return () => mean;
}
