import {expect} from 'chai';
import {WordVectors, cosine} from '../src/index.js';
import {TINY_VECTORS, expectArraysClose, expectThrows} from '@embedlab/testing';

describe('WordVectors', () => {
  const wv = WordVectors.fromEntries(TINY_VECTORS);

  it('looks up rows by word and index', () => {
    expect(wv.size).to.equal(6);
    expect(wv.dim).to.equal(3);
    expect(wv.indexOf('queen')).to.equal(4);
    expect(wv.indexOf('nope')).to.equal(-1);
    expectArraysClose(wv.vector('king')!, [0.6, 0.8, 0.1]);
    expectArraysClose(wv.row(5), [0, 0, -1]);
    expect(wv.vector('nope')).to.equal(undefined);
  });

  it('unit-normalizes rows once and keeps zero rows zero', () => {
    const z = WordVectors.fromEntries([
      ['a', [3, 4]],
      ['zero', [0, 0]],
    ]);
    const u = z.unitNormalized();
    expectArraysClose(u, [0.6, 0.8, 0, 0]);
    expect(z.unitNormalized()).to.equal(u); // cached
    expectArraysClose(z.norms(), [5, 0]);
  });

  it('computes cosine similarity by hand', () => {
    // king . man = 0.36+0.08+0.01 = 0.45; |king| = sqrt(1.01), |man| = sqrt(0.38)
    expect(wv.similarity('king', 'man')).to.be.closeTo(0.45 / Math.sqrt(1.01 * 0.38), 1e-7);
    expect(cosine([1, 0], [0, 0])).to.equal(0);
  });

  it('finds nearest neighbours, excluding the query and given words, within restrict', () => {
    const nn = wv.nearest('king', {k: 2});
    expect(nn.map((n) => n.word)).to.deep.equal(['queen', 'man']);
    expect(wv.nearest('king', {k: 1, exclude: ['queen']})[0]!.word).to.equal('man');
    expect(wv.nearest('king', {k: 5, restrict: 3}).map((n) => n.word)).to.deep.equal(['man', 'the']);
  });

  it('breaks score ties toward the lower row', () => {
    const t = WordVectors.fromEntries([
      ['q', [1, 0]],
      ['x', [0, 1]],
      ['y', [0, 1]],
    ]);
    expect(t.nearest([0, 1], {k: 2}).map((n) => n.index)).to.deep.equal([1, 2]);
  });

  it('answers king - man + woman = queen by 3CosAdd', () => {
    const a = wv.analogy('man', 'king', 'woman', {k: 1});
    expect(a[0]!.word).to.equal('queen');
  });

  it('rejects wrong lengths, duplicates, NaN and unknown words', async () => {
    await expectThrows(() => new WordVectors(['a', 'b'], new Float32Array(3), 2), 'expected rows x dim = 2 x 2 = 4');
    await expectThrows(() => new WordVectors(['a', 'a'], new Float32Array(4), 2), '"a" appears twice (rows 0 and 1)');
    await expectThrows(() => new WordVectors(['a'], new Float32Array([1, Number.NaN]), 2), 'NaN or infinite value at flat index 1');
    await expectThrows(() => wv.similarity('king', 'prince'), '"prince" is not in the vocabulary');
  });

  it('head(n) restricts to the first n rows without copying', () => {
    const h = wv.head(2);
    expect(h.words).to.deep.equal(['the', 'king']);
    expect(h.data.buffer).to.equal(wv.data.buffer);
  });

  it('takes a WordTable: lookups through it, words made once on first read, same answers as the array form', () => {
    const words = wv.words.slice();
    let made = 0;
    const table = {size: words.length, indexOf: (w: string) => words.indexOf(w), words: () => (made++, words.slice())};
    const lazy = new WordVectors(table, wv.data, wv.dim);
    expect(lazy.size).to.equal(6);
    expect(lazy.indexOf('queen')).to.equal(4);
    expect(lazy.has('nope')).to.equal(false);
    expect(Array.from(lazy.vector('king') ?? [])).to.deep.equal(Array.from(wv.vector('king') ?? []));
    expect(made).to.equal(0);
    expect(lazy.nearest('king', {k: 2}).map((n) => n.word)).to.deep.equal(wv.nearest('king', {k: 2}).map((n) => n.word));
    expect(lazy.words).to.deep.equal(words);
    expect(lazy.words).to.equal(lazy.words);
    expect(made).to.equal(1);
    expect(() => new WordVectors({...table, size: 5}, wv.data, wv.dim)).to.throw('5 x 3');
    expect(() => new WordVectors({...table, words: () => ['a']}, wv.data, wv.dim).words).to.throw('1 words for 6 rows');
  });
});
