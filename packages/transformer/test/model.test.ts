import * as tf from '@tensorflow/tfjs';
import {initBackend} from '@embedlab/core';
import {expectArraysClose, expectNoLeaks} from '@embedlab/testing';
import {expect} from 'chai';
import {batchedMatMul, crossEntropy, crossEntropyStats, GptModel, type GptConfig, type LmBatch, matMul} from '../src/index.js';
import {randomBatch, tinyConfig} from './helpers.js';

/**
 * Directional-derivative check: for a random unit direction d over the chosen parameters,
 * (L(p + h d) - L(p - h d)) / 2h must equal grad . d. Float32 losses, so h = 1e-2 and a tolerance of
 * 2e-3 + 2% (the central difference's error is O(h^2) plus ~1e-5 of float32 noise).
 */
function directionalCheck(model: GptModel, batch: LmBatch, names: string[], seed: number): {numeric: number; analytic: number} {
  const grads = model.lossAndGradients(batch, {training: false});
  const targets = names.map((n) => (n === 'wte' ? model.table : (model.params.get(n) as Float32Array)));
  const gradsOf = names.map((n) => (n === 'wte' ? (grads.table as Float32Array) : (grads.dense.get(n) as Float32Array)));
  let state = seed >>> 0;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
  const dirs = targets.map((t) => Float32Array.from({length: t.length}, rand));
  const norm = Math.sqrt(dirs.reduce((s, d) => s + d.reduce((a, x) => a + x * x, 0), 0));
  dirs.forEach((d) => d.forEach((x, i) => (d[i] = x / norm)));
  let analytic = 0;
  gradsOf.forEach((g, k) => g.forEach((x, i) => (analytic += x * (dirs[k]![i] as number))));
  const h = 1e-2;
  const lossAt = (sign: number) => {
    targets.forEach((t, k) => dirs[k]!.forEach((x, i) => (t[i] = (t[i] as number) + sign * h * x)));
    const s = model.evaluate(batch);
    targets.forEach((t, k) => dirs[k]!.forEach((x, i) => (t[i] = (t[i] as number) - sign * h * x)));
    return s.sum / s.count;
  };
  const numeric = (lossAt(1) - lossAt(-1)) / (2 * h);
  return {numeric, analytic};
}

