/**
 * `embeddingLookup(table, ids)`: the rows of `table` picked by `ids`, as a differentiable tfjs op.
 *
 * Why not `tf.gather`: its gradient is `UnsortedSegmentSum`, which is O(V x n x D) on the cpu backend and
 * not registered at all on wasm, so a 50k-word table cannot train. Here the forward copies rows with
 * `TypedArray.set` and the backward scatter-adds the upstream gradient into a zero [V, D] array in JS
 * (O(V x D) zero-fill + O(n x D) adds). The result is an ordinary dense gradient, so every stock tfjs
 * optimizer, `model.fit` and `optimizer.minimize` work unchanged on both wasm and cpu.
 *
 * Ids are checked before anything is read: an id that is not an integer or lies outside [0, V) is an
 * error, never a silent row of zeros (tensorflow/tfjs#705).
 */
import * as tf from '@tensorflow/tfjs';
import {ArgumentError} from './errors.js';
import {messages} from './messages.js';
import {readStorage, tensorStorage} from './embedding/tensor-storage.js';

export interface LookupOptions {
  /**
   * A row that receives no gradient (PyTorch `padding_idx`). The forward still returns the row as
   * stored; the embedding layer keeps it at zero. __Default:__ none.
   */
  paddingIdx?: number | null;
  /** One byte per table row, 1 = locked: the row's gradient is zero. __Default:__ no row locked. */
  lockMask?: Uint8Array | null;
}

/**
 * Validated ids as an Int32Array (the input itself when it already is one). Throws `ArgumentError` with
 * `messages.idNotInteger` / `messages.idOutOfRange`, naming the first bad flat position.
 */
export function checkIds(ids: ArrayLike<number>, inputDim: number): Int32Array {
  const n = ids.length;
  if (ids instanceof Int32Array) {
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      if (id < 0 || id >= inputDim) throw new ArgumentError(messages.idOutOfRange(id, i, inputDim));
    }
    return ids;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i] as number;
    if (!Number.isInteger(id)) throw new ArgumentError(messages.idNotInteger(id, i));
    if (id < 0 || id >= inputDim) throw new ArgumentError(messages.idOutOfRange(id, i, inputDim));
    out[i] = id;
  }
  return out;
}

/** Copy row `ids[i]` of a row-major [V, dim] table into row i of `out` ([n, dim]). Ids must be checked. */
export function copyRows(table: Float32Array, dim: number, ids: Int32Array, out: Float32Array = new Float32Array(ids.length * dim)): Float32Array {
  for (let i = 0; i < ids.length; i++) {
    const r = (ids[i] as number) * dim;
    out.set(table.subarray(r, r + dim), i * dim);
  }
  return out;
}

/**
 * Dense gradient of a lookup: a zero [rows, dim] array plus, for every position i, `dy` row i added onto
 * row `ids[i]`. Repeated ids sum. The padding row and locked rows stay zero.
 */
export function scatterAddRows(ids: Int32Array, dy: Float32Array, rows: number, dim: number, options: LookupOptions = {}): Float32Array {
  return scatterAddInto(new Float32Array(rows * dim), ids, dy, dim, options);
}

/** `scatterAddRows` into an existing row-major gradient array (which the caller zeroed). */
export function scatterAddInto(grad: Float32Array, ids: Int32Array, dy: Float32Array, dim: number, options: LookupOptions = {}): Float32Array {
  if (dy.length !== ids.length * dim) throw new ArgumentError(messages.wrongRowsLength('upstream gradient', dy.length, ids.length, dim));
  const pad = options.paddingIdx ?? -1;
  const lock = options.lockMask ?? undefined;
  for (let i = 0; i < ids.length; i++) {
    const r = ids[i] as number;
    if (r === pad || (lock !== undefined && lock[r] === 1)) continue;
    const dst = r * dim,
      src = i * dim;
    for (let j = 0; j < dim; j++) grad[dst + j]! += dy[src + j] as number;
  }
  return grad;
}

/** Throws unless `options` fit a table of `rows` rows. */
export function checkLookupOptions(options: LookupOptions, rows: number): void {
  const p = options.paddingIdx;
  if (p !== undefined && p !== null && !(Number.isInteger(p) && p >= 0 && p < rows)) {
    throw new ArgumentError(messages.badLayerArg('paddingIdx', `an integer in [0, ${rows}) or null`, p));
  }
  const m = options.lockMask;
  if (m !== undefined && m !== null && m.length !== rows) throw new ArgumentError(messages.lockMaskLength(m.length, rows));
}

/**
 * Look up rows of a [V, D] float32 table: the result has shape `[...ids.shape, D]`. Differentiable with
 * respect to `table` (dense [V, D] gradient, see the file comment); `ids` gets a zero gradient.
 *
 * ```ts
 * const W = tf.variable(tf.tensor2d([[1, 2], [3, 4], [5, 6]]));      // [3, 2]
 * const y = embeddingLookup(W, tf.tensor1d([2, 0, 2], 'int32'));    // [3, 2]: rows 2, 0, 2
 * tf.train.sgd(0.1).minimize(() => y.sum() as tf.Scalar);            // row 2 gets gradient 2, row 0 gets 1
 * ```
 */
export function embeddingLookup(table: tf.Tensor, ids: tf.Tensor, options: LookupOptions = {}): tf.Tensor {
  if (table.rank !== 2 || table.dtype !== 'float32') {
    throw new ArgumentError(messages.badTable(table.shape, table.dtype));
  }
  if (ids.dtype !== 'int32' && ids.dtype !== 'float32') throw new ArgumentError(messages.badIdsDtype(ids.dtype));
  const [rows, dim] = table.shape as [number, number];
  checkLookupOptions(options, rows);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [w, x] = args as [tf.Tensor2D, tf.Tensor];
    const idx = checkIds(x.dataSync(), rows);
    // Read only the rows needed, from the table's own memory where the backend allows (no 20 MB copy).
    const value = tf.tensor(copyRows(readStorage(w), dim, idx), [...x.shape, dim], 'float32'); // [...ids.shape, D]
    const gradFunc = (dy: tf.Tensor) => {
      const dyData = dy.dataSync() as Float32Array;
      const grad = tf.fill([rows, dim], 0); // [V, D]
      const store = tensorStorage(grad);
      if (store) {
        scatterAddInto(store, idx, dyData, dim, options); // in place: `grad` is fresh and unshared
        return [grad, tf.zeros(x.shape)];
      }
      grad.dispose();
      // ids are not differentiable; tfjs wants a float32 gradient of their shape
      return [tf.tensor2d(scatterAddRows(idx, dyData, rows, dim, options), [rows, dim]), tf.zeros(x.shape)];
    };
    return {value, gradFunc};
  });
  return op(table, ids);
}
