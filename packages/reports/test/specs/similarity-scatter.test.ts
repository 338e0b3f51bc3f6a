import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {similarityScatterSpec, type SimilarityPairRow} from '../../src/index.js';
import {similarityPanelLabel} from '../../src/internal.js';
import {expectRendersWith, json} from '../util.js';

const simlex: SimilarityPairRow[] = [
  {dataset: 'simlex999', word1: 'old', word2: 'new', human: 1.58, model: 0.62},
  {dataset: 'simlex999', word1: 'smart', word2: 'intelligent', human: 9.2, model: 0.71},
  {dataset: 'simlex999', word1: 'hard', word2: 'difficult', human: 8.77, model: 0.66},
];
const men: SimilarityPairRow[] = [
  {dataset: 'men', word1: 'sun', word2: 'sunlight', human: 50, model: 0.7},
  {dataset: 'men', word1: 'car', word2: 'banana', human: 4, model: 0.1},
];

describe('similarityScatterSpec', () => {
  it('labels a panel with rho to 3 decimals and n, or n alone', () => {
    expect(similarityPanelLabel('men', 2, 0.7)).to.equal('men (Spearman ρ = 0.700, n = 2)');
    expect(similarityPanelLabel('men', 2)).to.equal('men (n = 2)');
  });

  it('gives one chart with Spearman in the title for one dataset', () => {
    const s = json(similarityScatterSpec(simlex, {spearman: {simlex999: 0.3721}}));
    expect(s.title.text).to.equal('Human vs model similarity: simlex999 (Spearman ρ = 0.372, n = 3)');
    expect(s.mark.type).to.equal('point');
    expect(s.encoding.x).to.include({field: 'human', type: 'quantitative', title: 'Human rating'});
    expect(s.encoding.y).to.include({field: 'model', type: 'quantitative', title: 'Model cosine similarity'});
    expect(s.encoding.tooltip.map((t: {field: string}) => t.field)).to.deep.equal(['word1', 'word2', 'human', 'model']);
    expect(s.data.values.map((v: SimilarityPairRow) => v.word2)).to.deep.equal(['new', 'intelligent', 'difficult']);
    expect(s.facet).to.equal(undefined);
  });

  it('facets several datasets with rho in each header and independent x scales', () => {
    const s = json(similarityScatterSpec([...simlex, ...men], {title: 'Similarity', spearman: {men: 0.5}, columns: 2}));
    expect(s.title.text).to.equal('Similarity');
    expect(s.facet).to.deep.include({field: 'panel'});
    expect(s.facet.sort).to.deep.equal(['simlex999 (n = 3)', 'men (Spearman ρ = 0.500, n = 2)']);
    expect(s.columns).to.equal(2);
    expect(s.resolve).to.deep.equal({scale: {x: 'independent'}});
    expect(s.data.values[3]).to.deep.equal({...men[0], panel: 'men (Spearman ρ = 0.500, n = 2)'});
  });

  it('compiles without warnings and renders the panel headers and axis titles', async () => {
    await expectRendersWith(similarityScatterSpec([...simlex, ...men], {spearman: {simlex999: 0.25, men: 0.5}}), [
      'Human vs model similarity',
      'simlex999 (Spearman ρ = 0.250, n = 3)',
      'men (Spearman ρ = 0.500, n = 2)',
      'Human rating',
      'Model cosine similarity',
    ]);
  });

  it('names the field of a bad row', async () => {
    await expectThrows(() => similarityScatterSpec([{...simlex[0]!, model: Number.POSITIVE_INFINITY}]), 'rows[0].model');
  });
});
