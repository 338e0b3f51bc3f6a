import {expect} from 'chai';
import {readFileSync} from 'node:fs';
import {ArgumentError} from '@embedlab/core/data';
import {SubwordTokenizer, countByteLevelWords, countByteLevelWordsInFiles, trainBpeOnCounts, trainRawTokenizerJson, trainTokenizer} from '../../src/index.js';
import {fixture} from '../helpers.js';

describe('our byte-level BPE trainer (bpe-trainer.ts) against the Hugging Face library', () => {
  it("the library's own unit test (trainer.rs test_train): min frequency 2 gives re, are, is", () => {
    const counts = new Map(Object.entries({roses: 1, are: 2, red: 1, voilets: 1, blue: 1, BERT: 1, is: 2, big: 1, and: 1, so: 1, 'GPT-2': 1}));
    const r = trainBpeOnCounts(counts, {vocabSize: 30000, minFrequency: 2});
    expect(r.tokens).to.deep.equal([...'-2BEGPRTabdegilnorstuv', 're', 'are', 'is']);
    expect(r.merges).to.deep.equal([
      ['r', 'e'],
      ['a', 're'],
      ['i', 's'],
    ]);
  });

  it('ties go to the smaller pair of ids, as the library orders its heap', () => {
    // ab, ba and cd each occur twice; ids a=0 b=1 c=2 d=3: (a,b) < (b,a) < (c,d).
    const r = trainBpeOnCounts(
      new Map([
        ['ab', 2],
        ['ba', 2],
        ['cd', 2],
      ]),
      {newTokens: 3},
    );
    expect(r.merges).to.deep.equal([
      ['a', 'b'],
      ['b', 'a'],
      ['c', 'd'],
    ]);
  });

  it("on moby-50k.txt: every merge and every token equal the library's, in order", async function () {
    this.timeout(60_000);
    const file = fixture('moby-50k.txt');
    const lib = JSON.parse(await trainRawTokenizerJson({kind: 'bpe', files: [file]})) as {model: {vocab: Record<string, number>; merges: [string, string][]}};
    const ours = trainBpeOnCounts(countByteLevelWordsInFiles([file]), {vocabSize: 30000});
    const libTokens = Object.entries(lib.model.vocab)
      .sort((a, b) => a[1] - b[1])
      .map(([t]) => t);
    expect(ours.merges.length).to.be.greaterThan(5000); // the text runs out of pairs before 30,000
    expect(ours.merges).to.deep.equal(lib.model.merges);
    expect(ours.tokens).to.deep.equal(libTokens);
  });

  it('laid out at 1,000 tokens it is the committed library-trained bpe-1k.tokenizer.json byte for byte', async () => {
    const bpe = await trainTokenizer({kind: 'bpe', files: [fixture('moby-50k.txt')], vocabSize: 1000, trainer: 'embedlab'});
    expect(bpe.toString() === readFileSync(fixture('bpe-1k.tokenizer.json'), 'utf8')).to.equal(true);
  });

  it('texts read as the library reads a file: line by line, each line keeping its newline', () => {
    const counts = countByteLevelWords(['the whale \nthe sea\n\n  and']);
    // GPT-2's regex: a run of spaces before a word leaves its last space to the word.
    expect(Object.fromEntries(counts)).to.deep.equal({the: 2, Ġwhale: 1, ĠĊ: 1, Ġsea: 1, Ċ: 2, Ġ: 1, Ġand: 1});
  });

  it('past 30,000 tokens: trainTokenizer switches to our trainer, and the library loads and encodes its tokenizer.json', async function () {
    this.timeout(60_000);
    const text = readFileSync(fixture('moby-50k.txt'), 'utf8');
    const bpe = await trainTokenizer({kind: 'bpe', texts: [text], vocabSize: 32_000});
    // The 50 KB text has fewer pairs than that: the vocabulary stops where the library's would.
    const lib = await trainTokenizer({kind: 'bpe', texts: [text], trainer: 'library'});
    expect(bpe.toString()).to.equal(lib.toString());
    const back = SubwordTokenizer.fromString(bpe.toString());
    const e = await back.encode('Call me Ishmael. naïve 日本語');
    expect(await back.decode(e.ids)).to.equal('Call me Ishmael. naïve 日本語');
    expect(e.tokens.slice(0, 3)).to.deep.equal(['Call', 'Ġme', 'ĠIshmael']);
  });

  it('refuses WordPiece, and a size given twice or not at all', async () => {
    try {
      await trainTokenizer({kind: 'wordpiece', texts: ['a b'], trainer: 'embedlab'});
      expect.fail('no error');
    } catch (error) {
      expect(error).to.be.instanceOf(ArgumentError);
      expect((error as Error).message).to.include("trainer 'embedlab' trains byte-level BPE only");
    }
    expect(() => trainBpeOnCounts(new Map([['ab', 1]]), {})).to.throw(ArgumentError, 'give exactly one of vocabSize');
    expect(() => trainBpeOnCounts(new Map([['ab', 1]]), {vocabSize: 10, newTokens: 2})).to.throw(ArgumentError, 'give exactly one of vocabSize');
  });
});
