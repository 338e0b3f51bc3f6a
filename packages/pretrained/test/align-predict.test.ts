import {Vocabulary, WordVectors} from '@embedlab/core';
import {expect} from 'chai';
import {alignToVocabulary} from '../src/align.js';

// the same fixture as align.test.ts: the [1,0], king [3,3], man [2,6]; vocabulary <pad> <unk> the King apple zzz
const vectors = WordVectors.fromEntries([
  ['the', [1, 0]],
  ['king', [3, 3]],
  ['man', [2, 6]],
]);
const vocab = Vocabulary.fromCounts({the: 10, King: 5, apple: 3, zzz: 2}, {specials: ['<pad>', '<unk>']});

describe('alignToVocabulary: OOV rows predicted from spelling (oov: {predict})', () => {
  it('misses get the predictor vector (a hand-made function of the spelling); hits, specials and padding do not', () => {
    const asked: string[] = [];
    // length and number of vowels: apple -> [5, 2], zzz -> [3, 0]
    const predict = (w: string) => (asked.push(w), [w.length, (w.match(/[aeiou]/g) ?? []).length]);
    const a = alignToVocabulary(vocab, vectors, {oov: {predict, name: 'length-vowels'}});
    expect(asked).to.deep.equal(['apple', 'zzz']);
    expect(Array.from(a.matrix)).to.deep.equal([0, 0, 0, 0, 1, 0, 3, 3, 5, 2, 3, 0]);
    expect(Array.from(a.lockMask)).to.deep.equal([0, 0, 1, 1, 0, 0]); // predicted rows are not pretrained rows
    expect(a.coverage.missing).to.equal(2);
    expect(a.meta.oov).to.equal('predict:length-vowels');
  });

  it('refuses a prediction of the wrong width, naming the token', () => {
    expect(() => alignToVocabulary(vocab, vectors, {oov: {predict: () => [1, 2, 3]}})).to.throw(/length 3 for "apple"; the pretrained vectors have 2/);
    expect(() => alignToVocabulary(vocab, vectors, {oov: 'skip' as never})).to.throw(/unknown OOV policy "skip"; expected zeros, random, mean or \{predict/);
  });
});