describe('GptModel', function () {
  this.timeout(60000);
  before(async () => {
    await initBackend();
  });

  const groups: Record<string, (c: GptConfig) => string[]> = {
    'attention (c_attn, c_proj)': () => ['h.0.attn.c_attn.weight', 'h.0.attn.c_attn.bias', 'h.1.attn.c_proj.weight'],
    'MLP (GELU)': () => ['h.1.mlp.c_fc.weight', 'h.1.mlp.c_fc.bias', 'h.0.mlp.c_proj.weight'],
    LayerNorm: () => ['h.0.ln_1.weight', 'h.0.ln_1.bias', 'h.1.ln_2.weight', 'ln_f.weight', 'ln_f.bias'],
    'token table (input rows and tied head)': () => ['wte'],
  };
  const variants: [string, Partial<GptConfig>][] = [
    ['learned positions, tied', {positions: 'learned'}],
    ['sinusoidal positions, tied', {positions: 'sinusoidal'}],
    ['rotary positions, tied', {positions: 'rope'}],
    ['learned positions, untied head', {tie: false}],
    ['projection 5 -> 8, tied', {embeddingDim: 5}],
    ['bidirectional attention', {causal: false, positions: 'rope'}],
    ['BERT head (dense, GELU, LayerNorm, output bias)', {causal: false, headTransform: true, outputBias: true}],
  ];
  for (const [label, overrides] of variants) {
    describe(`gradient check: ${label}`, () => {
      const config = tinyConfig({...overrides, initStd: 0.2});
      const extra: string[] = [];
      if (config.positions === undefined || config.positions === 'learned') extra.push('wpe.weight');
      if (config.tie === false) extra.push('lm_head.weight');
      if (config.embeddingDim !== undefined) extra.push('wte_proj.weight');
      if (config.headTransform) extra.push('mlm_head.dense.weight', 'mlm_head.ln.weight');
      if (config.outputBias) extra.push('lm_bias');
      const all: [string, string[]][] = [
        ...Object.entries(groups).map(([g, f]) => [g, f(config)] as [string, string[]]),
        ...extra.map((n) => [n, [n]] as [string, string[]]),
      ];
      for (const [group, names] of all) {
        it(`${group}: analytic gradient equals finite differences`, () => {
          const model = new GptModel(config, {seed: 3});
          try {
            const {numeric, analytic} = directionalCheck(model, randomBatch(13, 2, 5, 11), names, 17);
            expect(Math.abs(analytic)).to.be.greaterThan(1e-3); // the check must not pass on zero gradients
            expect(Math.abs(numeric - analytic), `numeric ${numeric} vs analytic ${analytic}`).to.be.at.most(2e-3 + 0.02 * Math.abs(analytic));
          } finally {
            model.dispose();
          }
        });
      }
    });
  }

  it('causal: logits at a position do not depend on later tokens; bidirectional: they do', () => {
    for (const causal of [true, false]) {
      const model = new GptModel(tinyConfig({causal, initStd: 0.3}), {seed: 4});
      const a = Int32Array.of(1, 2, 3, 4, 5, 6),
        b = Int32Array.of(1, 2, 3, 9, 10, 11);
      const la = model.logits(a, 1, 6),
        lb = model.logits(b, 1, 6);
      const da = la.dataSync(),
        db = lb.dataSync();
      const early = Array.from(da.subarray(0, 3 * 13)).map((x, i) => Math.abs(x - (db[i] as number)));
      if (causal) expect(Math.max(...early)).to.equal(0);
      else expect(Math.max(...early)).to.be.greaterThan(1e-4);
      la.dispose();
      lb.dispose();
      model.dispose();
    }
  });

  it('the gradient of the loss is written once per batch: two halves averaged equal the whole batch', () => {
    const model = new GptModel(tinyConfig({initStd: 0.2}), {seed: 5});
    const whole = randomBatch(13, 4, 5, 8);
    const half = (k: number): LmBatch => ({
      inputs: whole.inputs.slice(k * 10, k * 10 + 10),
      targets: whole.targets.slice(k * 10, k * 10 + 10),
      batch: 2,
      length: 5,
    });
    const g = model.lossAndGradients(whole, {training: false});
    const g0 = model.lossAndGradients(half(0), {training: false}),
      g1 = model.lossAndGradients(half(1), {training: false});
    for (const [name, full] of g.dense) {
      const avg = (g0.dense.get(name) as Float32Array).map((x, i) => (x + (g1.dense.get(name) as Float32Array)[i]!) / 2);
      expectArraysClose(avg, full, 1e-4);
    }
    expectArraysClose(
      (g0.table as Float32Array).map((x, i) => (x + g1.table![i]!) / 2),
      g.table as Float32Array,
      1e-4,
    );
    expect(g.loss.count).to.equal(20);
    model.dispose();
  });

  it('frees every tensor it makes (forward, gradients, evaluation)', async () => {
    const model = new GptModel(tinyConfig({positions: 'rope', dropout: 0.1}), {seed: 6});
    const batch = randomBatch(13, 2, 6, 1);
    model.lossAndGradients(batch); // warm-up: backend-side constants
    await expectNoLeaks(() => {
      for (let i = 0; i < 3; i++) model.lossAndGradients(batch, {dropoutSeed: i});
      model.evaluate(batch);
      model.layerStates(batch.inputs, 2, 6);
    });
    model.dispose();
  });

  it('layerStates gives the embedding sum and every block output', () => {
    const model = new GptModel(tinyConfig(), {seed: 2});
    const states = model.layerStates(Int32Array.of(1, 2, 3), 1, 3);
    expect(states).to.have.length(3);
    states.forEach((s) => expect(s.length).to.equal(3 * 8));
    // layer 0 = token row + position row
    const table = model.table,
      wpe = model.params.get('wpe.weight') as Float32Array;
    expectArraysClose(
      states[0]!.subarray(8, 16),
      Array.from({length: 8}, (_, j) => table[2 * 8 + j]! + wpe[8 + j]!),
      1e-6,
    );
    model.dispose();
  });
});

