/**
 * What "GloVe-initialized" means for an embedding layer: the initial [vocab.size, dim] matrix whose row i
 * is the pretrained vector of token i, plus how the rest was filled and which rows came from pretrained.
 *
 * Per token (in vocabulary order):
 *   - the padding token: a zero row (never looked up);
 *   - other special tokens (`<unk>`, `<bos>`...): filled by the OOV policy (they are not words);
 *   - an exact hit: the pretrained row (lock mask 1);
 *   - else, when `lowercase` is on, a hit of `token.toLowerCase()` (GloVe 6B is uncased): that row (mask 1);
 *   - else a miss, filled by the OOV policy: `zeros`, `mean` (the per-dimension mean of all pretrained rows),
 *     `random` (per-dimension N(mean_j, std_j^2) of the pretrained rows, drawn from `createRng(seed)` in
 *     row order then dimension order), or `{predict}`: a function of the token's spelling (e.g. subword's
 *     MimickModel.predict; passed in, so this package depends on no model). Special tokens get zeros then.
 * There is no `skip`: every row of an embedding matrix needs a value (the evaluators' protocol can skip pairs).
 * Coverage counts only non-special tokens; `tokenCoverage` weights them by the vocabulary's corpus counts.
 */
import {ArgumentError, checkInstance, createRng, Vocabulary, WordVectors} from '@embedlab/core/data';
import {messages} from './messages.js';

/** A vector for any token from its spelling; `name` is recorded in meta. */
export interface OovPredictor {
  predict: (word: string) => ArrayLike<number>;
  name?: string;
}

export type OovPolicy = 'zeros' | 'random' | 'mean' | OovPredictor;

export interface AlignOptions {
  /** __Default:__ `'zeros'`. */
  oov?: OovPolicy;
  /** Required for `oov: 'random'`. */
  seed?: number;
  /** Try `token.toLowerCase()` after an exact miss. __Default:__ true. */
  lowercase?: boolean;
  /** How many missing tokens to list in the result. __Default:__ all. */
  listMissing?: number;
}

export interface AlignCoverage {
  /** Non-special tokens considered. */
  total: number;
  exact: number;
  lowercase: number;
  missing: number;
  /** (exact + lowercase) / total. */
  ratio: number;
  /** Fraction of corpus tokens covered (by vocabulary counts); undefined when all counts are 0. */
  tokenCoverage?: number;
  /** Missing tokens in vocabulary order (up to `listMissing`). */
  missingTokens: string[];
}

export interface AlignedEmbedding {
  /** Row-major [vocab.size, dim]. */
  matrix: Float32Array;
  rows: number;
  dim: number;
  /** 1 where the row came from the pretrained vectors (the rows a "frozen pretrained" layer locks). */
  lockMask: Uint8Array;
  /** For each vocabulary id: the pretrained row used, or -1. */
  sourceRow: Int32Array;
  coverage: AlignCoverage;
  meta: Record<string, unknown>;
}

/** Per-dimension mean and (population) standard deviation of the rows, in float64. */
export function columnStats(vectors: Pick<WordVectors, 'data' | 'dim' | 'size'>): {mean: Float64Array; std: Float64Array} {
  const {data, dim, size} = vectors;
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let r = 0; r < size; r++) {
    for (let j = 0, o = r * dim; j < dim; j++, o++) {
      const x = data[o] as number;
      mean[j] = (mean[j] as number) + x;
      sq[j] = (sq[j] as number) + x * x;
    }
  }
  const std = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    const m = size > 0 ? (mean[j] as number) / size : 0;
    mean[j] = m;
    std[j] = size > 0 ? Math.sqrt(Math.max(0, (sq[j] as number) / size - m * m)) : 0;
  }
  return {mean, std};
}

/**
 * Rows of `vectors` in the order of `vocab` (case-folded lookups by default), with a lock mask of the rows that
 * came from the vectors and an OOV policy for the rest.
 * @throws {ArgumentError} vocab not a Vocabulary, vectors not WordVectors, an unknown OOV policy, a missing seed.
 */
