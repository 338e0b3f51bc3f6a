import {expect} from 'chai';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {ArgumentError, DataError} from '@embedlab/core/data';
import {tempDir} from '@embedlab/testing';
import {MAX_TRAINED_VOCAB, SubwordTokenizer, trainTokenizer} from '../../src/index.js';
import {fixture} from '../helpers.js';

describe('WordPiece tokenizer (committed fixture wordpiece-2k.tokenizer.json)', () => {
  const wp = SubwordTokenizer.load(fixture('wordpiece-2k.tokenizer.json'));

  it("has BERT's specials first and 2,000 tokens", () => {
    expect(wp.kind).to.equal('wordpiece');
    expect(wp.vocabSize).to.equal(2000);
    expect(wp.tokens.slice(0, 5)).to.deep.equal(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
    expect(wp.unkId).to.equal(1);
    expect(wp.specialTokens).to.deep.equal(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
  });

  it('lowercases, splits into ## pieces, gives [UNK] for an unseen character instead of throwing', async () => {
    const e = await wp.encode('Call me Ishmael, whaleishness. 日本語!');
    expect(e.tokens.slice(0, 2)).to.deep.equal(['call', 'me']);
    expect(e.tokens.filter((t) => t.startsWith('##')).length).to.be.greaterThan(0);
    expect(e.tokens.filter((t) => t === '[UNK]')).to.have.length(3); // one per CJK character
    expect(e.ids.every((id) => id >= 0 && id < 2000)).to.equal(true);
    expect(await wp.decode(e.ids)).to.equal('call me ishmael, whaleishness.!'); // [UNK] skipped; BERT's cleanup joins ' !'
  });

  it('adds [CLS] ... [SEP] when asked, with no word id', async () => {
    const e = await wp.encode('the whale', {addSpecialTokens: true});
    expect(e.tokens[0]).to.equal('[CLS]');
    expect(e.tokens[e.tokens.length - 1]).to.equal('[SEP]');
    expect(e.wordIds[0]).to.equal(null);
    expect(await wp.decode(e.ids)).to.equal('the whale');
  });

  it('saves and loads the same tokenizer.json, encoding the same', async () => {
    const path = join(tempDir('subword-tok-'), 'tokenizer.json');
    wp.save(path);
    const back = SubwordTokenizer.load(path);
    expect(readFileSync(path, 'utf8')).to.equal(wp.toString());
    const text = 'Whaleishness is naïve, said Queequeg.';
    expect((await back.encode(text)).ids).to.deep.equal((await wp.encode(text)).ids);
  });

  it('cuts to a smaller vocabulary: characters kept, the first merged tokens kept with their ids', () => {
    const small = wp.truncate(500);
    expect(small.vocabSize).to.equal(500);
    expect(small.tokens).to.deep.equal(wp.tokens.slice(0, 500));
  });
});

describe('byte-level BPE tokenizer', () => {
  let bpe: SubwordTokenizer;
  before(async function () {
    this.timeout(60_000);
    bpe = await trainTokenizer({kind: 'bpe', files: [fixture('moby-50k.txt')], vocabSize: 1000});
  });

  it('training is deterministic: retrained on moby-50k.txt it is the committed bpe-1k.tokenizer.json', () => {
    expect(bpe.toString() === readFileSync(fixture('bpe-1k.tokenizer.json'), 'utf8')).to.equal(true);
    expect(bpe.vocabSize).to.equal(1000);
    expect(bpe.tokens[0]).to.equal('<|endoftext|>');
    expect(bpe.json.model.merges).to.have.length(1000 - 1 - 256);
  });

  it('encodes any text without an unknown token and decodes it back exactly', async () => {
    for (const text of ['Call me Ishmael.', 'naïve café 日本語 \u{1F40B}', ' two  spaces\tand\na newline', '\u0000\u0007 control']) {
      const e = await bpe.encode(text);
      expect(bpe.unkId).to.equal(null);
      expect(
        e.ids.every((id) => id > 0 && id < 1000),
        text,
      ).to.equal(true);
      expect(await bpe.decode(e.ids), text).to.equal(text);
    }
    expect((await bpe.encode(' the')).tokens).to.deep.equal(['Ġthe']);
  });

  it('a smaller vocabulary is a prefix of the larger: same ids for the tokens it keeps', async () => {
    const small = bpe.truncate(300);
    expect(small.tokens).to.deep.equal(bpe.tokens.slice(0, 300));
    const text = 'the whale and the sea';
    const [big, cut] = [await bpe.encode(text), await small.encode(text)];
    expect(cut.ids.length).to.be.at.least(big.ids.length);
    expect(await small.decode(cut.ids)).to.equal(text);
  });
});

describe('tokenizer training and loading: bad input', () => {
  it('refuses a vocabulary larger than the trainer makes, or none to train on', async () => {
    try {
      await trainTokenizer({kind: 'wordpiece', texts: ['a b'], vocabSize: MAX_TRAINED_VOCAB + 1});
      expect.fail('no error');
    } catch (error) {
      expect(error).to.be.instanceOf(ArgumentError);
      expect((error as Error).message).to.include("vocabSize 30001 is more than the library's trainer makes");
    }
    try {
      await trainTokenizer({kind: 'wordpiece', texts: ['', '']});
      expect.fail('no error');
    } catch (error) {
      expect((error as Error).message).to.include('no training text');
    }
  });

  it('refuses a tokenizer.json of another model type, naming the file and the type', () => {
    const path = join(tempDir('subword-tok-bad-'), 'unigram.json');
    const json = JSON.parse(readFileSync(fixture('wordpiece-2k.tokenizer.json'), 'utf8'));
    json.model = {type: 'Unigram', unk_id: 0, vocab: [['<unk>', 0]]};
    writeFileSync(path, JSON.stringify(json));
    expect(() => SubwordTokenizer.load(path)).to.throw(DataError, `${path}: tokenizer model type "Unigram" is not supported; expected one of BPE, WordPiece`);
  });
});
