import {expect} from 'chai';
import {averageRanks, pearson, spearman} from '../src/stats.js';

describe('stats', () => {
  it('gives tied values the mean of their ranks', () => {
    expect([...averageRanks([10, 20, 20, 5, 20])]).to.deep.equal([2, 4, 4, 1, 4]);
  });

  it('computes Spearman with ties as Pearson of average ranks (hand computation)', () => {
    // x ranks [1, 2.5, 2.5, 4], y ranks [1, 3, 2, 4]: sxy = 4.5, sxx = 4.5, syy = 5.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).to.be.closeTo(4.5 / Math.sqrt(4.5 * 5), 1e-15);
  });

  it('computes Pearson (hand computation)', () => {
    // dx = [-1, 0, 1], dy = [-7/3, -1/3, 8/3]: sxy = 5, sxx = 2, syy = 114/9.
    expect(pearson([1, 2, 3], [2, 4, 7])).to.be.closeTo(5 / Math.sqrt((2 * 114) / 9), 1e-15);
  });

  it('is NaN for a constant side and for fewer than 2 items', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).to.be.NaN;
    expect(spearman([1], [2])).to.be.NaN;
  });

  it('is +1 / -1 for monotone data', () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10000])).to.equal(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).to.equal(-1);
  });
});
