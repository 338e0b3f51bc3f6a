/**
 * A bag-of-embeddings text classifier for the fine-tuning study: embedding -> mean pooling -> dense
 * (sigmoid for 2 classes, softmax otherwise), trained on token-id documents.
 *
 * How a step runs (tfjs for the head, row-sparse updates for the table):
 * - the table is the core tfjs layer `EmbedlabEmbedding` (seeded init or a pretrained matrix, lock mask,
 *   padding row), used through its host table and row-sparse hook; mean pooling reads rows of
 *   `layer.table()` in TS (the same as `gatherRows` + a mean, without the tensor round trip; padding left
 *   out of the mean);
 * - the dense head runs in tfjs: `tf.valueAndGrads` gives the head gradients and dL/dpooled [B, D];
 * - each token position gets dL/dpooled_b / n_b, `layer.sparseGradient(ids, dy)` sums them per row (padding
 *   and locked rows dropped, empty when `trainable: false`), and this package's row-sparse optimizer
 *   updates `layer.table()` in place: no dense V x D gradient (keras#4365). Work per step is O(tokens x D).
 *   (Pooling with a [B, U] matrix through tfjs was tried: B x U x D flops and a slow transposed matMul in
 *   the backward made it 10x slower.)
 *
 * The three arms of the study are options: random init + `trainable: true`; `init` + `trainable: false`
 * (frozen: the table stays bit-identical); `init` + `trainable: true` (fine-tuned), optionally with a
 * `lockMask` that freezes some rows. Runs are deterministic for a seed on a given backend: the table init,
 * head init and batch order come from seeded streams, and every reduction has a fixed order.
 * Prediction after training is plain TS (mean pool + dense), no tensors.
 */
import {ArgumentError, createRng, deriveSeed, embeddingLayer, WordVectors} from '@embedlab/core';
import * as tf from '@tensorflow/tfjs';
import type {RowSparseOptimizerConfig} from '../sparse/create-optimizer.js';
import {messages} from '../messages.js';
import {createRowSparseOptimizer} from '../sparse/create-optimizer.js';
import {evaluateClassifier, type ClassificationMetrics} from './classification-metrics.js';
import {meanPool} from './mean-pool.js';

/** An optimizer config without the per-table fields (the classifier supplies lockMask and paddingIdx). */
export type OptimizerSpec = RowSparseOptimizerConfig extends infer C ? (C extends unknown ? Omit<C, 'lockMask' | 'paddingIdx'> : never) : never;

export interface TextClassifierOptions {
  /** Token-id documents (ids in [0, vocabSize)). */
  docs: readonly Int32Array[];
  /** One class index per document (binary: 1 = positive, e.g. spam). */
  labels: Uint8Array;
  vocabSize: number;
  dim: number;
  /** __Default:__ 2 (one sigmoid output); more classes use softmax. */
  numClasses?: number;
  /** Initial table [vocabSize, dim] (pretrained arms). Copied, never modified. __Default:__ uniform random. */
  init?: Float32Array;
  /** Half-width of the uniform random init when `init` is absent. __Default:__ 0.05 (Keras/tfjs). */
  initScale?: number;
  /** Train the table. `false` = frozen arm (only the head trains). __Default:__ true. */
  trainable?: boolean;
  /** One byte per row, 1 = frozen row (e.g. keep pretrained rows, train the rest). */
  lockMask?: Uint8Array;
  /** Padding id: left out of the mean, never updated, zeroed in the random init. */
  paddingIdx?: number;
  /** Optimizer of the table (row-sparse) and, with the same type and settings, of the head (tfjs). __Default:__ adam, lr 0.01. */
  optimizer?: OptimizerSpec;
  /** Initial head weights [dim, outputs] and bias [outputs] (outputs = 1 for 2 classes). __Default:__ Glorot uniform from the seed, zero bias. */
  headInit?: {weights: Float32Array; bias: Float32Array};
  /** Head learning rate when it should differ from the table's. */
  headLearningRate?: number;
  /** __Default:__ 5 */
  epochs?: number;
  /** __Default:__ 32 */
  batchSize?: number;
  /** Required: there is no unseeded run. */
  seed: number;
  /** Evaluated after every epoch when given (not used for training). */
  validation?: {docs: readonly Int32Array[]; labels: Uint8Array};
  /** Class reported as positive in precision/recall/F1. __Default:__ 1 */
  positiveClass?: number;
  /** Row words (e.g. `vocab.tokens`): when given, the result carries the trained table as `WordVectors`. */
  words?: readonly string[];
  onEpochEnd?: (log: EpochLog) => void | Promise<void>;
}

