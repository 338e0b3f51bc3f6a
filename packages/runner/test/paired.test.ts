import {WordVectors} from '@embedlab/core';
import type {AnalogyRecord, SimilarityResult} from '@embedlab/evaluators';
import {expect} from 'chai';
import {pairedRows, type PairableResult} from '../src/paired.js';
import {pcaArtifactRows} from '../src/pca-groups.js';
import {thinRows} from '../src/report-charts.js';
import {formatP, pairedCells} from '../src/table.js';

const rec = (correct: boolean, status: 'answered' | 'oov' = 'answered'): AnalogyRecord =>
  ({section: 's', a: 'a', b: 'b', c: 'c', answers: ['d'], status, predicted: null, correct}) as AnalogyRecord;

const sim = (model: (number | null)[], gold: number[]): SimilarityResult =>
  ({records: model.map((m, i) => ({w1: `x${i}`, w2: `y${i}`, gold: gold[i]!, model: m, oov: m === null}))}) as unknown as SimilarityResult;

describe('paired comparisons', () => {
  const evaluation = {bootstrapSamples: 200, confidence: 0.95};
  it('analogy: difference over questions both answered, McNemar exact p from the discordant counts', () => {
    // Question 5 is OOV for B, so it is left out: 5 paired questions, A right on 4, B right on 1.
    const a = [rec(true), rec(true), rec(true), rec(true), rec(false), rec(true)];
    const b = [rec(false), rec(false), rec(false), rec(true), rec(false), rec(true, 'oov')];
    const kept = new Map([
      [
        'g',
        new Map<string, PairableResult>([
          ['A', {kind: 'analogy', result: {records: a}}],
          ['B', {kind: 'analogy', result: {records: b}}],
        ]),
      ],
    ]);
    const rows = pairedRows(kept, ['A', 'B'], evaluation, 1, new Set(['A', 'B']));
    const get = (m: string) => rows.find((r) => r.metric === m)!;
    expect(get('accuracy-difference').value).to.be.closeTo(4 / 5 - 1 / 5, 1e-12);
    expect(get('accuracy-difference').n).to.equal(5);
    expect(get('only-a-correct').value).to.equal(3);
    expect(get('only-b-correct').value).to.equal(0);
    // b = 3, c = 0: p = 2 * P(Bin(3, 1/2) <= 0) = 2 / 8.
    expect(get('mcnemar-p').value).to.be.closeTo(0.25, 1e-12);
    expect(rows.every((r) => r.arm === 'A vs B' && r.task === 'paired' && r.exact === true)).to.equal(true);
    const cells = pairedCells(rows);
    expect(cells.body).to.have.length(1);
    expect(cells.body[0]!.slice(0, 3)).to.deep.equal(['A vs B', 'g', 'accuracy']);
    expect(cells.body[0]![4]).to.equal('0.2500');
  });

  it('similarity: Spearman difference on pairs both scored; every pair of arms in config order', () => {
    const gold = [1, 2, 3, 4, 5];
    const perfect = sim([0.1, 0.2, 0.3, 0.4, 0.5], gold); // rho = 1
    const reversed = sim([0.5, 0.4, 0.3, 0.2, 0.1], gold); // rho = -1
    const kept = new Map([
      [
        's',
        new Map<string, PairableResult>([
          ['A', {kind: 'similarity', result: perfect}],
          ['B', {kind: 'similarity', result: reversed}],
          ['C', {kind: 'similarity', result: perfect}],
        ]),
      ],
    ]);
    const rows = pairedRows(kept, ['A', 'B', 'C'], evaluation, 1, new Set(['A']));
    const diffs = rows.filter((r) => r.metric === 'spearman-difference');
    expect(diffs.map((r) => [r.arm, r.value])).to.deep.equal([
      ['A vs B', 2],
      ['A vs C', 0],
      ['B vs C', -2],
    ]);
    expect(diffs.every((r) => r.exact === false)).to.equal(true); // B and C count as trained here
  });

  it('formats p-values', () => {
    expect(formatP(0.0312)).to.equal('0.0312');
    expect(formatP(3e-10)).to.equal('<1e-9');
    expect(formatP(undefined)).to.equal('-');
  });
});

describe('report chart helpers', () => {
  it('thinRows keeps every k-th row in order, and short lists whole', () => {
    expect(thinRows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).to.deep.equal([0, 2, 4, 6, 8]);
    expect(thinRows([1, 2], 5)).to.deep.equal([1, 2]);
  });
  it('pcaArtifactRows places the known words and counts the missing ones', () => {
    const v = WordVectors.fromEntries([
      ['king', [1, 0]],
      ['queen', [0, 1]],
      ['man', [1, 1]],
    ]);
    const rows = pcaArtifactRows(v, [{group: 'family', words: ['king', 'queen', 'man', 'absent']}]);
    expect(rows.map((r) => r.word)).to.deep.equal(['king', 'queen', 'man']);
    expect(rows.every((r) => r.missing === 1)).to.equal(true);
    // Two dimensions only: PC1 + PC2 explain everything.
    expect((rows[0]!.explained1 as number) + (rows[0]!.explained2 as number)).to.be.closeTo(1, 1e-9);
    expect(pcaArtifactRows(v, [{group: 'g', words: ['king', 'nope']}])).to.deep.equal([]);
  });
});
