/**
 * Contextual vs static: a model's contextual vectors (the residual stream of `layerStates`, layer 0 = the
 * embedding sum, 1..L = after each block) reduced to one vector per word, and how contextual they are.
 *
 * - Static vectors by pooling (Bommasani, Davis & Cardie 2020, "aggregated"): sample up to N occurrences of
 *   each target word in a tokenized corpus (seeded reservoir sampling), run the model over a window around
 *   each (left context for a causal model, a centred window for a bidirectional one; dropout off), take the
 *   word's vector at every layer and pool over its occurrences (mean, min or max per dimension). A word
 *   never seen gets its decontextualized vector (the word alone as the input, Bommasani et al.'s fallback).
 * - Ethayarajh (2019)'s measures per layer: anisotropy (mean cosine between vectors of random tokens in
 *   random contexts), self-similarity (mean pairwise cosine of a word's vectors across its contexts),
 *   intra-sentence similarity (mean cosine between each token of a window and the window's mean), each also
 *   minus the anisotropy baseline, and the maximum explainable variance (first principal component's share
 *   of a word's occurrence matrix).
 *
 * Everything is seeded and runs in a fixed order, so the same inputs give the same numbers. The
 * arithmetic on vectors is float64; results are stored as float32.
 */
import {ArgumentError, ConfigError, createRng, type Rng, WordVectors} from '@embedlab/core';

export const POOLINGS = ['mean', 'min', 'max'] as const;
/** How a word's contextual vectors become one: per-dimension mean, min or max over its contexts. */
export type Pooling = (typeof POOLINGS)[number];

/** What the analysis needs of a model: `GptModel` has it; tests pass a stub with known vectors. */
export interface ContextualModel {
  readonly config: {readonly vocabSize: number; readonly context: number; readonly nLayers: number; readonly dModel: number; readonly causal: boolean};
  /** The residual stream [batch * length, dModel] at layers 0..nLayers, dropout off. */
  layerStates(inputs: Int32Array, batch: number, length: number): Float32Array[];
}

/** A tokenized corpus: documents as id arrays. Windows never cross a document boundary. */
export type TokenCorpus = readonly ArrayLike<number>[];

export interface WindowOptions {
  /** Tokens per window, at most the model's context. __Default:__ the model's context. */
  window?: number;
  /** Windows per forward pass. __Default:__ 32. */
  batchSize?: number;
  /** Layers to read, each in 0..nLayers. __Default:__ all of them. */
  layers?: readonly number[];
  /** Called after each forward pass with windows done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface CollectOptions extends WindowOptions {
  /** Target word ids (rows of the result, in this order; no repeats). */
  words: readonly number[];
  /** N: at most this many contexts per word (a seeded uniform sample of its occurrences). */
  maxContexts: number;
  /** Seeds the choice of contexts. __Default:__ 1. */
  seed?: number;
}

/** Each target word's contextual vectors at each layer, grouped by word. */
export interface ContextCollection {
  words: Int32Array;
  layers: number[];
  dim: number;
  /** Contexts used per word (at most maxContexts). */
  counts: Int32Array;
  /** Occurrences of each word in the corpus. */
  occurrences: Int32Array;
  /** Contexts of word w are rows offsets[w] .. offsets[w + 1] - 1 of every `vectors` entry. */
  offsets: Int32Array;
  /** Per layer (in `layers` order): row-major [sum(counts), dim]. */
  vectors: Float32Array[];
  /** Each context's place: document and position, [sum(counts)] each. */
  contextDocs: Int32Array;
  contextPositions: Int32Array;
  settings: {maxContexts: number; window: number; seed: number; causal: boolean; batchSize: number};
  /** Distinct windows run and tokens read by the model. */
  windows: number;
  tokens: number;
}

/** A window of a document: `length` tokens from `start`; the target sits at `start + offset`. */
export interface Window {
  start: number;
  length: number;
  offset: number;
}

/**
 * The window read for the token at `position` of a document of `docLength` tokens. Causal: the `window`
 * tokens ending at the target (fewer at the document's start). Bidirectional: `window` tokens with the
 * target in the middle (position floor(window / 2)), shifted to stay inside the document at its edges; the
 * whole document when it is shorter.
 */
