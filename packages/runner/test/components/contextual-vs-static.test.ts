/**
 * The `contextual-vs-static` task on the toy corpus: a tiny causal and a tiny masked model, rows for every
 * layer / pooling / baseline, Ethayarajh rows, the checkpoint found on a second run (same numbers), charts,
 * and config errors that name the path before any training.
 */
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'chai';
import {ConfigError, initBackend} from '@embedlab/core';
import {readVectors} from '@embedlab/pretrained';
import {contextualVsStatic} from '../../src/components/contextual-vs-static.js';
import type {BuildContext} from '../../src/context.js';
import type {MetricRow} from '../../src/metric-row.js';
import {silentProgress} from '../../src/progress.js';
import {contextualCharts} from '../../src/report-charts.js';
import {registries} from '../../src/registries.js';
import {FIXTURES} from '../helpers/run-cli.js';

const lm = {
  corpora: [],
  files: [join(FIXTURES, 'tiny-corpus.txt')],
  minCount: 1,
  validationTokens: 24,
  curveTokens: 8,
  model: {context: 8, dModel: 8, nLayers: 2, nHeads: 2},
  train: {steps: 3, batchSize: 4, learningRate: 0.01, warmupSteps: 1, evalEvery: 3},
  seeds: [1],
};
const params = {
  models: [
    {name: 'gpt', objective: 'causal', lm},
    {name: 'bert', objective: 'masked', lm},
  ],
  contexts: {maxContexts: 3, window: 6},
  measures: {samples: 40},
  similarity: [],
  similarityFiles: [join(FIXTURES, 'tiny-similarity.tsv')],
  analogyFile: join(FIXTURES, 'tiny-analogy.txt'),
  headline: ['tiny-similarity', 'tiny-analogy'],
};

function context(cacheDir: string): BuildContext & {artifacts: Map<string, Record<string, unknown>[]>} {
  const memo = new Map<string, Promise<unknown>>();
  const artifacts = new Map<string, Record<string, unknown>[]>();
  return {
    seed: 7,
    runSeed: 5,
    path: 'tasks.0',
    dataDir: undefined,
    cacheDir,
    env: {},
    evaluation: {protocol: 'gensim', confidence: 0.95, bootstrapSamples: 100},
    progress: silentProgress,
    log: () => {},
    memo: <T>(k: string, make: () => Promise<T>) => {
      if (!memo.has(k)) memo.set(k, make());
      return memo.get(k) as Promise<T>;
    },
    recordInput: () => {},
    addArtifact: (kind, rows) => artifacts.set(kind, [...(artifacts.get(kind) ?? []), ...rows]),
    artifacts,
  };
}

describe('contextual-vs-static task on a toy corpus', function () {
  this.timeout(120000);
  let cache: string;
  before(async () => {
    await initBackend('cpu');
    cache = mkdtempSync(join(tmpdir(), 'embedlab-contextual-'));
  });
  after(() => rmSync(cache, {recursive: true, force: true}));

  const run = async (extra: Record<string, unknown> = {}) => {
    const p = contextualVsStatic.params.parse({...params, ...extra});
    const ctx = context(cache);
    const glove = await readVectors(join(FIXTURES, 'tiny-glove-3d.txt'));
    const task = await contextualVsStatic.create(p, ctx);
    const rows = await task.run(new Map([['glove', {vectors: glove, trained: false}]]), ctx);
    return {rows, models: ctx.artifacts.get('contextual-models') ?? []};
  };

  it('scores every layer and pooling of both models next to the input table and the static arm; measures per layer', async () => {
    const {rows, models} = await run();
    const sections = (arm: string, dataset: string) =>
      rows.filter((r) => r.arm === arm && r.dataset === dataset && (r.metric === 'spearman' || r.metric === 'accuracy')).map((r) => r.section);
    const expected = ['input table', ...[0, 1, 2].flatMap((l) => [`layer ${l} mean`, `layer ${l} min`, `layer ${l} max`, `layer ${l} alone`])];
    for (const arm of ['gpt', 'bert']) {
      expect(sections(arm, 'tiny-similarity')).to.deep.equal(expected);
      expect(sections(arm, 'tiny-analogy')).to.deep.equal(expected);
      const measures = rows.filter((r) => r.arm === arm && r.dataset === 'ethayarajh');
      expect([...new Set(measures.map((r) => r.section))]).to.deep.equal(['layer 0', 'layer 1', 'layer 2']);
      for (const r of measures) expect(Number.isFinite(r.value), `${arm} ${r.section} ${r.metric}`).to.equal(true);
    }
    expect(sections('glove', 'tiny-similarity')).to.deep.equal(['static']);
    // headline rows carry intervals; min / max / alone are detail rows without
    const mean = rows.find((r) => r.arm === 'gpt' && r.dataset === 'tiny-similarity' && r.section === 'layer 1 mean')!;
    expect(mean.detail).to.equal(undefined);
    expect(mean.lo).to.be.a('number');
    expect(rows.find((r) => r.arm === 'gpt' && r.dataset === 'tiny-similarity' && r.section === 'layer 1 max')!.detail).to.equal(true);
    // every set scores the same pairs (one word list)
    expect(new Set(rows.filter((r) => r.dataset === 'tiny-similarity' && r.metric === 'spearman').map((r) => r.n)).size).to.equal(1);
    expect(models.map((m) => [m.model, m.objective, m.checkpointReused])).to.deep.equal([
      ['gpt', 'causal', false],
      ['bert', 'masked', false],
    ]);
    expect(models[1]!.vocabulary).to.equal((models[0]!.vocabulary as number) + 1); // the <mask> row
    expect(readdirSync(join(cache, 'lm-checkpoints'))).to.have.length(2);
    const charts = contextualCharts(rows as MetricRow[], 'test');
    expect(charts.map((c) => c.name)).to.deep.equal(['contextual-layers', 'contextual-measures']);
  });

  it('a second run finds the checkpoints and gives the same numbers', async () => {
    const first = await run({contexts: {maxContexts: 2, window: 5}});
    const second = await run({contexts: {maxContexts: 2, window: 5}});
    expect(second.models.map((m) => m.checkpointReused)).to.deep.equal([true, true]);
    expect(second.rows).to.deep.equal(first.rows);
  });

  it('refuses bad configs with the path, before training', () => {
    const resolve = (p: Record<string, unknown>) => registries.task.resolve({type: 'contextual-vs-static', ...params, ...p}, 'tasks.0');
    const fail = (p: Record<string, unknown>, path: string, words: string) => {
      try {
        resolve(p);
      } catch (error) {
        expect(error).to.be.instanceOf(ConfigError);
        expect((error as ConfigError).path).to.equal(path);
        expect((error as Error).message).to.include(words);
        return;
      }
      expect.fail(`expected a ConfigError at ${path}`);
    };
    fail({contexts: {window: 9}}, 'tasks.0.contexts.window', "longer than model gpt's context 8");
    fail(
      {
        models: [
          {name: 'a', lm},
          {name: 'b', lm: {...lm, minCount: 2}},
        ],
      },
      'tasks.0.models.1.lm',
      'same data',
    );
    fail(
      {
        models: [
          {name: 'a', lm},
          {name: 'a', lm},
        ],
      },
      'tasks.0.models.1.name',
      'used twice',
    );
    fail({similarity: ['simlex-99']}, 'tasks.0.similarity.0', 'did you mean');
    fail({models: [{name: 'a', lm: {...lm, model: {...lm.model, nHeads: 3}}}]}, 'tasks.0.models.0.lm.model.nHeads', 'not divisible');
  });
});
