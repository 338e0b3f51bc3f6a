/**
 * `batchedMatMul(a, b)`: a @ b over leading batch axes (attention's q k^T and att v, [B, H, T, *]) on the
 * project's WebAssembly SIMD GEMM (@embedlab/kernels, shared with the analogy search), forward and backward.
 *
 * Why: tfjs-wasm sends batched products to a plain loop that ran [64,128,128] x [64,128,32] at ~1.5
 * GFLOP/s, and splitting them into 2-d products is worse (an XNNPACK operator is created per call). The
 * kernel keeps 4 rows x 8 columns in registers and reads A with any strides, so the same code computes
 * dB = A^T dY; dA = dY B^T transposes B inside the kernel's memory first (`batchedProduct`'s aT / bT).
 *
 * Falls back to `matMul` (forward.ts) when the output width or the inner size is not a multiple of 8.
 */
import * as tf from '@tensorflow/tfjs';
import {readStorage} from '@embedlab/core/internal';
import {batchedProduct as kernelProduct} from '@embedlab/kernels';

function fits(m: number, k: number, n: number): boolean {
  return n % 8 === 0 && k % 8 === 0 && m > 0;
}

/** a [..., M, K] @ b [..., K, N] with equal leading axes, on the SIMD kernel (see the file comment). */
export function batchedMatMul<T extends tf.Tensor>(a: T, b: tf.Tensor, fallback: (a: T, b: tf.Tensor) => T): T {
  const r = a.rank;
  const [M, K] = [a.shape[r - 2] as number, a.shape[r - 1] as number];
  const N = b.shape[r - 1] as number;
  const lead = a.shape.slice(0, -2);
  const sameLead = b.rank === r && lead.every((d, i) => d === b.shape[i]);
  if (r < 3 || !sameLead || !fits(M, K, N)) return fallback(a, b);
  const batch = lead.reduce((x, y) => x * y, 1);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y] = args as [tf.Tensor, tf.Tensor];
    const save = args[2] as tf.GradSaveFunc;
    save([x, y]);
    const value = tf.tensor(kernelProduct(readStorage(x), readStorage(y), batch, M, K, N, false, false), [...lead, M, N]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ys] = saved as [tf.Tensor, tf.Tensor];
      const dyData = readStorage(dy);
      const dA = kernelProduct(dyData, readStorage(ys), batch, M, N, K, false, true); // dY [M,N] @ B^T [N,K]
      const dB = kernelProduct(readStorage(xs), readStorage(dy), batch, K, M, N, true, false); // A^T [K,M] @ dY [M,N]
      return [tf.tensor(dA, [...lead, M, K]), tf.tensor(dB, [...lead, K, N])];
    };
    return {value, gradFunc};
  });
  return op(a, b) as T;
}
