import {expect} from 'chai';
import {createRng} from '../src/index.js';
import {StringIndex, hashString} from '../src/string-index.js';

describe('StringIndex', () => {
  it('agrees with a Map on 50k random words (ASCII, accented, emoji, empty, __proto__) and on absent words', () => {
    const rng = createRng(5);
    const alphabet = ['a', 'b', 'c', 'é', 'ß', '😀', '-', "'", '0'];
    const seen = new Map<string, number>();
    const words: string[] = ['', '__proto__', 'constructor'];
    while (words.length < 50000) {
      const w = Array.from({length: 1 + rng.int(9)}, () => alphabet[rng.int(alphabet.length)]).join('');
      if (!words.includes(w) && !seen.has(w)) words.push(w);
      seen.set(w, 0);
    }
    words.forEach((w, i) => seen.set(w, i));
    const index = new StringIndex(words);
    expect(index.duplicate).to.equal(undefined);
    for (const [w, i] of seen) expect(index.get(w), w).to.equal(i);
    for (const absent of ['zzz', 'a'.repeat(20), '😀😀😀😀😀😀😀😀😀😀x', ' ']) expect(index.get(absent), absent).to.equal(-1);
  });

  it('reports the first repeated word as [first row, repeated row]', () => {
    expect(new StringIndex(['x', 'y', 'z', 'y', 'x']).duplicate).to.deep.equal([1, 3]);
    expect(new StringIndex([]).duplicate).to.equal(undefined);
    expect(new StringIndex([]).get('x')).to.equal(-1);
  });

  it('hashString: FNV-1a + murmur finalizer, fixed values (the table layout depends on them)', () => {
    // FNV-1a of "" is the offset basis 0x811c9dc5; the finalizer of that, computed by hand with BigInt:
    const fmix = (x: bigint) => {
      const m = (a: bigint, b: bigint) => (a * b) & 0xffffffffn;
      x ^= x >> 16n;
      x = m(x, 0x85ebca6bn);
      x ^= x >> 13n;
      x = m(x, 0xc2b2ae35n);
      return Number(x ^ (x >> 16n)) | 0;
    };
    let h = 0x811c9dc5n;
    for (const c of 'king') h = ((h ^ BigInt(c.charCodeAt(0))) * 0x01000193n) & 0xffffffffn;
    expect(hashString('')).to.equal(fmix(0x811c9dc5n));
    expect(hashString('king')).to.equal(fmix(h));
    expect(hashString('king')).to.not.equal(hashString('kinf'));
  });
});
