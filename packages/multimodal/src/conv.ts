/**
 * 2D convolution as im2col + matMul. tfjs-wasm 4.22 has Conv2D and Conv2DBackpropInput but no
 * Conv2DBackpropFilter kernel, so `tf.conv2d` cannot be trained on wasm. Here only the patch extraction
 * (`im2col`) has a hand-written gradient (col2im, a scatter-add); the filter gradient then comes from tfjs'
 * matMul gradient, which wasm has.
 *
 * Layout: NHWC input, filter [k, k, inChannels, outChannels] as tf.conv2d, stride 1, 'same' zero padding
 * (odd k). Patch columns are ordered (row offset, column offset, channel), which is the filter's
 * row-major order, so `reshape(filter, [k*k*C, F])` lines up with them.
 */
import * as tf from '@tensorflow/tfjs';
import {ArgumentError} from '@embedlab/core';

/** [N*H*W, k*k*C] patches of x ([N, H, W, C]) with 'same' zero padding; differentiable in x. */
export function im2col(x: tf.Tensor4D, k: number): tf.Tensor2D {
  if (!(Number.isInteger(k) && k > 0 && k % 2 === 1)) throw new ArgumentError(`im2col: kernel size must be a positive odd integer, got ${k}`);
  const [n, h, w, c] = x.shape;
  const cols = k * k * c;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const out = im2colData((args[0] as tf.Tensor).dataSync() as Float32Array, [n, h, w, c], k);
    const gradFunc = (dy: tf.Tensor) => col2im(dy.dataSync() as Float32Array, [n, h, w, c], k);
    return {value: tf.tensor2d(out, [n * h * w, cols]), gradFunc};
  });
  return op(x) as tf.Tensor2D;
}

/**
 * a [m, k] @ b [k, n] with the gradients written as plain (untransposed) matMuls of explicit transposes:
 * tfjs-wasm's matMul with a transposed operand runs 3-6x slower than the plain one (measured on [12544,
 * 144] x [144, 32]: 100 ms vs 18 ms for dy @ b^T).
 */
export function linear(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x, w]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy as tf.Tensor2D)];
    };
    return {value: tf.matMul(x, w), gradFunc};
  });
  return op(a, b) as tf.Tensor2D;
}

/**
 * conv2d (stride 1, 'same') of x [N, H, W, C] with filter [k, k, C, F] plus bias [F]: [N, H, W, F].
 * One custom op: im2col in JS, a plain matMul; backward dW = cols^T @ dy (cols transposed in JS) and, when
 * `inputGrad` (the default), dx = col2im(dy @ W^T). The first layer passes `inputGrad: false`: its input
 * is the images, and skipping col2im saves a third of its backward time.
 */
export function conv2dSame(x: tf.Tensor4D, filter: tf.Tensor4D, bias?: tf.Tensor1D, options: {inputGrad?: boolean} = {}): tf.Tensor4D {
  const [k, k2, c, f] = filter.shape;
  if (k !== k2 || c !== x.shape[3])
    throw new ArgumentError(
      `conv2dSame: filter [${filter.shape.join(', ')}] does not fit input [${x.shape.join(', ')}] (square kernel, ${x.shape[3]} input channels)`,
    );
  if (k % 2 !== 1) throw new ArgumentError(`conv2dSame: kernel size must be odd for 'same' padding, got ${k}`);
  const inputGrad = options.inputGrad ?? true;
  return tf.tidy(() => {
    const [n, h, w] = x.shape;
    const kk = k * k * c,
      rows = n * h * w;
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [input, w2] = args as [tf.Tensor4D, tf.Tensor2D];
      const colsData = im2colData(input.dataSync() as Float32Array, [n, h, w, c], k);
      const value = tf.matMul(tf.tensor2d(colsData, [rows, kk]), w2);
      const gradFunc = (dy: tf.Tensor) => {
        const t = new Float32Array(kk * rows); // cols^T, built in JS (a tfjs transpose costs more than the matMul)
        for (let r = 0; r < rows; r++) for (let j = 0; j < kk; j++) t[j * rows + r] = colsData[r * kk + j] as number;
        const dW = tf.matMul(tf.tensor2d(t, [kk, rows]), dy as tf.Tensor2D);
        let dx: tf.Tensor;
        if (inputGrad) {
          const dcols = tf.matMul(dy as tf.Tensor2D, tf.transpose(w2)); // [rows, kk]
          dx = col2im(dcols.dataSync() as Float32Array, [n, h, w, c], k);
        } else {
          dx = tf.zeros([n, h, w, c]);
        }
        return [dx, dW];
      };
      return {value, gradFunc};
    });
    let y = op(x, tf.reshape(filter, [kk, f])) as tf.Tensor2D; // [N*H*W, F]
    if (bias) y = tf.add(y, bias);
    return tf.reshape(y, [n, h, w, f]);
  });
}

