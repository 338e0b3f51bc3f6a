import {createRng} from '@embedlab/core';
import {expect} from 'chai';
import {formatFloat32} from '../src/float-format.js';

/** Independent reference: fewest significant digits (by toPrecision) that read back to the same float32. */
function shortestDigitCount(x: number): number {
  for (let p = 1; p <= 9; p++) if (Math.fround(Number(x.toPrecision(p))) === x) return p;
  return 9;
}

/** Significant digits of a printed decimal (leading and trailing zeros do not count). */
const digitCount = (s: string) => s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;

describe('formatFloat32', () => {
  it('prints known values as JavaScript lays out their shortest decimal', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '-0'],
      [0.1, '0.1'],
      [-0.32307, '-0.32307'],
      [0.0079988, '0.0079988'],
      [100, '100'],
      [16777216, '16777216'],
      [1e-7, '1e-7'],
      [1.5e-7, '1.5e-7'],
      [0.000001, '0.000001'],
      [1e21, '1e+21'],
      [1.5e21, '1.5e+21'],
      [123456789012, '123456790000'],
      [3.4028234663852886e38, '3.4028235e+38'],
      [1.401298464324817e-45, '1e-45'],
      [6.11760043, '6.1176004'],
    ];
    for (const [x, s] of cases) expect(formatFloat32(x), String(x)).to.equal(s);
  });

  it('reads back to the same float32 with the fewest digits, for random bit patterns', () => {
    const rng = createRng(3);
    const bits = new Uint32Array(1);
    const f = new Float32Array(bits.buffer);
    for (let i = 0; i < 20000; i++) {
      bits[0] = rng.nextUint32();
      const x = f[0] as number;
      if (!Number.isFinite(x)) continue;
      const s = formatFloat32(x);
      if (!Object.is(Math.fround(Number(s)), x)) expect.fail(`${x} printed as ${s}, reads back as ${Math.fround(Number(s))}`);
      // Layout: the same text JavaScript gives that decimal.
      expect(String(Number(s))).to.equal(s);
      if (x !== 0 && digitCount(s) > shortestDigitCount(x)) expect.fail(`${x}: ${s} has more digits than ${x.toPrecision(shortestDigitCount(x))}`);
    }
  });
});
