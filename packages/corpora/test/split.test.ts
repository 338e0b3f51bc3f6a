import {expect} from 'chai';
import {trainTestSplit} from '../src/split.js';
import {expectThrows} from '@embedlab/testing';

const docs = Array.from({length: 100}, (_, i) => ({id: `d${i}`, label: i < 80 ? 'ham' : 'spam'}));

describe('trainTestSplit', () => {
  it('is deterministic for a seed and different for another seed', () => {
    const a = trainTestSplit(docs, {testFraction: 0.25, seed: 7});
    const b = trainTestSplit(docs, {testFraction: 0.25, seed: 7});
    const c = trainTestSplit(docs, {testFraction: 0.25, seed: 8});
    expect(a.test.map((d) => d.id)).to.deep.equal(b.test.map((d) => d.id));
    expect(a.test.map((d) => d.id)).to.not.deep.equal(c.test.map((d) => d.id));
    expect(a.test).to.have.length(25);
    expect(a.train).to.have.length(75);
  });
  it('partitions: every doc exactly once, input order kept', () => {
    const {train, test} = trainTestSplit(docs, {testFraction: 0.3, seed: 1});
    const ids = [...train, ...test].map((d) => d.id).sort();
    expect(ids).to.deep.equal(docs.map((d) => d.id).sort());
    const idx = test.map((d) => Number(d.id.slice(1)));
    expect(idx).to.deep.equal([...idx].sort((x, y) => x - y));
  });
  it('stratified: each label split round(n * f)', () => {
    for (const seed of [1, 2, 3]) {
      const {test} = trainTestSplit(docs, {testFraction: 0.25, seed, stratify: true});
      expect(test.filter((d) => d.label === 'ham')).to.have.length(20);
      expect(test.filter((d) => d.label === 'spam')).to.have.length(5);
    }
  });
  it('rejects bad fractions and unlabelled docs when stratifying', async () => {
    await expectThrows(() => trainTestSplit(docs, {testFraction: 1, seed: 1}), 'testFraction');
    await expectThrows(() => trainTestSplit([{id: 'x'}], {testFraction: 0.5, seed: 1, stratify: true}), '"x" has no label');
  });
});
