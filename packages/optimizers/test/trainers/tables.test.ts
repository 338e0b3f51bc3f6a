import {expect} from 'chai';
import {
  CUM_TABLE_DOMAIN,
  cumulativeBuckets,
  cumulativeTable,
  EXP_INDEX_SCALE,
  keepProbabilities,
  negLogSigmoidTable,
  sigmoidTable,
  unigramTable,
} from '../../src/trainers/tables.js';
import {Lcg64} from '../../src/trainers/lcg.js';

describe('word2vec tables', () => {
  it('index scale is 83 (word2vec.c integer division 1000 / 6 / 2)', () => {
    expect(EXP_INDEX_SCALE).to.equal(83);
  });
  it('sigmoid table: entry 500 is sigma(0) = 0.5, entry 750 is sigma(3)', () => {
    const t = sigmoidTable();
    expect(t[500]).to.equal(0.5);
    expect(t[750]).to.be.closeTo(1 / (1 + Math.exp(-3)), 1e-7);
  });
  it('loss table: bin centre value of -log sigma', () => {
    const t = negLogSigmoidTable();
    const z = (498 + 0.5) / 83 - 6; // bin holding z = 0
    expect(t[498]).to.be.closeTo(Math.log(1 + Math.exp(-z)), 1e-6);
    expect(Math.abs(t[498]! - Math.log(2))).to.be.below(0.004);
  });
  it('unigram table: slot shares follow count^0.75 (16, 1, 81 -> 8 : 1 : 27) and zero counts never appear', () => {
    const t = unigramTable([0, 16, 1, 81], 36000);
    const slots = [0, 0, 0, 0];
    for (const w of t) slots[w]!++;
    expect(slots[0]).to.equal(0);
    // word2vec's fill loop is off by at most one slot per boundary
    expect(Math.abs(slots[1]! - 8000)).to.be.at.most(2);
    expect(Math.abs(slots[2]! - 1000)).to.be.at.most(2);
    expect(Math.abs(slots[3]! - 27000)).to.be.at.most(2);
  });
  it('cumulative table (gensim cum_table): round(cumulative count^0.75 share * (2^31 - 1))', () => {
    const t = cumulativeTable([16, 1, 81]); // 8, 1, 27 of 36
    expect(CUM_TABLE_DOMAIN).to.equal(2147483647);
    expect([...t]).to.deep.equal([Math.round((8 / 36) * 2147483647), Math.round((9 / 36) * 2147483647), 2147483647]);
  });
  it('bucket index: entry k is the first word with cum >= k * 2^15', () => {
    const cum = cumulativeTable([16, 1, 81]);
    const b = cumulativeBuckets(cum);
    const first = (bound: number) => [...cum].findIndex((c) => c >= bound);
    for (const k of [0, 1, 14563, 14564, 16383, 16384, 65535]) expect(b[k], `k ${k}`).to.equal(first(k * 32768));
    expect(b[65536]).to.equal(3); // 2^31 exceeds every entry
  });
  it('keep probability: (sqrt(f / (s T)) + 1) (s T) / f', () => {
    // T = 1000 words, sample 1e-3 -> s T = 1
    const p = keepProbabilities([900, 90, 10], 1e-3);
    expect(p[0]).to.be.closeTo((30 + 1) / 900, 1e-7);
    expect(p[1]).to.be.closeTo((Math.sqrt(90) + 1) / 90, 1e-7);
    expect(p[2]).to.be.closeTo((Math.sqrt(10) + 1) / 10, 1e-7);
    expect([...keepProbabilities([900, 90, 10], 0)]).to.deep.equal([1, 1, 1]);
  });
});

describe('Lcg64 (word2vec random stream)', () => {
  it('matches the recurrence computed with BigInt, and its mod / shift helpers', () => {
    let ref = 0xdeadbeefcafe1234n;
    const r = Lcg64.fromBigInt(ref);
    for (let k = 0; k < 1000; k++) {
      ref = BigInt.asUintN(64, ref * 25214903917n + 11n);
      r.next();
      expect(r.toBigInt()).to.equal(ref);
      expect(r.mod(5)).to.equal(Number(ref % 5n));
      expect(r.shr16mod(1000003)).to.equal(Number((ref >> 16n) % 1000003n));
      expect(r.low16()).to.equal(Number(ref & 0xffffn));
      expect(r.bits16to31()).to.equal(Number((ref >> 16n) & 0xffffn));
    }
  });
  it('window shrink b = (next >> 16) % window is uniform on 0..window-1, also for a power-of-two window', () => {
    const r = new Lcg64(0, 7);
    for (const w of [5, 4]) {
      const hist = new Array<number>(w).fill(0);
      const pairs = new Array<number>(w * w).fill(0);
      const n = 50000;
      let prev = 0;
      for (let k = 0; k < n; k++) {
        r.next();
        const b = r.shr16mod(w);
        hist[b]!++;
        pairs[prev * w + b]!++;
        prev = b;
      }
      // each bin: n/w, sd = sqrt(n p (1-p)) < 100; allow 5 sd. Consecutive draws independent too (the
      // low bits of this LCG would fail this for w = 4: next % 4 has period 4).
      for (const h of hist) expect(Math.abs(h - n / w)).to.be.below(500);
      for (const p of pairs) expect(Math.abs(p - n / (w * w))).to.be.below(5 * Math.sqrt(n / (w * w)));
    }
  });
});
