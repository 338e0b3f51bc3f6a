import {ArgumentError, ConfigError, createRng, initBackend} from '@embedlab/core';
import {expectArraysClose} from '@embedlab/testing';
import {expect} from 'chai';
import {
  collectContexts,
  type ContextualModel,
  contextualityMeasures,
  contextWindow,
  decontextualizedVectors,
  GptModel,
  intraSimilarity,
  maxExplainableVariance,
  meanPairwiseCosine,
  poolRows,
  poolStaticVectors,
  staticWordVectors,
  bertConfig,
} from '../src/index.js';
import {tinyConfig} from './helpers.js';

const DIM = 8;

/**
 * A model with known contextual vectors. Layer 0: one-hot of the token id. Layer 1: [id, first id of the
 * window, window length, position in the window, 0...]. Layer 2: the same constant vector everywhere.
 */
function stubModel(causal: boolean, context = 8): ContextualModel & {calls: {batch: number; length: number}[]} {
  const calls: {batch: number; length: number}[] = [];
  return {
    config: {vocabSize: DIM, context, nLayers: 2, dModel: DIM, causal},
    calls,
    layerStates(inputs, batch, length) {
      calls.push({batch, length});
      const l0 = new Float32Array(batch * length * DIM),
        l1 = new Float32Array(batch * length * DIM),
        l2 = new Float32Array(batch * length * DIM);
      for (let b = 0; b < batch; b++)
        for (let t = 0; t < length; t++) {
          const r = (b * length + t) * DIM,
            id = inputs[b * length + t] as number;
          l0[r + id] = 1;
          l1.set([id, inputs[b * length] as number, length, t], r);
          l2.set([1, 2, 3, 4, 5, 6, 7, 8], r);
        }
      return [l0, l1, l2];
    },
  };
}

const rowOf = (data: Float32Array, i: number) => Array.from(data.subarray(i * DIM, (i + 1) * DIM));

