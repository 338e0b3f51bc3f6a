/**
 * The model's shape and options, with defaults and a validation that fails before any weight exists.
 * Every error is a `ConfigError` naming the config path (`model.nHeads`) and what was expected.
 */
import {ConfigError} from '@embedlab/core';

export const POSITION_SCHEMES = ['learned', 'sinusoidal', 'rope'] as const;
/** How a token learns where it is: a learned table (GPT-2), a fixed sinusoid table (Vaswani et al.), or
 * rotary embeddings applied to queries and keys (RoFormer; GPT-NeoX's half-split layout). */
export type PositionScheme = (typeof POSITION_SCHEMES)[number];

export interface GptConfig {
  /** Rows of the token table (the vocabulary size). */
  vocabSize: number;
  /** Longest sequence the model reads (the learned position table has this many rows). */
  context: number;
  /** Width of the residual stream (nanoGPT `n_embd`). */
  dModel: number;
  /** Number of Transformer blocks. */
  nLayers: number;
  /** Attention heads per block; must divide `dModel`. */
  nHeads: number;
  /** Width of a token-table row. __Default:__ `dModel`. When it differs, a learned projection
   * `wte_proj` [embeddingDim -> dModel] follows the lookup (and precedes the tied head). */
  embeddingDim?: number;
  /** __Default:__ `'learned'`. */
  positions?: PositionScheme;
  /** Output head = the token table transposed (GPT-2, nanoGPT). __Default:__ `true`. */
  tie?: boolean;
  /** Causal (GPT) or bidirectional (BERT) attention. __Default:__ `true`. */
  causal?: boolean;
  /** Dropout after the embedding sum, on attention weights, and on each residual write. __Default:__ 0. */
  dropout?: number;
  /** MLP hidden width = mlpRatio x dModel. __Default:__ 4. */
  mlpRatio?: number;
  /** LayerNorm epsilon. __Default:__ 1e-5 (PyTorch, nanoGPT). */
  layerNormEps?: number;
  /** Base of the position frequencies, sinusoidal and rotary alike (base^(-2i/d)). __Default:__ 10000. */
  ropeBase?: number;
  /** Standard deviation of the N(0, s) initialisation of every weight matrix (nanoGPT). __Default:__ 0.02. */
  initStd?: number;
  /** BERT's masked-LM head transform before the output layer: dense(dModel) -> GELU -> LayerNorm
   * (`mlm_head.dense`, `mlm_head.ln`). __Default:__ false (GPT). */
  headTransform?: boolean;
  /** A per-token output bias `lm_bias` [vocabSize] added to the logits (BERT's `output_bias`). __Default:__ false. */
  outputBias?: boolean;
}

export type ResolvedGptConfig = Required<GptConfig>;

/** Fill the defaults and check that the config can work; throws `ConfigError` naming `path.field`. */
export function resolveGptConfig(config: GptConfig, path = 'model'): ResolvedGptConfig {
  if (config === null || typeof config !== 'object') throw new ConfigError(path, `expected an object, got ${String(config)}`);
  const known = new Set([
    'vocabSize',
    'context',
    'dModel',
    'nLayers',
    'nHeads',
    'embeddingDim',
    'positions',
    'tie',
    'causal',
    'dropout',
    'mlpRatio',
    'layerNormEps',
    'ropeBase',
    'initStd',
    'headTransform',
    'outputBias',
  ]);
  for (const key of Object.keys(config)) {
    if (!known.has(key)) throw new ConfigError(`${path}.${key}`, `unknown option; expected one of ${[...known].join(', ')}`);
  }
  const positiveInt = (name: keyof GptConfig, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new ConfigError(`${path}.${name}`, `expected a positive integer, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const resolved: ResolvedGptConfig = {
    vocabSize: positiveInt('vocabSize', config.vocabSize),
    context: positiveInt('context', config.context),
    dModel: positiveInt('dModel', config.dModel),
    nLayers: positiveInt('nLayers', config.nLayers),
    nHeads: positiveInt('nHeads', config.nHeads),
    embeddingDim: positiveInt('embeddingDim', config.embeddingDim ?? config.dModel),
    positions: config.positions ?? 'learned',
    tie: config.tie ?? true,
    causal: config.causal ?? true,
    dropout: config.dropout ?? 0,
    mlpRatio: positiveInt('mlpRatio', config.mlpRatio ?? 4),
    layerNormEps: config.layerNormEps ?? 1e-5,
    ropeBase: config.ropeBase ?? 10000,
    initStd: config.initStd ?? 0.02,
    headTransform: config.headTransform ?? false,
    outputBias: config.outputBias ?? false,
  };
  if (!POSITION_SCHEMES.includes(resolved.positions)) {
    throw new ConfigError(`${path}.positions`, `unknown position scheme ${JSON.stringify(resolved.positions)}; expected one of ${POSITION_SCHEMES.join(', ')}`);
  }
  if (resolved.dModel % resolved.nHeads !== 0) {
    throw new ConfigError(`${path}.nHeads`, `dModel ${resolved.dModel} is not divisible by nHeads ${resolved.nHeads}; expected a divisor of dModel`);
  }
  const headDim = resolved.dModel / resolved.nHeads;
  if (resolved.positions === 'rope' && headDim % 2 !== 0) {
    throw new ConfigError(`${path}.nHeads`, `rotary positions rotate pairs of dims, so dModel / nHeads must be even (got ${headDim})`);
  }
  if (resolved.positions === 'sinusoidal' && resolved.dModel % 2 !== 0) {
    throw new ConfigError(`${path}.dModel`, `sinusoidal positions interleave sin and cos, so dModel must be even (got ${resolved.dModel})`);
  }
  for (const name of ['tie', 'causal', 'headTransform', 'outputBias'] as const) {
    if (typeof resolved[name] !== 'boolean') throw new ConfigError(`${path}.${name}`, `expected true or false, got ${JSON.stringify(resolved[name])}`);
  }
  if (!(typeof resolved.dropout === 'number' && resolved.dropout >= 0 && resolved.dropout < 1)) {
    throw new ConfigError(`${path}.dropout`, `expected a number in [0, 1), got ${JSON.stringify(resolved.dropout)}`);
  }
  for (const name of ['layerNormEps', 'ropeBase', 'initStd'] as const) {
    const v = resolved[name];
    if (!(typeof v === 'number' && v > 0 && Number.isFinite(v)))
      throw new ConfigError(`${path}.${name}`, `expected a positive number, got ${JSON.stringify(v)}`);
  }
  return resolved;
}

/** Sequences longer than the context cannot be read: checked wherever a batch enters the model. */
export function checkSequenceLength(length: number, config: ResolvedGptConfig, what = 'sequence'): void {
  if (length > config.context) {
    throw new ConfigError('model.context', `${what} of length ${length} is longer than the model's context ${config.context}`);
  }
}

/**
 * A BERT-style masked-LM config on the same blocks: bidirectional attention, BERT's head transform, the
 * tied output layer with a bias. Differences from BERT, on purpose: pre-LayerNorm blocks (as the GPT
 * model; BERT is post-LN) and no segment embeddings (one sequence per example).
 */
export function bertConfig(config: Omit<GptConfig, 'causal' | 'headTransform' | 'outputBias' | 'tie'>): GptConfig {
  return {...config, causal: false, headTransform: true, outputBias: true, tie: true};
}
