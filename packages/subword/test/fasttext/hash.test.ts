import {expect} from 'chai';
import {fastTextHash, fastTextHashBytes} from '../../src/index.js';

/** Reference: FNV-1a over bytes, each byte taken as a signed 8-bit value, in BigInt arithmetic. */
function referenceHash(bytes: Uint8Array): number {
  let h = 2166136261n;
  for (const b of bytes) {
    const signed = BigInt(b >= 128 ? b - 256 : b);
    h = (h ^ BigInt.asUintN(32, signed)) & 0xffffffffn;
    h = (h * 16777619n) & 0xffffffffn;
  }
  return Number(h);
}

/** Plain FNV-1a (bytes unsigned), to show where fastText's hash differs. */
function plainFnv1a(bytes: Uint8Array): number {
  let h = 2166136261n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 16777619n) & 0xffffffffn;
  return Number(h);
}

describe('fastText hash', () => {
  const enc = new TextEncoder();

  it('is FNV-1a on ASCII (offset basis for the empty string, the published value for "a")', () => {
    expect(fastTextHash('')).to.equal(2166136261);
    expect(fastTextHash('a')).to.equal(0xe40c292c);
    expect(fastTextHash('<wh')).to.equal(plainFnv1a(enc.encode('<wh')));
  });

  for (const word of ['café', 'naïve', '日本語', '<—Sir>', 'ΚΑΛΗ', '\u{1F40B}']) {
    it(`sign-extends bytes >= 0x80 before the XOR (${word})`, () => {
      const bytes = enc.encode(word);
      expect(fastTextHash(word)).to.equal(referenceHash(bytes));
      expect(fastTextHash(word)).to.not.equal(plainFnv1a(bytes));
    });
  }

  it('hashes a byte range and returns an unsigned 32-bit integer', () => {
    const bytes = enc.encode('xx<café>yy');
    expect(fastTextHashBytes(bytes, 2, bytes.length - 2)).to.equal(fastTextHash('<café>'));
    for (const w of ['a', 'é', 'the', '日本語']) {
      const h = fastTextHash(w);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32, w).to.equal(true);
    }
  });
});
