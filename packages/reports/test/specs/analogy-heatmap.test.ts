import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {analogyHeatmapSpec, type AnalogySectionRow} from '../../src/index.js';
import {expectRendersWith, json} from '../util.js';

const rows: AnalogySectionRow[] = [
  {section: 'capital-common-countries', arm: 'glove', accuracy: 0.5, correct: 253, total: 506},
  {section: 'capital-common-countries', arm: 'random', accuracy: 0.25, correct: 126, total: 506},
  {section: 'gram1-adjective-to-adverb', arm: 'glove', accuracy: 0.125, correct: 124, total: 992},
  {section: 'gram1-adjective-to-adverb', arm: 'random', accuracy: 1, correct: 992, total: 992},
];

describe('analogyHeatmapSpec', () => {
  it('draws rect cells coloured by accuracy on a fixed [0, 1] scale with text labels', () => {
    const s = json(analogyHeatmapSpec(rows));
    expect(s.title.text).to.equal('Analogy accuracy by section and arm');
    expect(s.encoding.x).to.deep.include({field: 'arm', title: 'Arm', sort: ['glove', 'random']});
    expect(s.encoding.y).to.deep.include({field: 'section', title: 'Section', sort: ['capital-common-countries', 'gram1-adjective-to-adverb']});
    expect(s.layer.map((l: {mark: {type: string}}) => l.mark.type)).to.deep.equal(['rect', 'text']);
    expect(s.layer[0].encoding.color).to.deep.include({field: 'accuracy', title: 'Accuracy'});
    expect(s.layer[0].encoding.color.scale.domain).to.deep.equal([0, 1]);
    expect(s.layer[1].encoding.text).to.deep.include({field: 'accuracy', format: '.2f'});
    expect(s.layer[0].encoding.tooltip.map((t: {field: string}) => t.field)).to.deep.equal(['section', 'arm', 'accuracy', 'correct', 'total']);
    expect(s.data.values).to.deep.equal(rows);
  });

  it('compiles without warnings and prints each cell value with two decimals', async () => {
    // 0.5 -> 0.50, 0.25 -> 0.25, 0.125 -> 0.13 (exact tie; toFixed picks the larger), 1 -> 1.00
    await expectRendersWith(analogyHeatmapSpec(rows, {title: 'Google analogies'}), [
      'Google analogies',
      'capital-common-countries',
      'gram1-adjective-to-adverb',
      'glove',
      'random',
      '0.50',
      '0.25',
      '0.13',
      '1.00',
      'Section',
      'Arm',
    ]);
  });

  it('rejects an accuracy outside [0, 1], naming the row', async () => {
    await expectThrows(() => analogyHeatmapSpec([{section: 's', arm: 'a', accuracy: 50}]), 'rows[0].accuracy = 50', '[0, 1]');
  });
});
