import {expect} from 'chai';
import {closest, didYouMean, levenshtein} from '../src/did-you-mean.js';

describe('levenshtein', () => {
  it('counts single edits (hand-computed)', () => {
    expect(levenshtein('kitten', 'sitting')).to.equal(3); // k->s, e->i, +g
    expect(levenshtein('glove-init', 'glove-int')).to.equal(1);
    expect(levenshtein('', 'abc')).to.equal(3);
    expect(levenshtein('same', 'same')).to.equal(0);
  });
});

describe('didYouMean', () => {
  it('suggests the nearest name when it is a plausible typo', () => {
    expect(closest('glove-int', ['random', 'glove-init', 'compare'])).to.equal('glove-init');
    expect(didYouMean('comprae', ['random', 'glove-init', 'compare'])).to.equal('; did you mean "compare"?');
  });
  it('lists the known names when nothing is close', () => {
    expect(didYouMean('zzzzzzzz', ['a1', 'b2'])).to.equal('; known: a1, b2');
    expect(didYouMean('x', [])).to.equal('');
  });
});
