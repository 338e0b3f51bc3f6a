import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {formatFixed, formatInterval, formatPercent} from '../src/index.js';

describe('number formatting', () => {
  it('prints fixed decimals', () => {
    expect(formatFixed(0.63549)).to.equal('0.635');
    expect(formatFixed(2, 2)).to.equal('2.00');
    expect(formatFixed(-1.25, 1)).to.equal('-1.3'); // toFixed: tie goes to the larger magnitude
    expect(formatFixed(12.5, 0)).to.equal('13');
  });

  it('never prints a negative zero', () => {
    expect(formatFixed(-0.0001)).to.equal('0.000');
    expect(formatFixed(-0)).to.equal('0.000');
    expect(formatFixed(-0.4, 0)).to.equal('0');
  });

  it('prints n/a for NaN and infinities', () => {
    expect(formatFixed(Number.NaN)).to.equal('n/a');
    expect(formatFixed(Number.NEGATIVE_INFINITY)).to.equal('n/a');
    expect(formatPercent(Number.NaN)).to.equal('n/a');
  });

  it('prints intervals as value [lo, hi]', () => {
    expect(formatInterval(0.635, 0.628, 0.642)).to.equal('0.635 [0.628, 0.642]');
    expect(formatInterval(0.1, -0.05, 0.2, 2)).to.equal('0.10 [-0.05, 0.20]');
  });

  it('prints percentages', () => {
    expect(formatPercent(0.6354)).to.equal('63.5%');
    expect(formatPercent(1, 0)).to.equal('100%');
  });

  it('rejects a bad digit count', async () => {
    await expectThrows(() => formatFixed(1, 1.5), 'digits');
    await expectThrows(() => formatFixed(1, -1), 'digits');
  });
});
