import {expect} from 'chai';
import {normalizeText, tokenize} from '../src/tokenizer.js';

describe('tokenize', () => {
  it('lowercases and keeps ASCII letters and digits', () => {
    expect(tokenize('The Year 1790, and 2nd TERM!')).to.deep.equal(['the', 'year', '1790', 'and', '2nd', 'term']);
  });
  it("keeps inner apostrophes: don't, o'clock; drops leading and trailing ones", () => {
    expect(tokenize("Don't stop at 5 o'clock 'quoted' the ships' masts")).to.deep.equal([
      "don't",
      'stop',
      'at',
      '5',
      "o'clock",
      'quoted',
      'the',
      'ships',
      'masts',
    ]);
  });
  it('folds curly apostrophes U+2019 and U+2018 before matching', () => {
    expect(tokenize('Don\u2019t and rock\u2018n\u2019roll')).to.deep.equal(["don't", 'and', "rock'n'roll"]);
    expect(normalizeText('A\u2019B\u2018C')).to.equal("a'b'c");
  });
  it('splits on hyphens, em dashes, underscores and non-ASCII letters', () => {
    expect(tokenize('well-known ago\u2014never mind snake_case café')).to.deep.equal(['well', 'known', 'ago', 'never', 'mind', 'snake', 'case', 'caf']);
  });
  it('returns [] for text with no tokens', () => {
    expect(tokenize(' -- \u2019 ... ')).to.deep.equal([]);
  });
});
