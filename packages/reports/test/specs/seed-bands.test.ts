import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {seedBandRows, seedBandsSpec, type SeedCurveRow} from '../../src/index.js';
import {expectRendersWith, json} from '../util.js';

const rows: SeedCurveRow[] = [];
for (const arm of ['random', 'glove']) {
  for (const seed of [1, 2, 3]) {
    for (const x of [1000, 2000, 3000]) {
      rows.push({arm, seed, x, metric: 'train loss', value: 8 - x / 1000 + seed / 10 + (arm === 'glove' ? -0.5 : 0)});
      rows.push({arm, seed, x, metric: 'held-out loss', value: 8.5 - x / 1000 + seed / 10});
    }
  }
}

describe('seedBandsSpec', () => {
  it('aggregates mean, min and max over seeds per arm, metric and x', () => {
    const agg = seedBandRows(rows);
    expect(agg).to.have.length(2 * 2 * 3);
    const first = agg.find((r) => r.arm === 'random' && r.metric === 'train loss' && r.x === 1000)!;
    expect(first.seeds).to.equal(3);
    expect(first.min).to.be.closeTo(7.1, 1e-12);
    expect(first.max).to.be.closeTo(7.3, 1e-12);
    expect(first.mean).to.be.closeTo(7.2, 1e-12);
  });

  it('layers a min-max band under a mean line, one panel per metric, colour = arm', () => {
    const s = json(seedBandsSpec(rows));
    expect(s.facet).to.deep.include({field: 'metric', sort: ['train loss', 'held-out loss']});
    expect(s.resolve).to.deep.equal({scale: {y: 'independent'}});
    const [band, line] = s.spec.layer;
    expect(band.mark.type).to.equal('area');
    expect(band.encoding.y.field).to.equal('min');
    expect(band.encoding.y2.field).to.equal('max');
    expect(line.encoding.y.field).to.equal('mean');
    expect(line.encoding.color).to.deep.include({field: 'arm', sort: ['random', 'glove']});
    expect(line.encoding.x.title).to.equal('Tokens seen');
  });

  it('compiles without warnings and renders panels, arms and axis titles', async () => {
    await expectRendersWith(seedBandsSpec(rows, {title: 'Loss over seeds', yTitle: 'nats per token'}), [
      'Loss over seeds',
      'train loss',
      'held-out loss',
      'random',
      'glove',
      'Tokens seen',
      'nats per token',
    ]);
    // Long arm names are not cut in the legend.
    await expectRendersWith(seedBandsSpec(rows.map((r) => ({...r, arm: `${r.arm}-init-sinusoidal-untied`}))), ['glove-init-sinusoidal-untied']);
  });

  it('names the bad field of a bad row', async () => {
    await expectThrows(() => seedBandsSpec([{arm: 'a', metric: 'm', x: Number.NaN, seed: 1, value: 1}]), 'rows[0].x');
  });
});
