/**
 * The SpamAssassin task on a cut-down setting (1 epoch, short documents, small vocabulary) with tiny 3-d
 * vectors as the "pretrained" arm: the arms it trains, the rows it reports, determinism.
 */
import {join} from 'node:path';
import {expect} from 'chai';
import {initBackend, type WordVectors} from '@embedlab/core';
import {readVectors} from '@embedlab/pretrained';
import {textClassifier} from '../../src/components/text-classifier.js';
import type {BuildContext} from '../../src/context.js';
import type {MetricRow} from '../../src/metric-row.js';
import {silentProgress} from '../../src/progress.js';
import {FIXTURES} from '../helpers/run-cli.js';

function context(seed: number): BuildContext {
  return {
    seed,
    runSeed: seed,
    path: 'tasks.0',
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
}

describe('text-classifier task', function () {
  this.timeout(120000);
  let vectors: WordVectors;
  let rows: MetricRow[];
  const params = textClassifier.params.parse({epochs: 1, maxTokens: 32, maxVocab: 2000});

  before(async () => {
    await initBackend('cpu');
    vectors = await readVectors(join(FIXTURES, 'tiny-glove-3d.txt'));
    const task = await textClassifier.create(params, context(11));
    rows = await task.run(new Map([['tiny', {vectors, trained: false}]]), context(11));
  });

  const pick = (arm: string, section: string, metric: string) => rows.find((r) => r.arm === arm && r.section === section && r.metric === metric);

  it('trains scratch, frozen and fine-tuned classifiers and reports accuracy and F1 with intervals', () => {
    for (const [arm, section] of [
      ['scratch', 'trained'],
      ['tiny', 'frozen'],
      ['tiny', 'fine-tuned'],
    ] as const) {
      for (const metric of ['accuracy', 'f1']) {
        const r = pick(arm, section, metric);
        expect(r, `${arm} ${section} ${metric}`).to.not.equal(undefined);
        expect(r!.value).to.be.within(0, 1);
        expect(r!.lo).to.be.at.most(r!.value);
        expect(r!.hi).to.be.at.least(r!.value);
        expect(r!.n).to.equal(1209); // stratified 20%: round(0.2 x 4,150 ham) + round(0.2 x 1,896 spam) = 830 + 379
      }
    }
    expect(rows.filter((r) => r.task === 'training' && r.metric === 'loss')).to.have.length(3); // 1 epoch x 3 classifiers
  });

  it('records init coverage (a handful of words out of 2,000) and drift only for the fine-tuned arm', () => {
    const coverage = pick('tiny', 'init', 'coverage')!;
    expect(coverage.value).to.be.greaterThan(0).and.lessThan(0.01); // at most 6 words of a 2,000-word vocabulary
    expect(coverage.value * coverage.n!).to.be.closeTo(Math.round(coverage.value * coverage.n!), 1e-9);
    expect(rows.filter((r) => r.task === 'drift').every((r) => r.arm === 'tiny')).to.equal(true);
    expect(pick('tiny', 'classifier', 'mean-cosine')).to.not.equal(undefined);
  });

  it('is deterministic for a seed', async () => {
    const again = await (await textClassifier.create(params, context(11))).run(new Map([['tiny', {vectors, trained: false}]]), context(11));
    expect(again).to.deep.equal(rows);
  });
});
