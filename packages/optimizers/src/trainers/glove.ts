/**
 * GloVe (Pennington et al. 2014), as stanfordnlp/GloVe's glove.c computes it: for each nonzero X_ij,
 *   diff = w_i . w~_j + b_i + b~_j - log X_ij,  f(x) = (x / xMax)^alpha if x < xMax else 1,
 *   cost += 0.5 f diff^2, and AdaGrad with the C code's order: the step uses the accumulated squared
 *   gradients *before* adding the current one (all start at 1), and each gradient component is clipped
 *   to [-gradClip, gradClip]. Parameters start uniform in [-0.5, 0.5] / dim, in float64 (GloVe's `real`).
 * Single-threaded; the entries are shuffled once with the seed (GloVe's `shuffle` tool), then visited in
 * that order every iteration. Output: W + W~ (GloVe's -model 2).
 */
import {ArgumentError, createRng, deriveSeed, type Vocabulary, WordVectors} from '@embedlab/core';
import {type CooccurrenceOptions, type Cooccurrences, countCooccurrences} from './cooccurrence.js';
import {trainerMessages as msg} from './messages.js';

export interface GloveOptions extends CooccurrenceOptions {
  /** __Default:__ 100. */
  dim?: number;
  /** __Default:__ 25. */
  epochs?: number;
  /** AdaGrad initial learning rate. __Default:__ 0.05. */
  eta?: number;
  /** Weighting exponent. __Default:__ 0.75. */
  alpha?: number;
  /** Weighting cutoff. __Default:__ 100. */
  xMax?: number;
  /** __Default:__ 100. */
  gradClip?: number;
  /** __Default:__ 1. */
  seed?: number;
  /** Called after each iteration; may return scores to record (as in word2vec's history). */
  onEpochEnd?: (record: GloveEpochRecord, snapshot: () => WordVectors) => void | Record<string, number> | Promise<void | Record<string, number>>;
}

export interface GloveEpochRecord {
  epoch: number;
  /** Mean over nonzero entries of 0.5 f(X) diff^2 (what glove.c prints). */
  cost: number;
  seconds: number;
  eval?: Record<string, number>;
}

/** GloVe's weighting function f(x). */
export function gloveWeight(x: number, xMax = 100, alpha = 0.75): number {
  return x < xMax ? Math.pow(x / xMax, alpha) : 1;
}

/** The parameters glove.c keeps: W = [word vectors | bias] rows 0..V-1, then context rows V..2V-1. */
export interface GloveState {
  dim: number;
  vocabSize: number;
  /** [2V, dim + 1] */
  W: Float64Array;
  /** [2V, dim + 1], AdaGrad accumulators, start at 1 */
  gradsq: Float64Array;
}

export function initGloveState(vocabSize: number, dim: number, seed: number): GloveState {
  const rng = createRng(deriveSeed(seed, 'glove.init'));
  const W = new Float64Array(2 * vocabSize * (dim + 1));
  for (let i = 0; i < W.length; i++) W[i] = (rng.float() - 0.5) / dim;
  return {dim, vocabSize, W, gradsq: new Float64Array(W.length).fill(1)};
}

const finite = (x: number) => (Number.isFinite(x) ? x : 0);
let scratch = new Float64Array(0);

/** One glove.c update for entry (i, j, x); returns its cost 0.5 f diff^2. */
export function gloveStep(s: GloveState, i: number, j: number, x: number, eta: number, xMax: number, alpha: number, gradClip: number): number {
  const D = s.dim,
    stride = D + 1,
    W = s.W,
    G = s.gradsq;
  const l1 = i * stride,
    l2 = (j + s.vocabSize) * stride;
  let diff = 0;
  for (let b = 0; b < D; b++) diff += W[l1 + b]! * W[l2 + b]!;
  diff += W[l1 + D]! + W[l2 + D]! - Math.log(x);
  let fdiff = x > xMax ? diff : Math.pow(x / xMax, alpha) * diff;
  const cost = 0.5 * fdiff * diff;
  fdiff *= eta;
  if (scratch.length < 2 * D) scratch = new Float64Array(2 * D); // reused: no allocation per entry
  const up = scratch;
  for (let b = 0; b < D; b++) {
    const t1 = Math.min(Math.max(fdiff * W[l2 + b]!, -gradClip), gradClip);
    const t2 = Math.min(Math.max(fdiff * W[l1 + b]!, -gradClip), gradClip);
    up[b] = t1 / Math.sqrt(G[l1 + b]!);
    up[D + b] = t2 / Math.sqrt(G[l2 + b]!);
    G[l1 + b]! += t1 * t1;
    G[l2 + b]! += t2 * t2;
  }
  for (let b = 0; b < D; b++) {
    W[l1 + b]! -= finite(up[b]!);
    W[l2 + b]! -= finite(up[D + b]!);
  }
  W[l1 + D]! -= finite(fdiff / Math.sqrt(G[l1 + D]!));
  W[l2 + D]! -= finite(fdiff / Math.sqrt(G[l2 + D]!));
  fdiff *= fdiff;
  G[l1 + D]! += fdiff;
  G[l2 + D]! += fdiff;
  return cost;
}

