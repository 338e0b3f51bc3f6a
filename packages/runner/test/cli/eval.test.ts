import {join} from 'node:path';
import {expect} from 'chai';
import {registries} from '../../src/registries.js';
import {FIXTURES, sandbox, type Sandbox} from '../helpers/run-cli.js';

describe('exp eval (ad hoc)', () => {
  let box: Sandbox;
  before(() => (box = sandbox({registries})));
  after(() => box.cleanup());
  const vectors = join(FIXTURES, 'tiny-glove-3d.txt');

  it('evaluates a vector file on dataset files, as JSON rows (hand-derived numbers as in tiny-real)', async () => {
    const datasets = [join(FIXTURES, 'tiny-analogy.txt'), join(FIXTURES, 'tiny-similarity.tsv')].join(',');
    const r = await box.cli(['eval', vectors, '--datasets', datasets, '--json', '--quiet', '--resamples', '200']);
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out.protocol.name).to.equal('gensim');
    const value = (dataset: string, section: string | undefined, metric: string) =>
      out.rows.find((x: {dataset: string; section?: string; metric: string}) => x.dataset === dataset && x.section === section && x.metric === metric)?.value;
    expect(value('tiny-analogy', 'overall', 'correct')).to.equal(2);
    expect(value('tiny-analogy', 'overall', 'evaluated')).to.equal(3);
    expect(value('tiny-similarity', undefined, 'spearman')).to.equal(1);
    expect(out.rows.every((x: {arm: string}) => x.arm === 'tiny-glove-3d')).to.equal(true);
  });

  it('prints tables by default and writes nothing', async () => {
    const r = await box.cli(['eval', vectors, '--datasets', join(FIXTURES, 'tiny-similarity.tsv'), '--quiet']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^protocol gensim \(hash [0-9a-f]{16}\)/);
    expect(r.stdout).to.match(/similarity tiny-similarity spearman\s+1\.0000 \[/);
  });

  it('an unknown dataset id gets a did-you-mean', async () => {
    const r = await box.cli(['eval', vectors, '--datasets', 'simlex-99']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('unknown dataset "simlex-99"; did you mean "simlex-999"?');
  });

  it('an unknown vector source gets a did-you-mean', async () => {
    const r = await box.cli(['eval', 'glove-6b-10d', '--datasets', join(FIXTURES, 'tiny-similarity.tsv')]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('did you mean "glove-6b-100d"?');
  });
});
