/**
 * Post-processing components on tiny vectors: hand-derived retrofit and all-but-the-top results, config
 * validation (paths, did-you-mean), and the arm pipeline (postprocess applied before evaluation).
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {WordVectors} from '@embedlab/core';
import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {allButTheTopPost, readLexiconFile, retrofitPost} from '../../src/components/post-process.js';
import type {BuildContext} from '../../src/context.js';
import {silentProgress} from '../../src/progress.js';
import {resolveConfig} from '../../src/resolve-config.js';
import {createRuntime} from '../../src/runtime.js';
import {executeConfig} from '../../src/run.js';
import {fixtureRegistries} from '../helpers/fixture-registries.js';

const ctx: BuildContext = {
  seed: 1,
  runSeed: 1,
  path: 'arms.0.postprocess.0',
  dataDir: undefined,
  cacheDir: '/nonexistent',
  env: {},
  evaluation: {protocol: 'gensim', confidence: 0.95, bootstrapSamples: 100},
  progress: silentProgress,
  log: () => {},
  memo: (_k, make) => make(),
  recordInput: () => {},
  addArtifact: () => {},
};

const rows = (v: WordVectors) => Array.from({length: v.size}, (_, i) => Array.from(v.row(i)));

describe('post-processing components', () => {
  let dir: string;
  let lexicon: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'embedlab-post-'));
    lexicon = join(dir, 'lexicon.txt');
    writeFileSync(lexicon, 'king queen\n\n');
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('retrofit: one pass moves king halfway to its synonym queen, others stay', async () => {
    const vectors = WordVectors.fromEntries([
      ['king', [1, 0]],
      ['queen', [0, 1]],
      ['man', [1, 1]],
    ]);
    const p = retrofitPost.params.parse({file: lexicon, iterations: 1, normalize: false});
    const out = await (await retrofitPost.create(p, ctx)).apply({vectors, trained: false}, ctx);
    // q_king = (alpha * qhat_king + beta * q_queen) / (alpha + beta), alpha = beta = 1.
    expect(rows(out.vectors)).to.deep.equal([
      [0.5, 0.5],
      [0, 1],
      [1, 1],
    ]);
    expect(out.info).to.include({type: 'retrofit', updatedWords: 1, edges: 1});
    expect(rows(vectors)).to.deep.equal([
      [1, 0],
      [0, 1],
      [1, 1],
    ]); // input untouched
  });

  it('all-but-the-top: removes the mean and the top direction', async () => {
    const vectors = WordVectors.fromEntries([
      ['a', [0, 0]],
      ['b', [4, 0]],
      ['c', [2, 1]],
      ['d', [2, -1]],
    ]);
    // mean (2, 0); centred (-2,0), (2,0), (0,1), (0,-1): the top direction is x (variance 2 vs 0.5).
    const out = await (await allButTheTopPost.create(allButTheTopPost.params.parse({components: 1}), ctx)).apply({vectors, trained: false}, ctx);
    const got = rows(out.vectors).flat();
    [0, 0, 0, 0, 0, 1, 0, -1].forEach((want, i) => expect(got[i]).to.be.closeTo(want, 1e-6));
  });

  it('a lexicon line without neighbours is a DataError naming file and line', async () => {
    writeFileSync(lexicon, 'king queen\nlonely\n');
    await expectThrows(async () => readLexiconFile(lexicon), 'lexicon.txt:2');
  });

  it('validates postprocess refs with their config path', () => {
    const base = {name: 'x', description: 'd', arms: [{name: 'a', vectors: {type: 'table'}, postprocess: [{type: 'retrofitt'}]}]};
    expect(() => resolveConfig(base, fixtureRegistries())).to.throw(/arms\.0\.postprocess\.0\.type.*unknown postprocess "retrofitt".*did you mean "retrofit"/);
    const bad = {...base, arms: [{name: 'a', vectors: {type: 'table'}, postprocess: [{type: 'all-but-the-top', components: -1}]}]};
    expect(() => resolveConfig(bad, fixtureRegistries())).to.throw(/arms\.0\.postprocess\.0\.components/);
    const ok = resolveConfig({...base, arms: [{name: 'a', vectors: {type: 'table'}, postprocess: [{type: 'all-but-the-top'}]}]}, fixtureRegistries());
    expect(ok.arms[0]!.postprocess).to.deep.equal([{type: 'all-but-the-top'}]);
    expect(resolveConfig({...base, arms: [{name: 'a', vectors: {type: 'table'}}]}, fixtureRegistries()).arms[0]).to.not.have.property('postprocess');
  });

  it('an arm is evaluated after its postprocess steps', async () => {
    const config = resolveConfig(
      {
        name: 'x',
        description: 'd',
        arms: [{name: 'r', vectors: {type: 'table'}, postprocess: [{type: 'retrofit', file: lexicon, iterations: 1, normalize: false}]}],
        evaluators: [{type: 'pair-cosine'}],
      },
      fixtureRegistries(),
    );
    const rt = createRuntime({
      cwd: dir,
      env: {EMBEDLAB_BACKEND: 'cpu'},
      stdout: {write: () => true},
      stderr: {write: () => true},
      registries: fixtureRegistries(),
      argv: [],
    });
    const {rows: out, armInfo} = await executeConfig(rt, config, {say: () => {}, quiet: true});
    // king (1,0) -> (0.5,0.5) is parallel to man (1,1): cosine 1 (it was 1/sqrt(2) before).
    expect(out.find((r) => r.metric === 'cosine')!.value).to.be.closeTo(1, 1e-6);
    expect((armInfo.r as {postprocess: {type: string}[]}).postprocess[0]!.type).to.equal('retrofit');
  });
});
