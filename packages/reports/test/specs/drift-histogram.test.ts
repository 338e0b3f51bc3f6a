import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {driftHistogramSpec, type DriftRow} from '../../src/index.js';
import {expectRendersWith, json} from '../util.js';

const rows: DriftRow[] = [
  ...[0.9, 0.95, 1.0, 0.5].map((cosine) => ({arm: 'adam', bucket: 'top 1k', cosine})),
  ...[0.5, 0.75].map((cosine) => ({arm: 'adam', bucket: 'rare', cosine})),
  ...[0.8, 0.85].map((cosine) => ({arm: 'sgd', bucket: 'top 1k', cosine})),
];

describe('driftHistogramSpec', () => {
  it('bins the cosines per arm and bucket, fraction of the cell, with the median', () => {
    const s = json(driftHistogramSpec(rows));
    // Default extent: min 0.5 rounded down to a multiple of 0.05 -> 0.5, up to 1 -> 10 bins per cell.
    const bins = s.data.values.filter((v: {kind: string}) => v.kind === 'bin');
    expect(bins).to.have.length(30);
    const topAdam = bins.filter((b: DriftRow) => b.arm === 'adam' && b.bucket === 'top 1k');
    expect(topAdam.map((b: {count: number}) => b.count)).to.deep.equal([1, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
    expect(topAdam[9]).to.deep.equal({kind: 'bin', arm: 'adam', bucket: 'top 1k', start: 0.95, end: 1, count: 2, fraction: 0.5});
    const medians = s.data.values.filter((v: {kind: string}) => v.kind === 'median');
    expect(medians).to.deep.equal([
      {kind: 'median', arm: 'adam', bucket: 'top 1k', median: 0.925, n: 4},
      {kind: 'median', arm: 'adam', bucket: 'rare', median: 0.625, n: 2},
      {kind: 'median', arm: 'sgd', bucket: 'top 1k', median: 0.825, n: 2},
    ]);
  });

  it('lays panels out bucket x arm with pre-binned bars and a median rule', () => {
    const s = json(driftHistogramSpec(rows, {step: 0.1, extent: [0, 1]}));
    expect(s.title.text).to.equal('Drift of word vectors by frequency bucket');
    expect(s.facet.row).to.deep.include({field: 'bucket', title: 'Frequency bucket', sort: ['top 1k', 'rare']});
    expect(s.facet.column).to.deep.include({field: 'arm', title: 'Arm', sort: ['adam', 'sgd']});
    const [bars, rule] = s.spec.layer;
    expect(bars.mark.type).to.equal('bar');
    expect(bars.encoding.x).to.deep.include({field: 'start', bin: 'binned', title: 'cosine(initial, final)'});
    expect(bars.encoding.x.scale.domain).to.deep.equal([0, 1]);
    expect(bars.encoding.x2).to.deep.equal({field: 'end'});
    expect(bars.encoding.y).to.include({field: 'fraction', title: 'Fraction of words'});
    expect(rule.mark.type).to.equal('rule');
    expect(rule.encoding.x.field).to.equal('median');
    expect(s.data.values.filter((v: {kind: string}) => v.kind === 'bin')).to.have.length(30);
  });

  it('compiles without warnings and renders the panel headers and axis titles', async () => {
    await expectRendersWith(driftHistogramSpec(rows), [
      'top 1k',
      'rare',
      'adam',
      'sgd',
      'Frequency bucket',
      'Arm',
      'cosine(initial, final)',
      'Fraction of words',
    ]);
  });

  it('rejects a bad step or extent', async () => {
    await expectThrows(() => driftHistogramSpec(rows, {step: 0}), 'options.step');
    await expectThrows(() => driftHistogramSpec(rows, {extent: [1, 0]}), 'options.extent');
  });
});