export interface EpochLog {
  /** 1-based. */
  epoch: number;
  /** Mean training cross-entropy over the epoch's examples (before each batch's update). */
  loss: number;
  /** Training accuracy of those same forward passes. */
  trainAccuracy: number;
  validation?: ClassificationMetrics;
  /** Distinct table rows changed in the epoch's steps, summed over steps. */
  rowsUpdated: number;
  seconds: number;
}

export interface TextClassifier {
  readonly numClasses: number;
  readonly dim: number;
  /** The trained table [vocabSize, dim] (a copy owned by the classifier; frozen arm: equal to `init`). */
  readonly embeddings: Float32Array;
  /** The trained table as word vectors, when `words` was given. */
  readonly vectors: WordVectors | undefined;
  /** Head weights [dim, outputs] and bias [outputs]; outputs = 1 (sigmoid) or numClasses. */
  readonly head: {weights: Float32Array; bias: Float32Array; outputs: number};
  readonly history: EpochLog[];
  /** Class probabilities, [docs.length, numClasses] row-major. Plain TS, no tensors. */
  predictProba(docs: readonly Int32Array[]): Float32Array;
  /** Arg-max class per document (ties to the lower class). */
  predict(docs: readonly Int32Array[]): Uint8Array;
  evaluate(docs: readonly Int32Array[], labels: Uint8Array): ClassificationMetrics;
  /** Resolved options (without data), for run metadata. */
  readonly config: Record<string, unknown>;
}

/** Counter for unique tfjs variable names (concurrent classifiers must not clash). */
let instances = 0;

