import {expectArraysClose, expectThrows} from '@embedlab/testing';
import {createRng} from '@embedlab/core';
import {expect} from 'chai';
import {pca2d} from '../src/index.js';

/** Points m + t_i u + s_i w in 3D with orthonormal u, w; sum t = sum s = sum t s = 0. */
function planePoints(): {data: Float64Array; t: number[]; s: number[]} {
  const m = [1, -2, 3];
  const u = [0.6, 0.8, 0];
  const w = [-0.8, 0.6, 0];
  const t = [-3, -1, 1, 3];
  const s = [1, -1, -1, 1];
  const data = new Float64Array(12);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) data[i * 3 + j] = m[j]! + t[i]! * u[j]! + s[i]! * w[j]!;
  return {data, t, s};
}

/** Covariance of row-major data, computed the textbook way (independent of pca2d's loops). */
function covariance(data: ArrayLike<number>, n: number, dim: number): number[][] {
  const mean = Array.from({length: dim}, (_, j) => Array.from({length: n}, (_, i) => data[i * dim + j]!).reduce((a, b) => a + b) / n);
  return Array.from({length: dim}, (_, a) =>
    Array.from({length: dim}, (_, b) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (data[i * dim + a]! - mean[a]!) * (data[i * dim + b]! - mean[b]!);
      return sum / (n - 1);
    }),
  );
}

describe('pca2d', () => {
  it('finds the known principal axes of points on a tilted plane', () => {
    const {data, t, s} = planePoints();
    const pca = pca2d(data, 4, 3);
    // Variances: sum t^2 / (n - 1) = 20 / 3 and sum s^2 / (n - 1) = 4 / 3; total 8, so 5/6 and 1/6 explained.
    expect(pca.variances[0]).to.be.closeTo(20 / 3, 1e-10);
    expect(pca.variances[1]).to.be.closeTo(4 / 3, 1e-10);
    expect(pca.explained[0]).to.be.closeTo(5 / 6, 1e-12);
    expect(pca.explained[1]).to.be.closeTo(1 / 6, 1e-12);
    expectArraysClose(pca.mean, [1, -2, 3], 1e-12);
    // PC1 = u (its largest entry 0.8 is already positive); PC2 = -w, flipped so its largest entry (|-0.8|) is positive.
    expectArraysClose(pca.components[0], [0.6, 0.8, 0], 1e-9);
    expectArraysClose(pca.components[1], [0.8, -0.6, 0], 1e-9);
    expectArraysClose(
      pca.scores,
      t.flatMap((ti, i) => [ti, -s[i]!]),
      1e-9,
    );
  });

  it('returns the same bytes on every call', () => {
    const {data} = planePoints();
    const a = pca2d(data, 4, 3);
    const b = pca2d(data, 4, 3);
    expect(Buffer.from(a.scores.buffer).equals(Buffer.from(b.scores.buffer))).to.equal(true);
  });

  it('satisfies C v = lambda v with orthonormal directions and the largest eigenvalues on random data', () => {
    const rng = createRng(11);
    const n = 30;
    const dim = 8;
    const data = new Float32Array(n * dim);
    // Stretch some coordinates so the top eigenvalues are well separated.
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) data[i * dim + j] = rng.normal() * (j === 2 ? 5 : j === 5 ? 3 : 1);
    const pca = pca2d(data, n, dim);
    const c = covariance(data, n, dim);
    for (const k of [0, 1] as const) {
      const v = pca.components[k];
      const cv = c.map((row) => row.reduce((sum, x, j) => sum + x * v[j]!, 0));
      expectArraysClose(
        cv,
        Array.from(v, (x) => x * pca.variances[k]),
        1e-7,
      );
      expect(Math.hypot(...v)).to.be.closeTo(1, 1e-12);
    }
    expect(pca.components[0].reduce((sum, x, j) => sum + x * pca.components[1][j]!, 0)).to.be.closeTo(0, 1e-10);
    // No unit vector has a larger Rayleigh quotient than PC1.
    for (let trial = 0; trial < 200; trial++) {
      const x = Array.from({length: dim}, () => rng.normal());
      const norm = Math.hypot(...x);
      const q = c.reduce((sum, row, a) => sum + (x[a]! / norm) * row.reduce((s2, cab, b) => s2 + cab * (x[b]! / norm), 0), 0);
      expect(q).to.be.at.most(pca.variances[0] + 1e-9);
    }
    expect(pca.variances[0]).to.be.greaterThan(pca.variances[1]);
  });

  it('gives zero variance along PC2 for collinear points', () => {
    const data = [0, 0, 1, 1, 2, 2, 3, 3];
    const pca = pca2d(data, 4, 2);
    expectArraysClose(pca.components[0], [Math.SQRT1_2, Math.SQRT1_2], 1e-9);
    expect(pca.variances[1]).to.be.closeTo(0, 1e-12);
    expectArraysClose(
      Array.from({length: 4}, (_, i) => pca.scores[2 * i + 1]!),
      [0, 0, 0, 0],
      1e-9,
    );
  });

  it('rejects bad shapes and non-finite values', async () => {
    await expectThrows(() => pca2d([1, 2, 3], 2, 2), '3 values', '2 x 2');
    await expectThrows(() => pca2d([1, 2], 1, 2), 'at least 2 points');
    await expectThrows(() => pca2d([1, Number.NaN, 3, 4], 2, 2), 'flat index 1');
  });
});
