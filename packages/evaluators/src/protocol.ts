/**
 * Evaluation protocols: every choice that moves an analogy or similarity number, in one record that is
 * hashed and stored next to each result. Presets reproduce gensim, word2vec's compute-accuracy and GloVe's
 * evaluate.py (see ../shared/notes/anchors.md, beside the repository, section (b)).
 */
import {createHash} from 'node:crypto';
import {ConfigError, stableJson} from '@embedlab/core';
import {messages} from './messages.js';

export type CaseFolding = 'none' | 'lower' | 'upper';
export type AnalogyMethod = '3CosAdd' | '3CosMul' | 'PairDirection';

/**
 * How the final ranking of the few best candidates is computed.
 * - `gensim`: gensim 4.2's float32 arithmetic (numpy norms, mean of unit vectors, BLAS nrm2/scal, dot/norm).
 * - `float32`: unit rows and the query in float32, dot products accumulated sequentially in float32
 *   (word2vec's compute-accuracy.c).
 * - `float64`: unit rows in float32, everything else in float64 (GloVe's evaluate.py works in float64).
 */
export type Arithmetic = 'gensim' | 'float32' | 'float64';

export interface AnalogyProtocol {
  /** Scoring rule. __Default:__ `3CosAdd`. */
  method: AnalogyMethod;
  /** 3CosMul's epsilon in score = prod((1+cos)/2 of b, c) / ((1+cos(a))/2 + epsilon). gensim: 1e-6; Levy & Goldberg: 1e-3. */
  cosMulEpsilon: number;
  /** Candidates and question vocabulary are the first N rows (gensim `restrict_vocab`); null = all rows. */
  restrict: number | null;
  /** Case folding of both the vocabulary (first row wins a collision) and the questions. */
  caseFolding: CaseFolding;
  /**
   * Which candidates may not be predicted.
   * - `string`: any row whose folded word equals a folded question word (gensim, case variants too).
   * - `index`: only the three rows whose vectors built the query (compute-accuracy.c, GloVe evaluate.py).
   */
  exclusion: 'string' | 'index';
  /** A question with a word outside the vocabulary: `skip` (not counted) or `wrong` (gensim dummy4unknown). */
  oov: 'skip' | 'wrong';
  /** Equal final scores: the lower row wins. Recorded so the rule is explicit. */
  ties: 'lowest-row';
  /**
   * gensim looks at only its top 5 results after removing the three query rows; when all 5 are excluded case
   * variants the question counts as wrong. null = no such limit.
   */
  searchDepth: number | null;
  arithmetic: Arithmetic;
}

export type SimilarityOov = 'drop' | 'zero' | 'mean' | 'fill';

export interface SimilarityProtocol {
  restrict: number | null;
  caseFolding: CaseFolding;
  /**
   * A pair with an unknown word:
   * - `drop`: not scored (gensim's default; coverage says how many were left);
   * - `zero`: scored 0 (gensim dummy4unknown), the same as giving unknown words a zero vector;
   * - `mean`: unknown words get the mean of the vocabulary's rows (the first `restrict` rows);
   * - `fill`: unknown words get the vector of a filler passed to the evaluator (e.g. predicted from the
   *   spelling); a word the filler has no vector for scores 0, as under `zero`.
   */
  oov: SimilarityOov;
}

export interface ProtocolPreset {
  name: string;
  description: string;
  analogy: AnalogyProtocol;
  similarity: SimilarityProtocol;
}

const GENSIM_ANALOGY: AnalogyProtocol = {
  method: '3CosAdd',
  cosMulEpsilon: 1e-6,
  restrict: 300000,
  caseFolding: 'upper',
  exclusion: 'string',
  oov: 'skip',
  ties: 'lowest-row',
  searchDepth: 5,
  arithmetic: 'gensim',
};

/** Named protocols. Each is complete: resolveProtocol fills nothing in silently for a preset. */
export const PROTOCOL_PRESETS: Readonly<Record<'gensim' | 'word2vec-c' | 'glove', ProtocolPreset>> = {
  gensim: {
    name: 'gensim',
    description: 'gensim 4.2 KeyedVectors.evaluate_word_analogies / evaluate_word_pairs defaults',
    analogy: GENSIM_ANALOGY,
    similarity: {restrict: 300000, caseFolding: 'upper', oov: 'drop'},
  },
  'word2vec-c': {
    name: 'word2vec-c',
    description: "word2vec compute-accuracy.c with threshold 30000 (the demo's value): upper-cased, query rows excluded by index",
    analogy: {...GENSIM_ANALOGY, restrict: 30000, exclusion: 'index', searchDepth: null, arithmetic: 'float32'},
    similarity: {restrict: 30000, caseFolding: 'upper', oov: 'drop'},
  },
  glove: {
    name: 'glove',
    description: 'GloVe eval/python/evaluate.py: whole vocabulary, no case folding, query rows excluded by index, float64',
    analogy: {...GENSIM_ANALOGY, restrict: null, caseFolding: 'none', exclusion: 'index', searchDepth: null, arithmetic: 'float64'},
    similarity: {restrict: null, caseFolding: 'none', oov: 'drop'},
  },
};

