/**
 * Training and evaluation of the image encoder against class vectors (DeViSE, CLIP) or a softmax head
 * (the supervised ceiling), and the zero-shot measurements.
 *
 * One step: images -> CNN -> [B, D]; class vectors of the training classes from the text table; loss;
 * Adam (tfjs) on the CNN (and CLIP's log-scale); the text rows' gradient goes through the core layer's
 * row-sparse gradient to a row-sparse Adam (fine-tuned arm only). Batches are drawn by a seeded shuffle,
 * so a seed fixes the whole run.
 */
import * as tf from '@tensorflow/tfjs';
import {ArgumentError, createRng} from '@embedlab/core';
import {ImageEncoder, imageBatch, type CnnConfig} from './cnn.js';
import type {ClassText} from './class-text.js';
import {CLIP_INIT_LOGIT_SCALE, clampLogitScale, clipLoss, deviseLoss, l2normalize} from './losses.js';

export type Objective = 'devise' | 'clip' | 'supervised';

export interface LabelledImages {
  /** Grey levels, [n * side * side]. */
  images: Uint8Array;
  labels: Uint8Array;
  side?: number;
}

export interface TrainOptions {
  objective: Objective;
  /** Image indices to train on (already restricted to the training classes and subsampled). */
  indices: ArrayLike<number>;
  /** Training classes (label values). DeViSE and CLIP score against these classes' vectors only. */
  classes: readonly number[];
  /** Text side (DeViSE, CLIP). */
  text?: ClassText;
  epochs: number;
  batchSize?: number;
  /** Adam step size of the CNN. __Default:__ 1e-3. */
  learningRate?: number;
  seed: number;
  cnn?: Partial<CnnConfig>;
  /** Called after every `every` steps and at the end. */
  onProgress?: (p: {step: number; steps: number; epoch: number; loss: number; imagesPerSecond: number; etaSeconds: number}) => void;
  progressEvery?: number;
}

export interface TrainedModel {
  objective: Objective;
  encoder: ImageEncoder;
  text?: ClassText;
  /** CLIP's learned log-scale at the end. */
  logitScale?: number;
  /** Mean loss per epoch. */
  losses: number[];
  steps: number;
  seconds: number;
  /** CPU seconds of this process while training (user + system). */
  cpuSeconds: number;
}

