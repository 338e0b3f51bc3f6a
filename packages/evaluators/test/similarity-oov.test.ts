/**
 * The OOV options of the similarity protocol on a hand-made fixture: every Spearman below is derived by hand
 * (ranks written out in the comments), so a change in how unknown words are scored shows up as a number.
 */
import {expect} from 'chai';
import {ArgumentError, ConfigError, WordVectors} from '@embedlab/core';
import {evaluateSimilarity, resolveSimilarityProtocol, type SimilarityDataset} from '../src/index.js';

// a, b, c, d in 2-D; the mean of the four rows is (0.5, 0.75).
const vectors = WordVectors.fromEntries([
  ['a', [1, 0]],
  ['b', [2, 1]],
  ['c', [0, 1]],
  ['d', [-1, 1]],
]);
// cos(a,b) = 0.894, cos(b,c) = 0.447, cos(a,c) = 0; x and y are unknown.
const dataset: SimilarityDataset = {
  id: 'oov-fixture',
  pairs: [
    ['a', 'b', 4],
    ['b', 'c', 3],
    ['a', 'c', 1],
    ['a', 'x', 2],
    ['c', 'y', 5],
  ].map(([w1, w2, score], i) => ({w1: w1 as string, w2: w2 as string, score: score as number, line: i + 1})),
  files: [],
  scoreRange: [0, 5],
  duplicatePairs: 0,
  reversedPairs: 0,
};
const run = (oov: 'drop' | 'zero' | 'mean' | 'fill', fill?: (w: string) => number[] | null) =>
  evaluateSimilarity(vectors, dataset, {base: 'gensim', oov}, {bootstrap: false, ...(fill ? {fill} : {})});

describe('similarity protocol: unknown words (oov drop / zero / mean / fill)', () => {
  it('drop (gensim): 3 of 5 pairs scored, Spearman 1 on them', () => {
    const r = run('drop');
    expect([r.pairsUsed, r.pairsTotal, r.oovPairs, r.coverage]).to.deep.equal([3, 5, 2, 0.6]);
    expect(r.spearman).to.be.closeTo(1, 1e-12);
    expect(resolveSimilarityProtocol('gensim').oov).to.equal('drop'); // today's numbers unchanged
  });

  it('zero: all 5 pairs; model ranks [5,4,2,2,2] vs gold [4,3,1,2,5] -> 3 / sqrt(80)', () => {
    const r = run('zero');
    expect([r.pairsUsed, r.coverage]).to.deep.equal([5, 0.6]);
    expect(r.spearman).to.be.closeTo(3 / Math.sqrt(80), 1e-12);
  });

  it('mean: unknown words get (0.5, 0.75): cos 0.555 (a,x) and 0.832 (c,y); ranks [5,2,1,3,4] -> 0.8', () => {
    const r = run('mean');
    expect([r.pairsUsed, r.coverage]).to.deep.equal([5, 0.6]);
    expect(r.records![3]!.model).to.be.closeTo(0.5 / Math.hypot(0.5, 0.75), 1e-7);
    expect(r.spearman).to.be.closeTo(0.8, 1e-12);
  });

  it('fill: x -> (1, 0.1), y -> (0, 1): ranks [3,2,1,4,5] -> 0.7; a word the filler lacks scores 0', () => {
    const seen: string[] = [];
    const r = run('fill', (w) => (seen.push(w), w === 'x' ? [1, 0.1] : w === 'y' ? [0, 1] : null));
    expect(seen).to.deep.equal(['x', 'y']); // only unknown words reach the filler
    expect(r.spearman).to.be.closeTo(0.7, 1e-12);
    expect(r.coverage).to.equal(0.6); // coverage still counts the table's words only
    // y unknown to the filler: model [.894, .447, 0, .995, 0] ranks [4, 3, 1.5, 5, 1.5] -> -1 / sqrt(95)
    const partial = run('fill', (w) => (w === 'x' ? [1, 0.1] : null));
    expect(partial.spearman).to.be.closeTo(-1 / Math.sqrt(95), 1e-12);
  });

  it('refuses fill without a filler, a filler of the wrong width, and an unknown option (with its path)', () => {
    expect(() => run('fill')).to.throw(ArgumentError, /oov 'fill' needs a filler/);
    expect(() => run('fill', () => [1, 2, 3])).to.throw(ArgumentError, /length 3 for "x"; the table's vectors have 2/);
    expect(() => resolveSimilarityProtocol({oov: 'skip' as never}, 'evaluation')).to.throw(ConfigError, /evaluation\.oov.*drop, zero, mean, fill/);
  });

  it('the protocol hash differs per option (recorded with each result)', () => {
    const hashes = new Set((['drop', 'zero', 'mean'] as const).map((o) => run(o).protocolHash));
    expect(hashes.size).to.equal(3);
  });
});
