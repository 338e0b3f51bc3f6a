import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'chai';
import type {ExperimentConfig} from '../src/experiment.js';
import type {MetricRow} from '../src/metric-row.js';
import {experimentQuestion, exploreNote, headlineFirst, primaryCells} from '../src/report-headline.js';

describe('report headline', () => {
  it("takes the question from the experiment README's **Question.** paragraph, up to its first question mark", () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedlab-question-'));
    try {
      mkdirSync(join(dir, 'a'));
      writeFileSync(join(dir, 'a', 'README.md'), '# a\n\n**Question.** Side by side: `x` and y.\nWhich differences are real? More text.\n\n## Next\n');
      mkdirSync(join(dir, 'b'));
      writeFileSync(join(dir, 'b', 'README.md'), '# b\n\n**Question.** No question mark here. Second sentence.\n');
      expect(experimentQuestion(dir, 'a')).to.equal('Side by side: x and y. Which differences are real?');
      expect(experimentQuestion(dir, 'b')).to.equal('No question mark here.');
      expect(experimentQuestion(dir, 'missing')).to.equal(undefined);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('the primary table keeps accuracy / Spearman / F1 / perplexity overall per dataset, with intervals, arms as columns', () => {
    const rows: MetricRow[] = [
      {arm: 'g', task: 'analogy', dataset: 'google-analogy', section: 'overall', metric: 'accuracy', value: 0.5, lo: 0.49, hi: 0.51},
      {arm: 'r', task: 'analogy', dataset: 'google-analogy', section: 'overall', metric: 'accuracy', value: 0, lo: 0, hi: 0},
      {arm: 'g', task: 'analogy', dataset: 'google-analogy', section: 'family', metric: 'accuracy', value: 0.8, detail: true},
      {arm: 'g', task: 'analogy', dataset: 'google-analogy', section: 'overall', metric: 'coverage', value: 1},
      {arm: 'g', task: 'similarity', dataset: 'men', metric: 'spearman', value: 0.7, lo: 0.68, hi: 0.72},
      {arm: 'g', task: 'similarity', dataset: 'men', metric: 'pearson', value: 0.7},
      {arm: 'scratch', task: 'downstream', dataset: 'spam', section: 'trained', metric: 'f1', value: 0.9, lo: 0.88, hi: 0.92},
      {arm: 'g', task: 'lm', dataset: 'validation', section: 'seed 1', metric: 'perplexity', value: 300, detail: true},
      {arm: 'g', task: 'training', dataset: 'x', metric: 'accuracy', value: 0.1, step: 3},
      {arm: 'g vs r', task: 'paired', dataset: 'men', metric: 'spearman', value: 0.1},
    ];
    expect(primaryCells(rows, ['g', 'r'])).to.deep.equal({
      header: ['metric', 'g', 'r', 'scratch'],
      body: [
        ['google-analogy accuracy', '0.5000 [0.4900, 0.5100]', '0.0000 [0.0000, 0.0000]', '-'],
        ['men spearman', '0.7000 [0.6800, 0.7200]', '-', '-'],
        ['spam trained f1', '-', '-', '0.9000 [0.8800, 0.9200]'],
      ],
    });
  });

  it('puts the headline chart first and names the explorer command for reloadable arms only', () => {
    const charts = [{name: 'pca-g'}, {name: 'similarity'}, {name: 'analogy'}, {name: 'drift'}];
    expect(headlineFirst(charts).map((c) => c.name)).to.deep.equal(['analogy', 'pca-g', 'similarity', 'drift']);
    expect(headlineFirst([{name: 'lm-curves'}, {name: 'lm-perplexity'}]).map((c) => c.name)).to.deep.equal(['lm-perplexity', 'lm-curves']);
    const config = {
      name: 'x',
      arms: [
        {name: 'g', vectors: {type: 'pretrained', source: 'glove-6b-100d'}},
        {name: 'retro', vectors: {type: 'pretrained', source: 'glove-6b-100d'}, postprocess: [{type: 'retrofit'}]},
        {name: 'sgns', vectors: {type: 'continued-sgns'}},
      ],
    } as unknown as ExperimentConfig;
    expect(exploreNote(config, 'R1')).to.include('pnpm exp explore results/x/R1 --out explore.html (arms g; the other 2 arms are trained or post-processed');
    expect(exploreNote({name: 'y', arms: [{name: 's', vectors: {type: 'continued-sgns'}}]} as unknown as ExperimentConfig, 'R')).to.equal(undefined);
  });
});
