/**
 * The three position schemes. `learned` is a parameter (`wpe.weight`, in params.ts); the other two are
 * fixed tables built here.
 *
 * - Sinusoidal (Vaswani et al. 2017, section 3.5), interleaved: PE(p, 2i) = sin(p / base^(2i/d)),
 *   PE(p, 2i+1) = cos(p / base^(2i/d)), added to the token embeddings like a learned table.
 * - Rotary (Su et al. 2021), GPT-NeoX's half-split layout: pair (j, j + d/2) of each head's query and key is
 *   rotated by angle p * base^(-2j/d): x' = x * cos + rotateHalf(x) * sin, rotateHalf([x1 | x2]) =
 *   [-x2 | x1]. Never applied to values. q_m . k_n then depends only on m - n.
 */
import * as tf from '@tensorflow/tfjs';

/** [length, dim] row-major sinusoid table (float64 math, stored float32). */
export function sinusoidTable(length: number, dim: number, base = 10000): Float32Array {
  const out = new Float32Array(length * dim);
  for (let p = 0; p < length; p++) {
    for (let i = 0; i < dim / 2; i++) {
      const angle = p / Math.pow(base, (2 * i) / dim);
      out[p * dim + 2 * i] = Math.sin(angle);
      out[p * dim + 2 * i + 1] = Math.cos(angle);
    }
  }
  return out;
}

/** cos and sin tables [length, headDim] for rotary embeddings: cat(freqs, freqs) per position. */
export function ropeTables(length: number, headDim: number, base = 10000): {cos: Float32Array; sin: Float32Array} {
  const half = headDim / 2;
  const cos = new Float32Array(length * headDim);
  const sin = new Float32Array(length * headDim);
  for (let p = 0; p < length; p++) {
    for (let j = 0; j < half; j++) {
      const angle = p * Math.pow(base, (-2 * j) / headDim);
      const c = Math.cos(angle),
        s = Math.sin(angle);
      cos[p * headDim + j] = c;
      cos[p * headDim + j + half] = c;
      sin[p * headDim + j] = s;
      sin[p * headDim + j + half] = s;
    }
  }
  return {cos, sin};
}

/**
 * Rotate queries or keys `x` [B, H, T, hd] by position. `cos`/`sin` are [T, hd] tensors (broadcast over
 * batch and heads). Differentiable (plain tfjs ops).
 */
export function applyRope(x: tf.Tensor4D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor4D {
  const hd = x.shape[3];
  const [x1, x2] = tf.split(x, [hd / 2, hd / 2], 3) as [tf.Tensor4D, tf.Tensor4D];
  const rotated = tf.concat([tf.neg(x2), x1], 3); // [B, H, T, hd]
  return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
}
