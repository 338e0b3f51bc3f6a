import {expect} from 'chai';
import {SubwordTokenizer, measureTokenizer, measureWordLevel} from '../../src/index.js';
import {fixture} from '../helpers.js';

describe('measureTokenizer / measureWordLevel', () => {
  const wp = SubwordTokenizer.load(fixture('wordpiece-2k.tokenizer.json'));

  it('counts words, tokens, split words and words with an unknown token', async () => {
    const docs = ['the whale', 'whaleishness 日'];
    const perWord = await Promise.all(['the', 'whale', 'whaleishness', '日'].map(async (w) => (await wp.encode(w)).ids));
    const m = await measureTokenizer(wp, docs, {batchSize: 1});
    expect(m).to.include({kind: 'wordpiece', vocabSize: 2000, documents: 2, words: 4, unknownWords: 1});
    expect(m.tokens).to.equal(perWord.reduce((n, ids) => n + ids.length, 0));
    expect(m.splitWords).to.equal(perWord.filter((ids) => ids.length > 1).length);
    expect(m.tokensPerWord).to.equal(m.tokens / 4);
    expect(m.unknownWordRate).to.equal(0.25);
  });

  it('word-level tables keep the most frequent training words (ties in string order)', () => {
    const train = 'a a a b b c d'.split(' ');
    const heldOut = 'a b c d e'.split(' ');
    const rows = measureWordLevel(train, heldOut, [1, 2, 3, Number.POSITIVE_INFINITY]);
    expect(rows.map((r) => [r.vocabSize, r.oovWords])).to.deep.equal([
      [1, 4],
      [2, 3],
      [3, 2],
      [4, 1],
    ]);
    expect(rows[3]?.oovRate).to.equal(0.2);
  });
});