export function contextWindow(docLength: number, position: number, window: number, causal: boolean): Window {
  if (!(Number.isInteger(position) && position >= 0 && position < docLength))
    throw new ArgumentError(`position ${position} is outside a document of ${docLength} tokens`);
  if (!(Number.isInteger(window) && window > 0)) throw new ArgumentError(`window: expected a positive integer, got ${window}`);
  if (causal) {
    const start = Math.max(0, position - window + 1);
    return {start, length: position - start + 1, offset: position - start};
  }
  const length = Math.min(window, docLength);
  const start = Math.min(Math.max(0, position - Math.floor(window / 2)), docLength - length);
  return {start, length, offset: position - start};
}

// ---------------------------------------------------------------------------------------------------------
// Pure vector arithmetic (float64)

function checkRows(rows: ArrayLike<number>, n: number, dim: number): void {
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(dim) && dim > 0)) throw new ArgumentError(`expected n >= 0 rows of dim > 0, got n ${n}, dim ${dim}`);
  if (rows.length < n * dim) throw new ArgumentError(`${n} rows of ${dim} need ${n * dim} values, got ${rows.length}`);
}

/** Pool n rows [n, dim] (row-major from `offset`) into one vector: per-dimension mean, min or max. */
export function poolRows(rows: ArrayLike<number>, n: number, dim: number, pooling: Pooling, offset = 0): Float32Array {
  if (!POOLINGS.includes(pooling)) throw new ArgumentError(`pooling: expected one of ${POOLINGS.join(', ')}, got ${JSON.stringify(pooling)}`);
  if (n < 1) throw new ArgumentError('pooling needs at least one row');
  checkRows(rows, offset / dim + n, dim);
  const out = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    let acc = pooling === 'mean' ? 0 : (rows[offset + j] as number);
    for (let r = 0; r < n; r++) {
      const x = rows[offset + r * dim + j] as number;
      if (pooling === 'mean') acc += x;
      else if (pooling === 'min') acc = x < acc ? x : acc;
      else acc = x > acc ? x : acc;
    }
    out[j] = pooling === 'mean' ? acc / n : acc;
  }
  return out;
}

/** Norms of n rows (float64). */
function rowNorms(rows: ArrayLike<number>, n: number, dim: number, offset: number): Float64Array {
  const norms = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = offset + r * dim, end = j + dim; j < end; j++) s += (rows[j] as number) ** 2;
    norms[r] = Math.sqrt(s);
  }
  return norms;
}

/**
 * Mean cosine over the n(n - 1) ordered pairs of distinct rows (Ethayarajh's self-similarity; the
 * anisotropy baseline on a sample of random tokens). Exact, in O(n dim): with unit rows u_i,
 * sum_{i != j} u_i . u_j = |sum u_i|^2 - sum |u_i|^2. A zero row counts as cosine 0. NaN when n < 2.
 */
export function meanPairwiseCosine(rows: ArrayLike<number>, n: number, dim: number, offset = 0): number {
  checkRows(rows, offset / dim + n, dim);
  if (n < 2) return Number.NaN;
  const norms = rowNorms(rows, n, dim, offset);
  const sum = new Float64Array(dim);
  let self = 0;
  for (let r = 0; r < n; r++) {
    const norm = norms[r] as number;
    if (norm === 0) continue;
    self += 1;
    for (let j = 0; j < dim; j++) sum[j] = (sum[j] as number) + (rows[offset + r * dim + j] as number) / norm;
  }
  let sq = 0;
  for (let j = 0; j < dim; j++) sq += (sum[j] as number) ** 2;
  return (sq - self) / (n * (n - 1));
}

/** Ethayarajh's intra-sentence similarity of one window: mean over its n rows of cos(row, mean of the rows). */
export function intraSimilarity(rows: ArrayLike<number>, n: number, dim: number, offset = 0): number {
  checkRows(rows, offset / dim + n, dim);
  if (n < 1) return Number.NaN;
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (rows[offset + r * dim + j] as number) / n;
  let meanNorm = 0;
  for (let j = 0; j < dim; j++) meanNorm += (mean[j] as number) ** 2;
  meanNorm = Math.sqrt(meanNorm);
  if (meanNorm === 0) return 0;
  const norms = rowNorms(rows, n, dim, offset);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const norm = norms[r] as number;
    if (norm === 0) continue;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += (rows[offset + r * dim + j] as number) * (mean[j] as number);
    total += dot / (norm * meanNorm);
  }
  return total / n;
}