describe('crossEntropy', () => {
  before(async () => {
    await initBackend();
  });

  it('equals -log softmax at the target, ignores ignoreIndex, and its gradient is (softmax - onehot) / count', () => {
    const logits = tf.tensor2d([
      [1, 2, 3],
      [0, 0, 0],
      [5, -1, 0],
    ]);
    const targets = Int32Array.of(2, -1, 0);
    const lse = (r: number[]) => Math.log(r.reduce((s, x) => s + Math.exp(x), 0));
    const expected = (lse([1, 2, 3]) - 3 + (lse([5, -1, 0]) - 5)) / 2;
    expect(crossEntropyStats(logits, targets).sum / 2).to.be.closeTo(expected, 1e-6);
    const [g] = tf.grads((x: tf.Tensor) => crossEntropy(x as tf.Tensor2D, targets))([logits]);
    const soft = (r: number[]) => r.map((x) => Math.exp(x - lse(r)));
    const want = [...soft([1, 2, 3]).map((p, j) => (p - (j === 2 ? 1 : 0)) / 2), 0, 0, 0, ...soft([5, -1, 0]).map((p, j) => (p - (j === 0 ? 1 : 0)) / 2)];
    expectArraysClose(g!.dataSync(), want, 1e-6);
    tf.dispose([logits, g!]);
  });

  it('stays exact when the target probability underflows float32', () => {
    const logits = tf.tensor2d([[200, 0, -200]]);
    expect(crossEntropyStats(logits, Int32Array.of(2)).sum).to.be.closeTo(400, 1e-3);
    logits.dispose();
  });

  it('refuses a target outside the vocabulary', () => {
    const logits = tf.tensor2d([[0, 0]]);
    expect(() => crossEntropyStats(logits, Int32Array.of(2))).to.throw(/target 2 at position 0 is outside \[0, 2\)/);
    logits.dispose();
  });
});

describe('matMul', () => {
  it('has the same values and gradients as tf.matMul (batched too)', () => {
    const a = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1),
      b = tf.randomNormal([2, 4, 5], 0, 1, 'float32', 2);
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMul(x, y), tf.range(0, 30).reshape([2, 3, 5])));
    const ref = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y), tf.range(0, 30).reshape([2, 3, 5])));
    const [ga, gb] = tf.grads(f)([a, b]);
    const [ra, rb] = tf.grads(ref)([a, b]);
    expectArraysClose(ga!.dataSync(), ra!.dataSync(), 1e-5);
    expectArraysClose(gb!.dataSync(), rb!.dataSync(), 1e-5);
    tf.dispose([a, b, ga!, gb!, ra!, rb!]);
  });
});

describe('batchedMatMul (SIMD kernel)', () => {
  before(async () => {
    await initBackend();
  });

  for (const [label, aShape, bShape] of [
    ['attention scores [2,3,13,8] x [2,3,8,16] (13 rows: a 4-row block remainder)', [2, 3, 13, 8], [2, 3, 8, 16]],
    ['values [2,2,16,16] x [2,2,16,8]', [2, 2, 16, 16], [2, 2, 16, 8]],
    ['fallback: width 6 is not a multiple of 8', [2, 4, 8], [2, 8, 6]],
  ] as [string, number[], number[]][]) {
    it(`${label}: values and gradients equal tf.matMul's`, () => {
      const a = tf.randomNormal(aShape, 0, 1, 'float32', 3),
        b = tf.randomNormal(bShape, 0, 1, 'float32', 4);
      const outShape = [...aShape.slice(0, -1), bShape.at(-1)!];
      const weights = tf.randomNormal(outShape, 0, 1, 'float32', 5);
      const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(batchedMatMul(x, y, matMul), weights));
      const ref = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y), weights));
      const value = batchedMatMul(a, b, matMul),
        want = tf.matMul(a, b);
      expectArraysClose(value.dataSync(), want.dataSync(), 1e-5);
      const [ga, gb] = tf.grads(f)([a, b]);
      const [ra, rb] = tf.grads(ref)([a, b]);
      expectArraysClose(ga!.dataSync(), ra!.dataSync(), 1e-5);
      expectArraysClose(gb!.dataSync(), rb!.dataSync(), 1e-5);
      tf.dispose([a, b, weights, value, want, ga!, gb!, ra!, rb!]);
    });
  }
});
