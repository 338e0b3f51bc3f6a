import {expect} from 'chai';
import {WordVectors} from '@embedlab/core';
import {evaluateSimilarity} from '../src/similarity.js';
import type {SimilarityDataset} from '../src/types.js';

const vectors = WordVectors.fromEntries([
  ['a', [1, 0]],
  ['b', [1, 1]],
  ['c', [0, 1]],
]);

function ds(pairs: [string, string, number][]): SimilarityDataset {
  return {
    id: 'fixture',
    pairs: pairs.map(([w1, w2, score], i) => ({w1, w2, score, line: i + 1})),
    files: [],
    scoreRange: [0, 5],
    duplicatePairs: 0,
    reversedPairs: 0,
  };
}

describe('evaluateSimilarity', () => {
  // Model cosines: (a,b) 0.7071, (a,c) 0, (b,c) 0.7071 (a tie). Gold 3, 1, 2.
  // Ranks: model [2.5, 1, 2.5], gold [3, 1, 2] -> sxy 1.5, sxx 1.5, syy 2 -> rho = 1.5 / sqrt(3).
  const base: [string, string, number][] = [
    ['a', 'b', 3],
    ['a', 'c', 1],
    ['b', 'c', 2],
  ];

  it('Spearman uses average ranks for tied model scores (hand computation)', () => {
    const r = evaluateSimilarity(vectors, ds(base), {restrict: null, caseFolding: 'none'}, {bootstrap: false});
    expect(r.spearman).to.be.closeTo(1.5 / Math.sqrt(3), 1e-12);
    expect(r).to.include({pairsTotal: 3, pairsUsed: 3, oovPairs: 0, coverage: 1});
  });

  it('OOV: drop the pair, or score it 0 like gensim dummy4unknown (hand computation)', () => {
    const withOov = ds([...base, ['a', 'zz', 5]]);
    const drop = evaluateSimilarity(vectors, withOov, {restrict: null, oov: 'drop'}, {bootstrap: false});
    expect(drop.spearman).to.be.closeTo(1.5 / Math.sqrt(3), 1e-12);
    expect(drop).to.include({pairsUsed: 3, oovPairs: 1, coverage: 0.75});
    // zero: model [0.707, 0, 0.707, 0] ranks [3.5, 1.5, 3.5, 1.5]; gold [3, 1, 2, 5] ranks [3, 1, 2, 4]: sxy = 0.
    const zero = evaluateSimilarity(vectors, withOov, {restrict: null, oov: 'zero'}, {bootstrap: false});
    expect(zero.spearman).to.be.closeTo(0, 1e-12);
    expect(zero).to.include({pairsUsed: 4, oovPairs: 1});
    expect(zero.records![3]).to.deep.equal({w1: 'a', w2: 'zz', gold: 5, model: 0, oov: true});
  });

  it('case folding and restrict-N decide which words are known', () => {
    const upper = ds([
      ['A', 'B', 3],
      ['A', 'C', 1],
      ['B', 'C', 2],
    ]);
    expect(evaluateSimilarity(vectors, upper, {restrict: null, caseFolding: 'upper'}, {bootstrap: false}).pairsUsed).to.equal(3);
    expect(evaluateSimilarity(vectors, upper, {restrict: null, caseFolding: 'none'}, {bootstrap: false}).pairsUsed).to.equal(0);
    const r2 = evaluateSimilarity(vectors, ds(base), {restrict: 2, caseFolding: 'none'}, {bootstrap: false});
    expect(r2).to.include({restrict: 2, pairsUsed: 1, oovPairs: 2}); // 'c' is row 2, outside the first 2 rows
  });

  it('records a bootstrap interval for both correlations, reproducible by seed', () => {
    const many = ds(Array.from({length: 30}, (_, i) => ['a', i % 2 ? 'b' : 'c', i % 7] as [string, string, number]));
    const r1 = evaluateSimilarity(vectors, many, {restrict: null}, {bootstrap: {seed: 4, resamples: 100}});
    const r2 = evaluateSimilarity(vectors, many, {restrict: null}, {bootstrap: {seed: 4, resamples: 100}});
    expect(r1.intervals).to.deep.equal(r2.intervals);
    expect(r1.intervals!.spearman).to.include({seed: 4, resamples: 100, level: 0.95});
    expect(r1.intervals!.pearson.low).to.be.at.most(r1.pearson);
  });
});
