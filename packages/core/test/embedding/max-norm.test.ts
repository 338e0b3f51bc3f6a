import {expect} from 'chai';
import {expectArraysClose} from '@embedlab/testing';
import {renormRows} from '../../src/internal.js';

describe('renormRows', () => {
  it('scales each looked-up row above maxNorm to maxNorm (once, however often it is looked up)', () => {
    const t = Float32Array.of(3, 4, 0, 0.5, 6, 8, 30, 40); // norms 5, 0.5, 10, 50
    expect(renormRows(t, 2, Int32Array.of(0, 2, 0, 1), 2)).to.equal(2);
    const s0 = 2 / (5 + 1e-7),
      s2 = 2 / (10 + 1e-7);
    expectArraysClose(t, [3 * s0, 4 * s0, 0, 0.5, 6 * s2, 8 * s2, 30, 40]); // row 3 was not looked up
    expect(Math.hypot(t[0]!, t[1]!)).to.be.closeTo(2, 1e-6);
    expect(renormRows(t, 2, Int32Array.of(0, 1, 2), 2)).to.equal(0); // already within the cap
  });
});
