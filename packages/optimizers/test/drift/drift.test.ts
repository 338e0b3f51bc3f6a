import {createRng, initBackend, WordVectors} from '@embedlab/core';
import {expectArraysClose, expectNoLeaks, expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {cosineDrift, exactNeighbours, knnOverlap, measureDrift, rankBuckets, sampleBuckets, summarize} from '../../src/index.js';

const deg = (a: number) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)];
/** Unit vectors at these angles; "after" moves row 2 from 25 to 200 degrees. */
const initial = WordVectors.fromEntries([0, 10, 25, 100, 180].map((a, i) => [`w${i}`, deg(a)]));
const tuned = WordVectors.fromEntries([0, 10, 200, 100, 180].map((a, i) => [`w${i}`, deg(a)]));

describe('drift', () => {
  before(async () => {
    await initBackend();
  });

  it('cosineDrift by hand; NaN for a zero row', () => {
    const a = {data: Float32Array.from([1, 0, 0, 1, 1, 1, 0, 0, 3, 4]), dim: 2};
    const b = {data: Float32Array.from([1, 1, 0, 2, -1, -1, 1, 0, 3, 4]), dim: 2};
    const c = cosineDrift(a, b);
    expectArraysClose(c.subarray(0, 3), [Math.SQRT1_2, 1, -1], 1e-7);
    expect(c[3]).to.be.NaN;
    expect(c[4]).to.be.closeTo(1, 1e-12);
  });

  it('exactNeighbours: angular neighbours by hand, self excluded, same with tiny blocks', async () => {
    const want = [
      [1, 2],
      [0, 2],
      [1, 0],
      [2, 4],
      [3, 2],
    ];
    const q = Int32Array.from([0, 1, 2, 3, 4]);
    const got = await expectNoLeaks(() => exactNeighbours(initial.data, 2, q, {k: 2}));
    expect(Array.from(got)).to.deep.equal(want.flat());
    expect(Array.from(exactNeighbours(initial.data, 2, q, {k: 2, chunkRows: 2, queryBlock: 2}))).to.deep.equal(want.flat());
    // k larger than the other rows: -1 fills the tail
    expect(Array.from(exactNeighbours(initial.data, 2, Int32Array.from([0]), {k: 6}))).to.deep.equal([1, 2, 3, 4, -1, -1]);
  });

  it('exactNeighbours agrees with WordVectors.nearest on random vectors', () => {
    const rng = createRng(3);
    const vecs = WordVectors.fromEntries(Array.from({length: 300}, (_, i) => [`w${i}`, Array.from({length: 16}, () => rng.normal())]));
    const q = Int32Array.from([0, 17, 299]);
    const got = exactNeighbours(vecs.data, 16, q, {k: 10, chunkRows: 64});
    q.forEach((r, i) => expect(Array.from(got.subarray(i * 10, i * 10 + 10))).to.deep.equal(vecs.nearest(`w${r}`, {k: 10}).map((n) => n.index)));
  });

  it('knnOverlap by hand (k = 2)', () => {
    // row: before {..} after {..}: 0 {1,2}{1,3}; 1 {0,2}{0,3}; 2 {1,0}{4,3}; 3 {2,4}{4,1}; 4 {3,2}{2,3}
    expectArraysClose(knnOverlap(initial, tuned, Int32Array.from([0, 1, 2, 3, 4]), {k: 2}), [0.5, 0.5, 0, 0.5, 1]);
  });

  it('rankBuckets: log-spaced by default, custom edges', () => {
    expect(rankBuckets(2500)).to.deep.equal([
      {label: '0-99', from: 0, to: 100},
      {label: '100-999', from: 100, to: 1000},
      {label: '1000-2499', from: 1000, to: 2500},
    ]);
    expect(rankBuckets(5, {edges: [2, 10]}).map((b) => b.label)).to.deep.equal(['0-1', '2-4']);
  });

  it('sampleBuckets: seeded, distinct, within the bucket, skipping rows', () => {
    const b = rankBuckets(1000, {edges: [10]});
    const s1 = sampleBuckets(b, 5, 9, (r) => r === 3);
    expect(s1.map((s) => Array.from(s))).to.deep.equal(sampleBuckets(b, 5, 9, (r) => r === 3).map((s) => Array.from(s)));
    expect(new Set(s1[1]).size).to.equal(5);
    expect(Array.from(s1[0] as Int32Array).includes(3)).to.equal(false);
    expect((s1[1] as Int32Array).every((r) => r >= 10 && r < 1000)).to.equal(true);
    expect(sampleBuckets(b, 50, 1)[0]?.length).to.equal(10);
  });

  it('measureDrift summarizes cosine and overlap by bucket', () => {
    const rep = measureDrift(initial, tuned, {k: 2, seed: 1, buckets: rankBuckets(5, {edges: [2]}), samplePerBucket: 10});
    const [b0, b1] = rep.buckets;
    expect(b0?.cosine.mean).to.be.closeTo(1, 1e-7);
    expect(b1?.cosine.mean).to.be.closeTo((2 + Math.cos((175 * Math.PI) / 180)) / 3, 1e-7);
    expect(b0?.knnOverlap.mean).to.be.closeTo(0.5, 1e-12);
    expect(b1?.knnOverlap.mean).to.be.closeTo(0.5, 1e-12);
    expect(b1?.sample.map((s) => [s.word, s.overlap])).to.deep.equal([
      ['w2', 0],
      ['w3', 0.5],
      ['w4', 1],
    ]);
    expect(rep.overall.knnOverlap.count).to.equal(5);
  });

  it('summarize: mean, median, nearest-rank quantiles, NaN skipped', () => {
    const s = summarize([4, NaN, 1, 3, 2]);
    expect([s.count, s.mean, s.median, s.min, s.max, s.p10, s.p90]).to.deep.equal([4, 2.5, 2.5, 1, 4, 1, 4]);
  });

  it('rejects tables of different shapes or words', async () => {
    await expectThrows(() => cosineDrift(initial, {data: new Float32Array(4), dim: 2}), 'same shape');
    const renamed = WordVectors.fromEntries([0, 10, 25, 100, 180].map((a, i) => [i === 3 ? 'x' : `w${i}`, deg(a)]));
    await expectThrows(() => cosineDrift(initial, renamed), 'row 3');
  });
});
