import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import type {AnalogyResult} from '../src/analogy.js';
import {compareAnalogy, compareSimilarity} from '../src/compare.js';
import type {SimilarityResult} from '../src/similarity.js';

const rec = (correct: boolean, status: 'answered' | 'oov' = 'answered') => ({
  section: 's',
  a: 'a',
  b: 'b',
  c: 'c',
  answers: ['d'],
  status,
  predicted: null,
  correct,
});

describe('paired comparisons', () => {
  it('compareAnalogy pairs the questions both answered: McNemar counts and bootstrap difference', () => {
    // A right/B wrong on 3, A wrong/B right on 1, both right on 1; the OOV question is left out.
    const a = {records: [rec(true), rec(true), rec(true), rec(false), rec(true), rec(true, 'oov')]} as unknown as AnalogyResult;
    const b = {records: [rec(false), rec(false), rec(false), rec(true), rec(true), rec(false)]} as unknown as AnalogyResult;
    const c = compareAnalogy(a, b, {seed: 2, resamples: 200});
    expect(c.questions).to.equal(5);
    expect([c.mcnemar.b, c.mcnemar.c]).to.deep.equal([3, 1]);
    expect(c.mcnemar.exactP).to.be.closeTo(0.625, 1e-12); // 2 * P(X <= 1), X ~ Bin(4, 1/2) = 2 * 5/16
    expect(c.bootstrap.difference).to.be.closeTo(4 / 5 - 2 / 5, 1e-12);
  });

  it('compareSimilarity needs records and equal item lists', async () => {
    const r = (models: (number | null)[]) =>
      ({records: models.map((m, i) => ({w1: 'x', w2: 'y', gold: i, model: m, oov: m === null}))}) as unknown as SimilarityResult;
    const same = compareSimilarity(r([1, 2, 3, 4, 5]), r([1, 2, 3, 4, 5]), {resamples: 50});
    expect(same.difference).to.equal(0);
    const better = compareSimilarity(r([1, 2, 3, 4, 5, 6, 7, 8]), r([8, 1, 7, 2, 6, 3, 5, 4]), {resamples: 200});
    expect(better.difference).to.be.greaterThan(0.5);
    await expectThrows(() => compareSimilarity(r([1, 2]), r([1, 2, 3])), 'same items');
    await expectThrows(() => compareSimilarity({} as SimilarityResult, r([1])), 'records');
  });
});
