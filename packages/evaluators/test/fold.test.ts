import {expect} from 'chai';
import {WordVectors} from '@embedlab/core';
import {foldCase, vocabView} from '../src/fold.js';

describe('case folding and the restricted view', () => {
  const v = WordVectors.fromEntries([
    ['Paris', [1]],
    ['the', [1]],
    ['paris', [1]],
    ['PARIS', [1]],
    ['x', [1]],
  ]);

  it('maps folded words to the FIRST row (most frequent variant wins)', () => {
    const view = vocabView(v, null, 'upper');
    expect(view.lookup('paris')).to.equal(0);
    expect(view.variants('PARIS')).to.deep.equal([0, 2, 3]);
    expect(vocabView(v, null, 'lower').lookup('PARIS')).to.equal(0);
    expect(vocabView(v, null, 'none').lookup('paris')).to.equal(2);
  });

  it('restrict keeps only the first N rows', () => {
    const view = vocabView(v, 3, 'upper');
    expect(view.n).to.equal(3);
    expect(view.variants('PARIS')).to.deep.equal([0, 2]);
    expect(view.lookup('x')).to.equal(-1);
  });

  it('folds with Unicode default casing', () => {
    expect(foldCase('bokmål', 'upper')).to.equal('BOKMÅL');
    expect(foldCase('Straße', 'lower')).to.equal('straße');
    expect(foldCase('Abc', 'none')).to.equal('Abc');
  });
});