/**
 * Maximum explainable variance (Ethayarajh 2019): sigma_1^2 / sum_i sigma_i^2 of the occurrence matrix
 * [n, dim], the share of its (uncentred) second moment along the first principal direction, as the paper's
 * formula. `centre: true` subtracts the column means first (PCA, as the paper's code does). Identical rows
 * give 1; n orthogonal rows of equal norm give 1 / n. NaN when every row is zero (or all rows are equal
 * and centred).
 *
 * Computed on the smaller Gram matrix (X X^T or X^T X) by power iteration in float64 (Rayleigh quotient,
 * fixed start, stops when it moves less than 1e-13 relative, at most 20,000 steps; it never overshoots the
 * top eigenvalue, and its error is below the last step over one minus the squared eigenvalue ratio).
 */
export function maxExplainableVariance(rows: ArrayLike<number>, n: number, dim: number, options: {centre?: boolean; offset?: number} = {}): number {
  const offset = options.offset ?? 0;
  checkRows(rows, offset / dim + n, dim);
  if (n < 1) return Number.NaN;
  const x = new Float64Array(n * dim);
  for (let i = 0; i < n * dim; i++) x[i] = rows[offset + i] as number;
  if (options.centre) {
    for (let j = 0; j < dim; j++) {
      let m = 0;
      for (let r = 0; r < n; r++) m += x[r * dim + j] as number;
      m /= n;
      for (let r = 0; r < n; r++) x[r * dim + j] = (x[r * dim + j] as number) - m;
    }
  }
  const byRows = n <= dim;
  const k = byRows ? n : dim;
  const gram = new Float64Array(k * k);
  if (byRows) {
    for (let a = 0; a < n; a++)
      for (let b = a; b < n; b++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += (x[a * dim + j] as number) * (x[b * dim + j] as number);
        gram[a * k + b] = s;
        gram[b * k + a] = s;
      }
  } else {
    for (let r = 0; r < n; r++)
      for (let a = 0; a < dim; a++) {
        const xa = x[r * dim + a] as number;
        if (xa === 0) continue;
        for (let b = a; b < dim; b++) gram[a * k + b] = (gram[a * k + b] as number) + xa * (x[r * dim + b] as number);
      }
    for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) gram[a * k + b] = gram[b * k + a] as number;
  }
  let trace = 0;
  for (let a = 0; a < k; a++) trace += gram[a * k + a] as number;
  if (!(trace > 0)) return Number.NaN;
  return topEigenvalue(gram, k) / trace;
}

/** Largest eigenvalue of a symmetric positive semi-definite k x k matrix, by power iteration. */
function topEigenvalue(m: Float64Array, k: number): number {
  if (k === 1) return m[0] as number;
  const v = new Float64Array(k);
  let state = 0x9e3779b9;
  for (let i = 0; i < k; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    v[i] = state / 4294967296 - 0.5 + (m[i * k + i] as number) / (2 * Math.sqrt(k));
  }
  const normalize = (a: Float64Array) => {
    let s = 0;
    for (let i = 0; i < k; i++) s += (a[i] as number) ** 2;
    const norm = Math.sqrt(s);
    for (let i = 0; i < k; i++) a[i] = (a[i] as number) / norm;
    return norm;
  };
  if (!(normalize(v) > 0)) v.fill(1 / Math.sqrt(k));
  let lambda = 0;
  const w = new Float64Array(k);
  for (let it = 0; it < 20_000; it++) {
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += (m[a * k + b] as number) * (v[b] as number);
      w[a] = s;
    }
    let rq = 0;
    for (let a = 0; a < k; a++) rq += (v[a] as number) * (w[a] as number);
    const norm = normalize(w);
    if (!(norm > 0)) return Math.max(rq, 0);
    const done = Math.abs(rq - lambda) <= 1e-13 * Math.abs(rq);
    lambda = rq;
    v.set(w);
    if (done) break;
  }
  return lambda;
}

// ---------------------------------------------------------------------------------------------------------
// Running the model over windows

function checkLayers(model: ContextualModel, layers: readonly number[] | undefined): number[] {
  const L = model.config.nLayers;
  const list = layers ? [...layers] : Array.from({length: L + 1}, (_, i) => i);
  if (!list.length) throw new ArgumentError('layers: give at least one layer');
  const seen = new Set<number>();
  for (const l of list) {
    if (!(Number.isInteger(l) && l >= 0 && l <= L)) {
      throw new ArgumentError(`layer ${JSON.stringify(l)} is beyond the model: it has layers 0..${L} (0 = the embedding output, 1..${L} = the blocks)`);
    }
    if (seen.has(l)) throw new ArgumentError(`layer ${l} is listed twice`);
    seen.add(l);
  }
  return list;
}

