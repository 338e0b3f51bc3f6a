/**
 * `GptModel`: the token table (the core `EmbedlabEmbedding` layer, row-sparse gradient and lock mask) plus
 * the dense parameters of params.ts, with one call that returns the loss and every gradient.
 *
 * Host arrays are the truth: each forward uploads the dense parameters (about 3 ms for 1M floats) and
 * gathers only the token rows it needs, so optimizers, checkpoints and worker threads work on plain
 * Float32Arrays.
 */
import * as tf from '@tensorflow/tfjs';
import {ArgumentError, ConfigError, type EmbedlabEmbedding, createRng, embeddingLayer, initializeTable} from '@embedlab/core';
import {checkSequenceLength, type GptConfig, type ResolvedGptConfig, resolveGptConfig} from './config.js';
import {hiddenStates, headLogits, type Weights} from './forward.js';
import {type CrossEntropyResult, crossEntropy, crossEntropyStats} from './loss.js';
import {type ParamSpec, type ParamStore, initParams, paramSpecs} from './params.js';

/** How the token table starts and what of it trains. */
export interface TokenTableOptions {
  /** Row-major [vocabSize * embeddingDim] start values (e.g. GloVe aligned to the vocabulary). __Default:__
   * N(0, initStd) rows drawn from the model seed, as nanoGPT. */
  pretrained?: Float32Array;
  /** `all`: the table never changes; `pretrained-rows`: rows in `pretrainedRows` are locked, the others
   * (OOV rows) train; `none`: every row trains. __Default:__ `none`. */
  freeze?: 'none' | 'all' | 'pretrained-rows';
  /** One byte per row, 1 = the row came from the pretrained table (needed for `pretrained-rows`). */
  pretrainedRows?: Uint8Array;
}

export interface GptModelOptions {
  /** Seeds the init of every parameter (and the token table when not pretrained). */
  seed: number;
  table?: TokenTableOptions;
}

/** One batch: ids and next-token targets, both [B * T] row-major. */
export interface LmBatch {
  inputs: Int32Array;
  targets: Int32Array;
  batch: number;
  length: number;
}

export interface Gradients {
  /** Loss statistics of the forward (mean = sum / count). */
  loss: CrossEntropyResult;
  /** Gradient of each dense parameter, same layout as the store. */
  dense: Map<string, Float32Array>;
  /** Token-table gradient, dense [V, E] (zero where untouched, locked or frozen); null when frozen. */
  table: Float32Array | null;
  /** Rows of `table` that may be non-zero (one byte per row). */
  touched: Uint8Array | null;
}

export class GptModel {
  readonly config: ResolvedGptConfig;
  readonly specs: ParamSpec[];
  readonly params: ParamStore;
  readonly embedding: EmbedlabEmbedding;
  readonly freeze: 'none' | 'all' | 'pretrained-rows';

  constructor(config: GptConfig | ResolvedGptConfig, options: GptModelOptions, params?: ParamStore) {
    this.config = resolveGptConfig(config);
    this.specs = paramSpecs(this.config);
    const rng = createRng(options.seed);
    this.params = params ?? initParams(this.config, rng.fork('params'));
    for (const spec of this.specs) {
      const data = this.params.get(spec.name);
      const size = spec.shape.reduce((a, b) => a * b, 1);
      if (!data || data.length !== size)
        throw new ArgumentError(`parameter ${spec.name}: expected ${size} values [${spec.shape.join(', ')}], got ${data ? data.length : 'none'}`);
    }
    const {vocabSize: V, embeddingDim: E} = this.config;
    const table = options.table ?? {};
    this.freeze = table.freeze ?? 'none';
    if (!['none', 'all', 'pretrained-rows'].includes(this.freeze))
      throw new ConfigError('embedding.freeze', `expected none, all or pretrained-rows, got ${JSON.stringify(this.freeze)}`);
    if (table.pretrained && table.pretrained.length !== V * E) {
      throw new ConfigError('embedding.pretrained', `a table of ${table.pretrained.length} values does not fit [vocabSize ${V} x embeddingDim ${E}]`);
    }
    if (this.freeze === 'pretrained-rows' && !(table.pretrainedRows && table.pretrainedRows.length === V)) {
      throw new ConfigError('embedding.freeze', `pretrained-rows needs one pretrained-row flag per vocabulary row (${V})`);
    }
    const start = table.pretrained ?? initializeTable({name: 'randomNormal', mean: 0, stddev: this.config.initStd, seed: rng.fork('wte').nextUint32()}, V, E);
    this.embedding = embeddingLayer({
      inputDim: V,
      outputDim: E,
      pretrained: start,
      trainable: this.freeze !== 'all',
      ...(this.freeze === 'pretrained-rows' ? {lockMask: table.pretrainedRows} : {}),
      name: 'wte',
    });
    this.embedding.build([null, this.config.context]);
  }

  /** The token table (host, row-major [V, E]); write rows in place, as the optimizer does. */
  get table(): Float32Array {
    return this.embedding.table();
  }

  /** Upload the dense parameters as tensors (call inside tf.tidy). */
  weights(): Map<string, tf.Tensor> {
    const out = new Map<string, tf.Tensor>();
    for (const spec of this.specs) out.set(spec.name, tf.tensor(this.params.get(spec.name) as Float32Array, spec.shape, 'float32'));
    return out;
  }

