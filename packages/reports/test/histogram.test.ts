import {expect} from 'chai';
import {histogramBins, median} from '../src/internal.js';

describe('histogramBins', () => {
  it('counts values into [start, end) bins with the last bin closed', () => {
    expect(histogramBins([0, 0.05, 0.1, 0.12, 0.5, 1], 0, 1, 0.25)).to.deep.equal([
      {start: 0, end: 0.25, count: 4},
      {start: 0.25, end: 0.5, count: 0},
      {start: 0.5, end: 0.75, count: 1},
      {start: 0.75, end: 1, count: 1},
    ]);
  });

  it('puts a value that is a bin edge up to float noise into the bin it starts', () => {
    // (0.3 - 0) / 0.1 is 2.9999999999999996 in float64; 0.3 still belongs to [0.3, 0.4).
    const bins = histogramBins([0.3], 0, 1, 0.1);
    expect(bins).to.have.length(10);
    expect(bins[3]).to.deep.equal({start: 0.3, end: 0.4, count: 1});
  });

  it('clamps values outside the range into the end bins', () => {
    const bins = histogramBins([-2, 5], 0, 1, 0.5);
    expect(bins.map((b) => b.count)).to.deep.equal([1, 1]);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
  });
});
