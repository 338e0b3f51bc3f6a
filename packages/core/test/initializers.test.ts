import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import {ArgumentError, INITIALIZER_NAMES, initializeTable, messages, resolveInitializer} from '../src/index.js';

function stats(xs: Float32Array): {mean: number; variance: number; min: number; max: number} {
  let s = 0,
    s2 = 0,
    min = Infinity,
    max = -Infinity;
  for (const x of xs) {
    s += x;
    s2 += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const mean = s / xs.length;
  return {mean, variance: s2 / xs.length - mean * mean, min, max};
}

describe('initializers', () => {
  it('are reproducible for a seed and differ across seeds', () => {
    for (const name of ['randomUniform', 'randomNormal', 'glorotUniform'] as const) {
      const a = initializeTable({name, seed: 11}, 50, 4);
      expect(initializeTable({name, seed: 11}, 50, 4), name).to.deep.equal(a);
      expect(initializeTable({name, seed: 12}, 50, 4), name).to.not.deep.equal(a);
    }
  });

  it('randomUniform defaults to U[-0.05, 0.05): range, mean 0 and variance 0.1^2 / 12', () => {
    const s = stats(initializeTable('randomUniform', 1000, 50, 3));
    expect(s.min).to.be.at.least(-0.05);
    expect(s.max).to.be.at.most(0.05);
    expect(s.min).to.be.below(-0.049);
    expect(s.max).to.be.above(0.049);
    expect(s.mean).to.be.closeTo(0, 0.001);
    expect(s.variance).to.be.closeTo(0.01 / 12, 0.00005);
  });

  it('randomUniform honours minval/maxval, including minval 0 (tfjs turns 0 into -0.05)', () => {
    const s = stats(initializeTable({name: 'randomUniform', seed: 4, minval: 0, maxval: 2}, 200, 50));
    expect(s.min).to.be.at.least(0);
    expect(s.max).to.be.below(2);
    expect(s.mean).to.be.closeTo(1, 0.02);
  });

  it('randomNormal has the requested mean and standard deviation (default 0, 0.05)', () => {
    const d = stats(initializeTable({name: 'randomNormal', seed: 5}, 1000, 50));
    expect(d.mean).to.be.closeTo(0, 0.001);
    expect(Math.sqrt(d.variance)).to.be.closeTo(0.05, 0.001);
    const s = stats(initializeTable({name: 'randomNormal', seed: 5, mean: 2, stddev: 3}, 1000, 50));
    expect(s.mean).to.be.closeTo(2, 0.05);
    expect(Math.sqrt(s.variance)).to.be.closeTo(3, 0.05);
  });

  it('glorotUniform is uniform on +-sqrt(6 / (rows + dim))', () => {
    const limit = Math.sqrt(6 / (300 + 100)); // 0.12247
    const s = stats(initializeTable({name: 'glorotUniform', seed: 6}, 300, 100));
    expect(s.min).to.be.at.least(-limit);
    expect(s.max).to.be.at.most(limit);
    expect(s.max).to.be.above(limit * 0.99);
    expect(s.variance).to.be.closeTo((limit * limit) / 3, 0.0002);
  });

  it('zeros needs no seed', () => {
    expect(Array.from(initializeTable('zeros', 3, 2))).to.deep.equal([0, 0, 0, 0, 0, 0]);
  });

  it('fills defaults; the spec seed wins over the fallback seed', () => {
    expect(resolveInitializer(undefined, 9)).to.deep.equal({name: 'randomUniform', seed: 9, minval: -0.05, maxval: 0.05});
    expect(resolveInitializer({name: 'randomNormal', seed: 2}, 9)).to.deep.equal({name: 'randomNormal', seed: 2, mean: 0, stddev: 0.05});
    expect(resolveInitializer('glorotUniform', 9)).to.deep.equal({name: 'glorotUniform', seed: 9});
    expect(INITIALIZER_NAMES).to.have.members(['randomUniform', 'randomNormal', 'glorotUniform', 'zeros']);
  });

  it('refuses a random initializer without a seed, unknown names and bad parameters', async () => {
    const e = await expectThrows(() => resolveInitializer('randomUniform'), messages.initializerNeedsSeed('randomUniform'));
    expect(e).to.be.instanceOf(ArgumentError);
    await expectThrows(() => resolveInitializer({name: 'glorotUniform', seed: 1.5}), 'seed must be a finite integer');
    await expectThrows(() => resolveInitializer('heNormal' as 'zeros'), messages.unknownInitializer('heNormal', INITIALIZER_NAMES));
    await expectThrows(() => resolveInitializer({name: 'randomUniform', seed: 1, minval: 1, maxval: 1}), 'maxval must be greater than minval 1');
    await expectThrows(() => resolveInitializer({name: 'randomNormal', seed: 1, stddev: 0}), 'stddev must be positive');
    await expectThrows(() => resolveInitializer({name: 'randomNormal', seed: 1, mean: NaN}), 'mean must be a finite number');
  });
});
