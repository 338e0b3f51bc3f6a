/**
 * Zero-copy access to the memory behind a float32 tensor on the two backends we run on.
 *
 * Why: `dataSync()` of a 50k x 100 table copies 20 MB out of the wasm heap (about 13 ms here) on every
 * forward, and uploading a dense gradient copies 20 MB back in. With a view the lookup reads only the rows
 * it needs and the backward scatter-adds straight into a fresh zero tensor.
 *
 * Uses public members of the two backends: wasm's `typedArrayFromHeap` (what its own kernels use to
 * write outputs) and cpu's `data` store (the values array itself). Any other backend, or a tensor that lives on a backend other
 * than the current one, gets `undefined`, and callers fall back to `dataSync()` / `tf.tensor`.
 *
 * A wasm view is only valid until the next tfjs allocation (the heap may grow and detach its buffer):
 * use it immediately and never keep it.
 */
import * as tf from '@tensorflow/tfjs';

interface WasmLike {
  dataIdMap: {has(id: object): boolean};
  typedArrayFromHeap(t: {shape: number[]; dtype: string; dataId: object}): Float32Array;
}
interface CpuLike {
  data: {get(id: object): {values?: unknown} | undefined};
}

/** The live float32 storage of `t`, or undefined when this backend gives no direct access. */
export function tensorStorage(t: tf.Tensor): Float32Array | undefined {
  if (t.dtype !== 'float32') return undefined;
  const name = tf.getBackend();
  if (name === 'wasm') {
    const backend = tf.backend() as unknown as WasmLike;
    return backend.dataIdMap.has(t.dataId) ? backend.typedArrayFromHeap(t) : undefined;
  }
  if (name === 'cpu') {
    const values = (tf.backend() as unknown as CpuLike).data.get(t.dataId)?.values;
    return values instanceof Float32Array && values.length === t.size ? values : undefined;
  }
  return undefined;
}

/** Float32 data of `t` for reading now: the live storage when available, else a `dataSync()` copy. */
export function readStorage(t: tf.Tensor): Float32Array {
  return tensorStorage(t) ?? (t.dataSync() as Float32Array);
}

/** True when `tf.tensor(values)` copies `values` on the current backend (wasm does; cpu keeps a reference). */
export function tensorCreationCopies(): boolean {
  return tf.getBackend() === 'wasm';
}