/** Train the classifier; see the file comment. Uses the tfjs backend that is active (call `initBackend()` first). */
export async function trainTextClassifier(options: TextClassifierOptions): Promise<TextClassifier> {
  const {docs, labels, vocabSize, dim, seed} = options;
  const numClasses = options.numClasses ?? 2;
  const epochs = options.epochs ?? 5;
  const batchSize = options.batchSize ?? 32;
  const trainable = options.trainable ?? true;
  const paddingIdx = options.paddingIdx ?? -1;
  const spec: OptimizerSpec = options.optimizer ?? {type: 'adam', learningRate: 0.01};
  const positiveClass = options.positiveClass ?? 1;
  validate(options, numClasses, epochs, batchSize);
  await tf.ready();

  const rng = createRng(seed);
  const layer = embeddingLayer({
    inputDim: vocabSize,
    outputDim: dim,
    ...(options.init
      ? {pretrained: options.init}
      : {
          embeddingsInitializer: {name: 'randomUniform', minval: -(options.initScale ?? 0.05), maxval: options.initScale ?? 0.05},
          seed: deriveSeed(seed, 'embedding'),
        }),
    lockMask: options.lockMask ?? null,
    paddingIdx: options.paddingIdx ?? null,
    trainable,
  });
  layer.build([null, null]);
  const table = layer.table(); // host copy; the optimizer writes rows in place, gatherRows reads them
  const outputs = numClasses === 2 ? 1 : numClasses;
  const headRng = rng.fork('head');
  const headInit = options.headInit?.weights ?? glorotUniform(dim, outputs, headRng);
  const order = rng.fork('batches');

  const tableOpt = trainable
    ? createRowSparseOptimizer({...spec, ...(paddingIdx >= 0 ? {paddingIdx} : {})} as RowSparseOptimizerConfig, 'optimizer')
    : undefined;
  const headLr = options.headLearningRate ?? spec.learningRate;
  const W = tf.tidy(() => tf.variable(tf.tensor2d(headInit, [dim, outputs]), true, `textClassifier/W/${++instances}`)); // [D, O]
  const b = tf.tidy(() => tf.variable(options.headInit ? tf.tensor1d(options.headInit.bias) : tf.zeros([outputs]), true, `textClassifier/b/${++instances}`)); // [O]
  const headOpt = makeHeadOptimizer(spec, headLr);
  const history: EpochLog[] = [];
  const pred = (d: readonly Int32Array[]) => argmaxRows(predictWith(table, dim, headOf(), outputs, numClasses, d, paddingIdx), numClasses);
  const headOf = () => ({weights: W.dataSync() as Float32Array, bias: b.dataSync() as Float32Array});

  try {
    const indices = Array.from(docs.keys());
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const t0 = performance.now();
      order.shuffle(indices);
      let lossSum = 0,
        correct = 0,
        rowsUpdated = 0;
      for (let start = 0; start < indices.length; start += batchSize) {
        const batch = indices.slice(start, start + batchSize);
        const pooled = meanPool(table, dim, docs, batch, paddingIdx); // [B, D]
        const y = Uint8Array.from(batch, (i) => labels[i] as number);
        const {loss, dPooled, hits} = step(W, b, headOpt, pooled, y, dim, outputs, numClasses);
        lossSum += loss * batch.length;
        correct += hits;
        if (tableOpt) {
          const {ids, dy} = meanPoolPositions(docs, batch, dPooled, dim, paddingIdx);
          rowsUpdated += tableOpt.step(table, layer.sparseGradient(ids, dy));
        }
      }
      const log: EpochLog = {epoch, loss: lossSum / docs.length, trainAccuracy: correct / docs.length, rowsUpdated, seconds: 0};
      if (options.validation) log.validation = evaluateClassifier(pred(options.validation.docs), options.validation.labels, {positiveClass, numClasses});
      log.seconds = (performance.now() - t0) / 1000;
      history.push(log);
      await options.onEpochEnd?.(log);
    }
    const head = {...headOf(), outputs};
    head.weights = head.weights.slice();
    head.bias = head.bias.slice();
    const config: Record<string, unknown> = {
      arm: armName(options),
      vocabSize,
      dim,
      numClasses,
      epochs,
      batchSize,
      trainable,
      seed,
      paddingIdx: options.paddingIdx ?? null,
      init: options.init ? 'given' : `uniform(±${options.initScale ?? 0.05})`,
      lockedRowCount: options.lockMask ? count(options.lockMask) : 0,
      optimizer: tableOpt ? tableOpt.config() : {...spec, frozen: true},
      headLearningRate: headLr,
      backend: tf.getBackend(),
      embeddingPath: 'core EmbedlabEmbedding host table + sparseGradient, @embedlab/optimizers row-sparse step',
      head: outputs === 1 ? 'tfjs dense + sigmoid' : 'tfjs dense + softmax',
    };
    const vectors = options.words ? new WordVectors(options.words, table, dim, {meta: {source: 'text-classifier', ...config}}) : undefined;
    const predictProba = (d: readonly Int32Array[]) => predictWith(table, dim, head, outputs, numClasses, d, paddingIdx);
    const predict = (d: readonly Int32Array[]) => argmaxRows(predictProba(d), numClasses);
    return {
      numClasses,
      dim,
      embeddings: table,
      vectors,
      head,
      history,
      config,
      predictProba,
      predict,
      evaluate: (d, l) => evaluateClassifier(predict(d), l, {positiveClass, numClasses}),
    };
  } finally {
    layer.dispose();
    W.dispose();
    b.dispose();
    headOpt.dispose();
  }
}

/** `random-trained`, `pretrained-frozen` or `pretrained-tuned`: the arm these options describe. */
export function armName(options: Pick<TextClassifierOptions, 'init' | 'trainable'>): string {
  if (!options.init) return options.trainable === false ? 'random-frozen' : 'random-trained';
  return options.trainable === false ? 'pretrained-frozen' : 'pretrained-tuned';
}

/**
 * Flat ids of the batch's non-padding tokens and the upstream gradient of each position:
 * dL/dpooled_b / n_b for every token of document b (the backward of the mean).
 */
