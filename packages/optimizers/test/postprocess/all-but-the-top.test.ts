import {createRng, WordVectors} from '@embedlab/core';
import {expectArraysClose, expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {allButTheTop} from '../../src/index.js';
import {symmetricEigen} from '../../src/postprocess/symmetric-eigen.js';

describe('symmetricEigen', () => {
  it('diagonalizes a known 3x3 matrix (eigenvalues 5, 3, 1)', () => {
    const a = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]);
    const {values, vectors} = symmetricEigen(a, 3);
    expectArraysClose(values, [5, 3, 1], 1e-12);
    for (let k = 0; k < 3; k++) {
      const v = vectors.subarray(k * 3, k * 3 + 3);
      const av = [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + (a[i * 3 + j] as number) * (v[j] as number), 0));
      expectArraysClose(
        av,
        Array.from(v, (x) => x * (values[k] as number)),
        1e-12,
      );
    }
    // eigenvector of 3 is ±[1,1,0]/sqrt(2)
    expect(Math.abs(vectors[3] as number)).to.be.closeTo(Math.SQRT1_2, 1e-12);
  });
});

describe('allButTheTop', () => {
  const rng = createRng(11);
  const dim = 6;
  const u = [1, 2, 0, -1, 0, 1].map((x) => x / Math.sqrt(7));
  const offset = [5, -3, 2, 0, 1, 4];
  const entries = Array.from({length: 200}, (_, i) => {
    const s = 10 * rng.normal();
    return [`w${i}`, offset.map((o, j) => o + s * (u[j] as number) + 0.3 * rng.normal())] as const;
  });
  const vectors = WordVectors.fromEntries(entries);

  it('removes the mean and the top direction (projections ~0, mean ~0), and finds that direction', () => {
    const res = allButTheTop(vectors, {components: 1});
    const out = res.vectors;
    const dir = res.directions;
    expect(Math.abs(u.reduce((s, x, j) => s + x * (dir[j] as number), 0))).to.be.greaterThan(0.999);
    for (let j = 0; j < dim; j++) {
      let m = 0;
      for (let r = 0; r < out.size; r++) m += out.data[r * dim + j] as number;
      expect(m / out.size).to.be.closeTo(0, 1e-5);
    }
    for (let r = 0; r < out.size; r++) {
      let p = 0;
      for (let j = 0; j < dim; j++) p += (out.data[r * dim + j] as number) * (dir[j] as number);
      expect(p).to.be.closeTo(0, 1e-5);
    }
    expectArraysClose(res.mean, offset, 0.5);
    expect(res.varianceShares[0]).to.be.greaterThan(0.9);
    expect(res.vectors.words).to.equal(vectors.words);
  });

  it('defaults to max(1, round(dim / 100)) components; components 0 only centers', () => {
    expect(allButTheTop(vectors).directions.length).to.equal(dim);
    const centered = allButTheTop(vectors, {components: 0}).vectors;
    expectArraysClose(
      centered.row(0),
      Array.from(vectors.row(0), (x, j) => x - (allButTheTop(vectors).mean[j] as number)),
      1e-5,
    );
  });

  it('rejects too many components', async () => {
    await expectThrows(() => allButTheTop(vectors, {components: 7}), 'components');
  });
});
