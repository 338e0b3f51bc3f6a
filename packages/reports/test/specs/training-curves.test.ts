import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {trainingCurvesSpec, type TrainingCurveRow} from '../../src/index.js';
import {expectRendersWith, json, svgTexts} from '../util.js';

const rows: TrainingCurveRow[] = [];
for (const arm of ['adam', 'sgd']) {
  for (let epoch = 1; epoch <= 3; epoch++) {
    rows.push({arm, epoch, metric: 'loss', value: 1 / epoch});
    rows.push({arm, epoch, metric: 'simlex999', value: 0.1 * epoch});
  }
}

describe('trainingCurvesSpec', () => {
  it('draws a line per arm with one panel per metric over epochs', () => {
    const s = json(trainingCurvesSpec(rows));
    expect(s.title.text).to.equal('Training curves by epoch');
    expect(s.facet).to.deep.include({field: 'metric', sort: ['loss', 'simlex999']});
    expect(s.resolve).to.deep.equal({scale: {y: 'independent'}});
    expect(s.spec.mark).to.deep.equal({type: 'line', point: true});
    expect(s.spec.encoding.x).to.deep.include({field: 'epoch', title: 'Epoch', axis: {tickMinStep: 1}});
    expect(s.spec.encoding.y).to.include({field: 'value', title: 'Value'});
    expect(s.spec.encoding.color).to.deep.include({field: 'arm', sort: ['adam', 'sgd']});
    expect(s.spec.encoding.tooltip.map((t: {field: string}) => t.field)).to.deep.equal(['arm', 'metric', 'epoch', 'value']);
    expect(s.data.values).to.have.length(12);
    expect(s.data.values[0]).to.deep.equal({arm: 'adam', metric: 'loss', epoch: 1, value: 1});
  });

  it('prefers step when every row has one, and drops points on long curves', () => {
    const long = Array.from({length: 100}, (_, i) => ({arm: 'a', step: i * 10, epoch: 1, metric: 'loss', value: i}));
    const s = json(trainingCurvesSpec(long));
    expect(s.spec.encoding.x).to.include({field: 'step', title: 'Step'});
    expect(s.spec.mark.point).to.equal(false);
    expect(json(trainingCurvesSpec(long, {x: 'epoch'})).spec.encoding.x.field).to.equal('epoch');
  });

  it('compiles without warnings and renders metric headers, arms and axis titles', async () => {
    const svg = await expectRendersWith(trainingCurvesSpec(rows, {title: 'Curves'}), ['Curves', 'loss', 'simlex999', 'adam', 'sgd', 'Epoch', 'Value']);
    // Epochs 1..3: whole-number ticks only.
    expect(svgTexts(svg).filter((t) => /^[1-9]\d*\.5$/.test(t))).to.deep.equal([]);
  });

  it('asks for step or epoch when rows have neither', async () => {
    await expectThrows(() => trainingCurvesSpec([{arm: 'a', metric: 'm', value: 1}]), 'step', 'epoch');
  });
});