  #check(batch: LmBatch): void {
    const n = batch.batch * batch.length;
    if (batch.inputs.length !== n)
      throw new ArgumentError(`batch.inputs: expected ${n} ids (batch ${batch.batch} x length ${batch.length}), got ${batch.inputs.length}`);
    if (batch.targets.length !== n) throw new ArgumentError(`batch.targets: expected ${n} ids, got ${batch.targets.length}`);
    checkSequenceLength(batch.length, this.config, 'a batch sequence');
  }

  /**
   * Loss and gradients of one batch. `dropoutSeed` fixes the dropout masks (the trainer derives it from
   * the run seed and the step, so a resumed run draws the same masks).
   */
  lossAndGradients(batch: LmBatch, options: {training?: boolean; dropoutSeed?: number} = {}): Gradients {
    this.#check(batch);
    const {batch: B, length: T} = batch;
    const tableTrains = this.freeze !== 'all';
    const tied = this.config.tie;
    const stats: CrossEntropyResult = {sum: 0, count: 0};
    const dense = new Map<string, Float32Array>();
    let dRowsData: Float32Array | undefined;
    let headTableGrad: Float32Array | undefined;
    tf.tidy(() => {
      const w = this.weights();
      const rows = this.embedding.gatherRows(batch.inputs); // [N, E]
      const tableTensor = tied ? tf.tensor2d(this.table, [this.config.vocabSize, this.config.embeddingDim]) : undefined;
      const names = this.specs.map((s) => s.name);
      // A frozen table is read by the tied head but not differentiated (no [V, E] gradient to throw away).
      const tableGrad = tableTensor !== undefined && tableTrains;
      const xs: tf.Tensor[] = [rows, ...(tableGrad ? [tableTensor] : []), ...names.map((n) => w.get(n) as tf.Tensor)];
      const offset = tableGrad ? 2 : 1;
      const f = (...args: tf.Tensor[]) => {
        const r = args[0] as tf.Tensor2D;
        const t = tableGrad ? (args[1] as tf.Tensor2D) : tableTensor;
        const ww: Weights = new Map(names.map((n, i) => [n, args[offset + i] as tf.Tensor]));
        const {final} = hiddenStates(ww, r, this.config, B, T, {
          training: options.training ?? true,
          ...(options.dropoutSeed !== undefined ? {dropoutSeed: options.dropoutSeed} : {}),
        });
        return crossEntropy(headLogits(ww, final, this.config, t), batch.targets, {stats});
      };
      const grads = tf.grads(f)(xs);
      dRowsData = grads[0]!.dataSync() as Float32Array;
      if (tableGrad) headTableGrad = grads[1]!.dataSync() as Float32Array;
      names.forEach((n, i) => dense.set(n, Float32Array.from(grads[offset + i]!.dataSync() as Float32Array)));
    });
    let table: Float32Array | null = null;
    let touched: Uint8Array | null = null;
    if (tableTrains) {
      const {vocabSize: V, embeddingDim: E} = this.config;
      table = headTableGrad ? Float32Array.from(headTableGrad) : new Float32Array(V * E);
      touched = new Uint8Array(V);
      if (headTableGrad) touched.fill(1);
      const sparse = this.embedding.sparseGradient(batch.inputs, dRowsData as Float32Array); // locked rows left out
      sparse.rows.forEach((r, k) => {
        touched![r] = 1;
        const dst = r * E,
          src = k * E;
        for (let j = 0; j < E; j++) table![dst + j] = (table![dst + j] as number) + (sparse.values[src + j] as number);
      });
      const lock = this.embedding.getLockMask();
      if (lock)
        lock.forEach((l, r) => {
          if (l === 1) {
            table!.fill(0, r * E, (r + 1) * E);
            touched![r] = 0;
          }
        });
    }
    return {loss: stats, dense, table, touched};
  }

  /** Logits [B*T, V] without gradients (evaluation, generation). Dispose the result. */
  logits(inputs: Int32Array, batch: number, length: number): tf.Tensor2D {
    checkSequenceLength(length, this.config, 'an input sequence');
    return tf.tidy(() => {
      const w = this.weights();
      const {final} = hiddenStates(w, this.embedding.gatherRows(inputs), this.config, batch, length, {training: false});
      const table = this.config.tie ? tf.tensor2d(this.table, [this.config.vocabSize, this.config.embeddingDim]) : undefined;
      return headLogits(w, final, this.config, table);
    });
  }

  /** Loss statistics of a batch, no gradient, dropout off. `perPosition` gives each position's loss. */
  evaluate(batch: LmBatch, options: {perPosition?: boolean; ignoreIndex?: number} = {}): CrossEntropyResult {
    this.#check(batch);
    const logits = this.logits(batch.inputs, batch.batch, batch.length);
    try {
      return crossEntropyStats(logits, batch.targets, options);
    } finally {
      logits.dispose();
    }
  }

  /**
   * Contextual vectors: the residual stream [B*T, C] after the embedding sum (index 0) and after each block
   * (1..L), as host arrays. Dropout off.
   */
  layerStates(inputs: Int32Array, batch: number, length: number): Float32Array[] {
    checkSequenceLength(length, this.config, 'an input sequence');
    return tf.tidy(() => {
      const {layers} = hiddenStates(this.weights(), this.embedding.gatherRows(inputs), this.config, batch, length, {training: false, collectLayers: true});
      return layers.map((t) => t.dataSync() as Float32Array);
    });
  }

  dispose(): void {
    this.embedding.dispose();
  }
}
