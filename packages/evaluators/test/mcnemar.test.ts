import {expect} from 'chai';
import {erfc, mcnemar, mcnemarCounts} from '../src/mcnemar.js';

describe('mcnemar', () => {
  it('counts only discordant questions', () => {
    const a = [true, true, false, false, true];
    const b = [true, false, true, false, false];
    const r = mcnemar(a, b);
    expect([r.b, r.c]).to.deep.equal([2, 1]);
  });

  it('gives the exact binomial p-value (b=1, c=6: 2 * (1 + 7) / 128)', () => {
    expect(mcnemarCounts(1, 6).exactP).to.be.closeTo(0.125, 1e-12);
    expect(mcnemarCounts(6, 1).exactP).to.be.closeTo(0.125, 1e-12);
  });

  it('gives the continuity-corrected chi-square (b=1, c=6: 16/7, p = 2(1 - Phi(1.5119)) = 0.1306)', () => {
    const r = mcnemarCounts(1, 6);
    expect(r.chi2).to.be.closeTo(16 / 7, 1e-12);
    expect(r.chi2P).to.be.closeTo(0.1306, 2e-4);
  });

  it('is 1 with no discordant pairs and when b = c', () => {
    expect(mcnemarCounts(0, 0).exactP).to.equal(1);
    expect(mcnemarCounts(5, 5).exactP).to.equal(1);
  });

  it('erfc matches known values', () => {
    expect(erfc(0)).to.be.closeTo(1, 1e-7);
    expect(erfc(1)).to.be.closeTo(0.157299207, 1e-7);
    expect(erfc(-1)).to.be.closeTo(1.842700793, 1e-7);
  });
});
