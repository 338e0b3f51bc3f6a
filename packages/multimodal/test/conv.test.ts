import * as tf from '@tensorflow/tfjs';
import {createRng, initBackend} from '@embedlab/core';
import {expectArraysClose, expectNoLeaks} from '@embedlab/testing';
import {expect} from 'chai';
import {conv2dSame, im2col, linear, reluMaxPool2} from '../src/conv.js';

const rand = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({length: n}, () => rng.normal());
};

/** float64 'same' convolution, straight from the definition (zero padding, stride 1). */
function convRef(x: number[], [n, h, w, c]: number[], f: number[], k: number, fo: number): number[] {
  const p = (k - 1) / 2,
    out = new Array(n! * h! * w! * fo).fill(0);
  for (let b = 0; b < n!; b++)
    for (let i = 0; i < h!; i++)
      for (let j = 0; j < w!; j++)
        for (let o = 0; o < fo; o++) {
          let s = 0;
          for (let di = 0; di < k; di++)
            for (let dj = 0; dj < k; dj++)
              for (let ch = 0; ch < c!; ch++) {
                const y = i + di - p,
                  xx = j + dj - p;
                if (y < 0 || y >= h! || xx < 0 || xx >= w!) continue;
                s += x[((b * h! + y) * w! + xx) * c! + ch]! * f[((di * k + dj) * c! + ch) * fo + o]!;
              }
          out[((b * h! + i) * w! + j) * fo + o] = s;
        }
  return out;
}

describe('convolution (im2col + matMul)', () => {
  before(async () => {
    await initBackend();
  });
  const shape = [2, 4, 6, 3],
    k = 3,
    fo = 2;
  const xs = rand(1, 2 * 4 * 6 * 3),
    fs = rand(2, k * k * 3 * fo),
    bs = [0.5, -0.25],
    r = rand(3, 2 * 4 * 6 * fo);

  it('forward equals tfjs conv2d and a float64 loop', async () => {
    await expectNoLeaks(() =>
      tf.tidy(() => {
        const x = tf.tensor4d(xs, shape as [number, number, number, number]),
          f = tf.tensor4d(fs, [k, k, 3, fo]);
        const ours = conv2dSame(x, f, tf.tensor1d(bs)).dataSync();
        const stock = tf.add(tf.conv2d(x, f, 1, 'same'), tf.tensor1d(bs)).dataSync();
        expectArraysClose(ours, stock, 1e-5);
        expectArraysClose(
          ours,
          convRef(xs, shape, fs, k, fo).map((v, i) => v + bs[i % fo]!),
          1e-5,
        );
      }),
    );
  });

  it('gradients of sum(conv * R) in x, filter and bias match finite differences of the float64 loop', () => {
    const loss = (x: number[], f: number[]) => convRef(x, shape, f, k, fo).reduce((s, v, i) => s + v * r[i]!, 0);
    const [gx, gf, gb] = tf.grads((x: tf.Tensor, f: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv2dSame(x as tf.Tensor4D, f as tf.Tensor4D, b as tf.Tensor1D), tf.tensor4d(r, [2, 4, 6, fo]))),
    )([tf.tensor4d(xs, shape as [number, number, number, number]), tf.tensor4d(fs, [k, k, 3, fo]), tf.tensor1d(bs)]);
    const h = 1e-5;
    const fd = (v: number[], which: 'x' | 'f') =>
      v.map((_, i) => {
        const p = v.slice(),
          q = v.slice();
        p[i]! += h;
        q[i]! -= h;
        return which === 'x' ? (loss(p, fs) - loss(q, fs)) / (2 * h) : (loss(xs, p) - loss(xs, q)) / (2 * h);
      });
    expectArraysClose(gx!.dataSync(), fd(xs, 'x'), 1e-3);
    expectArraysClose(gf!.dataSync(), fd(fs, 'f'), 1e-3);
    expectArraysClose(
      gb!.dataSync(),
      [0, 1].map((o) => r.filter((_, i) => i % fo === o).reduce((a, b) => a + b, 0)),
      1e-4,
    );
  });

  it('inputGrad: false leaves the input gradient zero and the filter gradient unchanged', () => {
    const f = tf.tensor4d(fs, [k, k, 3, fo]),
      x = tf.tensor4d(xs, shape as [number, number, number, number]);
    const R = tf.tensor4d(r, [2, 4, 6, fo]);
    const full = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv2dSame(a as tf.Tensor4D, b as tf.Tensor4D), R)))([x, f]);
    const part = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv2dSame(a as tf.Tensor4D, b as tf.Tensor4D, undefined, {inputGrad: false}), R)))([
      x,
      f,
    ]);
    expectArraysClose(part[1]!.dataSync(), full[1]!.dataSync(), 1e-6);
    expect(Array.from(part[0]!.dataSync()).every((v) => v === 0)).to.equal(true);
  });

  it('im2col gradient is the adjoint (col2im): <im2col(x), G> = <x, im2col^T(G)>', () => {
    const x = tf.tensor4d(xs, shape as [number, number, number, number]);
    const G = tf.tensor2d(rand(4, 2 * 4 * 6 * 27), [48, 27]);
    const lhs = tf.sum(tf.mul(im2col(x, 3), G)).dataSync()[0]!;
    const gx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(im2col(a as tf.Tensor4D, 3), G)))(x);
    expect(tf.sum(tf.mul(x, gx)).dataSync()[0]).to.be.closeTo(lhs, 1e-3);
  });

  it('reluMaxPool2 equals maxPool(relu(x)) with the same gradient as tfjs', () => {
    const x = tf.tensor4d(rand(5, 2 * 4 * 6 * 3), [2, 4, 6, 3]);
    const R = tf.tensor4d(rand(6, 2 * 2 * 3 * 3), [2, 2, 3, 3]);
    expectArraysClose(reluMaxPool2(x).dataSync(), tf.maxPool(tf.relu(x), 2, 2, 'valid').dataSync(), 0);
    const ours = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(reluMaxPool2(a as tf.Tensor4D), R)))(x);
    const stock = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(tf.relu(a as tf.Tensor4D), 2, 2, 'valid'), R)))(x);
    expectArraysClose(ours.dataSync(), stock.dataSync(), 1e-6);
  });

  it('linear has the gradients of matMul', () => {
    const a = tf.tensor2d(rand(7, 12), [3, 4]),
      b = tf.tensor2d(rand(8, 8), [4, 2]),
      R = tf.tensor2d(rand(9, 6), [3, 2]);
    const ours = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(linear(p as tf.Tensor2D, q as tf.Tensor2D), R)))([a, b]);
    const stock = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.matMul(p as tf.Tensor2D, q as tf.Tensor2D), R)))([a, b]);
    expectArraysClose(ours[0]!.dataSync(), stock[0]!.dataSync(), 1e-5);
    expectArraysClose(ours[1]!.dataSync(), stock[1]!.dataSync(), 1e-5);
  });
});
