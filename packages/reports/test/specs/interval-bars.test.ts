import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {intervalBarsSpec, type IntervalRow} from '../../src/index.js';
import {expectRendersWith, json} from '../util.js';

const rows: IntervalRow[] = [
  {dataset: 'simlex999', arm: 'glove', metric: 'spearman', value: 0.37, lo: 0.31, hi: 0.42, coverage: 1},
  {dataset: 'simlex999', arm: 'random', metric: 'spearman', value: 0.02, lo: -0.05, hi: 0.08, coverage: 1},
  {dataset: 'ws353', arm: 'glove', metric: 'spearman', value: 0.52, lo: 0.44, hi: 0.6, coverage: 0.99},
  {dataset: 'ws353', arm: 'random', metric: 'spearman', value: 0.01, lo: -0.1, hi: 0.11, coverage: 0.99},
];

describe('intervalBarsSpec', () => {
  it('layers bars and interval rules, grouped by dataset and coloured by arm', () => {
    const s = json(intervalBarsSpec(rows, {subtitle: 'run r1'}));
    expect(s.title).to.deep.equal({text: 'spearman by dataset and arm (95% intervals)', subtitle: 'run r1', anchor: 'start'});
    expect(s.encoding.x).to.include({field: 'dataset', type: 'nominal', title: 'Dataset'});
    expect(s.encoding.x.sort).to.deep.equal(['simlex999', 'ws353']);
    expect(s.encoding.xOffset).to.deep.include({field: 'arm', sort: ['glove', 'random']});
    expect(s.encoding.color).to.deep.include({field: 'arm', sort: ['glove', 'random']});
    expect(s.layer.map((l: {mark: {type: string}}) => l.mark.type)).to.deep.equal(['bar', 'rule']);
    expect(s.layer[0].encoding.y).to.include({field: 'value', title: 'spearman (bars: 95% interval)'});
    expect(s.layer[1].encoding.y.field).to.equal('lo');
    expect(s.layer[1].encoding.y2.field).to.equal('hi');
    expect(s.layer[1].encoding.color).to.deep.equal({value: 'black'});
    const tooltipFields = s.layer[0].encoding.tooltip.map((t: {field: string}) => t.field);
    expect(tooltipFields).to.deep.equal(['dataset', 'arm', 'metric', 'value', 'lo', 'hi', 'coverage']);
    expect(s.data.values).to.deep.equal(rows);
  });

  it('does not mutate the rows and gives the same spec twice', () => {
    const copy = structuredClone(rows);
    const a = JSON.stringify(intervalBarsSpec(rows));
    expect(JSON.stringify(intervalBarsSpec(rows))).to.equal(a);
    expect(rows).to.deep.equal(copy);
  });

  it('facets by metric, with independent y scales, when rows hold several metrics', () => {
    const s = json(intervalBarsSpec([...rows, ...rows.map((r) => ({...r, metric: 'pearson'}))]));
    expect(s.facet.row).to.deep.include({field: 'metric', sort: ['spearman', 'pearson']});
    expect(s.resolve).to.deep.equal({scale: {y: 'independent'}});
    expect(s.spec.layer).to.have.length(2);
    expect(s.data.values).to.have.length(8);
  });

  it('leaves coverage out of the tooltip when some row lacks it', () => {
    const s = json(intervalBarsSpec([{dataset: 'a', arm: 'x', metric: 'm', value: 1, lo: 0, hi: 2}]));
    expect(s.layer[0].encoding.tooltip.map((t: {field: string}) => t.field)).to.not.include('coverage');
  });

  it('compiles without warnings and renders datasets, arms and titles', async () => {
    await expectRendersWith(intervalBarsSpec(rows, {title: 'Similarity'}), [
      'Similarity',
      'simlex999',
      'ws353',
      'glove',
      'random',
      'Dataset',
      'spearman (bars: 95% interval)',
    ]);
  });

  it('names the row and field of a non-finite value', async () => {
    await expectThrows(() => intervalBarsSpec([{...rows[0]!}, {...rows[1]!, hi: Number.NaN}]), 'rows[1].hi', 'finite');
    await expectThrows(() => intervalBarsSpec([]), 'no rows');
    await expectThrows(() => intervalBarsSpec([{...rows[0]!, arm: ''}]), 'rows[0].arm');
  });
});
