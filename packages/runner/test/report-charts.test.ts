import {expect} from 'chai';
import {partLabel, reportCharts} from '../src/report-charts.js';
import type {MetricRow} from '../src/metric-row.js';

describe('report charts', () => {
  it('shortens analogy part labels', () => {
    expect(partLabel('google-analogy', 'overall')).to.equal('Google overall');
    expect(partLabel('bats-3.0', '1_Inflectional_morphology')).to.equal('BATS inflectional');
    expect(partLabel('my-set', undefined)).to.equal('my-set');
  });
  it('draws only the charts whose rows exist', () => {
    const rows: MetricRow[] = [
      {arm: 'a', task: 'similarity', dataset: 'men', metric: 'spearman', value: 0.7, lo: 0.6, hi: 0.8},
      {arm: 'a', task: 'similarity', dataset: 'men', metric: 'coverage', value: 1},
      {arm: 'a', task: 'training', dataset: 'c', metric: 'loss', value: 2, epoch: 1},
    ];
    expect(reportCharts(rows, new Map(), 'sub').map((c) => c.name)).to.deep.equal(['similarity', 'training']);
    expect(reportCharts([], new Map(), 'sub')).to.deep.equal([]);
  });
});
