import {expect} from 'chai';
import {createRng, deriveSeed} from '../src/index.js';
import {expectThrows} from '@embedlab/testing';

describe('rng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = createRng(42),
      b = createRng(42),
      c = createRng(43);
    const xs = Array.from({length: 8}, () => a.nextUint32());
    expect(Array.from({length: 8}, () => b.nextUint32())).to.deep.equal(xs);
    expect(Array.from({length: 8}, () => c.nextUint32())).to.not.deep.equal(xs);
  });

  it('refuses a missing or non-integer seed instead of running unseeded', async () => {
    await expectThrows(() => createRng(undefined as unknown as number), 'seed must be a finite integer');
    await expectThrows(() => createRng(1.5), 'seed must be a finite integer');
    await expectThrows(() => createRng(Number.NaN), 'seed must be a finite integer');
  });

  it('draws uniform floats in [0,1) with the right mean and normals with mean 0, variance 1', () => {
    const r = createRng(7);
    let sum = 0,
      n = 20000,
      s1 = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.float();
      expect(u).to.be.at.least(0).and.below(1);
      sum += u;
      const z = r.normal();
      s1 += z;
      s2 += z * z;
    }
    expect(sum / n).to.be.closeTo(0.5, 0.01);
    expect(s1 / n).to.be.closeTo(0, 0.03);
    expect(s2 / n).to.be.closeTo(1, 0.03);
  });

  it('int(n) covers [0,n) evenly', () => {
    const r = createRng(3);
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 50000; i++) counts[r.int(5)]!++;
    for (const c of counts) expect(c).to.be.closeTo(10000, 400);
  });

  it('shuffle is a permutation and depends on the seed', () => {
    const xs = Array.from({length: 20}, (_, i) => i);
    const s1 = createRng(1).shuffle([...xs]);
    expect([...s1].sort((a, b) => a - b)).to.deep.equal(xs);
    expect(createRng(1).shuffle([...xs])).to.deep.equal(s1);
    expect(createRng(2).shuffle([...xs])).to.not.deep.equal(s1);
  });

  it('derives distinct non-zero child seeds per label', () => {
    const a = deriveSeed(1337, 'optimizer'),
      b = deriveSeed(1337, 'evaluators.0');
    expect(a).to.not.equal(b);
    expect(a).to.be.above(0);
    expect(deriveSeed(1337, 'optimizer')).to.equal(a);
    expect(createRng(5).fork('x').nextUint32()).to.equal(createRng(deriveSeed(5, 'x')).nextUint32());
  });
});
