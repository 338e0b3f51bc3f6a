/**
 * The `language-model` vectors component: config validation that fails before training with the config
 * path, and a toy-grammar corpus with a tiny model (random table vs a frozen 3-d "GloVe" table) built
 * directly and run end to end through `exp run` / `exp reproduce`.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {tempDir} from '@embedlab/testing';
import {expect} from 'chai';
import {ConfigError, initBackend} from '@embedlab/core';
import {readVectors} from '@embedlab/pretrained';
import {languageModel} from '../../src/components/language-model.js';
import type {BuildContext} from '../../src/context.js';
import type {PairableResult} from '../../src/paired.js';
import {silentProgress} from '../../src/progress.js';
import {registries} from '../../src/registries.js';
import {resolveConfig} from '../../src/resolve-config.js';
import {FIXTURES, sandbox, type Sandbox} from '../helpers/run-cli.js';

const corpus = join(FIXTURES, 'tiny-corpus.txt');
const SUBWORD_FIXTURES = fileURLToPath(new URL('../../../subword/test/fixtures', import.meta.url));
const glove3 = join(FIXTURES, 'tiny-glove-3d.txt');
const tiny = {
  corpora: [],
  files: [corpus],
  minCount: 1,
  validationTokens: 24,
  curveTokens: 8,
  model: {context: 8, dModel: 8, nLayers: 1, nHeads: 2},
  train: {steps: 4, batchSize: 4, learningRate: 0.01, warmupSteps: 1, evalEvery: 2},
  seeds: [1, 2],
  samples: {prompts: ['the king', 'zebra'], maxNewTokens: 3},
  evalBatchSize: 8,
};

function expectConfigError(fn: () => unknown, path: string, ...words: string[]): void {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).path).to.equal(path);
    for (const w of words) expect((error as Error).message).to.include(w);
    return;
  }
  expect.fail(`expected a ConfigError at ${path}`);
}

describe('language-model config validation (fails before training, naming the config path)', () => {
  const resolve = (params: Record<string, unknown>) => registries.vectors.resolve({type: 'language-model', ...params}, 'arms.0.vectors');
  const model = (m: Record<string, unknown>) => ({model: {context: 64, dModel: 64, nLayers: 2, nHeads: 4, ...m}});

  it('fills every default', () => {
    // biome-ignore lint/suspicious/noExplicitAny: the resolved config is read field by field below
    const r = resolve({}) as Record<string, any>;
    expect(r.corpora).to.deep.equal(['sotu', 'moby-dick']);
    expect(r.table).to.deep.equal({init: 'random', source: 'glove-6b-100d', freeze: 'none', oov: 'random'});
    expect(r.model).to.include({context: 64, dModel: 64, positions: 'learned', tie: true});
    expect(r.seeds).to.deep.equal([1, 2, 3]);
  });

  it('dModel not divisible by nHeads', () => {
    expectConfigError(() => resolve(model({dModel: 10, nHeads: 4})), 'arms.0.vectors.model.nHeads', 'not divisible');
  });

  it('a training window longer than the learned position table', () => {
    expectConfigError(
      () => resolve({...model({context: 32}), train: {length: 64}}),
      'arms.0.vectors.train.length',
      'longer than model.context 32',
      'learned position table',
    );
  });

  it('an unknown position scheme', () => {
    expectConfigError(() => resolve(model({positions: 'alibi'})), 'arms.0.vectors.model.positions');
  });

  it('rotary positions with an odd head width', () => {
    expectConfigError(() => resolve(model({dModel: 36, nHeads: 4, positions: 'rope'})), 'arms.0.vectors.model.nHeads', 'even');
  });

  it('a pretrained width differing from dModel with the projection disallowed', () => {
    expectConfigError(
      () => resolve({...model({}), table: {init: 'pretrained'}, projection: false}),
      'arms.0.vectors.projection',
      'glove-6b-100d has 100 dims but dModel is 64',
    );
    expect(() => resolve({...model({dModel: 100, nHeads: 4}), table: {init: 'pretrained'}, projection: false})).to.not.throw();
    expectConfigError(() => resolve({...model({embeddingDim: 50}), table: {init: 'pretrained'}}), 'arms.0.vectors.model.embeddingDim', 'must be 100');
  });

  it('freezing a random table, an unknown source, repeated seeds, unknown keys', () => {
    expectConfigError(() => resolve({table: {freeze: 'all'}}), 'arms.0.vectors.table.freeze', 'pretrained table');
    expectConfigError(() => resolve({table: {init: 'pretrained', source: 'glove-6b-101d'}}), 'arms.0.vectors.table.source', 'did you mean');
    expectConfigError(() => resolve({seeds: [1, 1]}), 'arms.0.vectors.seeds', 'repeated');
    expectConfigError(() => resolve({model: {nHead: 4}}), 'arms.0.vectors.model.nHead', 'unknown key');
  });

  it('a whole experiment fails in resolveConfig (what `exp validate` and `exp run` do first)', () => {
    const raw = {
      name: 'x',
      description: 'x',
      arms: [
        {name: 'a', vectors: {type: 'random', dim: 3}},
        {name: 'lm', vectors: {type: 'language-model', ...model({dModel: 10, nHeads: 3})}},
      ],
    };
    expectConfigError(() => resolveConfig(raw, registries), 'arms.1.vectors.model.nHeads');
  });
});

function context(
  memo = new Map<string, Promise<unknown>>(),
  cacheDir = '/nonexistent',
): BuildContext & {kept: Map<string, PairableResult>; artifacts: Map<string, Record<string, unknown>[]>; inputs: Record<string, unknown>[]} {
  const kept = new Map<string, PairableResult>();
  const artifacts = new Map<string, Record<string, unknown>[]>();
  const inputs: Record<string, unknown>[] = [];
  return {
    seed: 7,
    runSeed: 5,
    path: 'arms.0.vectors',
    arm: 'lm',
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
    recordInput: (kind, name, info) => inputs.push({kind, name, ...info}),
    addArtifact: (kind, rows) => artifacts.set(kind, [...(artifacts.get(kind) ?? []), ...rows]),
    keepForPairing: (dataset, result) => kept.set(dataset, result),
    kept,
    artifacts,
    inputs,
  };
}

describe('language-model component on a toy corpus', function () {
  this.timeout(120000);
  before(async () => {
    await initBackend('cpu');
  });

  const cache = tempDir('lm-tokenizer-cache-');
  const build = async (params: Record<string, unknown>) => {
    const p = languageModel.params.parse(params);
    const ctx = context(new Map(), cache);
    const out = await (await languageModel.create(p, ctx)).build(ctx);
    return {...out, ctx};
  };

  it('trains one model per seed and reports perplexity with intervals, per-seed detail, curves and samples', async () => {
    const {vectors, rows, info, trained, ctx} = await build(tiny);
    expect(trained).to.equal(true);
    const ppl = rows!.find((r) => r.metric === 'perplexity' && r.section === undefined)!;
    expect(ppl.value).to.be.greaterThan(1);
    expect(ppl.lo).to.be.at.most(ppl.value);
    expect(ppl.hi).to.be.at.least(ppl.value);
    const perSeed = rows!.filter((r) => r.metric === 'perplexity' && r.detail);
    expect(perSeed.map((r) => r.section)).to.deep.equal(['seed 1', 'seed 2']);
    // The mean over seeds is exp(mean loss): the geometric mean of the seeds' perplexities.
    expect(ppl.value).to.be.closeTo(Math.sqrt(perSeed[0]!.value * perSeed[1]!.value), 1e-9 * ppl.value);
    const loss = rows!.find((r) => r.metric === 'loss' && r.dataset === 'validation')!;
    expect(Math.exp(loss.value)).to.be.closeTo(ppl.value, 1e-9 * ppl.value);
    // 4 steps, evaluated every 2: 2 points x (train, held-out) x 2 seeds.
    const curves = ctx.artifacts.get('lm-curves')!;
    expect(curves).to.have.length(8);
    expect(curves.map((c) => c.tokens)).to.include.members([2 * 4 * 8, 4 * 4 * 8]);
    const samples = ctx.artifacts.get('lm-samples')!;
    expect(samples.map((s) => s.mode)).to.deep.equal(['greedy', 'T 0.8, top-40', 'greedy', 'T 0.8, top-40']);
    expect(samples[2]!.prompt).to.equal('<unk>'); // "zebra" is not in the vocabulary
    expect(String(samples[0]!.text)).to.not.include('<unk>');
    const pair = ctx.kept.get('validation')!;
    expect(pair.kind).to.equal('lm');
    if (pair.kind === 'lm') expect(pair.result.seeds.map((s) => s.seed)).to.deep.equal([1, 2]);
    expect(info).to.deep.include({kind: 'language-model', projection: false, seeds: [1, 2]});
    expect(vectors.words.slice(0, 2)).to.deep.equal(['<unk>', '<eot>']);
    expect(vectors.dim).to.equal(8);
  });

  it('per-word perplexity and bits per character: equal to per-token perplexity at word level', async () => {
    const {rows} = await build({...tiny, seeds: [1]});
    const get = (metric: string) => rows!.find((r) => r.metric === metric && r.section === undefined && r.dataset === 'validation')!;
    expect(get('word-perplexity').value).to.be.closeTo(get('perplexity').value, 1e-9 * get('perplexity').value);
    expect(get('tokens-per-word').value).to.equal(1);
    const chars = get('bits-per-char').n as number;
    expect(get('bits-per-char').value).to.be.closeTo((get('loss').value * (get('loss').n as number)) / chars / Math.LN2, 1e-9);
  });

  it('a BPE vocabulary trained on the training documents (cached by checksum): the LM trains over subword ids, per-word numbers convert', async () => {
    const params = {...tiny, seeds: [1], tokenizer: {type: 'bpe', vocabSize: 300}, samples: {prompts: ['the king'], maxNewTokens: 3}};
    const {rows, info, ctx, vectors} = await build(params);
    const get = (metric: string) => rows!.find((r) => r.metric === metric && r.section === undefined && r.dataset === 'validation')!;
    expect(info).to.deep.include({vocabulary: {kind: 'bpe', rows: 300, tableParameters: 300 * 8, tokenizer: {type: 'bpe', vocabSize: 300}}});
    expect(vectors.words[0]).to.equal('<|endoftext|>');
    expect(vectors.words).to.have.length(300);
    const tpw = get('tokens-per-word');
    expect(tpw.value).to.be.greaterThan(1); // 300 tokens leave some words split
    expect(get('unseen-word-rate').value).to.equal(0); // byte-level BPE has a token for everything
    // One seed: per-word loss = per-token loss x tokens / words (the same nats over the same text).
    const loss = get('loss');
    const words = get('word-perplexity').n as number;
    expect(Math.log(get('word-perplexity').value)).to.be.closeTo((loss.value * (loss.n as number)) / words, 1e-9);
    expect((loss.n as number) / words).to.be.closeTo(tpw.value, 1e-12);
    expect(rows!.find((r) => r.metric === 'table-parameters')!.value).to.equal(2400);
    expect(String(ctx.artifacts.get('lm-samples')![0]!.prompt)).to.equal('the king');
    const tokenizerInput = ctx.inputs.find((i) => i.kind === 'tokenizer')!;
    expect(tokenizerInput).to.include({kind: 'tokenizer', vocabSize: 300, cached: false});
    expect(existsSync(join(cache, 'tokenizers', String(tokenizerInput.name)))).to.equal(true);
    // Again: the cached tokenizer, the same numbers.
    const again = await build(params);
    expect(again.ctx.inputs.find((i) => i.kind === 'tokenizer')).to.include({cached: true, sha256: tokenizerInput.sha256});
    expect(again.rows).to.deep.equal(rows);
  });

  it('a tokenizer.json by path; a pretrained word table with a tokenizer is refused', async () => {
    const {rows} = await build({...tiny, seeds: [1], tokenizer: {path: join(SUBWORD_FIXTURES, 'bpe-1k.tokenizer.json')}});
    expect(rows!.find((r) => r.metric === 'table-parameters')!.n).to.equal(1000);
    // WordPiece (the committed fixture: its training is not deterministic): [SEP] separates documents.
    const wp = await build({...tiny, seeds: [1], tokenizer: {path: join(SUBWORD_FIXTURES, 'wordpiece-2k.tokenizer.json')}});
    expect(wp.info).to.deep.include({
      vocabulary: {kind: 'wordpiece', rows: 2000, tableParameters: 16000, tokenizer: {path: join(SUBWORD_FIXTURES, 'wordpiece-2k.tokenizer.json')}},
    });
    const wpRow = (metric: string) => wp.rows!.find((r) => r.metric === metric && r.section === undefined)!;
    expect(wpRow('unseen-word-rate').value).to.equal(0); // the toy corpus is plain ASCII words
    expect(wpRow('word-perplexity').value).to.be.greaterThan(1);
    expect(wp.vectors.words.slice(0, 5)).to.deep.equal(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']);
    expectConfigError(
      () => registries.vectors.resolve({type: 'language-model', tokenizer: {type: 'bpe', vocabSize: 1000}, table: {init: 'pretrained'}}, 'arms.0.vectors'),
      'arms.0.vectors.table.init',
      'subword',
    );
    expectConfigError(
      () => registries.vectors.resolve({type: 'language-model', tokenizer: {type: 'unigram', vocabSize: 1000}}, 'arms.0.vectors'),
      'arms.0.vectors.tokenizer',
    );
  });

  it('is deterministic for the same seeds', async () => {
    const a = await build({...tiny, seeds: [3]});
    const b = await build({...tiny, seeds: [3]});
    expect(b.rows).to.deep.equal(a.rows);
    expect(b.ctx.artifacts.get('lm-curves')).to.deep.equal(a.ctx.artifacts.get('lm-curves'));
    expect(Array.from(b.vectors.data)).to.deep.equal(Array.from(a.vectors.data));
  });

  it('a pretrained 3-d table: projection into dModel 8, coverage recorded, frozen rows stay put', async () => {
    const source = await readVectors(glove3);
    const {vectors, rows, info} = await build({...tiny, seeds: [1], table: {init: 'pretrained', source: glove3, freeze: 'pretrained-rows'}});
    expect(info).to.deep.include({projection: true, projectionShape: [3, 8]});
    const fromGlove = rows!.find((r) => r.metric === 'rows-from-glove')!;
    expect(fromGlove.exact).to.equal(true);
    const inBoth = vectors.words.filter((w) => source.has(w));
    expect(fromGlove.value).to.equal(inBoth.length);
    expect(inBoth).to.include.members(['the', 'king', 'queen', 'man', 'woman']);
    for (const w of inBoth) expect(Array.from(vectors.vector(w)!)).to.deep.equal(Array.from(source.vector(w)!));
    expect(rows!.some((r) => r.metric === 'mean-cosine-to-start')).to.equal(false); // nothing of GloVe moved
  });

  it('a file source whose width differs from dModel with the projection off fails before training', async () => {
    try {
      await build({...tiny, table: {init: 'pretrained', source: glove3}, projection: false});
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).path).to.equal('arms.0.vectors.projection');
      expect((error as Error).message).to.include('has 3 dims but dModel is 8');
    }
  });
});

describe('tiny-lm end to end (exp run, report, reproduce)', function () {
  this.timeout(180000);
  let box: Sandbox;
  before(() => (box = sandbox({registries, experimentsDir: join(FIXTURES, 'experiments-real')})));
  after(() => box.cleanup());

  it('runs, writes the LM tables and charts, and reproduces every number', async () => {
    const r = await box.cli(['run', 'tiny-lm']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include('A - B loss, nats/token');
    const dir = join(box.reportsDir, 'tiny-lm');
    for (const f of ['lm-curves.svg', 'lm-perplexity.svg', 'index.html', 'summary.json', 'meta.json']) expect(existsSync(join(dir, f)), f).to.equal(true);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const title of ['Paired comparisons of validation loss', 'Language-model runs', 'Sample generations']) expect(readme).to.include(title);
    const numbers = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).numbers as Record<string, number>;
    for (const key of [
      'lm-random/lm/validation/perplexity',
      'lm-frozen/lm/validation/perplexity:lo',
      'lm-random vs lm-frozen/paired/validation/seed 1/loss-difference',
      'lm-random vs lm-frozen/paired/validation/mean of 2 seeds/loss-difference',
      'lm-random vs lm-frozen/paired/validation/across seeds/t-test-p',
    ]) {
      expect(numbers, key).to.have.property(key);
    }
    const again = await box.cli(['reproduce', 'tiny-lm']);
    expect(again.code, again.stdout + again.stderr).to.equal(0);
  });
});
