/**
 * The text side: one vector per class, the mean of its name's word rows in an `EmbedlabEmbedding` table
 * (the core layer). 't-shirt/top' -> mean(t-shirt, top); 'ankle boot' -> mean(ankle, boot).
 *
 * Arms: `random` (N(0, 1) rows, frozen: unseen classes then carry no information, so zero-shot must sit at
 * chance), `glove-frozen` (pretrained rows as shipped) and `glove-finetuned` (pretrained rows trained by a
 * row-sparse Adam through the layer's sparse gradient; only words of training classes ever get a gradient).
 */
import * as tf from '@tensorflow/tfjs';
import {ArgumentError, EmbedlabEmbedding, type WordVectors} from '@embedlab/core';
import {sparseAdam, type RowSparseOptimizer} from '@embedlab/optimizers';

export type TextArm = 'random' | 'glove-frozen' | 'glove-finetuned';
export const TEXT_ARMS: readonly TextArm[] = ['random', 'glove-frozen', 'glove-finetuned'];

/** The words of a class name: split on '/' and spaces (hyphenated words stay whole, as GloVe has them). */
export function classWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[\s/]+/)
    .filter(Boolean);
}

export interface ClassTextOptions {
  arm: TextArm;
  /** Pretrained vectors (GloVe arms); their width is the text dimension. */
  vectors?: WordVectors;
  /** Width of random rows. __Default:__ vectors' width, else 100. */
  dim?: number;
  seed: number;
  /** Step size of the row-sparse Adam (fine-tuned arm). __Default:__ 1e-3. */
  learningRate?: number;
}

export class ClassText {
  readonly arm: TextArm;
  readonly classNames: readonly string[];
  /** Table rows: each distinct word once. */
  readonly words: readonly string[];
  readonly layer: EmbedlabEmbedding;
  readonly dim: number;
  /** Row id of every word occurrence, class by class. */
  readonly ids: Int32Array;
  /** [C, ids.length] averaging matrix: class c = mean of its occurrences' rows. */
  readonly #pool: tf.Tensor2D;
  readonly #poolData: Float32Array;
  readonly #optimizer: RowSparseOptimizer | undefined;

  constructor(classNames: readonly string[], options: ClassTextOptions) {
    this.arm = options.arm;
    this.classNames = classNames;
    const perClass = classNames.map(classWords);
    const words = [...new Set(perClass.flat())];
    this.words = words;
    const glove = options.arm !== 'random';
    if (glove && !options.vectors) throw new ArgumentError(`text arm ${options.arm} needs pretrained vectors`);
    this.dim = glove ? (options.vectors as WordVectors).dim : (options.dim ?? options.vectors?.dim ?? 100);
    let pretrained: Float32Array | undefined;
    if (glove) {
      const v = options.vectors as WordVectors;
      const missing = words.filter((w) => !v.has(w));
      if (missing.length) throw new ArgumentError(`class words not in the pretrained vectors: ${missing.join(', ')}`);
      pretrained = new Float32Array(words.length * this.dim);
      words.forEach((w, i) => pretrained!.set(v.vector(w) as Float32Array, i * this.dim));
    }
    this.layer = new EmbedlabEmbedding({
      inputDim: words.length,
      outputDim: this.dim,
      ...(pretrained ? {pretrained} : {embeddingsInitializer: {name: 'randomNormal', mean: 0, stddev: 1}, seed: options.seed}),
      trainable: options.arm === 'glove-finetuned',
    });
    this.layer.build([null, 1]);
    const index = new Map(words.map((w, i) => [w, i]));
    this.ids = Int32Array.from(perClass.flat().map((w) => index.get(w) as number));
    const pool = new Float32Array(classNames.length * this.ids.length);
    let k = 0;
    perClass.forEach((ws, c) => ws.forEach(() => (pool[c * this.ids.length + k++] = 1 / ws.length)));
    this.#poolData = pool;
    this.#pool = tf.tensor2d(pool, [classNames.length, this.ids.length]);
    this.#optimizer = this.layer.trainable ? sparseAdam({learningRate: options.learningRate ?? 1e-3}) : undefined;
  }

  get trainable(): boolean {
    return this.#optimizer !== undefined;
  }

  /** Rows of every word occurrence, [ids.length, D] (a plain tensor: differentiate with respect to it). */
  rows(): tf.Tensor2D {
    return this.layer.gatherRows(this.ids);
  }

  /** Class vectors [C, D] from `rows` (default: the current table), restricted to `classes` when given. */
  classVectors(rows?: tf.Tensor2D, classes?: readonly number[]): tf.Tensor2D {
    return tf.tidy(() => {
      // Select classes by rows of the pooling matrix: tf.gather's gradient needs UnsortedSegmentSum, absent on wasm.
      const pool = classes
        ? tf.tensor2d(
            classes.flatMap((c) => Array.from(this.#poolData.subarray(c * this.ids.length, (c + 1) * this.ids.length))),
            [classes.length, this.ids.length],
          )
        : this.#pool;
      return tf.matMul(pool, rows ?? this.rows());
    });
  }

  /** Apply the gradient of the loss with respect to `rows()` through the layer's row-sparse gradient. */
  step(dRows: tf.Tensor2D): number {
    if (!this.#optimizer) return 0;
    return this.#optimizer.step(this.layer.table(), this.layer.sparseGradient(this.ids, dRows));
  }

  dispose(): void {
    this.#pool.dispose();
    this.layer.dispose();
  }
}
