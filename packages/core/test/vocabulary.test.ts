import {expect} from 'chai';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Vocabulary, countTokens, DataError} from '../src/index.js';
import {expectThrows, tempDir} from '@embedlab/testing';

describe('Vocabulary', () => {
  const tokens = 'the cat sat on the mat the cat ran'.split(' ');

  it('orders by descending count, ties by string order, specials first', () => {
    const v = Vocabulary.fromTokens(tokens, {specials: ['<pad>', '<unk>']});
    // counts: the 3, cat 2, mat/on/ran/sat 1 (ties in string order)
    expect(v.tokens).to.deep.equal(['<pad>', '<unk>', 'the', 'cat', 'mat', 'on', 'ran', 'sat']);
    expect(v.counts).to.deep.equal([0, 0, 3, 2, 1, 1, 1, 1]);
    expect(v.padId).to.equal(0);
    expect(v.unkId).to.equal(1);
  });

  it('does not depend on the order tokens were seen', () => {
    const a = Vocabulary.fromTokens(tokens);
    const b = Vocabulary.fromTokens([...tokens].reverse());
    expect(a.tokens).to.deep.equal(b.tokens);
  });

  it('applies minCount and maxSize (specials count toward maxSize)', () => {
    const v = Vocabulary.fromTokens(tokens, {minCount: 2, specials: ['<unk>']});
    expect(v.tokens).to.deep.equal(['<unk>', 'the', 'cat']);
    const w = Vocabulary.fromTokens(tokens, {maxSize: 3, specials: ['<pad>']});
    expect(w.tokens).to.deep.equal(['<pad>', 'the', 'cat']);
  });

  it('maps ids and tokens both ways; unknown words go to <unk>', () => {
    const v = Vocabulary.fromTokens(tokens, {specials: ['<pad>', '<unk>']});
    expect(Array.from(v.encode(['the', 'dog', 'cat']))).to.deep.equal([2, 1, 3]);
    expect(v.decode([2, 3])).to.deep.equal(['the', 'cat']);
    expect(v.id('mat')).to.equal(4);
    expect(v.id('dog')).to.equal(undefined);
  });

  it('throws on an unknown word when there is no <unk>, and on an out-of-range id', async () => {
    const v = Vocabulary.fromTokens(tokens);
    await expectThrows(() => v.encode(['dog']), '"dog" is not in the vocabulary');
    await expectThrows(() => v.token(99), 'id 99 is out of range [0, 6)');
  });

  it('keeps a given order with fromWords', () => {
    const v = Vocabulary.fromWords(['b', 'a', 'c'], {specials: ['<pad>']});
    expect(v.tokens).to.deep.equal(['<pad>', 'b', 'a', 'c']);
  });

  it('round-trips through save/load', () => {
    const dir = tempDir('vocab-');
    const v = Vocabulary.fromTokens(tokens, {specials: ['<pad>', '<unk>'], minCount: 1});
    v.save(join(dir, 'v.json'));
    const w = Vocabulary.load(join(dir, 'v.json'));
    expect(w.tokens).to.deep.equal(v.tokens);
    expect(w.counts).to.deep.equal(v.counts);
    expect(w.unkId).to.equal(1);
    expect(w.padId).to.equal(0);
  });

  it('names the file when loading something that is not a vocabulary', async () => {
    const dir = tempDir('vocab-');
    writeFileSync(join(dir, 'bad.json'), '{"tokens": []}');
    writeFileSync(join(dir, 'broken.json'), '{"tok');
    const e = await expectThrows(() => Vocabulary.load(join(dir, 'bad.json')), 'bad.json', 'not an embedlab vocabulary');
    expect(e).to.be.instanceOf(DataError);
    await expectThrows(() => Vocabulary.load(join(dir, 'broken.json')), 'broken.json', 'cannot read vocabulary JSON');
  });

  it('counts tokens', () => {
    expect([...countTokens(['a', 'b', 'a'])]).to.deep.equal([
      ['a', 2],
      ['b', 1],
    ]);
  });
});
