/**
 * Stage-1 matrix products for the analogy search: tfjs (wasm SIMD, ~20 GFLOP/s here; or tfjs-node when a
 * user has it) or plain TypeScript (~1 GFLOP/s) when tfjs only has its slow cpu backend.
 */
import {initBackend} from '@embedlab/core';
import {matmulJs, type MatmulFn} from './analogy-engine.js';

export type EngineChoice = 'auto' | 'tfjs' | 'js';

export interface Matmul {
  /** `tfjs-wasm`, `tfjs-node` or `js`. */
  name: string;
  fn: MatmulFn;
}

export async function selectMatmul(choice: EngineChoice = 'auto'): Promise<Matmul> {
  if (choice === 'js') return {name: 'js', fn: matmulJs};
  const info = await initBackend();
  if (choice === 'auto' && info.name === 'cpu') return {name: 'js', fn: matmulJs};
  const tf = info.tf;
  // The transposed operand is passed pre-transposed: tfjs-wasm's matMul with transposeB is ~10x slower.
  const fn: MatmulFn = (w, rowsW, cT, n, dim) => {
    const out = tf.tidy(() => tf.matMul(tf.tensor2d(w, [rowsW, dim]), tf.tensor2d(cT, [dim, n]))); // [rowsW, n]
    try {
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  };
  return {name: `tfjs-${info.name}`, fn};
}
