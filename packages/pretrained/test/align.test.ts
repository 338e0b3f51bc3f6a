import {createRng, Vocabulary, WordVectors} from '@embedlab/core';
import {expectArraysClose, expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {alignToVocabulary, columnStats, wordsFor} from '../src/align.js';

// Pretrained rows: per-dimension mean = (2, 4)/3... chosen so that mean and std are easy by hand.
//   the  [1, 0]
//   king [3, 3]
//   man  [2, 6]
// mean = [(1+3+2)/3, (0+3+6)/3] = [2, 3]; population std = [sqrt(2/3), sqrt(18/3)] = [sqrt(2/3), sqrt(6)].
const vectors = WordVectors.fromEntries([
  ['the', [1, 0]],
  ['king', [3, 3]],
  ['man', [2, 6]],
]);

// ids: <pad>=0 <unk>=1, then by count: the(10) King(5) apple(3) zzz(2)
const vocab = Vocabulary.fromCounts({the: 10, King: 5, apple: 3, zzz: 2}, {specials: ['<pad>', '<unk>']});

describe('alignToVocabulary', () => {
  it('vocabulary order as expected by the hand derivation', () => {
    expect(vocab.tokens).to.deep.equal(['<pad>', '<unk>', 'the', 'King', 'apple', 'zzz']);
  });

  it('zeros: exact and lowercase hits copied, misses and specials zero, coverage counted', () => {
    const a = alignToVocabulary(vocab, vectors);
    expect(a.rows).to.equal(6);
    expect(a.dim).to.equal(2);
    expect(Array.from(a.matrix)).to.deep.equal([0, 0, 0, 0, 1, 0, 3, 3, 0, 0, 0, 0]);
    expect(Array.from(a.lockMask)).to.deep.equal([0, 0, 1, 1, 0, 0]);
    expect(Array.from(a.sourceRow)).to.deep.equal([-1, -1, 0, 1, -1, -1]);
    expect(a.coverage).to.deep.equal({
      total: 4,
      exact: 1,
      lowercase: 1,
      missing: 2,
      ratio: 0.5,
      tokenCoverage: 15 / 20,
      missingTokens: ['apple', 'zzz'],
    });
  });

  it('lowercase fallback can be turned off', () => {
    const a = alignToVocabulary(vocab, vectors, {lowercase: false});
    expect(a.coverage).to.include({exact: 1, lowercase: 0, missing: 3});
    expect(Array.from(a.lockMask)).to.deep.equal([0, 0, 1, 0, 0, 0]);
  });

  it('mean: misses and <unk> get the per-dimension mean; <pad> stays zero', () => {
    const a = alignToVocabulary(vocab, vectors, {oov: 'mean'});
    expect(Array.from(a.matrix)).to.deep.equal([0, 0, 2, 3, 1, 0, 3, 3, 2, 3, 2, 3]);
  });

  it('random: seeded N(mean_j, std_j) in row then dimension order', () => {
    const a = alignToVocabulary(vocab, vectors, {oov: 'random', seed: 42});
    const rng = createRng(42);
    const std = [Math.sqrt(2 / 3), Math.sqrt(6)];
    const mean = [2, 3];
    const draw = () => [0, 1].map((j) => Math.fround((mean[j] as number) + (std[j] as number) * rng.normal()));
    const unk = draw();
    const apple = draw();
    const zzz = draw();
    // Close, not equal: the code's std comes from sums of squares (last-ulp differences from sqrt(2/3)).
    expectArraysClose(a.matrix, [0, 0, ...unk, 1, 0, 3, 3, ...apple, ...zzz], 1e-6);
    const b = alignToVocabulary(vocab, vectors, {oov: 'random', seed: 42});
    expect(Array.from(b.matrix)).to.deep.equal(Array.from(a.matrix));
    expect(a.meta).to.include({oov: 'random', seed: 42});
  });

  it('random needs a seed; unknown policies are refused', async () => {
    await expectThrows(() => alignToVocabulary(vocab, vectors, {oov: 'random'}), 'needs an integer seed');
    await expectThrows(() => alignToVocabulary(vocab, vectors, {oov: 'ones' as 'zeros'}), 'unknown OOV policy "ones"');
  });

  it('columnStats and wordsFor', () => {
    const {mean, std} = columnStats(vectors);
    expect(Array.from(mean)).to.deep.equal([2, 3]);
    expect(std[0]).to.be.closeTo(Math.sqrt(2 / 3), 1e-12);
    expect(std[1]).to.be.closeTo(Math.sqrt(6), 1e-12);
    expect([...wordsFor(vocab)].sort()).to.deep.equal(['<pad>', '<unk>', 'King', 'apple', 'king', 'the', 'zzz'].sort());
  });
});

describe('alignToVocabulary argument errors', () => {
  it('names the argument and what was passed', async () => {
    const vectors = WordVectors.fromEntries([['a', [1, 0]]]);
    const vocab = Vocabulary.fromWords(['a', 'b']);
    await expectThrows(() => alignToVocabulary(['a', 'b'] as never, vectors), 'vocab must be a Vocabulary (got an array of 2)');
    await expectThrows(() => alignToVocabulary(vocab, {dim: 2} as never), 'vectors must be a WordVectors (got an object)');
  });
});