/** W + W~ for every word, as WordVectors in vocabulary order. */
export function gloveVectors(s: GloveState, vocab: Vocabulary, meta: Record<string, unknown> = {}): WordVectors {
  const D = s.dim,
    stride = D + 1,
    V = s.vocabSize;
  const out = new Float32Array(V * D);
  for (let i = 0; i < V; i++) for (let b = 0; b < D; b++) out[i * D + b] = s.W[i * stride + b]! + s.W[(i + V) * stride + b]!;
  return new WordVectors(vocab.tokens, out, D, {meta: {trainer: 'glove', ...meta}});
}

export interface GloveResult {
  vectors: WordVectors;
  history: GloveEpochRecord[];
  cooccurrences: number;
}

/** Train GloVe on sentences of token ids (or on precomputed co-occurrences). */
export async function trainGlove(input: readonly ArrayLike<number>[] | Cooccurrences, vocab: Vocabulary, options: GloveOptions = {}): Promise<GloveResult> {
  const dim = options.dim ?? 100,
    epochs = options.epochs ?? 25,
    eta = options.eta ?? 0.05,
    alpha = options.alpha ?? 0.75;
  const xMax = options.xMax ?? 100,
    gradClip = options.gradClip ?? 100,
    seed = options.seed ?? 1;
  if (!Number.isInteger(dim) || dim < 1) throw new ArgumentError(msg.badOption('dim', dim, 'an integer >= 1'));
  if (!Number.isInteger(epochs) || epochs < 1) throw new ArgumentError(msg.badOption('epochs', epochs, 'an integer >= 1'));
  if (!(eta > 0) || !(xMax > 0) || !(alpha >= 0)) throw new ArgumentError(msg.badOption('eta/xMax/alpha', [eta, xMax, alpha], 'eta > 0, xMax > 0, alpha >= 0'));
  const X = Array.isArray(input) ? countCooccurrences(input as readonly ArrayLike<number>[], vocab.size, options) : (input as Cooccurrences);
  if (X.vocabSize !== vocab.size) throw new ArgumentError(msg.badOption('cooccurrences.vocabSize', X.vocabSize, `the vocabulary size ${vocab.size}`));
  const n = X.values.length;
  if (n === 0) throw new ArgumentError(msg.emptyCorpus());
  const order = createRng(deriveSeed(seed, 'glove.shuffle')).shuffle(Array.from({length: n}, (_, k) => k));
  const state = initGloveState(vocab.size, dim, seed);
  const meta = {dim, epochs, eta, alpha, xMax, gradClip, seed, window: options.window ?? 10};
  const history: GloveEpochRecord[] = [];
  for (let e = 0; e < epochs; e++) {
    const t0 = performance.now();
    let cost = 0;
    for (const k of order) cost += gloveStep(state, X.rows[k]!, X.cols[k]!, X.values[k]!, eta, xMax, alpha, gradClip);
    const record: GloveEpochRecord = {epoch: e + 1, cost: cost / n, seconds: (performance.now() - t0) / 1000};
    if (options.onEpochEnd) {
      const scores = await options.onEpochEnd(record, () => gloveVectors(state, vocab, meta));
      if (scores) record.eval = scores;
    }
    history.push(record);
  }
  return {vectors: gloveVectors(state, vocab, meta), history, cooccurrences: n};
}
