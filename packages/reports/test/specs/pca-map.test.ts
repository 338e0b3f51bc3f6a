import {expectArraysClose, expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {pcaMapRows, pcaMapSpec, type PcaPointRow, type VectorLookup} from '../../src/index.js';
import {expectRendersWith, json} from '../util.js';

function lookup(entries: Record<string, number[]>): VectorLookup {
  return {dim: Object.values(entries)[0]!.length, vector: (w) => entries[w]};
}

describe('pcaMapRows', () => {
  it('normalizes, projects and keeps group labels; reports missing words', () => {
    // Unit vectors (1,0), (0,1), (-1,0): mean (0, 1/3); covariance diag(1, 1/3) -> PC1 = x, PC2 = y.
    const vectors = lookup({a: [2, 0], b: [0, 3], c: [-5, 0]});
    const {rows, explained, missing} = pcaMapRows(
      [
        {group: 'g1', words: ['a', 'zzz']},
        {group: 'g2', words: ['b', 'c']},
      ],
      vectors,
    );
    expect(missing).to.deep.equal(['zzz']);
    expect(rows.map((r) => [r.word, r.group])).to.deep.equal([
      ['a', 'g1'],
      ['b', 'g2'],
      ['c', 'g2'],
    ]);
    expectArraysClose(explained, [0.75, 0.25], 1e-12);
    expectArraysClose(
      rows.flatMap((r) => [r.x, r.y]),
      [1, -1 / 3, 0, 2 / 3, -1, -1 / 3],
      1e-9,
    );
  });

  it('uses raw vectors with normalize: false', () => {
    // Raw points (2,0), (0,3), (-2,0): mean (0, 1), covariance diag(4, 3) -> PC1 = x, PC2 = y; 4/7 and 3/7 explained.
    const {rows, explained} = pcaMapRows([{group: 'g', words: ['a', 'b', 'c']}], lookup({a: [2, 0], b: [0, 3], c: [-2, 0]}), {
      normalize: false,
    });
    expectArraysClose(
      rows.flatMap((r) => [r.x, r.y]),
      [2, -1, 0, 2, -2, -1],
      1e-9,
    );
    expectArraysClose(explained, [4 / 7, 3 / 7], 1e-12);
  });

  it('rejects a word listed in two groups and too few known words', async () => {
    const vectors = lookup({a: [1, 0], b: [0, 1]});
    await expectThrows(
      () =>
        pcaMapRows(
          [
            {group: 'g1', words: ['a']},
            {group: 'g2', words: ['a', 'b']},
          ],
          vectors,
        ),
      '"a"',
      '"g1"',
      '"g2"',
    );
    await expectThrows(() => pcaMapRows([{group: 'g1', words: ['a', 'q']}], vectors), 'only 1');
  });
});

describe('pcaMapSpec', () => {
  const rows: PcaPointRow[] = [
    {word: 'paris', group: 'capitals', x: -1, y: 0.5},
    {word: 'rome', group: 'capitals', x: -0.8, y: 0.2},
    {word: 'dog', group: 'animals', x: 1.2, y: -0.3},
    {word: '</script>', group: 'animals', x: 0.9, y: 0.1},
  ];

  it('layers points and text labels coloured by group, with variance in the axis titles', () => {
    const s = json(pcaMapSpec(rows, {explained: [0.4213, 0.2]}));
    expect(s.title.text).to.equal('PCA map of word groups');
    expect(s.layer.map((l: {mark: {type: string}}) => l.mark.type)).to.deep.equal(['point', 'text']);
    expect(s.layer[1].encoding.text.field).to.equal('word');
    expect(s.encoding.x).to.include({field: 'x', title: 'PC1 (42.1% of variance)'});
    expect(s.encoding.y).to.include({field: 'y', title: 'PC2 (20.0% of variance)'});
    expect(s.encoding.color).to.deep.include({field: 'group', sort: ['capitals', 'animals']});
    expect(s.encoding.tooltip.map((t: {field: string}) => t.field)).to.deep.equal(['word', 'group', 'x', 'y']);
    expect(s.data.values).to.deep.equal(rows);
  });

  it('compiles without warnings and renders every word as a label', async () => {
    await expectRendersWith(pcaMapSpec(rows), ['paris', 'rome', 'dog', '</script>', 'capitals', 'animals', 'PC1', 'PC2']);
  });
});
