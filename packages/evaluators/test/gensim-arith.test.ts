import {expect} from 'chai';
import {gensimQuery, numpySumSquaresF32} from '../src/gensim-arith.js';

const f = Math.fround;

describe("gensim's float32 arithmetic", () => {
  it("sums squares in numpy's pairwise order: 8 float32 partial sums, then the remainder", () => {
    // 10 values: partials r0..r7 take x0..x7, combined ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then + x8^2 + x9^2.
    const x = Float32Array.from([1e4, 1, 1e-4, 3, 1e4, 2, 5e-5, 7, 0.1, 1e-3]);
    const sq = [...x].map((v) => f(v * v));
    let res = f(f(f(sq[0]! + sq[1]!) + f(sq[2]! + sq[3]!)) + f(f(sq[4]! + sq[5]!) + f(sq[6]! + sq[7]!)));
    res = f(f(res + sq[8]!) + sq[9]!);
    expect(numpySumSquaresF32(x, 0, 10)).to.equal(res);
  });

  it('builds a unit query from b + c - a (mean, then float32 scaling)', () => {
    const unit = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]); // a, b, c
    const q = gensimQuery(unit, 3, 0, 1, 2);
    expect(Math.hypot(...q)).to.be.closeTo(1, 1e-6);
    expect([...q].map((v) => Math.sign(v))).to.deep.equal([-1, 1, 1]);
  });
});
