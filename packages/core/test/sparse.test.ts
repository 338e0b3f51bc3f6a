import {expect} from 'chai';
import {expectArraysClose, expectThrows} from '@embedlab/testing';
import {densifyRowGradient, sparseRowGradient} from '../src/index.js';

describe('sparseRowGradient', () => {
  it('sums the upstream rows of repeated ids onto unique ascending rows', () => {
    // ids 5, 2, 5, 0, 5 with dy rows [1,10], [2,20], [3,30], [4,40], [5,50]
    const g = sparseRowGradient([5, 2, 5, 0, 5], Float32Array.of(1, 10, 2, 20, 3, 30, 4, 40, 5, 50), 2);
    expect(Array.from(g.rows)).to.deep.equal([0, 2, 5]);
    expect(g.dim).to.equal(2);
    // row 0: [4, 40]; row 2: [2, 20]; row 5: [1+3+5, 10+30+50]
    expectArraysClose(g.values, [4, 40, 2, 20, 9, 90]);
  });

  it('orders rows numerically, not as strings', () => {
    expect(Array.from(sparseRowGradient([10, 9, 100], new Float32Array(3), 1).rows)).to.deep.equal([9, 10, 100]);
  });

  it('densifies to the [V, D] gradient of a lookup', () => {
    const dense = densifyRowGradient(sparseRowGradient([3, 1, 3], Float32Array.of(1, 2, 3, 4, 5, 6), 2), 5);
    expectArraysClose(dense, [0, 0, 3, 4, 0, 0, 1 + 5, 2 + 6, 0, 0]);
  });

  it('handles an empty batch', () => {
    const g = sparseRowGradient([], new Float32Array(0), 3);
    expect(g.rows.length).to.equal(0);
    expect(densifyRowGradient(g, 2)).to.deep.equal(new Float32Array(6));
  });

  it('checks that dy has one row per id', async () => {
    await expectThrows(() => sparseRowGradient([1, 2], new Float32Array(3), 2), 'upstream gradient has 3 values, expected ids (2) x dim (2)');
  });
});
