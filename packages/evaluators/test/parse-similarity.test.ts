import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import {parseSimilarity} from '../src/parse-similarity.js';
import type {SimilarityFormat} from '../src/registry.js';

const fmt = (separator: SimilarityFormat['separator'], header = 0, columns: [number, number, number] = [0, 1, 2]): SimilarityFormat => ({
  kind: 'similarity',
  separator,
  header,
  columns,
});

describe('similarity reader', () => {
  it('drops header lines, handles CRLF and a trailing tab (WS353 set1.tab)', () => {
    const ds = parseSimilarity('Word 1\tWord 2\tHuman (mean)\t1\t\r\nlove\tsex\t6.77\t9\t\r\nFBI\tfingerprint\t6.94\t8\t\r\n', 'set1.tab', fmt('\t', 1));
    expect(ds.pairs).to.deep.equal([
      {w1: 'love', w2: 'sex', score: 6.77, line: 2},
      {w1: 'FBI', w2: 'fingerprint', score: 6.94, line: 3},
    ]);
  });

  it('reads comma (MTurk), single space (MEN) and SimLex column 4', () => {
    expect(parseSimilarity('episcopal,russia,2.75\r\n', 'm.csv', fmt(',')).pairs[0]).to.include({w1: 'episcopal', w2: 'russia', score: 2.75});
    expect(parseSimilarity('sun sunlight 50.000000\n', 'men', fmt(' ')).pairs[0]).to.include({score: 50});
    const simlex = 'word1\tword2\tPOS\tSimLex999\tconc(w1)\r\nold\tnew\tA\t1.58\t2.72\r\n';
    expect(parseSimilarity(simlex, 's.txt', fmt('\t', 1, [0, 1, 3])).pairs[0]).to.include({w1: 'old', w2: 'new', score: 1.58});
  });

  it('reads SimVerb (w1 w2 POS score relation) and Card-660 tokens verbatim', () => {
    const sv = parseSimilarity('take\tremove\tV\t6.81\tSYNONYMS\n', 'simverb.txt', fmt('\t', 0, [0, 1, 3]));
    expect(sv.pairs[0]).to.include({w1: 'take', w2: 'remove', score: 6.81});
    const card = parseSimilarity('HIV/Aids\tdisease\t3.1\nC++\tJava\t2.5\n', 'card.tsv', fmt('\t'));
    expect(card.pairs.map((p) => [p.w1, p.w2])).to.deep.equal([
      ['HIV/Aids', 'disease'],
      ['C++', 'Java'],
    ]);
  });

  it('auto separator picks tab, then comma, then whitespace per line', () => {
    const ds = parseSimilarity('a\tb\t1\nc,d,2\ne   f 3\n', 'x', fmt('auto'));
    expect(ds.pairs.map((p) => [p.w1, p.w2, p.score])).to.deep.equal([
      ['a', 'b', 1],
      ['c', 'd', 2],
      ['e', 'f', 3],
    ]);
  });

  it('keeps and counts duplicate and reversed pairs; skips # comments and blank lines', () => {
    const ds = parseSimilarity('# comment\nmoney\tcash\t9.15\n\nmoney\tcash\t9.08\nbank\tmoney\t8.12\nmoney\tbank\t8.5\n', 'ws', fmt('\t'));
    expect(ds.pairs).to.have.length(4);
    expect(ds.duplicatePairs).to.equal(1);
    expect(ds.reversedPairs).to.equal(1);
  });

  it('names the file, line and column of a bad score or a short row', async () => {
    await expectThrows(() => parseSimilarity('a\tb\tx\n', 'rg.txt', fmt('\t')), 'rg.txt:1', 'column 3', '"x"');
    await expectThrows(() => parseSimilarity('ok\tfine\t1\na\tb\n', 'rg.txt', fmt('\t')), 'rg.txt:2', 'at least 3 fields');
  });
});
