import {expect} from 'chai';
import {parseSynsetLine, wordnetGlossCorpus, wordnetLexicon} from '../src/wordnet.js';
import {expectThrows} from '@embedlab/testing';

const BREATHE =
  '00001740 29 v 04 breathe 0 take_a_breath 0 respire 0 suspire 3 021 * 00005041 v 0000 * 00004227 v 0000 + 03121972 a 0301 + 00832852 n 0303 + 04087945 n 0301 + 04257960 n 0105 + 00832852 n 0101 ^ 00004227 v 0103 ^ 00005041 v 0103 $ 00002325 v 0000 $ 00002573 v 0000 ~ 00002573 v 0000 ~ 00002724 v 0000 ~ 00002942 v 0000 ~ 00003826 v 0000 ~ 00004032 v 0000 ~ 00004227 v 0000 ~ 00005041 v 0000 ~ 00006697 v 0000 ~ 00007328 v 0000 ~ 00017024 v 0000 02 + 02 00 + 08 00 | draw air into, and expel out of, the lungs; "I can breathe better"  ';

describe('WordNet', () => {
  it('parses a data line: words, pointers, gloss', () => {
    const s = parseSynsetLine(BREATHE, 'verb');
    expect(s?.id).to.equal('v:00001740');
    expect(s?.words).to.deep.equal(['breathe', 'take_a_breath', 'respire', 'suspire']);
    expect(s?.pointers).to.have.length(21);
    expect(s?.pointers[0]).to.deep.equal({symbol: '*', target: 'verb:00005041'});
    expect(s?.pointers[2]).to.deep.equal({symbol: '+', target: 'adj:03121972'});
    expect(s?.gloss).to.equal('draw air into, and expel out of, the lungs; "I can breathe better"');
  });
  it('strips adjective markers and skips license lines', () => {
    const s = parseSynsetLine('00001740 00 a 02 able(p) 0 Able(a) 1 000 | having the means', 'adj');
    expect(s?.words).to.deep.equal(['able', 'able']);
    expect(parseSynsetLine('  1 This software and database is being provided', 'adj')).to.equal(undefined);
  });
  it('malformed lines name the file and line', async () => {
    await expectThrows(() => parseSynsetLine('00001740 29 v 03 breathe 0', 'verb', 'dict/data.verb', 42), 'dict/data.verb:42', 'declares 3 words');
  });
  it('glosses: one document per synset (117,791 in WordNet 3.1 incl. 18,185 satellite adjectives)', async function () {
    this.timeout(30000);
    let n = 0;
    let first: string | undefined;
    for await (const d of wordnetGlossCorpus()) {
      if (n === 0) first = `${d.id} ${d.text}`;
      n++;
    }
    // WordNet 3.1 synset counts: nouns 82,192 + verbs 13,789 + adjectives 18,185 + adverbs 3,625.
    expect(n).to.equal(82192 + 13789 + 18185 + 3625);
    expect(first).to.match(/^n:00001740 the world as we know it|^n:00001740 that which is perceived/);
  });
  it('lexicon: synonyms share a synset, multi-word lemmas dropped by default', async function () {
    this.timeout(30000);
    const lex = await wordnetLexicon({files: ['verb']});
    expect(lex.get('breathe')).to.include.members(['respire', 'suspire']);
    expect(lex.get('breathe')).to.not.include('breathe');
    expect([...lex.keys()].some((k) => k.includes('_'))).to.equal(false);
    const hyper = await wordnetLexicon({files: ['verb'], relations: ['hypernyms']});
    // respire (synset 00002325) has hypernym @ 02112831 = {undergo}; undergo shares no synset with respire.
    expect(hyper.get('respire')).to.include('undergo');
    expect(lex.get('respire')).to.not.include('undergo');
  });
});