function checkWindow(model: ContextualModel, options: WindowOptions): {window: number; batchSize: number} {
  const window = options.window ?? model.config.context;
  if (!(Number.isInteger(window) && window > 0)) throw new ArgumentError(`window: expected a positive integer, got ${JSON.stringify(window)}`);
  if (window > model.config.context)
    throw new ConfigError('model.context', `a window of ${window} tokens is longer than the model's context ${model.config.context}`);
  const batchSize = options.batchSize ?? 32;
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new ArgumentError(`batchSize: expected a positive integer, got ${JSON.stringify(batchSize)}`);
  return {window, batchSize};
}

function checkCorpus(model: ContextualModel, corpus: TokenCorpus): number {
  if (!Array.isArray(corpus)) throw new ArgumentError('corpus: expected an array of documents (id arrays)');
  const V = model.config.vocabSize;
  let tokens = 0;
  corpus.forEach((doc, d) => {
    for (let i = 0; i < doc.length; i++) {
      const id = doc[i] as number;
      if (!(Number.isInteger(id) && id >= 0 && id < V))
        throw new ArgumentError(`corpus document ${d}, position ${i}: id ${id} is not below the model's vocabSize ${V}`);
    }
    tokens += doc.length;
  });
  return tokens;
}

function checkWords(model: ContextualModel, words: readonly number[]): Int32Array {
  if (!words.length) throw new ArgumentError('words: give at least one word id');
  const V = model.config.vocabSize;
  const first = new Map<number, number>();
  words.forEach((id, i) => {
    if (!(Number.isInteger(id) && id >= 0 && id < V))
      throw new ArgumentError(`words[${i}]: id ${JSON.stringify(id)} is not in the model's vocabulary (0..${V - 1})`);
    const seen = first.get(id);
    if (seen !== undefined) throw new ArgumentError(`words[${i}]: id ${id} is listed twice (first at ${seen})`);
    first.set(id, i);
  });
  return Int32Array.from(words);
}

interface Target {
  doc: number;
  position: number;
}

/**
 * Run the model over the windows of `targets` (one per target; identical windows run once), grouped by
 * length so that no window is padded. `visit(t, states, row)` receives each target's layer states and its row.
 * `visitWindow` (optional) receives each distinct window once: its states, first row and length.
 */
function runTargets(
  model: ContextualModel,
  corpus: TokenCorpus,
  targets: readonly Target[],
  settings: {window: number; batchSize: number; onProgress?: ((done: number, total: number) => void) | undefined},
  visit: (target: number, states: Float32Array[], row: number) => void,
  visitWindow?: (doc: number, window: {start: number; length: number}, states: Float32Array[], row: number) => void,
): {windows: number; tokens: number} {
  const causal = model.config.causal;
  const keys = new Map<string, number>();
  const windows: {doc: number; start: number; length: number; targets: {t: number; offset: number}[]}[] = [];
  targets.forEach(({doc, position}, t) => {
    const w = contextWindow((corpus[doc] as ArrayLike<number>).length, position, settings.window, causal);
    const key = `${doc}:${w.start}:${w.length}`;
    let k = keys.get(key);
    if (k === undefined) {
      k = windows.length;
      keys.set(key, k);
      windows.push({doc, start: w.start, length: w.length, targets: []});
    }
    windows[k]!.targets.push({t, offset: w.offset});
  });
  const byLength = new Map<number, number[]>();
  windows.forEach((w, k) => {
    const list = byLength.get(w.length);
    if (list) list.push(k);
    else byLength.set(w.length, [k]);
  });
  let done = 0,
    tokens = 0;
  const expected = model.config.nLayers + 1;
  for (const T of [...byLength.keys()].sort((a, b) => a - b)) {
    const group = byLength.get(T) as number[];
    for (let g = 0; g < group.length; g += settings.batchSize) {
      const chunk = group.slice(g, g + settings.batchSize);
      const inputs = new Int32Array(chunk.length * T);
      chunk.forEach((k, b) => {
        const w = windows[k]!;
        const doc = corpus[w.doc] as ArrayLike<number>;
        for (let i = 0; i < T; i++) inputs[b * T + i] = doc[w.start + i] as number;
      });
      const states = model.layerStates(inputs, chunk.length, T);
      if (states.length !== expected) throw new ArgumentError(`layerStates returned ${states.length} layers; the model has ${expected} (0..${expected - 1})`);
      chunk.forEach((k, b) => {
        const w = windows[k]!;
        visitWindow?.(w.doc, w, states, b * T);
        for (const {t, offset} of w.targets) visit(t, states, b * T + offset);
      });
      tokens += inputs.length;
      done += chunk.length;
      settings.onProgress?.(done, windows.length);
    }
  }
  return {windows: windows.length, tokens};
}

