import {expect} from 'chai';
import {byteLevelAlphabet} from '@anush008/tokenizers';
import {ArgumentError, DataError} from '@embedlab/core/data';
import {
  byteLevelSymbols,
  layoutByteLevelBpe,
  layoutWordPiece,
  messages,
  parseTokenizerJson,
  truncateTokenizerJson,
  type TokenizerJson,
} from '../../src/index.js';

function trained(model: Record<string, unknown>): TokenizerJson {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    model: model as TokenizerJson['model'],
  };
}

describe('tokenizer.json: parsing', () => {
  it('refuses a tokenizer of an unknown model type by name, with the file', () => {
    for (const type of ['Unigram', 'WordLevel']) {
      const text = JSON.stringify({version: '1.0', model: {type, vocab: []}});
      expect(() => parseTokenizerJson(text, 'tok.json')).to.throw(DataError, `tok.json: ${messages.unknownTokenizerModel(type, ['BPE', 'WordPiece'])}`);
    }
    expect(() => parseTokenizerJson(JSON.stringify({model: {vocab: {}}}), 'x.json')).to.throw(
      DataError,
      'x.json: tokenizer model type undefined is not supported',
    );
  });

  it('refuses what is not a tokenizer.json: bad JSON, no model, a vocab that is not a map, BPE without merges', () => {
    expect(() => parseTokenizerJson('{', 'a.json')).to.throw(DataError, /^a\.json: not a tokenizer\.json: invalid JSON/);
    expect(() => parseTokenizerJson('[1]', 'b.json')).to.throw(DataError, 'the top level is not an object');
    expect(() => parseTokenizerJson('{"version": "1.0"}', 'c.json')).to.throw(DataError, 'no "model" object');
    expect(() => parseTokenizerJson('{"model": {"type": "WordPiece", "vocab": [1]}}', 'd.json')).to.throw(
      DataError,
      'model.vocab of the WordPiece model is not an object',
    );
    expect(() => parseTokenizerJson('{"model": {"type": "BPE", "vocab": {}}}', 'e.json')).to.throw(DataError, 'model.merges of the BPE model is not a list');
  });
});

describe('tokenizer.json: layout after training', () => {
  it("byte symbols are GPT-2 bytes_to_unicode (the library's byteLevelAlphabet)", () => {
    const symbols = byteLevelSymbols();
    expect(new Set(symbols)).to.deep.equal(new Set(byteLevelAlphabet()));
    expect(symbols[0x20]).to.equal('Ġ');
    expect(symbols[0x41]).to.equal('A');
    expect(symbols[0x0a]).to.equal('Ċ');
  });

  it('BPE: specials, all 256 byte symbols, then merged tokens in merge order, cut to the size asked', () => {
    const raw = trained({
      type: 'BPE',
      vocab: {a: 0, b: 1, c: 2, ab: 3, abc: 4, ca: 5},
      merges: [
        ['a', 'b'],
        ['ab', 'c'],
        ['c', 'a'],
      ],
    });
    const full = layoutByteLevelBpe(raw);
    const vocab = full.model.vocab;
    expect(vocab['<|endoftext|>']).to.equal(0);
    expect(Object.keys(vocab)).to.have.length(1 + 256 + 3);
    expect([vocab.ab, vocab.abc, vocab.ca]).to.deep.equal([257, 258, 259]);
    expect(full.added_tokens).to.deep.equal([
      {id: 0, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true},
    ]);
    const cut = layoutByteLevelBpe(raw, {vocabSize: 259});
    expect(cut.model.merges).to.deep.equal([
      ['a', 'b'],
      ['ab', 'c'],
    ]);
    expect(Object.keys(cut.model.vocab)).to.have.length(259);
    expect(truncateTokenizerJson(full, 258).model.merges).to.deep.equal([['a', 'b']]);
    expect(() => layoutByteLevelBpe(raw, {vocabSize: 100})).to.throw(
      ArgumentError,
      'vocabSize must be an integer >= 257 (1 special tokens + 256 byte symbols); got 100',
    );
  });

  it('BPE: a merge whose product already exists keeps its rule but takes no new id; "a b" merges are read too', () => {
    const raw = trained({type: 'BPE', vocab: {}, merges: ['a b', 'b c', 'ab c', 'a bc']});
    const out = layoutByteLevelBpe(raw, {specialTokens: []});
    expect(out.model.merges).to.deep.equal(['a b', 'b c', 'ab c', 'a bc']);
    expect(Object.keys(out.model.vocab)).to.have.length(256 + 3);
    expect(out.model.vocab.abc).to.equal(258);
  });

  it('WordPiece: specials at 0..4 ([UNK] the unknown token), every character kept, merged tokens in trainer order', () => {
    const raw = trained({
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      vocab: {a: 0, b: 1, '##b': 2, '##a': 3, ab: 4, '##ab': 5, ba: 6},
    });
    const out = layoutWordPiece(raw, {vocabSize: 5 + 4 + 2});
    expect(Object.entries(out.model.vocab)).to.deep.equal([
      ['[PAD]', 0],
      ['[UNK]', 1],
      ['[CLS]', 2],
      ['[SEP]', 3],
      ['[MASK]', 4],
      ['a', 5],
      ['b', 6],
      ['##b', 7],
      ['##a', 8],
      ['ab', 9],
      ['##ab', 10],
    ]);
    expect(out.post_processor).to.deep.equal({type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2]});
    expect(out.decoder).to.deep.equal({type: 'WordPiece', prefix: '##', cleanup: true});
    expect(() => layoutWordPiece(raw, {vocabSize: 8})).to.throw(ArgumentError, '>= 9 (5 special tokens + 4 characters and ##characters)');
  });
});
