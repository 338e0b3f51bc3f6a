import {expect} from 'chai';
import {readFileSync} from 'node:fs';
import {FastTextModel, fastTextHash, ngramRows, ngramStrings} from '../../src/index.js';
import {fixture} from '../helpers.js';

/** print-ngrams.txt: "# word" then one line per row the tool averages (the word itself first if known). */
function printedNgrams(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of readFileSync(fixture('print-ngrams.txt'), 'utf8').split('\n')) {
    if (line.startsWith('# ')) out.set(line.slice(2), (current = []));
    else if (line) current.push(line.split(' ')[0] as string);
  }
  return out;
}

describe('fastText n-grams (computeSubwords)', () => {
  it('enumerates by start position, then length, brackets included', () => {
    expect(ngramStrings('cat', 3, 6)).to.deep.equal(['<ca', '<cat', '<cat>', 'cat', 'cat>', 'at>']);
    expect(ngramStrings('cat', 3, 3)).to.deep.equal(['<ca', 'cat', 'at>']);
  });

  it('counts characters, not bytes, and starts only at character boundaries', () => {
    expect(ngramStrings('café', 3, 3)).to.deep.equal(['<ca', 'caf', 'afé', 'fé>']);
    expect(ngramStrings('日本語', 3, 6)).to.deep.equal(['<日本', '<日本語', '<日本語>', '日本語', '日本語>', '本語>']);
    expect(ngramStrings('\u{1F40B}a', 3, 3)).to.deep.equal(['<\u{1F40B}a', '\u{1F40B}a>']);
  });

  it('gives "whaleishness" 12 + 11 + 10 + 9 = 42 grams for n = 3..6', () => {
    expect(ngramStrings('whaleishness', 3, 6)).to.have.length(42);
  });

  it('leaves out a 1-character "<" or ">" gram (minn = 1), keeps the rest', () => {
    expect(ngramStrings('ab', 1, 2)).to.deep.equal(['<a', 'a', 'ab', 'b', 'b>']);
  });

  it('keeps repeats, and has none with maxn = 0 or a word shorter than minn', () => {
    expect(ngramStrings('aaaa', 3, 3)).to.deep.equal(['<aa', 'aaa', 'aaa', 'aa>']);
    expect(ngramStrings('word', 3, 0)).to.deep.equal([]);
    expect(ngramStrings('', 3, 6)).to.deep.equal([]);
    expect(ngramRows('word', {minn: 3, maxn: 0, bucket: 10, nwords: 5})).to.deep.equal([]);
  });

  it('maps a gram to nwords + hash % bucket, or through pruneidx (dropping grams without an entry)', () => {
    const rows = ngramRows('cat', {minn: 3, maxn: 3, bucket: 1000, nwords: 7});
    expect(rows).to.deep.equal(['<ca', 'cat', 'at>'].map((g) => 7 + (fastTextHash(g) % 1000)));
    const keep = fastTextHash('cat') % 1000;
    expect(ngramRows('cat', {minn: 3, maxn: 3, bucket: 1000, nwords: 7, pruneidx: new Map([[keep, 2]])})).to.deep.equal([9]);
    expect(ngramRows('cat', {minn: 3, maxn: 3, bucket: 1000, nwords: 7, pruneidx: new Map()})).to.deep.equal([]);
  });

  it('lists the same grams, in the same order, as `fasttext print-ngrams` on the fixture model', () => {
    const model = FastTextModel.read(fixture('moby-200k.bin'));
    const printed = printedNgrams();
    expect([...printed.keys()]).to.deep.equal(['whale', 'café', '日本語', 'whaleishness', '—Sir']);
    for (const [word, grams] of printed) {
      const known = model.wordId(word) >= 0;
      expect(grams, word).to.deep.equal(known ? [word, ...model.ngrams(word)] : model.ngrams(word));
    }
  });
});