export function meanPoolPositions(
  docs: readonly Int32Array[],
  batch: ArrayLike<number>,
  dPooled: Float32Array,
  dim: number,
  paddingIdx = -1,
): {ids: Int32Array; dy: Float32Array} {
  let total = 0;
  for (let k = 0; k < batch.length; k++) for (const t of docs[batch[k] as number] as Int32Array) if (t !== paddingIdx) total++;
  const ids = new Int32Array(total);
  const dy = new Float32Array(total * dim);
  let p = 0;
  for (let k = 0; k < batch.length; k++) {
    const doc = docs[batch[k] as number] as Int32Array;
    let n = 0;
    for (const t of doc) if (t !== paddingIdx) n++;
    for (const t of doc) {
      if (t === paddingIdx) continue;
      ids[p] = t;
      for (let j = 0; j < dim; j++) dy[p * dim + j] = (dPooled[k * dim + j] as number) / n;
      p++;
    }
  }
  return {ids, dy};
}

/** One head step on pooled inputs: loss, dL/dpooled, correct predictions; updates the head. */
function step(
  W: tf.Variable,
  b: tf.Variable,
  opt: tf.Optimizer,
  pooled: Float32Array,
  y: Uint8Array,
  dim: number,
  outputs: number,
  numClasses: number,
): {loss: number; dPooled: Float32Array; hits: number} {
  const n = y.length;
  // Only tensors cross the tidy boundary: tidy walks its result, element by element for a typed array.
  const [loss, dPooled, hits] = tf.tidy(() => {
    const x = tf.tensor2d(pooled, [n, dim]); // [B, D]
    const target = outputs === 1 ? tf.tensor2d(Float32Array.from(y), [n, 1]) : tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), numClasses); // [B, O]
    let logits: tf.Tensor | undefined;
    const f = (xx: tf.Tensor, w: tf.Tensor, bb: tf.Tensor) => {
      const z = tf.add(tf.matMul(xx as tf.Tensor2D, w as tf.Tensor2D), bb); // [B, O]
      logits = tf.keep(z); // the forward's tidy would dispose it; reused for the training accuracy
      return outputs === 1 ? tf.losses.sigmoidCrossEntropy(target, z) : tf.losses.softmaxCrossEntropy(target, z);
    };
    const {value, grads} = tf.valueAndGrads(f)([x, W, b]);
    const [dx, dW, db] = grads as [tf.Tensor, tf.Tensor, tf.Tensor];
    const z = logits as tf.Tensor;
    const predicted = outputs === 1 ? tf.greater(z, 0).reshape([n]) : tf.argMax(z, 1); // [B]
    const correct = tf.sum(tf.equal(tf.cast(predicted, 'int32'), tf.tensor1d(Int32Array.from(y), 'int32'))); // []
    z.dispose();
    opt.applyGradients({[W.name]: dW, [b.name]: db});
    return [value, dx, correct];
  });
  const out = {loss: loss.dataSync()[0] as number, dPooled: dPooled.dataSync() as Float32Array, hits: hits.dataSync()[0] as number};
  tf.dispose([loss, dPooled, hits]);
  return out;
}

function makeHeadOptimizer(spec: OptimizerSpec, lr: number): tf.Optimizer {
  switch (spec.type) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'adagrad':
      return tf.train.adagrad(lr, spec.initialAccumulatorValue ?? 0.1);
    case 'adam':
      return tf.train.adam(lr, spec.beta1 ?? 0.9, spec.beta2 ?? 0.999, spec.epsilon ?? 1e-7);
  }
}