/** The patches of im2col as a row-major [N*H*W, k*k*C] array. */
function im2colData(src: Float32Array, shape: [number, number, number, number], k: number): Float32Array {
  const [n, h, w, c] = shape;
  const p = (k - 1) / 2,
    cols = k * k * c;
  const out = new Float32Array(n * h * w * cols);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        let o = ((b * h + i) * w + j) * cols;
        for (let di = 0; di < k; di++) {
          const y = i + di - p;
          if (y < 0 || y >= h) {
            o += k * c;
            continue;
          } // zero padding: out is zero-filled
          for (let dj = 0; dj < k; dj++, o += c) {
            const xx = j + dj - p;
            if (xx < 0 || xx >= w) continue;
            const s = ((b * h + y) * w + xx) * c;
            for (let ch = 0; ch < c; ch++) out[o + ch] = src[s + ch] as number;
          }
        }
      }
    }
  }
  return out;
}

function col2im(g: Float32Array, shape: [number, number, number, number], k: number): tf.Tensor4D {
  const [n, h, w, c] = shape;
  const p = (k - 1) / 2,
    cols = k * k * c;
  const dx = new Float32Array(n * h * w * c);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        let o = ((b * h + i) * w + j) * cols;
        for (let di = 0; di < k; di++) {
          const y = i + di - p;
          if (y < 0 || y >= h) {
            o += k * c;
            continue;
          }
          for (let dj = 0; dj < k; dj++, o += c) {
            const xx = j + dj - p;
            if (xx < 0 || xx >= w) continue;
            const s = ((b * h + y) * w + xx) * c;
            for (let ch = 0; ch < c; ch++) dx[s + ch]! += g[o + ch] as number;
          }
        }
      }
    }
  }
  return tf.tensor4d(dx, shape);
}

/**
 * max-pool 2x2 (stride 2) of ReLU(x), one op in JS: max(0, max of the window) equals maxPool(relu(x)), and
 * the backward sends dy to the window's arg-max when the output is positive. Replaces tfjs-wasm's Relu,
 * MaxPool and their gradients (about 10x slower together on [64, 28, 28, 16]).
 */
export function reluMaxPool2(x: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  if (h % 2 !== 0 || w % 2 !== 0) throw new ArgumentError(`reluMaxPool2: height and width must be even, got [${x.shape.join(', ')}]`);
  const ho = h / 2,
    wo = w / 2;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const src = (args[0] as tf.Tensor).dataSync() as Float32Array;
    const out = new Float32Array(n * ho * wo * c);
    const arg = new Int32Array(out.length).fill(-1); // source index, -1 where the output is 0
    for (let b = 0; b < n; b++) {
      for (let i = 0; i < ho; i++) {
        for (let j = 0; j < wo; j++) {
          const o = ((b * ho + i) * wo + j) * c;
          const s00 = ((b * h + 2 * i) * w + 2 * j) * c,
            s01 = s00 + c,
            s10 = s00 + w * c,
            s11 = s10 + c;
          for (let ch = 0; ch < c; ch++) {
            let best = s00 + ch,
              v = src[best] as number;
            if ((src[s01 + ch] as number) > v) {
              best = s01 + ch;
              v = src[best] as number;
            }
            if ((src[s10 + ch] as number) > v) {
              best = s10 + ch;
              v = src[best] as number;
            }
            if ((src[s11 + ch] as number) > v) {
              best = s11 + ch;
              v = src[best] as number;
            }
            if (v > 0) {
              out[o + ch] = v;
              arg[o + ch] = best;
            }
          }
        }
      }
    }
    const gradFunc = (dy: tf.Tensor) => {
      const g = dy.dataSync() as Float32Array;
      const dx = new Float32Array(n * h * w * c);
      for (let o = 0; o < arg.length; o++) if ((arg[o] as number) >= 0) dx[arg[o] as number]! += g[o] as number;
      return tf.tensor4d(dx, [n, h, w, c]);
    };
    return {value: tf.tensor4d(out, [n, ho, wo, c]), gradFunc};
  });
  return op(x) as tf.Tensor4D;
}
