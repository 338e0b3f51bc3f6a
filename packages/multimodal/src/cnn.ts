/**
 * The image encoder: a small CNN (conv 3x3 -> ReLU -> max-pool 2x2, twice; then a dense ReLU layer) and a
 * linear head: a projection into the text space (DeViSE, CLIP) or class logits (the supervised ceiling).
 * Plain tf.variables with seeded He-normal initialisation, so a seed fixes the weights on every machine.
 * Convolutions go through im2col + matMul (conv.ts): tfjs-wasm cannot differentiate tf.conv2d's filter.
 * `inputGrad: false` on the first conv: nothing upstream of the images needs a gradient.
 */
import * as tf from '@tensorflow/tfjs';
import {ArgumentError, createRng} from '@embedlab/core';
import {conv2dSame, linear, reluMaxPool2} from './conv.js';

export interface CnnConfig {
  /** Image side (square, one grey channel). __Default:__ 28. */
  size?: number;
  /** Output channels of the conv blocks. __Default:__ [16, 32]. */
  channels?: readonly number[];
  /** Kernel size (odd). __Default:__ 3. */
  kernel?: number;
  /** Width of the dense layer after the conv blocks. __Default:__ 128. */
  hidden?: number;
  /** Width of the head: the text dimension, or the number of classes. */
  outDim: number;
}

export type ResolvedCnnConfig = Required<CnnConfig>;

export function resolveCnnConfig(config: CnnConfig): ResolvedCnnConfig {
  const r = {size: 28, channels: [16, 32], kernel: 3, hidden: 128, ...config};
  let side = r.size;
  for (let i = 0; i < r.channels.length; i++) {
    if (side % 2 !== 0) throw new ArgumentError(`cnn: image side ${r.size} cannot be halved ${r.channels.length} times (conv block ${i + 1} sees ${side})`);
    side /= 2;
  }
  if (!(Number.isInteger(r.outDim) && r.outDim > 0)) throw new ArgumentError(`cnn: outDim must be a positive integer, got ${r.outDim}`);
  return r;
}

export class ImageEncoder {
  readonly config: ResolvedCnnConfig;
  /** Every trainable variable, in a fixed order (conv filters and biases, dense, head). */
  readonly variables: tf.Variable[];
  readonly #conv: {w: tf.Variable; b: tf.Variable}[];
  readonly #dense: {w: tf.Variable; b: tf.Variable};
  readonly #head: {w: tf.Variable; b: tf.Variable};

  constructor(config: CnnConfig, seed: number) {
    this.config = resolveCnnConfig(config);
    const rng = createRng(seed);
    const {kernel: k, channels, hidden, outDim, size} = this.config;
    // He-normal (ReLU layers) and Glorot-style for the linear head, from the seeded stream.
    const normal = (shape: number[], std: number) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = rng.normal() * std;
      return tf.variable(tf.tensor(data, shape));
    };
    let inC = 1;
    this.#conv = channels.map((outC) => {
      const layer = {w: normal([k, k, inC, outC], Math.sqrt(2 / (k * k * inC))), b: tf.variable(tf.zeros([outC]))};
      inC = outC;
      return layer;
    });
    const side = size / 2 ** channels.length;
    const flat = side * side * inC;
    this.#dense = {w: normal([flat, hidden], Math.sqrt(2 / flat)), b: tf.variable(tf.zeros([hidden]))};
    this.#head = {w: normal([hidden, outDim], Math.sqrt(1 / hidden)), b: tf.variable(tf.zeros([outDim]))};
    this.variables = [...this.#conv.flatMap((l) => [l.w, l.b]), this.#dense.w, this.#dense.b, this.#head.w, this.#head.b];
  }

  /** Number of trainable values. */
  parameterCount(): number {
    return this.variables.reduce((a, v) => a + v.size, 0);
  }

  /** Images [B, size, size, 1] (scaled to [0, 1]) -> the head's output [B, outDim]. */
  apply(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      let h: tf.Tensor4D = x;
      this.#conv.forEach((l, i) => {
        h = reluMaxPool2(conv2dSame(h, l.w as unknown as tf.Tensor4D, l.b as unknown as tf.Tensor1D, {inputGrad: i > 0}));
      });
      const flat = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
      const d = tf.relu(tf.add(linear(flat, this.#dense.w as unknown as tf.Tensor2D), this.#dense.b)) as tf.Tensor2D;
      return tf.add(linear(d, this.#head.w as unknown as tf.Tensor2D), this.#head.b) as tf.Tensor2D;
    });
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** Grey levels 0..255 of images [from, to) of a split as a [n, side, side, 1] tensor scaled to [0, 1]. */
export function imageBatch(images: Uint8Array, indices: ArrayLike<number>, side = 28): tf.Tensor4D {
  const px = side * side;
  const out = new Float32Array(indices.length * px);
  for (let i = 0; i < indices.length; i++) {
    const s = (indices[i] as number) * px;
    for (let j = 0; j < px; j++) out[i * px + j] = (images[s + j] as number) / 255;
  }
  return tf.tensor4d(out, [indices.length, side, side, 1]);
}