export function trainImageModel(data: LabelledImages, options: TrainOptions): TrainedModel {
  const {objective, classes, epochs} = options;
  const batchSize = options.batchSize ?? 64;
  const side = data.side ?? 28;
  if (objective !== 'supervised' && !options.text) throw new ArgumentError(`objective ${objective} needs a text side`);
  const classPos = new Int32Array(256).fill(-1);
  classes.forEach((c, i) => (classPos[c] = i));
  const outDim = objective === 'supervised' ? classes.length : (options.text as ClassText).dim;
  const encoder = new ImageEncoder({...options.cnn, size: side, outDim}, options.seed);
  const optimizer = tf.train.adam(options.learningRate ?? 1e-3);
  const logitScale = objective === 'clip' ? tf.variable(tf.scalar(CLIP_INIT_LOGIT_SCALE)) : undefined;
  const varList = [...encoder.variables, ...(logitScale ? [logitScale] : [])];
  const rng = createRng(options.seed).fork('batches');
  const order = Array.from(options.indices);
  for (const i of order) {
    if (classPos[data.labels[i] as number] === -1)
      throw new ArgumentError(`image ${i} has label ${data.labels[i]}, not one of the training classes [${classes.join(', ')}]`);
  }
  const perEpoch = Math.ceil(order.length / batchSize);
  const steps = perEpoch * epochs;
  const losses: number[] = [];
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    rng.shuffle(order);
    let sum = 0;
    for (let b = 0; b < perEpoch; b++) {
      const idx = order.slice(b * batchSize, (b + 1) * batchSize);
      const x = imageBatch(data.images, idx, side);
      const y = tf.tensor1d(
        Int32Array.from(idx, (i) => classPos[data.labels[i] as number] as number),
        'int32',
      );
      const text = options.text;
      const rowsVar = text && objective !== 'supervised' && text.trainable ? tf.variable(text.rows()) : undefined;
      const fixedClasses = text && objective !== 'supervised' && !rowsVar ? text.classVectors(undefined, classes) : undefined;
      const lossFn = (): tf.Scalar => {
        const out = encoder.apply(x);
        if (objective === 'supervised') return tf.losses.softmaxCrossEntropy(tf.oneHot(y, classes.length), out) as tf.Scalar;
        const cls = rowsVar ? (text as ClassText).classVectors(rowsVar as unknown as tf.Tensor2D, classes) : (fixedClasses as tf.Tensor2D);
        if (objective === 'devise') return deviseLoss(out, l2normalize(cls), y);
        return clipLoss(out, cls, y, logitScale as unknown as tf.Scalar);
      };
      const {value, grads} = tf.variableGrads(lossFn, [...varList, ...(rowsVar ? [rowsVar] : [])]);
      if (rowsVar) {
        (text as ClassText).step(grads[rowsVar.name] as tf.Tensor2D);
        delete grads[rowsVar.name];
      }
      optimizer.applyGradients(grads as unknown as Parameters<typeof optimizer.applyGradients>[0]);
      if (logitScale) clampLogitScale(logitScale);
      sum += value.dataSync()[0] as number;
      tf.dispose([value, ...Object.values(grads), x, y, ...(rowsVar ? [rowsVar] : []), ...(fixedClasses ? [fixedClasses] : [])]);
      step++;
      const every = options.progressEvery ?? 50;
      if (options.onProgress && (step % every === 0 || step === steps)) {
        const sec = (performance.now() - t0) / 1000;
        options.onProgress({
          step,
          steps,
          epoch: epoch + 1,
          loss: sum / (b + 1),
          imagesPerSecond: (step * batchSize) / sec,
          etaSeconds: (sec / step) * (steps - step),
        });
      }
    }
    losses.push(sum / perEpoch);
  }
  optimizer.dispose();
  const cpu = process.cpuUsage(c0);
  const result: TrainedModel = {objective, encoder, losses, steps, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6};
  if (options.text) result.text = options.text;
  if (logitScale) {
    result.logitScale = logitScale.dataSync()[0] as number;
    logitScale.dispose();
  }
  return result;
}

/** Head outputs (projected embeddings or logits) of images `indices`, [n, outDim], in chunks. */
export function embedImages(model: TrainedModel, data: LabelledImages, indices: ArrayLike<number>, chunk = 500): Float32Array {
  const side = data.side ?? 28,
    outDim = model.encoder.config.outDim;
  const out = new Float32Array(indices.length * outDim);
  for (let s = 0; s < indices.length; s += chunk) {
    const idx = Array.from(indices).slice(s, s + chunk);
    tf.tidy(() => out.set(model.encoder.apply(imageBatch(data.images, idx, side)).dataSync(), s * outDim));
  }
  return out;
}

/**
 * Scores of images against classes `classes`, [n, classes.length]: DeViSE's dot product with the
 * unit-length class vectors, CLIP's cosine, or the supervised head's logits (`classes` = positions in the
 * head). The nearest class vector is the highest score.
 */
export function classScores(model: TrainedModel, embeddings: Float32Array, classes: readonly number[]): Float32Array {
  const d = model.encoder.config.outDim,
    n = embeddings.length / d;
  if (model.objective === 'supervised') {
    const out = new Float32Array(n * classes.length);
    for (let i = 0; i < n; i++) classes.forEach((c, j) => (out[i * classes.length + j] = embeddings[i * d + c] as number));
    return out;
  }
  return tf.tidy(() => {
    let img = tf.tensor2d(embeddings, [n, d]);
    if (model.objective === 'clip') img = l2normalize(img);
    const cls = l2normalize((model.text as ClassText).classVectors(undefined, classes));
    return tf.matMul(img, cls, false, true).dataSync() as Float32Array;
  });
}

/** Index of the highest score per row. */
export function argmaxRows(scores: Float32Array, cols: number): Int32Array {
  const n = scores.length / cols,
    out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if ((scores[i * cols + j] as number) > (scores[i * cols + best] as number)) best = j;
    out[i] = best;
  }
  return out;
}

/** Harmonic mean of seen and unseen accuracy (generalized zero-shot), 0 when both are 0. */
export function harmonicMean(seen: number, unseen: number): number {
  return seen + unseen === 0 ? 0 : (2 * seen * unseen) / (seen + unseen);
}