// ---------------------------------------------------------------------------------------------------------
// Collecting and pooling

/**
 * Sample up to `maxContexts` occurrences of each target word (reservoir sampling in corpus order, seeded)
 * and read the word's vector at each layer from a window around each occurrence.
 */
export function collectContexts(model: ContextualModel, corpus: TokenCorpus, options: CollectOptions): ContextCollection {
  const layers = checkLayers(model, options.layers);
  const {window, batchSize} = checkWindow(model, options);
  const words = checkWords(model, options.words);
  const N = options.maxContexts;
  if (!(Number.isInteger(N) && N > 0)) throw new ArgumentError(`maxContexts: expected a positive integer, got ${JSON.stringify(N)}`);
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  checkCorpus(model, corpus);
  const W = words.length,
    dim = model.config.dModel;
  const rowOf = new Int32Array(model.config.vocabSize).fill(-1);
  words.forEach((id, i) => (rowOf[id] = i));
  const occurrences = new Int32Array(W);
  const slotDoc = new Int32Array(W * N),
    slotPos = new Int32Array(W * N);
  corpus.forEach((doc, d) => {
    for (let i = 0; i < doc.length; i++) {
      const w = rowOf[doc[i] as number] as number;
      if (w < 0) continue;
      const seen = occurrences[w] as number;
      occurrences[w] = seen + 1;
      const slot = seen < N ? seen : rng.int(seen + 1);
      if (slot < N) {
        slotDoc[w * N + slot] = d;
        slotPos[w * N + slot] = i;
      }
    }
  });
  const counts = Int32Array.from(occurrences, (c) => Math.min(c, N));
  const offsets = new Int32Array(W + 1);
  for (let w = 0; w < W; w++) offsets[w + 1] = (offsets[w] as number) + (counts[w] as number);
  const total = offsets[W] as number;
  const contextDocs = new Int32Array(total),
    contextPositions = new Int32Array(total);
  const targets: Target[] = [];
  for (let w = 0; w < W; w++) {
    // the kept occurrences in corpus order
    const kept = Array.from({length: counts[w] as number}, (_, s) => [slotDoc[w * N + s] as number, slotPos[w * N + s] as number] as const).sort(
      (a, b) => a[0] - b[0] || a[1] - b[1],
    );
    kept.forEach(([d, p], s) => {
      const r = (offsets[w] as number) + s;
      contextDocs[r] = d;
      contextPositions[r] = p;
      targets.push({doc: d, position: p});
    });
  }
  const vectors = layers.map(() => new Float32Array(total * dim));
  const run = runTargets(model, corpus, targets, {window, batchSize, onProgress: options.onProgress}, (t, states, row) => {
    layers.forEach((l, k) => vectors[k]!.set((states[l] as Float32Array).subarray(row * dim, (row + 1) * dim), t * dim));
  });
  return {
    words,
    layers,
    dim,
    counts,
    occurrences,
    offsets,
    vectors,
    contextDocs,
    contextPositions,
    settings: {maxContexts: N, window, seed, causal: model.config.causal, batchSize},
    windows: run.windows,
    tokens: run.tokens,
  };
}

/**
 * Decontextualized vectors (Bommasani et al.): each word alone as the input (a sequence of length 1),
 * its vector at each layer. One [words, dim] matrix per layer of `layers`.
 */
export function decontextualizedVectors(model: ContextualModel, words: readonly number[], layers?: readonly number[], batchSize = 1024): Float32Array[] {
  const list = checkLayers(model, layers);
  const ids = checkWords(model, words);
  const dim = model.config.dModel;
  const out = list.map(() => new Float32Array(ids.length * dim));
  for (let s = 0; s < ids.length; s += batchSize) {
    const chunk = ids.subarray(s, Math.min(ids.length, s + batchSize));
    const states = model.layerStates(Int32Array.from(chunk), chunk.length, 1);
    list.forEach((l, k) => out[k]!.set((states[l] as Float32Array).subarray(0, chunk.length * dim), s * dim));
  }
  return out;
}

export interface PoolOptions extends CollectOptions {
  /** One pooling or several (one pass of the model serves all). __Default:__ `mean`. */
  pooling?: Pooling | readonly Pooling[];
  /** Words with no context: `decontextualized` (the word alone, Bommasani et al.) or `zero` rows. __Default:__ `decontextualized`. */
  fallback?: 'decontextualized' | 'zero';
}

