import {expect} from 'chai';
import {WordVectors} from '@embedlab/core';
import {batsQuestions, evaluateBats} from '../src/bats.js';
import type {BatsDataset} from '../src/types.js';

const S2 = Math.SQRT1_2;
// Offset (0, 0, 1) from each source to its target. t2x (the first alternative of s2) has no vector.
const vectors = WordVectors.fromEntries([
  ['s1', [1, 0, 0]],
  ['t1', [S2, 0, S2]],
  ['s2', [0, 1, 0]],
  ['t2', [0, S2, S2]],
  ['s3', [-1, 0, 0]],
  ['t3', [-S2, 0, S2]],
]);
const bats: BatsDataset = {
  id: 'fixture',
  files: [],
  categories: [
    {
      name: 'X01 [fixture]',
      group: '1_Fixture',
      file: 'x.txt',
      pairs: [
        {source: 's1', targets: ['t1'], line: 1},
        {source: 's2', targets: ['t2x', 't2'], line: 2},
        {source: 's3', targets: ['t3'], line: 3},
      ],
    },
  ],
};

describe('evaluateBats', () => {
  it('builds n(n-1) pairwise questions with the first alternative as the vector and all as answers', () => {
    const qs = batsQuestions(bats);
    expect(qs).to.have.length(6);
    expect(qs[0]).to.include({a: 's1', b: 't1', c: 's2'});
    expect(qs[0]!.answers).to.deep.equal(['t2x', 't2']);
    expect(qs[2]).to.include({a: 's2', b: 't2x', c: 's1'});
  });

  it('a hit on any alternative counts; an OOV first alternative makes its questions OOV (hand-derived)', async () => {
    // (s1:t1 :: s2:?) -> t2 scores 1.207/|q| vs t3 0.707, s3 0.293: a hit via the SECOND alternative.
    // (s1:t1 :: s3:?) -> t3; (s3:t3 :: s1:?) -> t1; (s3:t3 :: s2:?) -> t2. Questions with a = s2 use t2x: OOV.
    const r = await evaluateBats(vectors, bats, {restrict: null, caseFolding: 'none'}, {engine: 'js', bootstrap: false, records: true});
    expect(r.overall).to.include({correct: 4, evaluated: 4, total: 6, oov: 2});
    expect(r.records!.filter((x) => x.status === 'answered').map((x) => x.predicted)).to.deep.equal(['t2', 't3', 't1', 't2']);
    expect(r.categories[0]).to.include({category: 'X01 [fixture]', group: '1_Fixture', correct: 4});
    expect(r.groups).to.deep.equal([{group: '1_Fixture', correct: 4, evaluated: 4, accuracy: 1, total: 6, oov: 2}]);
    expect(r.macroAccuracy).to.equal(1);
  });

  it('with OOV counted wrong the denominator keeps every question', async () => {
    const r = await evaluateBats(vectors, bats, {restrict: null, caseFolding: 'none', oov: 'wrong'}, {engine: 'js', bootstrap: false});
    expect(r.overall).to.include({correct: 4, evaluated: 6});
  });
});