function predictWith(
  table: Float32Array,
  dim: number,
  head: {weights: Float32Array; bias: Float32Array},
  outputs: number,
  numClasses: number,
  docs: readonly Int32Array[],
  paddingIdx: number,
): Float32Array {
  const all = Array.from(docs.keys());
  const pooled = meanPool(table, dim, docs, all, paddingIdx); // [N, D]
  const out = new Float32Array(docs.length * numClasses);
  const z = new Float64Array(outputs);
  for (let i = 0; i < docs.length; i++) {
    for (let o = 0; o < outputs; o++) {
      let s = head.bias[o] as number;
      for (let j = 0; j < dim; j++) s += (pooled[i * dim + j] as number) * (head.weights[j * outputs + o] as number);
      z[o] = s;
    }
    if (outputs === 1) {
      const p = 1 / (1 + Math.exp(-(z[0] as number)));
      out[i * 2] = 1 - p;
      out[i * 2 + 1] = p;
    } else {
      let max = -Infinity;
      for (let o = 0; o < outputs; o++) max = Math.max(max, z[o] as number);
      let sum = 0;
      for (let o = 0; o < outputs; o++) sum += Math.exp((z[o] as number) - max);
      for (let o = 0; o < outputs; o++) out[i * numClasses + o] = Math.exp((z[o] as number) - max) / sum;
    }
  }
  return out;
}

function argmaxRows(p: Float32Array, c: number): Uint8Array {
  const out = new Uint8Array(p.length / c);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let k = 1; k < c; k++) if ((p[i * c + k] as number) > (p[i * c + best] as number)) best = k;
    out[i] = best;
  }
  return out;
}

/** Glorot/Xavier uniform, limit sqrt(6 / (fanIn + fanOut)), from our seeded stream. */
function glorotUniform(fanIn: number, fanOut: number, rng: ReturnType<typeof createRng>): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({length: fanIn * fanOut}, () => (rng.float() * 2 - 1) * limit);
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (const x of mask) if (x === 1) n++;
  return n;
}

function validate(o: TextClassifierOptions, numClasses: number, epochs: number, batchSize: number): void {
  const fail = (msg: string) => {
    throw new ArgumentError(messages.inFunction('trainTextClassifier', msg));
  };
  if (!Number.isInteger(o.vocabSize) || o.vocabSize <= 0) fail(messages.notInteger('vocabSize', o.vocabSize));
  if (!Number.isInteger(o.dim) || o.dim <= 0) fail(messages.notInteger('dim', o.dim));
  if (!Number.isInteger(numClasses) || numClasses < 2 || numClasses > 255) fail(messages.notInRange('numClasses', numClasses, 'integers [2, 255]'));
  if (!Number.isInteger(epochs) || epochs < 0) fail(messages.notIntegerAtLeast('epochs', 0, epochs));
  if (!Number.isInteger(batchSize) || batchSize <= 0) fail(messages.notInteger('batchSize', batchSize));
  if (o.docs.length !== o.labels.length) fail(messages.docsLabels('training set', o.docs.length, o.labels.length));
  if (o.docs.length === 0) fail(messages.docsLabels('training set', 0, o.labels.length));
  if (o.init && o.init.length !== o.vocabSize * o.dim)
    fail(messages.countMismatch('init', o.init.length, o.vocabSize * o.dim, 'table value (vocabSize x dim)'));
  if (o.lockMask && o.lockMask.length !== o.vocabSize) fail(messages.countMismatch('lockMask', o.lockMask.length, o.vocabSize, 'row (vocabSize)'));
  const outputs = numClasses === 2 ? 1 : numClasses;
  if (o.headInit && (o.headInit.weights.length !== o.dim * outputs || o.headInit.bias.length !== outputs)) {
    fail(messages.headInitShape(outputs, o.headInit.weights.length, o.headInit.bias.length));
  }
  if (o.words && o.words.length !== o.vocabSize) fail(messages.countMismatch('words', o.words.length, o.vocabSize, 'row (vocabSize)'));
  const check = (set: {docs: readonly Int32Array[]; labels: Uint8Array}, name: string) => {
    set.labels.forEach((y, i) => {
      if (y >= numClasses) fail(messages.badLabel(name, i, y, numClasses));
    });
    set.docs.forEach((d, i) => {
      for (let k = 0; k < d.length; k++) {
        const t = d[k] as number;
        if (t < 0 || t >= o.vocabSize) fail(messages.badTokenId(name, i, t, k, o.vocabSize));
      }
    });
  };
  check(o, 'training');
  if (o.validation) {
    if (o.validation.docs.length !== o.validation.labels.length)
      fail(messages.docsLabels('validation set', o.validation.docs.length, o.validation.labels.length));
    check(o.validation, 'validation');
  }
}