describe('contextual: vector arithmetic', () => {
  it('mean pairwise cosine: identical rows 1, orthogonal rows 0, a fixture, and the double loop', () => {
    expect(meanPairwiseCosine(Float32Array.from([1, 2, 3, 1, 2, 3, 2, 4, 6]), 3, 3)).to.be.closeTo(1, 1e-12);
    expect(meanPairwiseCosine(Float32Array.from([1, 0, 0, 0, 2, 0, 0, 0, 3]), 3, 3)).to.be.closeTo(0, 1e-12);
    // [1,0], [0,1], [1,1]: cosines 0, 1/sqrt2, 1/sqrt2
    expect(meanPairwiseCosine(Float32Array.from([1, 0, 0, 1, 1, 1]), 3, 2)).to.be.closeTo(Math.SQRT2 / 3, 1e-12);
    expect(meanPairwiseCosine(Float32Array.from([1, 0]), 1, 2)).to.be.NaN;
    const rng = createRng(5),
      n = 17,
      d = 6;
    const x = Float32Array.from({length: n * d}, () => rng.normal() + 0.3);
    let sum = 0;
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        let dot = 0,
          na = 0,
          nb = 0;
        for (let j = 0; j < d; j++) {
          dot += x[a * d + j]! * x[b * d + j]!;
          na += x[a * d + j]! ** 2;
          nb += x[b * d + j]! ** 2;
        }
        sum += dot / Math.sqrt(na * nb);
      }
    expect(meanPairwiseCosine(x, n, d)).to.be.closeTo(sum / (n * (n - 1)), 1e-12);
  });

  it('intra-sentence similarity: identical rows 1; e1, e2 give 1/sqrt2', () => {
    expect(intraSimilarity(Float32Array.from([2, 1, 2, 1]), 2, 2)).to.be.closeTo(1, 1e-12);
    expect(intraSimilarity(Float32Array.from([1, 0, 0, 1]), 2, 2)).to.be.closeTo(Math.SQRT1_2, 1e-12);
  });

  it('MEV: identical rows 1, n orthonormal rows 1/n, known spectra on both Gram paths, centred', () => {
    expect(maxExplainableVariance(Float32Array.from([1, 2, 3, 1, 2, 3, 1, 2, 3]), 3, 3)).to.be.closeTo(1, 1e-12);
    expect(maxExplainableVariance(Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3, 3)).to.be.closeTo(1 / 3, 1e-12);
    expect(maxExplainableVariance(Float32Array.from([1, 0, 0, 0, 1, 0]), 2, 3)).to.be.closeTo(0.5, 1e-12);
    expect(maxExplainableVariance(Float32Array.from([3, 0, 0, 1]), 2, 2)).to.be.closeTo(0.9, 1e-12); // sigma^2 9 and 1
    // more rows than dims (X^T X path): four [1,0] and one [0,1] -> 4 / 5
    expect(maxExplainableVariance(Float32Array.from([1, 0, 1, 0, 1, 0, 1, 0, 0, 1]), 5, 2)).to.be.closeTo(0.8, 1e-12);
    // a rotated 2 x 2 case against the closed-form eigenvalue
    const x = Float32Array.from([2, 1, 1, 3, -1, 0.5]);
    let a = 0,
      b = 0,
      c = 0;
    for (let r = 0; r < 3; r++) {
      a += x[2 * r]! ** 2;
      b += x[2 * r]! * x[2 * r + 1]!;
      c += x[2 * r + 1]! ** 2;
    }
    const top = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
    expect(maxExplainableVariance(x, 3, 2)).to.be.closeTo(top / (a + c), 1e-12);
    // centred: points on a line through an offset are rank one after centring
    expect(maxExplainableVariance(Float32Array.from([1, 1, 2, 3, 3, 5]), 3, 2, {centre: true})).to.be.closeTo(1, 1e-12);
    expect(maxExplainableVariance(Float32Array.from([1, 1, 1, 1]), 2, 2, {centre: true})).to.be.NaN;
  });

  it('pools rows by mean, min and max', () => {
    const rows = Float32Array.from([1, -2, 5, 3, 0, -1]);
    expectArraysClose(poolRows(rows, 2, 3, 'mean'), [2, -1, 2]);
    expectArraysClose(poolRows(rows, 2, 3, 'min'), [1, -2, -1]);
    expectArraysClose(poolRows(rows, 2, 3, 'max'), [3, 0, 5]);
    expect(() => poolRows(rows, 2, 3, 'median' as 'mean')).to.throw(ArgumentError, /mean, min, max/);
  });

  it('builds left-context windows for a causal model and centred ones for a bidirectional model', () => {
    expect(contextWindow(20, 10, 4, true)).to.deep.equal({start: 7, length: 4, offset: 3});
    expect(contextWindow(20, 1, 4, true)).to.deep.equal({start: 0, length: 2, offset: 1});
    expect(contextWindow(20, 10, 4, false)).to.deep.equal({start: 8, length: 4, offset: 2});
    expect(contextWindow(20, 0, 4, false)).to.deep.equal({start: 0, length: 4, offset: 0}); // shifted inside the document
    expect(contextWindow(20, 19, 4, false)).to.deep.equal({start: 16, length: 4, offset: 3});
    expect(contextWindow(3, 2, 8, false)).to.deep.equal({start: 0, length: 3, offset: 2}); // the whole short document
  });
});

