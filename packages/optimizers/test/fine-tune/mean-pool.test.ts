import {expectArraysClose} from '@embedlab/testing';
import {expect} from 'chai';
import {MeanPoolBackward, meanPool} from '../../src/index.js';

describe('meanPool / MeanPoolBackward', () => {
  const table = Float32Array.from([0, 0, 1, 2, 3, 4, 5, 6]); // 4 rows, dim 2; row 0 = padding
  const docs = [Int32Array.from([1, 3, 3, 0]), Int32Array.from([0, 0]), Int32Array.from([2])];

  it('averages non-padding rows; an all-padding document pools to zeros', () => {
    const pooled = meanPool(table, 2, docs, [0, 1, 2], 0);
    // doc 0: (row1 + 2 row3) / 3 = ([1,2] + [10,12]) / 3
    expectArraysClose(pooled, [11 / 3, 14 / 3, 0, 0, 3, 4]);
  });

  it('backward gives count/n times the upstream gradient per row, padding excluded', () => {
    const bw = new MeanPoolBackward(4, 2);
    const g = bw.gradient(docs, [0, 1, 2], Float32Array.from([3, -3, 100, 100, 1, 2]), 0);
    expect(Array.from(g.rows)).to.deep.equal([1, 2, 3]);
    expectArraysClose(g.values, [1, -1, 1, 2, 2, -2]);
    // state is reset between calls: a second call sees only its own rows
    const g2 = bw.gradient(docs, [2], Float32Array.from([1, 1]), 0);
    expect(Array.from(g2.rows)).to.deep.equal([2]);
  });

  it('matches a finite-difference gradient of sum(w * pooled)', () => {
    const w = [0.3, -0.7, 1.1, 0.2, -0.5, 0.9];
    const f = (t: Float32Array) => meanPool(t, 2, docs, [0, 1, 2], 0).reduce((s, x, i) => s + x * (w[i] as number), 0);
    const g = new MeanPoolBackward(4, 2).gradient(docs, [0, 1, 2], Float32Array.from(w), 0);
    g.rows.forEach((r, k) => {
      for (let j = 0; j < 2; j++) {
        const t = Float64Array.from(table);
        const plus = Float32Array.from(t),
          minus = Float32Array.from(t);
        plus[r * 2 + j] = (plus[r * 2 + j] as number) + 0.01;
        minus[r * 2 + j] = (minus[r * 2 + j] as number) - 0.01;
        expect(g.values[k * 2 + j]).to.be.closeTo((f(plus) - f(minus)) / 0.02, 1e-3);
      }
    });
  });
});