/** One pooled static table: rows = the target words, [words, dim] row-major. */
export interface PooledTable {
  layer: number;
  pooling: Pooling;
  data: Float32Array;
}

export interface StaticVectors {
  words: Int32Array;
  dim: number;
  layers: number[];
  poolings: Pooling[];
  /** One table per (pooling, layer), poolings outer. */
  tables: PooledTable[];
  /** Contexts pooled per word (0 = fell back). */
  counts: Int32Array;
  occurrences: Int32Array;
  /** Words that had no context: how many, which ids, and what they got. */
  fallback: {count: number; words: Int32Array; kind: 'decontextualized' | 'zero'};
  settings: ContextCollection['settings'];
  windows: number;
  tokens: number;
  /** The per-context vectors (input to `contextualityMeasures`). */
  collection: ContextCollection;
}

/** Pool a collection's contexts per word; rows of words without contexts stay zero. One matrix per layer. */
export function poolContexts(collection: ContextCollection, pooling: Pooling): Float32Array[] {
  if (!POOLINGS.includes(pooling)) throw new ArgumentError(`pooling: expected one of ${POOLINGS.join(', ')}, got ${JSON.stringify(pooling)}`);
  const {dim, offsets, counts} = collection;
  return collection.vectors.map((vectors) => {
    const out = new Float32Array(collection.words.length * dim);
    for (let w = 0; w < collection.words.length; w++) {
      const n = counts[w] as number;
      if (n > 0) out.set(poolRows(vectors, n, dim, pooling, (offsets[w] as number) * dim), w * dim);
    }
    return out;
  });
}

/** Static vectors per layer and pooling from a model's contextual vectors (Bommasani et al. 2020). */
export function poolStaticVectors(model: ContextualModel, corpus: TokenCorpus, options: PoolOptions): StaticVectors {
  const poolings = [...(typeof options.pooling === 'string' ? [options.pooling] : (options.pooling ?? ['mean']))] as Pooling[];
  if (!poolings.length) throw new ArgumentError('pooling: give at least one of mean, min, max');
  for (const p of poolings) if (!POOLINGS.includes(p)) throw new ArgumentError(`pooling: expected one of ${POOLINGS.join(', ')}, got ${JSON.stringify(p)}`);
  const kind = options.fallback ?? 'decontextualized';
  if (kind !== 'decontextualized' && kind !== 'zero') throw new ArgumentError(`fallback: expected decontextualized or zero, got ${JSON.stringify(kind)}`);
  const collection = collectContexts(model, corpus, options);
  const {words, dim, layers, counts} = collection;
  const missing: number[] = [];
  counts.forEach((c, w) => {
    if (c === 0) missing.push(w);
  });
  const alone =
    kind === 'decontextualized' && missing.length
      ? decontextualizedVectors(
          model,
          missing.map((w) => words[w] as number),
          layers,
        )
      : undefined;
  const tables: PooledTable[] = [];
  for (const pooling of poolings) {
    poolContexts(collection, pooling).forEach((data, k) => {
      if (alone) missing.forEach((w, i) => data.set((alone[k] as Float32Array).subarray(i * dim, (i + 1) * dim), w * dim));
      tables.push({layer: layers[k] as number, pooling, data});
    });
  }
  return {
    words,
    dim,
    layers,
    poolings,
    tables,
    counts,
    occurrences: collection.occurrences,
    fallback: {count: missing.length, words: Int32Array.from(missing, (w) => words[w] as number), kind},
    settings: collection.settings,
    windows: collection.windows,
    tokens: collection.tokens,
    collection,
  };
}

