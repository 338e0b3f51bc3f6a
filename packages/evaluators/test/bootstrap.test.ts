import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import {bootstrapInterval, bootstrapProportion, pairedBootstrap, quantileSorted} from '../src/bootstrap.js';

describe('bootstrap', () => {
  it('uses numpy-style linear quantiles', () => {
    expect(quantileSorted([0, 10], 0.25)).to.equal(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).to.equal(3);
  });

  it('records its settings and is reproducible for a seed', () => {
    const flags = Array.from({length: 200}, (_, i) => i % 3 === 0);
    const a = bootstrapProportion(flags, {seed: 7, resamples: 300});
    const b = bootstrapProportion(flags, {seed: 7, resamples: 300});
    const c = bootstrapProportion(flags, {seed: 8, resamples: 300});
    expect(a).to.deep.equal(b);
    expect(a).to.not.deep.equal(c);
    expect(a).to.include({seed: 7, resamples: 300, level: 0.95, method: 'percentile'});
  });

  it('brackets the point estimate with a width near the normal approximation', () => {
    const flags = Array.from({length: 400}, (_, i) => i % 2 === 0); // p = 0.5
    const iv = bootstrapProportion(flags, {seed: 3, resamples: 2000});
    expect(iv.low).to.be.below(0.5);
    expect(iv.high).to.be.above(0.5);
    // Normal approximation: 2 * 1.96 * sqrt(0.25 / 400) = 0.098.
    expect(iv.high - iv.low).to.be.closeTo(0.098, 0.015);
  });

  it('collapses to a point for a constant outcome', () => {
    const iv = bootstrapProportion([true, true, true], {seed: 1, resamples: 50});
    expect([iv.low, iv.high]).to.deep.equal([1, 1]);
  });

  it('counts undefined resample statistics instead of averaging them in', () => {
    const iv = bootstrapInterval(4, () => NaN, {seed: 1, resamples: 10});
    expect(iv.invalid).to.equal(10);
  });

  it('paired bootstrap: identical systems differ by 0 with p = 1; a clear gap is significant', () => {
    const same = pairedBootstrap(50, (idx) => idx.length, {seed: 1, resamples: 200});
    expect(same.difference).to.equal(0);
    expect(same.pValue).to.equal(1);
    const a = Array.from({length: 300}, (_, i) => i % 10 !== 0); // 90%
    const b = Array.from({length: 300}, (_, i) => i % 2 === 0); // 50%
    const mean = (f: boolean[], idx: Int32Array) => idx.reduce((s, i) => s + (f[i] ? 1 : 0), 0) / idx.length;
    const gap = pairedBootstrap(300, (idx, sys) => mean(sys === 0 ? a : b, idx), {seed: 1, resamples: 500});
    expect(gap.difference).to.be.closeTo(0.4, 1e-12);
    expect(gap.pValue).to.be.below(0.01);
    expect(gap.interval.low).to.be.above(0.3);
  });

  it('rejects bad settings', async () => {
    await expectThrows(() => bootstrapProportion([true], {resamples: 0}), 'resamples');
    await expectThrows(() => bootstrapProportion([true], {level: 1}), 'level');
  });
});
