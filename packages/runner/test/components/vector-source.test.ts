/**
 * A vector file with repeated words: the readers keep the first row (gensim's rule); a run and `exp eval`
 * say so in one warning line (not under --quiet) and meta.json records the count.
 */
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'chai';
import {registries} from '../../src/registries.js';
import {messages} from '../../src/messages.js';
import {FIXTURES, sandbox, type Sandbox} from '../helpers/run-cli.js';

interface VectorsInput {
  kind: string;
  name: string;
  rows: number;
  duplicates: number;
  duplicateExamples: string[];
}

describe('vector sources with repeated words', () => {
  let box: Sandbox;
  let dup = '';
  const tiny = join(FIXTURES, 'tiny-glove-3d.txt');
  const similarity = join(FIXTURES, 'tiny-similarity.tsv');
  before(() => {
    box = sandbox({registries, experimentsDir: join(FIXTURES, 'experiments-real')});
    dup = join(box.dir, 'dup-glove-3d.txt');
    // Later rows of king and man differ: keeping them instead of the first would change every number.
    writeFileSync(dup, readFileSync(tiny, 'utf8') + 'king 0 0 1\nman -1 0 0\nking 0 1 0\n');
  });
  after(() => box.cleanup());

  const warnings = (text: string) => text.split('\n').filter((l) => l.startsWith('warning:'));
  // Each test's run is the only one (run ids made in the same second sort by hash, not by time).
  beforeEach(() => rmSync(join(box.resultsDir, 'tiny-real'), {recursive: true, force: true}));
  const runMeta = () => {
    const dir = join(box.resultsDir, 'tiny-real');
    const runs = readdirSync(dir);
    expect(runs).to.have.length(1);
    return JSON.parse(readFileSync(join(dir, runs[0]!, 'meta.json'), 'utf8')) as {inputs: VectorsInput[]};
  };

  it('exp run: one warning line with the count and the first words; meta.json records them; first rows kept', async () => {
    const r = await box.cli(['run', 'tiny-real', '--set', `arms.0.vectors.source=${dup}`, '--no-report', '--force']);
    expect(r.code, r.stderr).to.equal(0);
    expect(warnings(r.stdout + r.stderr)).to.deep.equal([messages.duplicateWords(dup, 3, ['king', 'man', 'king'])]);
    expect(warnings(r.stdout)[0]).to.equal(
      `warning: ${dup}: 3 row(s) repeat an earlier word and were dropped (the first row of a word is kept, as gensim does): "king", "man", "king"`,
    );
    // (meta.json may record the path relative to the project)
    const input = runMeta().inputs.find((i) => i.kind === 'vectors' && i.name.endsWith('dup-glove-3d.txt'))!;
    expect(input).to.include({rows: 6, duplicates: 3});
    expect(input.duplicateExamples).to.deep.equal(['king', 'man', 'king']);
    // Same numbers as the file without the repeats: the first rows were kept.
    const clean = await box.cli(['eval', tiny, '--datasets', similarity, '--json', '--quiet', '--resamples', '100']);
    const repeated = await box.cli(['eval', dup, '--datasets', similarity, '--json', '--quiet', '--resamples', '100']);
    const values = (out: string) => (JSON.parse(out) as {rows: {metric: string; value: number}[]}).rows.map((x) => [x.metric, x.value]);
    expect(values(repeated.stdout)).to.deep.equal(values(clean.stdout));
  });

  it('a file without repeats: no warning, duplicates 0 in meta.json', async () => {
    const r = await box.cli(['run', 'tiny-real', '--no-report', '--force']);
    expect(r.code, r.stderr).to.equal(0);
    expect(warnings(r.stdout + r.stderr)).to.deep.equal([]);
    expect(runMeta().inputs.find((i) => i.kind === 'vectors' && i.name.endsWith('tiny-glove-3d.txt'))).to.include({duplicates: 0});
  });

  it('--quiet: no warning (errors only), the count still in meta.json', async () => {
    const r = await box.cli(['run', 'tiny-real', '--set', `arms.0.vectors.source=${dup}`, '--no-report', '--force', '--quiet']);
    expect(r.code, r.stderr).to.equal(0);
    expect(warnings(r.stdout + r.stderr)).to.deep.equal([]);
    expect(runMeta().inputs.find((i) => i.name.endsWith('dup-glove-3d.txt'))).to.include({duplicates: 3});
  });

  it('exp eval: the warning goes to stderr (stdout stays JSON), not under --quiet', async () => {
    const r = await box.cli(['eval', dup, '--datasets', similarity, '--json', '--resamples', '100']);
    expect(r.code, r.stderr).to.equal(0);
    expect(warnings(r.stderr)).to.deep.equal([messages.duplicateWords(dup, 3, ['king', 'man', 'king'])]);
    expect(() => JSON.parse(r.stdout)).to.not.throw();
    const quiet = await box.cli(['eval', dup, '--datasets', similarity, '--json', '--resamples', '100', '--quiet']);
    expect(warnings(quiet.stderr + quiet.stdout)).to.deep.equal([]);
  });

  it('the warning shows at most 5 words, then "..."', () => {
    expect(messages.duplicateWords('v.txt', 7, ['a', 'b', 'c', 'd', 'e'])).to.equal(
      `warning: v.txt: 7 row(s) repeat an earlier word and were dropped (the first row of a word is kept, as gensim does): "a", "b", "c", "d", "e", ...`,
    );
  });
});
