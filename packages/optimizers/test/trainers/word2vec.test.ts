import {expect} from 'chai';
import {createRng, Vocabulary} from '@embedlab/core';
import {expectThrows} from '@embedlab/testing';
import {chunkAlpha, trainWord2Vec} from '../../src/trainers/word2vec.js';

// A toy corpus with structure: two topics whose words co-occur only within their topic.
function toyCorpus(seed: number, sentences = 300) {
  const words = Array.from({length: 40}, (_, i) => `${i < 20 ? 'a' : 'b'}${i}`);
  const vocab = Vocabulary.fromWords(words);
  const rng = createRng(seed);
  const out: Int32Array[] = [];
  for (let s = 0; s < sentences; s++) {
    const topic = rng.int(2) * 20;
    out.push(Int32Array.from({length: 12}, () => topic + Math.min(19, Math.floor(-Math.log(1 - rng.float()) * 5))));
  }
  return {vocab, sentences: out};
}

describe('trainWord2Vec', function () {
  this.timeout(20000);
  const {vocab, sentences} = toyCorpus(5);

  // 100 words in 5 topics, uniform inside a topic: enough words that the loss is not dominated by repeats.
  const big = (() => {
    const v = Vocabulary.fromWords(Array.from({length: 100}, (_, i) => `t${Math.floor(i / 20)}w${i}`));
    const rng = createRng(11);
    const s = Array.from({length: 300}, () => {
      const topic = rng.int(5) * 20;
      return Int32Array.from({length: 12}, () => topic + rng.int(20));
    });
    return {v, s};
  })();

  it("defaults are gensim's: input rows start uniform in [-1, 1)/dim, saturated scores are skipped", async () => {
    // Locked rows never change, so with every row locked the output is the initial matrix.
    const dim = 8;
    for (const [init, bound] of [
      [undefined, 1],
      ['word2vec', 0.5],
    ] as const) {
      const r = await trainWord2Vec(sentences, vocab, {dim, epochs: 1, lockMask: new Array<number>(vocab.size).fill(1), ...(init ? {init} : {})});
      const max = Math.max(...Array.from(r.vectors.data, Math.abs));
      expect(max, `init ${init}`).to.be.below(bound / dim);
      expect(max, `init ${init}`).to.be.above((0.9 * bound) / dim);
      expect(r.vectors.meta, `init ${init}`).to.include({init: init ?? 'gensim', saturated: 'skip'});
    }
  });

  for (const mode of ['sg', 'cbow'] as const) {
    it(`${mode}: per-epoch loss decreases and is reset each epoch (not cumulative)`, async () => {
      const r = await trainWord2Vec(big.s, big.v, {mode, dim: 16, epochs: 6, sample: 0, alpha: 0.05});
      const losses = r.history.map((h) => h.meanLoss);
      expect(losses[5]).to.be.below(losses[0]! * 0.9);
      // a cumulative total would grow with the epoch; the per-epoch sums stay the same order of magnitude
      expect(r.history[5]!.loss).to.be.below(r.history[0]!.loss);
      expect(r.history.every((h) => h.words === 3600)).to.equal(true);
      expect(r.history[5]!.alpha).to.be.closeTo(1e-4, 1e-12);
    });

    it(`${mode}: same seed -> bit-identical vectors; another seed differs`, async () => {
      const a = await trainWord2Vec(sentences, vocab, {mode, dim: 12, epochs: 2, seed: 9});
      const b = await trainWord2Vec(sentences, vocab, {mode, dim: 12, epochs: 2, seed: 9});
      const c = await trainWord2Vec(sentences, vocab, {mode, dim: 12, epochs: 2, seed: 10});
      expect(Buffer.from(a.vectors.data.buffer).equals(Buffer.from(b.vectors.data.buffer))).to.equal(true);
      expect(Buffer.from(a.vectors.data.buffer).equals(Buffer.from(c.vectors.data.buffer))).to.equal(false);
    });
  }

  it('learns the topics: same-topic neighbours are closer than cross-topic ones', async () => {
    const r = await trainWord2Vec(sentences, vocab, {dim: 16, epochs: 10, sample: 0, alpha: 0.05});
    const near = r.vectors.nearest('a0', {k: 5}).map((n) => n.word);
    expect(near.every((w) => w.startsWith('a'))).to.equal(true);
  });

  it('TS kernel (dim 10, not a multiple of 4) and wasm kernel both run; TS == wasm at dim 12', async () => {
    const t = await trainWord2Vec(sentences, vocab, {dim: 10, epochs: 1});
    expect(t.kernel).to.equal('ts');
    const a = await trainWord2Vec(sentences, vocab, {dim: 12, epochs: 2, kernel: 'ts'});
    const b = await trainWord2Vec(sentences, vocab, {dim: 12, epochs: 2, kernel: 'wasm'});
    expect(a.kernel).to.equal('ts');
    expect(b.kernel).to.equal('wasm');
    expect(Array.from(a.vectors.data)).to.deep.equal(Array.from(b.vectors.data));
  });

  it('initial input + lock mask: locked rows come back exactly as given (1 and 2 threads)', async () => {
    const dim = 8;
    const init = Float32Array.from({length: vocab.size * dim}, (_, i) => Math.cos(i) * 0.1);
    for (const threads of [1, 2]) {
      const r = await trainWord2Vec(sentences, vocab, {dim, epochs: 2, initialInput: init, lockMask: new Set([0, 3, 25]), threads});
      for (let i = 0; i < vocab.size; i++) {
        const same = r.vectors.data.subarray(i * dim, (i + 1) * dim).every((v, k) => v === init[i * dim + k]);
        expect(same, `row ${i}, threads ${threads}`).to.equal([0, 3, 25].includes(i));
      }
    }
  });

  it('worker threads (Hogwild) train to a similar loss as one thread', async () => {
    // 36,000 words = 4 chunks of ~10k, so both workers get work.
    const rng = createRng(12);
    const s = Array.from({length: 3000}, () => {
      const topic = rng.int(5) * 20;
      return Int32Array.from({length: 12}, () => topic + rng.int(20));
    });
    const one = await trainWord2Vec(s, big.v, {dim: 16, epochs: 2, sample: 0});
    const two = await trainWord2Vec(s, big.v, {dim: 16, epochs: 2, sample: 0, threads: 2});
    expect(two.threads).to.equal(2);
    expect(two.history[1]!.meanLoss).to.be.closeTo(one.history[1]!.meanLoss, 0.05 * one.history[1]!.meanLoss);
    expect(two.history[1]!.words).to.equal(36000);
  });

  it('minCount drops rare words from the stream and the output; callbacks record evaluations', async () => {
    const v = Vocabulary.fromWords(['x', 'y', 'rare']);
    const s = [Int32Array.from([0, 1, 0, 1, 2, 0, 1, 0, 1, 0])];
    const seen: number[] = [];
    const r = await trainWord2Vec(s, v, {dim: 4, epochs: 2, minCount: 2, sample: 0, onEpochEnd: (e, snap) => (seen.push(e.epoch), {rows: snap().size})});
    expect(r.vectors.words).to.deep.equal(['x', 'y']);
    expect(r.history[0]!.words).to.equal(9);
    expect(seen).to.deep.equal([1, 2]);
    expect(r.history.map((h) => h.eval?.rows)).to.deep.equal([2, 2]);
  });

  it('sharedNegatives (skip-gram): learns the topics, same seed -> same vectors; off by default', async () => {
    const r = await trainWord2Vec(sentences, vocab, {dim: 16, epochs: 10, sample: 0, alpha: 0.05, sharedNegatives: true});
    expect(r.vectors.meta.sharedNegatives).to.equal(true);
    expect(
      r.vectors
        .nearest('a0', {k: 5})
        .map((n) => n.word)
        .every((w) => w.startsWith('a')),
    ).to.equal(true);
    const again = await trainWord2Vec(sentences, vocab, {dim: 16, epochs: 10, sample: 0, alpha: 0.05, sharedNegatives: true});
    expect(Array.from(again.vectors.data)).to.deep.equal(Array.from(r.vectors.data));
    const plain = await trainWord2Vec(sentences, vocab, {dim: 16, epochs: 10, sample: 0, alpha: 0.05});
    expect(plain.vectors.meta.sharedNegatives).to.equal(false);
    expect(Array.from(plain.vectors.data)).to.not.deep.equal(Array.from(r.vectors.data));
    // same windows and positive pairs per epoch; a loss of the same size
    expect(r.history[9]!.meanLoss).to.be.closeTo(plain.history[9]!.meanLoss, 0.15 * plain.history[9]!.meanLoss);
  });

  it('sharedNegatives: TS == wasm bit for bit; Hogwild workers run it', async () => {
    const ts = await trainWord2Vec(sentences, vocab, {dim: 16, epochs: 2, sharedNegatives: true, kernel: 'ts'});
    const wasm = await trainWord2Vec(sentences, vocab, {dim: 16, epochs: 2, sharedNegatives: true, kernel: 'wasm'});
    expect(Array.from(ts.vectors.data)).to.deep.equal(Array.from(wasm.vectors.data));
    const two = await trainWord2Vec(big.s, big.v, {dim: 16, epochs: 2, sample: 0, threads: 2, sharedNegatives: true});
    expect(two.history[1]!.words).to.equal(3600);
  });

  it('alphaDecay: chunk learning rate from the share of words (default) or of sentences done (hand-derived)', () => {
    const s = {alpha: 0.025, minAlpha: 1e-4, epochs: 5, totalWords: 100, totalSentences: 10, nChunks: 4};
    // epoch 1 (0-based), 80 of 100 words and 2 of 10 sentences done: progress (1 + 0.8) / 5 or (1 + 0.2) / 5
    expect(chunkAlpha({...s, bySentences: false}, 1, 80, 2)).to.be.closeTo(0.025 - 0.0249 * 0.36, 1e-15);
    expect(chunkAlpha({...s, bySentences: true}, 1, 80, 2)).to.be.closeTo(0.025 - 0.0249 * 0.24, 1e-15);
    expect(chunkAlpha({...s, bySentences: true}, 4, 100, 10)).to.be.closeTo(1e-4, 1e-15);
  });

  it('alphaDecay: the second chunk (after a 10,000-word sentence) trains at the rate of its progress', async () => {
    // Word 0 fills chunk 1; chunk 2 is the sentence [1, 2]. CBOW, window 1, no negatives, input rows locked
    // at given values: position 0 predicts word 1 from row 2 with out1 = 0, so f = 0 and
    // out1 = g * in2 with g = (1 - sigma_table[(0 + 6) * 83 = 498]) * alpha (all float32).
    const v = Vocabulary.fromWords(['w0', 'w1', 'w2']);
    const corpus = [new Int32Array(10000), Int32Array.from([1, 2])];
    const initialInput = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, -0.25, 0.5, 0.125, 1]);
    const e = Math.exp((498 / 1000) * 2 * 6 - 6);
    const oneMinusSigma = Math.fround(1 - Math.fround(e / (e + 1)));
    const expected = (alpha: number) => Array.from(initialInput.subarray(8, 12), (x) => Math.fround(Math.fround(oneMinusSigma * Math.fround(alpha)) * x));
    const alphaWords = 0.025 - 0.0249 * (10000 / 10002),
      alphaSentences = 0.025 - 0.0249 * (1 / 2);
    const opts = {mode: 'cbow', dim: 4, window: 1, negative: 0, sample: 0, epochs: 1, initialInput, lockMask: [1, 1, 1]} as const;
    for (const kernel of ['ts', 'wasm'] as const) {
      const w = await trainWord2Vec(corpus, v, {...opts, kernel});
      const st = await trainWord2Vec(corpus, v, {...opts, kernel, alphaDecay: 'sentences'});
      expect(Array.from(w.outputVectors.subarray(4, 8)), kernel).to.deep.equal(expected(alphaWords));
      expect(Array.from(st.outputVectors.subarray(4, 8)), kernel).to.deep.equal(expected(alphaSentences));
      expect(st.vectors.meta).to.include({alphaDecay: 'sentences'});
    }
    // Hogwild workers: a chunk's progress counts finished chunks, so chunk 2 may start before chunk 1 ends (alpha 0.025).
    const two = await trainWord2Vec(corpus, v, {...opts, threads: 2, alphaDecay: 'sentences'});
    expect([expected(alphaSentences), expected(0.025)]).to.deep.include(Array.from(two.outputVectors.subarray(4, 8)));
  });

  it('bad input is rejected with the position or option named', async () => {
    await expectThrows(() => trainWord2Vec(sentences, vocab, {alphaDecay: 'epochs' as never}), 'alphaDecay', "'words' or 'sentences'");
    await expectThrows(() => trainWord2Vec(sentences, vocab, {mode: 'cbow', sharedNegatives: true}), 'sharedNegatives', "mode 'cbow'");
    await expectThrows(() => trainWord2Vec(sentences, vocab, {sharedNegatives: 1 as unknown as boolean}), 'sharedNegatives', 'true or false');
    await expectThrows(() => trainWord2Vec([[0, 99]], vocab), 'sentence 0, position 1', 'token id 99');
    await expectThrows(() => trainWord2Vec(sentences, vocab, {window: 0}), 'window must be an integer >= 1');
    await expectThrows(() => trainWord2Vec(sentences, vocab, {initialInput: new Float32Array(3)}), 'initialInput has 3 values');
    await expectThrows(() => trainWord2Vec(sentences, vocab, {dim: 10, kernel: 'wasm'}), 'multiple of 4');
  });
});

describe('trainWord2Vec argument errors', () => {
  const vocab = Vocabulary.fromWords(['a', 'b', 'c']);
  it('names the argument and what was passed', async () => {
    await expectThrows(() => trainWord2Vec('a b c' as never, vocab), 'sentences must be an array of sentences', 'got a string "a b c"');
    await expectThrows(() => trainWord2Vec([[0, 1, 2]], {size: 3} as never), 'vocab must be a Vocabulary (got an object)');
    await expectThrows(() => trainWord2Vec([[0, 1, 2]], vocab, {dim: 0}), 'options.dim must be a positive integer (got number 0)');
  });
});
