import type {BackendInfo} from '@embedlab/core';
import type {MatmulFn} from './chunk-product.js';

/**
 * tfjs matMul of W [rows, dim] by the pre-transposed candidates CT [dim, n]: tfjs-wasm's matMul with
 * transposeB is ~10x slower, so the transposed operand is built in JS.
 */
export function tfjsMatmul(tf: BackendInfo['tf']): MatmulFn {
  return (w, rowsW, cT, n, dim, into) => {
    const out = tf.tidy(() => tf.matMul(tf.tensor2d(w, [rowsW, dim]), tf.tensor2d(cT, [dim, n]))); // [rowsW, n]
    try {
      const v = out.dataSync() as Float32Array;
      if (!into) return v;
      into.set(v);
      return into;
    } finally {
      out.dispose();
    }
  };
}