describe('contextual: pooling a model with known vectors', () => {
  // word 1 occurs twice; word 3 never
  const corpus = [Int32Array.from([5, 1, 2]), Int32Array.from([7, 1])];

  it('causal: left windows; mean, min and max over two contexts; the unseen word falls back to the word alone', () => {
    const model = stubModel(true);
    const r = poolStaticVectors(model, corpus, {words: [1, 3, 2], maxContexts: 10, pooling: ['mean', 'min', 'max']});
    expect(Array.from(r.counts)).to.deep.equal([2, 0, 1]);
    expect(Array.from(r.occurrences)).to.deep.equal([2, 0, 1]);
    expect(r.fallback.count).to.equal(1);
    expect(Array.from(r.fallback.words)).to.deep.equal([3]);
    const table = (layer: number, pooling: string) => r.tables.find((t) => t.layer === layer && t.pooling === pooling)!.data;
    // contexts of 1: [5, 1] -> [1, 5, 2, 1]; [7, 1] -> [1, 7, 2, 1]
    expect(rowOf(table(1, 'mean'), 0)).to.deep.equal([1, 6, 2, 1, 0, 0, 0, 0]);
    expect(rowOf(table(1, 'min'), 0)).to.deep.equal([1, 5, 2, 1, 0, 0, 0, 0]);
    expect(rowOf(table(1, 'max'), 0)).to.deep.equal([1, 7, 2, 1, 0, 0, 0, 0]);
    expect(rowOf(table(0, 'mean'), 0)).to.deep.equal([0, 1, 0, 0, 0, 0, 0, 0]);
    // 2 at the end of [5, 1, 2]
    expect(rowOf(table(1, 'mean'), 2)).to.deep.equal([2, 5, 3, 2, 0, 0, 0, 0]);
    // 3 alone: [3, 3, 1, 0], in every pooling
    for (const p of ['mean', 'min', 'max']) expect(rowOf(table(1, p), 1)).to.deep.equal([3, 3, 1, 0, 0, 0, 0, 0]);
    expect(model.calls.at(-1)).to.deep.equal({batch: 1, length: 1});
    const wv = staticWordVectors(r, ['one', 'three', 'two'], 1, 'max');
    expect(Array.from(wv.vector('one')!)).to.deep.equal([1, 7, 2, 1, 0, 0, 0, 0]);
    expect(wv.meta).to.include({layer: 1, pooling: 'max', fallback: 1, maxContexts: 10});
  });

  it('bidirectional: centred windows (whole short documents, shared by their targets); zero fallback when asked', () => {
    const model = stubModel(false);
    const r = poolStaticVectors(model, corpus, {words: [1, 3, 5], maxContexts: 10, fallback: 'zero', layers: [1]});
    const mean = r.tables[0]!.data;
    // [5, 1, 2] -> [1, 5, 3, 1]; [7, 1] -> [1, 7, 2, 1]
    expect(rowOf(mean, 0)).to.deep.equal([1, 6, 2.5, 1, 0, 0, 0, 0]);
    expect(rowOf(mean, 1)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rowOf(mean, 2)).to.deep.equal([5, 5, 3, 0, 0, 0, 0, 0]);
    expect(r.windows).to.equal(2); // the window [5, 1, 2] serves both 1 and 5
    expect(model.calls.every((c) => c.length > 1)).to.equal(true);
  });

  it('keeps at most N contexts per word: a seeded uniform sample, the same for the same seed', () => {
    const rng = createRng(3);
    const docs = Array.from({length: 40}, () => Int32Array.from({length: 12}, () => rng.int(DIM)));
    const pick = (seed: number) => {
      const c = collectContexts(stubModel(true), docs, {words: [0, 1], maxContexts: 5, seed, window: 4});
      return {counts: Array.from(c.counts), places: Array.from(c.contextDocs, (d, i) => `${d}:${c.contextPositions[i]}`)};
    };
    const a = pick(1);
    expect(a.counts).to.deep.equal([5, 5]);
    expect(pick(1)).to.deep.equal(a);
    expect(pick(2).places).to.not.deep.equal(a.places);
    // every kept place holds the word
    const c = collectContexts(stubModel(true), docs, {words: [0, 1], maxContexts: 5, seed: 7});
    c.contextDocs.forEach((d, i) => expect(docs[d]![c.contextPositions[i]!]).to.equal(i < 5 ? 0 : 1));
  });

  it('refuses bad input before running the model', () => {
    const model = stubModel(true);
    const go =
      (o: object, docs: readonly ArrayLike<number>[] = corpus) =>
      () =>
        collectContexts(model, docs, {words: [1], maxContexts: 2, ...o});
    expect(go({layers: [3]})).to.throw(ArgumentError, /layer 3 is beyond the model: it has layers 0\.\.2/);
    expect(go({words: [9]})).to.throw(ArgumentError, /words\[0\]: id 9 is not in the model's vocabulary/);
    expect(go({words: [1, 2, 1]})).to.throw(ArgumentError, /listed twice/);
    expect(go({window: 9})).to.throw(ConfigError, /longer than the model's context 8/);
    expect(go({maxContexts: 0})).to.throw(ArgumentError, /maxContexts/);
    expect(go({}, [[1, 8]])).to.throw(ArgumentError, /document 0, position 1: id 8/);
    expect(model.calls).to.have.length(0);
  });
});

describe('contextual: Ethayarajh measures on known vectors', () => {
  const rng = createRng(11);
  const docs = Array.from({length: 30}, () => Int32Array.from({length: 10}, () => rng.int(2))); // ids 0 and 1

  it('constant vectors: anisotropy, self- and intra-similarity and MEV 1, adjusted 0; one-hot rows: self-similarity 1', () => {
    const model = stubModel(true, 6);
    const c = collectContexts(model, docs, {words: [0, 1], maxContexts: 20, window: 6});
    const m = contextualityMeasures(model, docs, c, {samples: 2000, seed: 3});
    const [l0, , l2] = m.layers;
    expect(l2!.anisotropy).to.be.closeTo(1, 1e-9);
    expect(l2!.selfSimilarity).to.be.closeTo(1, 1e-9);
    expect(l2!.intraSimilarity).to.be.closeTo(1, 1e-9);
    expect(l2!.mev).to.be.closeTo(1, 1e-9);
    expect(l2!.selfSimilarityAdjusted).to.be.closeTo(0, 1e-9);
    expect(l2!.intraSimilarityAdjusted).to.be.closeTo(0, 1e-9);
    expect(l2!.mevAdjusted).to.be.closeTo(0, 1e-9);
    // layer 0: one-hot of 2 equally likely ids; cosine 1 for the same id, 0 otherwise -> anisotropy ~ 1/2
    expect(l0!.selfSimilarity).to.be.closeTo(1, 1e-9);
    expect(l0!.anisotropy).to.be.closeTo(0.5, 0.03);
    expect(l0!.selfSimilarityAdjusted).to.be.closeTo(1 - l0!.anisotropy, 1e-12);
    expect(m.words).to.equal(2);
  });

  it('excluded ids are never drawn: only id 0 left gives anisotropy 1 at layer 0', () => {
    const model = stubModel(false, 6);
    const c = collectContexts(model, docs, {words: [0], maxContexts: 5});
    const m = contextualityMeasures(model, docs, c, {samples: 300, excludeIds: [1]});
    expect(m.layers[0]!.anisotropy).to.be.closeTo(1, 1e-9);
    expect(m.layers[0]!.intraSimilarity).to.be.closeTo(1, 1e-9); // only id-0 tokens count in a window
  });

  it('is a function of the seed', () => {
    const model = stubModel(true, 6);
    const c = collectContexts(model, docs, {words: [0, 1], maxContexts: 8});
    const strip = (x: ReturnType<typeof contextualityMeasures>) => x.layers.map(({perWord: _, ...rest}) => rest);
    const a = strip(contextualityMeasures(model, docs, c, {samples: 200, seed: 4}));
    expect(strip(contextualityMeasures(model, docs, c, {samples: 200, seed: 4}))).to.deep.equal(a);
    expect(strip(contextualityMeasures(model, docs, c, {samples: 200, seed: 5}))[0]!.anisotropy).to.not.equal(a[0]!.anisotropy);
  });
});

describe('contextual: on a GptModel', function () {
  this.timeout(60000);
  before(async () => {
    await initBackend();
  });
  const rng = createRng(2);
  const docs = Array.from({length: 6}, () => Int32Array.from({length: 9}, () => rng.int(13)));

  for (const [label, config] of [
    ['causal', tinyConfig()],
    ['bidirectional (BERT)', bertConfig(tinyConfig())],
  ] as const) {
    it(`${label}: a pooled vector is the mean of layerStates over its windows; fallback is the word alone`, () => {
      const model = new GptModel(config, {seed: 1});
      const present = [...new Set(Array.from(docs[0]!))].slice(0, 3);
      const absent = Array.from({length: 13}, (_, i) => i).filter((i) => !docs.some((d) => d.includes(i)));
      const words = [...present, ...absent.slice(0, 1)];
      const r = poolStaticVectors(model, docs, {words, maxContexts: 4, window: 5, seed: 9});
      const C = model.config.dModel,
        L = model.config.nLayers;
      expect(r.layers).to.deep.equal([0, 1, 2]);
      const c = r.collection;
      for (let w = 0; w < present.length; w++) {
        for (let layer = 0; layer <= L; layer++) {
          const expected = new Float64Array(C);
          for (let k = c.offsets[w]!; k < c.offsets[w + 1]!; k++) {
            const doc = docs[c.contextDocs[k]!]!;
            const win = contextWindow(doc.length, c.contextPositions[k]!, 5, model.config.causal);
            const states = model.layerStates(doc.slice(win.start, win.start + win.length), 1, win.length);
            const row = states[layer]!.subarray(win.offset * C, (win.offset + 1) * C);
            row.forEach((x, j) => (expected[j] = expected[j]! + x / r.counts[w]!));
          }
          expectArraysClose(r.tables[layer]!.data.subarray(w * C, (w + 1) * C), expected, 1e-5);
        }
      }
      if (absent.length) {
        expect(r.fallback.count).to.equal(1);
        const alone = decontextualizedVectors(model, [absent[0]!]);
        for (let layer = 0; layer <= L; layer++) expectArraysClose(r.tables[layer]!.data.subarray(present.length * C), alone[layer]!, 1e-6);
      }
      const m = contextualityMeasures(model, docs, c, {samples: 50});
      for (const l of m.layers) {
        for (const key of ['anisotropy', 'selfSimilarity', 'intraSimilarity', 'mev', 'mevBaseline'] as const)
          expect(Number.isFinite(l[key]), `${key} at layer ${l.layer}`).to.equal(true);
        expect(l.mev).to.be.within(0, 1 + 1e-9);
      }
      model.dispose();
    });
  }
});
