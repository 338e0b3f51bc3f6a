/**
 * Mean cross-entropy of logits [N, V] against integer targets, as one custom op.
 *
 * Why not `tf.losses.softmaxCrossEntropy`: it wants one-hot labels ([N, V] floats: 164 MB at N = 2048,
 * V = 20k) and picking the label column with `tf.gather` has no gradient kernel on wasm. Here the forward
 * runs one softmax (a backend kernel) and reads the N label probabilities from its storage; the backward
 * is (softmax - onehot) * dy / count, written in place into a scaled copy of the softmax.
 *
 * Targets equal to `ignoreIndex` (PyTorch's `ignore_index`, default -1) carry no loss and no gradient;
 * the mean is over the others (the masked-LM objective uses this).
 */
import * as tf from '@tensorflow/tfjs';
import {ArgumentError} from '@embedlab/core';
import {tensorStorage} from '@embedlab/core/internal';

export interface CrossEntropyResult {
  /** Sum of -log p(target) over the counted positions (float64). */
  sum: number;
  /** Positions counted (targets not equal to ignoreIndex). */
  count: number;
  /** Per-position loss (NaN where ignored), when asked for. */
  perPosition?: Float64Array;
}

function checkTargets(targets: Int32Array, n: number, v: number, ignoreIndex: number): void {
  if (targets.length !== n) throw new ArgumentError(`cross-entropy: ${targets.length} targets for ${n} logit rows; expected one target per row`);
  for (let i = 0; i < n; i++) {
    const t = targets[i] as number;
    if (t !== ignoreIndex && !(t >= 0 && t < v))
      throw new ArgumentError(`cross-entropy: target ${t} at position ${i} is outside [0, ${v}) and is not the ignore index ${ignoreIndex}`);
  }
}

/** -log softmax(row)[t], exactly from the logits in float64 (used when the float32 softmax underflows). */
function exactNll(logits: Float32Array, row: number, v: number, t: number): number {
  let max = -Infinity;
  const o = row * v;
  for (let j = 0; j < v; j++) max = Math.max(max, logits[o + j] as number);
  let sum = 0;
  for (let j = 0; j < v; j++) sum += Math.exp((logits[o + j] as number) - max);
  return Math.log(sum) + max - (logits[o + t] as number);
}

function nllFromSoftmax(
  probs: Float32Array,
  logits: tf.Tensor2D,
  targets: Int32Array,
  v: number,
  ignoreIndex: number,
  perPosition: boolean,
): CrossEntropyResult {
  let sum = 0,
    count = 0;
  const per = perPosition ? new Float64Array(targets.length).fill(NaN) : undefined;
  let exactLogits: Float32Array | undefined;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as number;
    if (t === ignoreIndex) continue;
    const p = probs[i * v + t] as number;
    let nll: number;
    if (p > 1e-30) nll = -Math.log(p);
    else {
      exactLogits ??= logits.dataSync() as Float32Array;
      nll = exactNll(exactLogits, i, v, t);
    }
    sum += nll;
    count++;
    if (per) per[i] = nll;
  }
  return {sum, count, ...(per ? {perPosition: per} : {})};
}

/** Loss statistics without a gradient (evaluation). */
export function crossEntropyStats(logits: tf.Tensor2D, targets: Int32Array, options: {ignoreIndex?: number; perPosition?: boolean} = {}): CrossEntropyResult {
  const [n, v] = logits.shape;
  const ignoreIndex = options.ignoreIndex ?? -1;
  checkTargets(targets, n, v, ignoreIndex);
  const probs = tf.softmax(logits);
  try {
    return nllFromSoftmax(tensorStorage(probs) ?? (probs.dataSync() as Float32Array), logits, targets, v, ignoreIndex, options.perPosition ?? false);
  } finally {
    probs.dispose();
  }
}

/**
 * Differentiable mean cross-entropy (a scalar). `stats`, when given, receives the sum and count of the
 * forward so the caller need not read the scalar back.
 */
export function crossEntropy(logits: tf.Tensor2D, targets: Int32Array, options: {ignoreIndex?: number; stats?: CrossEntropyResult} = {}): tf.Scalar {
  const [n, v] = logits.shape;
  const ignoreIndex = options.ignoreIndex ?? -1;
  checkTargets(targets, n, v, ignoreIndex);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const probs = tf.softmax(x); // [N, V]
    const stats = nllFromSoftmax(tensorStorage(probs) ?? (probs.dataSync() as Float32Array), x, targets, v, ignoreIndex, false);
    if (options.stats) Object.assign(options.stats, stats);
    save([probs]);
    const denominator = Math.max(stats.count, 1);
    const value = tf.scalar(stats.sum / denominator);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const scale = (dy.dataSync()[0] as number) / denominator;
      const grad = tf.mul(saved[0] as tf.Tensor2D, scale); // fresh tensor we may write
      const store = tensorStorage(grad);
      const data = store ?? (grad.dataSync() as Float32Array);
      for (let i = 0; i < n; i++) {
        const t = targets[i] as number;
        const o = i * v;
        if (t === ignoreIndex) data.fill(0, o, o + v);
        else data[o + t] = (data[o + t] as number) - scale;
      }
      if (store) return grad;
      grad.dispose();
      return tf.tensor2d(data, [n, v]);
    };
    return {value, gradFunc};
  });
  return op(logits) as tf.Scalar;
}
