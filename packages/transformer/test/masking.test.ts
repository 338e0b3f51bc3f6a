import * as tf from '@tensorflow/tfjs';
import {createRng, initBackend} from '@embedlab/core';
import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {bertConfig, crossEntropy, GptModel, maskBatch, maskTokens, trainLm} from '../src/index.js';

describe('maskTokens', () => {
  it('chooses 15% of the non-special positions; 80% become [MASK], 10% a random id, 10% stay', () => {
    const V = 1000,
      n = 200_000,
      MASK = 3;
    const rng = createRng(1);
    const ids = Int32Array.from({length: n}, (_, i) => (i % 10 === 0 ? 0 : 4 + rng.int(V - 4))); // 10% specials (id 0)
    const {inputs, targets} = maskTokens(ids, createRng(2), {maskId: MASK, vocabSize: V, specialIds: [0, 1, 2]});
    let chosen = 0,
      masked = 0,
      same = 0,
      random = 0,
      specialChosen = 0,
      changedUnchosen = 0;
    for (let i = 0; i < n; i++) {
      if (targets[i] === -1) {
        if (inputs[i] !== ids[i]) changedUnchosen++;
        continue;
      }
      chosen++;
      if (ids[i] === 0) specialChosen++;
      expect(targets[i]).to.equal(ids[i]);
      if (inputs[i] === MASK) masked++;
      else if (inputs[i] === ids[i]) same++;
      else random++;
    }
    const eligible = n * 0.9;
    // binomial standard errors: 15% of 180k -> sd 0.08 points; 80/10/10 of 27k -> sd 0.24 / 0.18 points
    expect(chosen / eligible).to.be.closeTo(0.15, 0.004);
    expect(masked / chosen).to.be.closeTo(0.8, 0.012);
    expect(random / chosen).to.be.closeTo(0.1, 0.01); // a random draw equal to the original counts as same (1/V)
    expect(same / chosen).to.be.closeTo(0.1, 0.01);
    expect(specialChosen).to.equal(0);
    expect(changedUnchosen).to.equal(0);
  });

  it('is a function of the seed', () => {
    const ids = Int32Array.from({length: 500}, (_, i) => 5 + (i % 50));
    const a = maskTokens(ids, createRng(7), {maskId: 1, vocabSize: 60});
    const b = maskTokens(ids, createRng(7), {maskId: 1, vocabSize: 60});
    const c = maskTokens(ids, createRng(8), {maskId: 1, vocabSize: 60});
    expect(Array.from(a.inputs)).to.deep.equal(Array.from(b.inputs));
    expect(Array.from(a.targets)).to.not.deep.equal(Array.from(c.targets));
  });

  it('refuses bad settings', async () => {
    await expectThrows(() => maskTokens(Int32Array.of(1), createRng(1), {maskId: 9, vocabSize: 5}), 'masking.maskId', 'vocabSize 5');
    await expectThrows(() => maskTokens(Int32Array.of(1), createRng(1), {maskId: 1, vocabSize: 5, probability: 0}), 'masking.probability');
  });
});

describe('masked LM (BERT-style)', function () {
  this.timeout(120000);
  before(async () => {
    await initBackend();
  });

  it('only chosen positions carry loss: the logits gradient is zero on every other row', () => {
    const model = new GptModel(bertConfig({vocabSize: 13, context: 6, dModel: 8, nLayers: 1, nHeads: 2}), {seed: 1});
    const plain = {inputs: Int32Array.from({length: 12}, (_, i) => 4 + (i % 9)), targets: new Int32Array(12), batch: 2, length: 6};
    const batch = maskBatch(plain, {maskId: 3, vocabSize: 13, specialIds: [0, 1, 2], probability: 0.5}, 4);
    const chosen = Array.from(batch.targets, (t) => t !== -1);
    expect(chosen.some(Boolean) && !chosen.every(Boolean)).to.equal(true);
    const logits = model.logits(batch.inputs, 2, 6);
    const [g] = tf.grads((x: tf.Tensor) => crossEntropy(x as tf.Tensor2D, batch.targets))([logits]);
    const data = g!.dataSync();
    chosen.forEach((c, i) => {
      const norm = Math.hypot(...Array.from(data.subarray(i * 13, (i + 1) * 13)));
      if (c) expect(norm, `row ${i}`).to.be.greaterThan(0);
      else expect(norm, `row ${i}`).to.equal(0);
    });
    tf.dispose([logits, g!]);
    model.dispose();
  });

  it('learns to fill a masked token from its context', async () => {
    // runs of 16 copies of one id in 4..12: a masked id is the id of the other tokens of its window, on
    // either side of it (a causal model could not see the run's later half)
    const rng = createRng(3);
    const stream = new Int32Array(4000);
    for (let i = 0; i < stream.length; i += 16) stream.fill(4 + rng.int(9), i, i + 16);
    const model = new GptModel(bertConfig({vocabSize: 13, context: 8, dModel: 16, nLayers: 1, nHeads: 2}), {seed: 2});
    const r = await trainLm(
      model,
      {train: stream.subarray(0, 3000), validation: stream.subarray(3000)},
      {
        objective: 'masked',
        masking: {maskId: 3, specialIds: [0, 1, 2]},
        steps: 120,
        batchSize: 8,
        length: 8,
        seed: 1,
        learningRate: 2e-2,
        evalEvery: 60,
      },
    );
    const [first, last] = [r.evaluations[0]!.loss, r.evaluations.at(-1)!.loss];
    expect(last).to.be.lessThan(first);
    expect(last).to.be.lessThan(0.8); // uniform over the 9 ordinary ids is log 9 = 2.2
    r.model.dispose();
  });

  it('the masked objective needs masking settings, named by path', async () => {
    const model = new GptModel(bertConfig({vocabSize: 13, context: 8, dModel: 8, nLayers: 1, nHeads: 2}), {seed: 2});
    await expectThrows(
      () =>
        trainLm(
          model,
          {train: new Int32Array(100), validation: new Int32Array(20)},
          {objective: 'masked', steps: 1, batchSize: 2, length: 4, seed: 1, learningRate: 1e-3},
        ),
      'train.masking',
    );
    model.dispose();
  });
});