/** One pooled table as `WordVectors` (labels[i] names words[i]), with its settings in `meta`. */
export function staticWordVectors(result: StaticVectors, labels: readonly string[], layer: number, pooling: Pooling = 'mean'): WordVectors {
  if (labels.length !== result.words.length) throw new ArgumentError(`labels: expected ${result.words.length} words (one per row), got ${labels.length}`);
  const table = result.tables.find((t) => t.layer === layer && t.pooling === pooling);
  if (!table)
    throw new ArgumentError(
      `no table for layer ${layer} with ${pooling} pooling; computed layers ${result.layers.join(', ')} with ${result.poolings.join(', ')}`,
    );
  return new WordVectors(labels, table.data, result.dim, {
    meta: {
      source: 'contextual',
      layer,
      pooling,
      ...result.settings,
      fallback: result.fallback.count,
      fallbackKind: result.fallback.kind,
      windows: result.windows,
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Ethayarajh (2019)

export interface MeasureOptions extends WindowOptions {
  /** Random tokens (each in a random context) for the anisotropy baseline and intra-sentence similarity. __Default:__ 1000 (Ethayarajh). */
  samples?: number;
  /** Seeds the random tokens. __Default:__ 1. */
  seed?: number;
  /** Ids never drawn as random tokens and left out of intra-sentence similarity (specials, punctuation). */
  excludeIds?: readonly number[];
  /** Words need this many contexts to count in self-similarity and MEV. __Default:__ 2. */
  minContexts?: number;
  /** MEV on centred vectors (PCA, as the paper's code) instead of the paper's formula. __Default:__ false. */
  centre?: boolean;
}

export interface LayerMeasures {
  layer: number;
  /** Mean cosine between the vectors of random tokens in random contexts (all distinct pairs of the sample). */
  anisotropy: number;
  /** Mean over words (>= minContexts contexts) of the mean pairwise cosine across the word's contexts. */
  selfSimilarity: number;
  selfSimilarityAdjusted: number;
  /** Mean over the random windows of each token's cosine with the window's mean vector. */
  intraSimilarity: number;
  intraSimilarityAdjusted: number;
  /** Mean over words of the first principal component's share of the word's occurrence matrix. */
  mev: number;
  /** The same share for as many random-token vectors as each word has contexts (size-matched baseline). */
  mevBaseline: number;
  mevAdjusted: number;
  /** The paper's MEV baseline: the first component's share over the whole random sample. */
  mevRandomSample: number;
  /** Per word (rows of the collection): self-similarity and MEV, NaN below minContexts. */
  perWord: {selfSimilarity: Float64Array; mev: Float64Array};
}

export interface ContextualityMeasures {
  layers: LayerMeasures[];
  /** Words counted (>= minContexts contexts), random tokens drawn, distinct random windows. */
  words: number;
  samples: number;
  windows: number;
  settings: {samples: number; seed: number; minContexts: number; centre: boolean; window: number; excluded: number};
}

/** Uniform random token positions over a corpus (skipping excluded ids), seeded. */
function randomTokens(corpus: TokenCorpus, count: number, rng: Rng, excluded: ReadonlySet<number>): Target[] {
  const starts = new Float64Array(corpus.length + 1);
  let eligible = 0;
  corpus.forEach((doc, d) => {
    starts[d + 1] = (starts[d] as number) + doc.length;
    for (let i = 0; i < doc.length; i++) if (!excluded.has(doc[i] as number)) eligible++;
  });
  const total = starts[corpus.length] as number;
  if (eligible === 0) throw new ArgumentError('the corpus has no token outside excludeIds to sample');
  const out: Target[] = [];
  while (out.length < count) {
    const g = Math.floor(rng.float() * total);
    let lo = 0,
      hi = corpus.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= g) lo = mid;
      else hi = mid - 1;
    }
    const position = g - (starts[lo] as number);
    if (!excluded.has((corpus[lo] as ArrayLike<number>)[position] as number)) out.push({doc: lo, position});
  }
  return out;
}

/**
 * Ethayarajh (2019)'s measures per layer of `collection` (made by `collectContexts` or `poolStaticVectors`
 * with the same model and corpus): anisotropy from `samples` random tokens in random contexts (windows
 * built as for the targets), self-similarity and MEV from the collection, intra-sentence similarity over
 * the random tokens' windows, and the anisotropy-adjusted values (raw minus the layer's baseline).
 */
export function contextualityMeasures(
  model: ContextualModel,
  corpus: TokenCorpus,
  collection: ContextCollection,
  options: MeasureOptions = {},
): ContextualityMeasures {
  const layers = checkLayers(model, options.layers ?? collection.layers);
  const layerIndex = layers.map((l) => {
    const k = collection.layers.indexOf(l);
    if (k < 0) throw new ArgumentError(`layer ${l} is not in the collection (layers ${collection.layers.join(', ')})`);
    return k;
  });
  if (collection.dim !== model.config.dModel)
    throw new ArgumentError(`the collection has vectors of ${collection.dim} dims; the model has dModel ${model.config.dModel}`);
  const {window, batchSize} = checkWindow(model, {
    window: options.window ?? collection.settings.window,
    ...(options.batchSize ? {batchSize: options.batchSize} : {}),
  });
  const samples = options.samples ?? 1000;
  if (!(Number.isInteger(samples) && samples >= 2)) throw new ArgumentError(`samples: expected an integer >= 2, got ${JSON.stringify(samples)}`);
  const minContexts = options.minContexts ?? 2;
  if (!(Number.isInteger(minContexts) && minContexts >= 2))
    throw new ArgumentError(`minContexts: expected an integer >= 2, got ${JSON.stringify(minContexts)}`);
  const seed = options.seed ?? 1;
  const centre = options.centre ?? false;
  checkCorpus(model, corpus);
  const excluded = new Set(options.excludeIds ?? []);
  const rng = createRng(seed);
  const targets = randomTokens(corpus, samples, rng.fork('tokens'), excluded);
  const dim = model.config.dModel;
  const random = layers.map(() => new Float32Array(samples * dim));
  const intraSum = new Float64Array(layers.length);
  let intraWindows = 0;
  const run = runTargets(
    model,
    corpus,
    targets,
    {window, batchSize, onProgress: options.onProgress},
    (t, states, row) => layers.forEach((l, k) => random[k]!.set((states[l] as Float32Array).subarray(row * dim, (row + 1) * dim), t * dim)),
    (doc, w, states, row) => {
      const ids = corpus[doc] as ArrayLike<number>;
      const keep: number[] = [];
      for (let i = 0; i < w.length; i++) if (!excluded.has(ids[w.start + i] as number)) keep.push(i);
      if (!keep.length) return;
      intraWindows++;
      layers.forEach((l, k) => {
        const s = states[l] as Float32Array;
        const rows = new Float32Array(keep.length * dim);
        keep.forEach((i, r) => rows.set(s.subarray((row + i) * dim, (row + i + 1) * dim), r * dim));
        intraSum[k] = (intraSum[k] as number) + intraSimilarity(rows, keep.length, dim);
      });
    },
  );
  const {offsets, counts} = collection;
  const counted: number[] = [];
  counts.forEach((c, w) => {
    if (c >= minContexts) counted.push(w);
  });
  // size-matched MEV baseline: for each counted word, as many random vectors as it has contexts
  const baselineRng = rng.fork('mev-baseline');
  const baselineRows = counted.map((w) => {
    const n = Math.min(counts[w] as number, samples);
    const order = Array.from({length: samples}, (_, i) => i);
    for (let i = 0; i < n; i++) {
      const j = i + baselineRng.int(samples - i);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return order.slice(0, n);
  });
  const out: LayerMeasures[] = layers.map((layer, k) => {
    const vectors = collection.vectors[layerIndex[k] as number] as Float32Array;
    const anisotropy = meanPairwiseCosine(random[k] as Float32Array, samples, dim);
    const selfSim = new Float64Array(collection.words.length).fill(Number.NaN);
    const mev = new Float64Array(collection.words.length).fill(Number.NaN);
    let selfTotal = 0,
      mevTotal = 0,
      mevWords = 0,
      baseTotal = 0;
    counted.forEach((w, i) => {
      const n = counts[w] as number,
        offset = (offsets[w] as number) * dim;
      selfSim[w] = meanPairwiseCosine(vectors, n, dim, offset);
      selfTotal += selfSim[w] as number;
      const m = maxExplainableVariance(vectors, n, dim, {centre, offset});
      mev[w] = m;
      const chosen = baselineRows[i] as number[];
      const rows = new Float32Array(chosen.length * dim);
      chosen.forEach((r, j) => rows.set((random[k] as Float32Array).subarray(r * dim, (r + 1) * dim), j * dim));
      const b = maxExplainableVariance(rows, chosen.length, dim, {centre});
      if (Number.isFinite(m) && Number.isFinite(b)) {
        mevTotal += m;
        baseTotal += b;
        mevWords++;
      }
    });
    const selfSimilarity = counted.length ? selfTotal / counted.length : Number.NaN;
    const intra = intraWindows ? (intraSum[k] as number) / intraWindows : Number.NaN;
    const mevMean = mevWords ? mevTotal / mevWords : Number.NaN;
    const mevBaseline = mevWords ? baseTotal / mevWords : Number.NaN;
    return {
      layer,
      anisotropy,
      selfSimilarity,
      selfSimilarityAdjusted: selfSimilarity - anisotropy,
      intraSimilarity: intra,
      intraSimilarityAdjusted: intra - anisotropy,
      mev: mevMean,
      mevBaseline,
      mevAdjusted: mevMean - mevBaseline,
      mevRandomSample: maxExplainableVariance(random[k] as Float32Array, samples, dim, {centre}),
      perWord: {selfSimilarity: selfSim, mev},
    };
  });
  return {
    layers: out,
    words: counted.length,
    samples,
    windows: run.windows,
    settings: {samples, seed, minContexts, centre, window, excluded: excluded.size},
  };
}
