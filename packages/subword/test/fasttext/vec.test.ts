import {expect} from 'chai';
import {formatG, vecLine} from '../../src/index.js';

describe('formatG (C++ stream precision 5 = printf %.5g)', () => {
  // Expected strings from `printf '%.5g\n' x` (glibc).
  const cases: [number, string][] = [
    [0.00390625, '0.0039062'], // exact tie: glibc rounds half to even, toPrecision would give ...63
    [12345.5, '12346'],
    [12344.5, '12344'],
    [65536.5, '65536'],
    [1e-5, '1e-05'],
    [123456, '1.2346e+05'],
    [0.5, '0.5'],
    [100000, '1e+05'],
    [99999.5, '1e+05'],
    [0.0001, '0.0001'],
    [0.00001234, '1.234e-05'],
    [-0.0089714, '-0.0089714'],
    [2.5, '2.5'],
    [0.000244140625, '0.00024414'],
    [-3.0517578125e-5, '-3.0518e-05'],
    [1, '1'],
    [10, '10'],
    [0.1, '0.1'],
    [Math.fround(0.3), '0.3'],
    [3.4028234663852886e38, '3.4028e+38'],
    [1.401298464324817e-45, '1.4013e-45'],
    [0, '0'],
    [-0, '-0'],
  ];
  for (const [x, want] of cases) {
    it(`${x} -> ${want}`, () => expect(formatG(x)).to.equal(want));
  }

  it('writes a .vec line with a space after every value', () => {
    expect(vecLine('the', [0.5, -1e-5])).to.equal('the 0.5 -1e-05 \n');
  });
});