export function alignToVocabulary(vocab: Vocabulary, vectors: WordVectors, options: AlignOptions = {}): AlignedEmbedding {
  checkInstance(vocab, Vocabulary, 'vocab');
  checkInstance(vectors, WordVectors, 'vectors');
  const {oov = 'zeros', lowercase = true, listMissing = Infinity} = options;
  const predictor = typeof oov === 'object' && oov !== null && typeof oov.predict === 'function' ? oov : undefined;
  if (!predictor && !['zeros', 'random', 'mean'].includes(oov as string)) throw new ArgumentError(messages.badOov(String(oov)));
  if (oov === 'random' && (options.seed === undefined || !Number.isInteger(options.seed))) throw new ArgumentError(messages.seedRequired());
  const {dim} = vectors;
  const rows = vocab.size;
  const matrix = new Float32Array(rows * dim); // [rows, dim]
  const lockMask = new Uint8Array(rows);
  const sourceRow = new Int32Array(rows).fill(-1);
  const stats = oov === 'zeros' || predictor ? undefined : columnStats(vectors);
  const rng = oov === 'random' ? createRng(options.seed as number) : undefined;
  const specials = new Set(vocab.specials);
  const fill = (id: number) => {
    if (!stats) return;
    for (let j = 0, o = id * dim; j < dim; j++, o++) {
      matrix[o] = rng ? (stats.mean[j] as number) + (stats.std[j] as number) * rng.normal() : (stats.mean[j] as number);
    }
  };
  let exact = 0,
    lower = 0,
    missing = 0,
    covered = 0,
    counted = 0;
  const missingTokens: string[] = [];
  for (let id = 0; id < rows; id++) {
    const token = vocab.tokens[id] as string;
    if (id === vocab.padId) continue; // zero row
    if (specials.has(token)) {
      fill(id);
      continue;
    }
    const count = vocab.counts[id] ?? 0;
    counted += count;
    let r = vectors.indexOf(token);
    if (r >= 0) exact++;
    else if (lowercase) {
      const low = token.toLowerCase();
      if (low !== token) {
        r = vectors.indexOf(low);
        if (r >= 0) lower++;
      }
    }
    if (r >= 0) {
      matrix.set(vectors.data.subarray(r * dim, (r + 1) * dim), id * dim);
      lockMask[id] = 1;
      sourceRow[id] = r;
      covered += count;
    } else {
      missing++;
      if (missingTokens.length < listMissing) missingTokens.push(token);
      if (predictor) {
        const v = predictor.predict(token);
        if (v.length !== dim) throw new ArgumentError(messages.badPrediction(token, v.length, dim));
        matrix.set(v, id * dim);
      } else fill(id);
    }
  }
  const total = exact + lower + missing;
  const coverage: AlignCoverage = {
    total,
    exact,
    lowercase: lower,
    missing,
    ratio: total > 0 ? (exact + lower) / total : 0,
    ...(counted > 0 ? {tokenCoverage: covered / counted} : {}),
    missingTokens,
  };
  const meta = {
    vectors: vectors.meta,
    oov: predictor ? `predict:${predictor.name ?? 'unnamed'}` : oov,
    ...(oov === 'random' ? {seed: options.seed} : {}),
    lowercase,
    coverage: {total, exact, lowercase: lower, missing, ratio: coverage.ratio},
  };
  return {matrix, rows, dim, lockMask, sourceRow, coverage, meta};
}

/**
 * The words to keep when reading a big file for this vocabulary (`readVectors(path, {vocabulary: ...})`):
 * every token and, when `lowercase` is on, its lowercase form, so that alignment's fallback still finds
 * its rows.
 */
export function wordsFor(vocab: Pick<Vocabulary, 'tokens'>, options: {lowercase?: boolean} = {}): Set<string> {
  const out = new Set<string>();
  for (const t of vocab.tokens) {
    out.add(t);
    if (options.lowercase ?? true) out.add(t.toLowerCase());
  }
  return out;
}