export type PresetName = keyof typeof PROTOCOL_PRESETS;

/** What callers pass as an analogy protocol: a preset name, or a (partial) protocol on top of a preset. */
export type AnalogyProtocolSpec = PresetName | (Partial<AnalogyProtocol> & {base?: PresetName});
/** What callers pass as a similarity protocol: a preset name, or a (partial) protocol on top of a preset. */
export type SimilarityProtocolSpec = PresetName | (Partial<SimilarityProtocol> & {base?: PresetName});

const ANALOGY_KEYS = Object.keys(GENSIM_ANALOGY) as (keyof AnalogyProtocol)[];

/**
 * A complete analogy protocol from a preset name, or a partial protocol on top of a preset (`base`,
 * default `gensim`). Unknown keys and bad values are ConfigErrors naming the key.
 */
export function resolveAnalogyProtocol(spec: AnalogyProtocolSpec = 'gensim', path = 'protocol'): AnalogyProtocol {
  if (typeof spec === 'string') return {...presetOf(spec, path).analogy};
  const {base, ...rest} = spec;
  for (const k of Object.keys(rest)) {
    if (!ANALOGY_KEYS.includes(k as keyof AnalogyProtocol)) throw new ConfigError(`${path}.${k}`, messages.unknownProtocolKey(k, ANALOGY_KEYS));
  }
  const p: AnalogyProtocol = {...presetOf(base ?? 'gensim', `${path}.base`).analogy, ...(rest as Partial<AnalogyProtocol>)};
  validateAnalogy(p, path);
  return p;
}

export function resolveSimilarityProtocol(spec: SimilarityProtocolSpec = 'gensim', path = 'protocol'): SimilarityProtocol {
  if (typeof spec === 'string') return {...presetOf(spec, path).similarity};
  const {base, ...rest} = spec;
  const keys = ['restrict', 'caseFolding', 'oov'];
  for (const k of Object.keys(rest)) if (!keys.includes(k)) throw new ConfigError(`${path}.${k}`, messages.unknownProtocolKey(k, keys));
  const p: SimilarityProtocol = {...presetOf(base ?? 'gensim', `${path}.base`).similarity, ...(rest as Partial<SimilarityProtocol>)};
  checkRestrict(p.restrict, `${path}.restrict`);
  checkEnum(p.caseFolding, ['none', 'lower', 'upper'], `${path}.caseFolding`);
  checkEnum(p.oov, ['drop', 'zero', 'mean', 'fill'], `${path}.oov`);
  return p;
}

function presetOf(name: string, path: string): ProtocolPreset {
  const p = (PROTOCOL_PRESETS as Record<string, ProtocolPreset>)[name];
  if (!p) throw new ConfigError(path, messages.unknownPreset(name, Object.keys(PROTOCOL_PRESETS)));
  return p;
}

function validateAnalogy(p: AnalogyProtocol, path: string): void {
  checkEnum(p.method, ['3CosAdd', '3CosMul', 'PairDirection'], `${path}.method`);
  if (!(typeof p.cosMulEpsilon === 'number' && p.cosMulEpsilon > 0 && Number.isFinite(p.cosMulEpsilon))) {
    throw new ConfigError(`${path}.cosMulEpsilon`, messages.expected('a positive number', p.cosMulEpsilon));
  }
  checkRestrict(p.restrict, `${path}.restrict`);
  checkEnum(p.caseFolding, ['none', 'lower', 'upper'], `${path}.caseFolding`);
  checkEnum(p.exclusion, ['string', 'index'], `${path}.exclusion`);
  checkEnum(p.oov, ['skip', 'wrong'], `${path}.oov`);
  checkEnum(p.ties, ['lowest-row'], `${path}.ties`);
  if (p.searchDepth !== null && !(Number.isInteger(p.searchDepth) && p.searchDepth >= 1)) {
    throw new ConfigError(`${path}.searchDepth`, messages.expected('a positive integer or null', p.searchDepth));
  }
  checkEnum(p.arithmetic, ['gensim', 'float32', 'float64'], `${path}.arithmetic`);
}

function checkRestrict(v: unknown, path: string): void {
  if (v !== null && !(Number.isInteger(v) && (v as number) >= 1)) throw new ConfigError(path, messages.expected('a positive integer or null', v));
}

function checkEnum(v: unknown, allowed: readonly string[], path: string): void {
  if (!allowed.includes(v as string)) throw new ConfigError(path, messages.expected(`one of ${allowed.join(', ')}`, v));
}

/** A stable short hash of a protocol: keys sorted, so property order does not matter. */
export function protocolHash(protocol: object): string {
  return createHash('sha256').update(stableJson(protocol)).digest('hex').slice(0, 16);
}

/** Alias of resolveAnalogyProtocol (the name used in the package README's first examples). */
export const resolveProtocol = resolveAnalogyProtocol;
