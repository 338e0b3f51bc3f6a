import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {layerLinesSpec, type LayerPointRow, type LayerRuleRow} from '../../src/index.js';
import {expectRendersWith, json} from '../util.js';

const points: LayerPointRow[] = [];
for (const series of ['gpt-random', 'bert-random']) {
  for (const panel of ['simlex-999', 'men']) {
    for (const layer of [0, 1, 2])
      points.push({panel, series, layer, value: 0.1 * layer + (series === 'gpt-random' ? 0 : 0.05), lo: 0.1 * layer - 0.05, hi: 0.1 * layer + 0.1});
  }
}
const rules: LayerRuleRow[] = [
  {panel: 'simlex-999', series: 'glove-init', baseline: 'GloVe', value: 0.3},
  {panel: 'men', series: 'glove-init', baseline: 'GloVe', value: 0.7},
  {panel: 'men', series: 'gpt-random', baseline: 'input table', value: 0.2},
];

describe('layerLinesSpec', () => {
  it('draws whiskers, a line per series and baseline rules, one panel per dataset', () => {
    const s = json(layerLinesSpec(points, rules, {yTitle: 'Spearman'}));
    expect(s.facet).to.deep.include({field: 'panel', sort: ['simlex-999', 'men']});
    const [whisker, line, rule] = s.spec.layer;
    expect(whisker.encoding.y.field).to.equal('lo');
    expect(whisker.encoding.y2.field).to.equal('hi');
    expect(line.mark.type).to.equal('line');
    expect(line.encoding.color).to.deep.include({field: 'series', sort: ['gpt-random', 'bert-random', 'glove-init']});
    expect(line.encoding.x.scale.domain).to.deep.equal([0, 2]);
    expect(rule.mark.type).to.equal('rule');
    expect(rule.encoding.strokeDash).to.deep.include({field: 'baseline', sort: ['GloVe', 'input table']});
    expect(s.data.values.filter((v: {kind: string}) => v.kind === 'rule')).to.have.length(3);
  });

  it('leaves out whiskers and rules when there are none', () => {
    const s = json(layerLinesSpec(points.map(({lo: _l, hi: _h, ...p}) => p)));
    expect(s.spec.layer).to.have.length(1);
  });

  it('compiles without warnings and renders panels, series and baselines', async () => {
    await expectRendersWith(layerLinesSpec(points, rules, {title: 'Spearman per layer', yTitle: 'Spearman'}), [
      'Spearman per layer',
      'simlex-999',
      'men',
      'gpt-random',
      'bert-random',
      'glove-init',
      'GloVe',
      'input table',
      'Spearman',
    ]);
  });

  it('names the bad field of a bad row', async () => {
    await expectThrows(() => layerLinesSpec([{panel: 'a', series: 's', layer: Number.NaN, value: 1}]), 'rows[0].layer');
    await expectThrows(() => layerLinesSpec(points, [{panel: 'a', series: '', baseline: 'b', value: 1}]), 'rows[0].series');
  });
});
