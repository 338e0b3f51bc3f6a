import {expect} from 'chai';
import {ArgumentError} from '../src/errors.js';
import {checkInteger, describeValue} from '../src/arguments.js';
import {Vocabulary} from '../src/vocabulary.js';
import {WordVectors} from '../src/word-vectors.js';

describe('argument checks of public functions', () => {
  const v = WordVectors.fromEntries([
    ['a', [1, 0]],
    ['b', [0, 1]],
    ['c', [1, 1]],
  ]);

  it('describeValue names what was passed', () => {
    expect([null, undefined, [1, 2], 'ab', 3, new Map(), {}].map(describeValue)).to.deep.equal([
      'null',
      'undefined',
      'an array of 2',
      'a string "ab"',
      'number 3',
      'a Map',
      'an object',
    ]);
  });

  it('checkInteger refuses non-integers and values below the minimum, naming the argument', () => {
    expect(() => checkInteger(1.5, 'k')).to.throw(ArgumentError, 'k must be a positive integer (got number 1.5)');
    expect(() => checkInteger(-1, 'n', 0)).to.throw(ArgumentError, 'n must be an integer >= 0 (got number -1)');
    expect(() => checkInteger(3, 'k')).not.to.throw();
  });

  it('WordVectors.nearest / analogy: k, restrict and the query are checked', () => {
    expect(() => v.nearest('a', {k: -1})).to.throw(ArgumentError, /^k must be a positive integer/);
    expect(() => v.nearest('a', {k: 1.5})).to.throw(ArgumentError, /^k must be/);
    expect(() => v.nearest('a', {restrict: 0})).to.throw(ArgumentError, /^restrict must be/);
    expect(() => v.nearest(null as never)).to.throw(ArgumentError, /^query must be a word or a vector.*got null/);
    expect(() => v.analogy('a', 'b', 'c', {k: 0})).to.throw(ArgumentError, /^k must be/);
    expect(v.nearest('a', {k: 1})[0]!.word).to.equal('c');
  });

  it('Vocabulary builders refuse a string or null where a collection is expected', () => {
    expect(() => Vocabulary.fromTokens(null as never)).to.throw(ArgumentError, /^tokens must be an iterable of token strings \(got null\)/);
    expect(() => Vocabulary.fromWords('abc' as never)).to.throw(ArgumentError, /^words must be an array of strings \(got a string "abc"\)/);
    expect(() => Vocabulary.fromCounts(undefined as never)).to.throw(ArgumentError, /^counts must be/);
  });
});
