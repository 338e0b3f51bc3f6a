import * as tf from '@tensorflow/tfjs';
import {WordVectors, createRng, initBackend} from '@embedlab/core';
import {expectArraysClose} from '@embedlab/testing';
import {expect} from 'chai';
import {ClassText, classWords} from '../src/class-text.js';
import {argmaxRows, classScores, embedImages, harmonicMean, trainImageModel, type LabelledImages} from '../src/train.js';

const NAMES = ['t-shirt/top', 'ankle boot', 'bag', 'sandal'];
const WORDS = ['t-shirt', 'top', 'ankle', 'boot', 'bag', 'sandal'];

function tinyVectors(): WordVectors {
  const rng = createRng(3);
  return WordVectors.fromEntries(WORDS.map((w) => [w, Array.from({length: 6}, () => rng.normal())] as const));
}

/** 8x8 images of 4 classes: a bright row, column, diagonal or border, plus noise. */
function patterns(n: number, seed: number): LabelledImages {
  const rng = createRng(seed);
  const images = new Uint8Array(n * 64),
    labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const y = i % 4;
    labels[i] = y;
    const at = rng.int(6) + 1;
    for (let r = 0; r < 8; r++)
      for (let c = 0; c < 8; c++) {
        const on = y === 0 ? r === at : y === 1 ? c === at : y === 2 ? r === c : r === 0 || c === 0 || r === 7 || c === 7;
        images[i * 64 + r * 8 + c] = on ? 200 + rng.int(56) : rng.int(60);
      }
  }
  return {images, labels, side: 8};
}

describe('class text and training', function () {
  this.timeout(60000);
  before(async () => {
    await initBackend();
  });

  it('classWords splits on / and spaces, keeping hyphenated words', () => {
    expect(classWords('T-shirt/top')).to.deep.equal(['t-shirt', 'top']);
    expect(classWords('ankle boot')).to.deep.equal(['ankle', 'boot']);
  });

  it("a class vector is the mean of its words' rows in the core layer", () => {
    const v = tinyVectors();
    const text = new ClassText(NAMES, {arm: 'glove-frozen', vectors: v, seed: 1});
    const cls = text.classVectors().arraySync() as number[][];
    const want = Array.from(v.vector('t-shirt')!, (x, j) => (x + v.vector('top')![j]!) / 2);
    expectArraysClose(cls[0]!, want, 1e-6);
    expectArraysClose(cls[2]!, v.vector('bag')!, 1e-6);
    expectArraysClose((text.classVectors(undefined, [3, 1]).arraySync() as number[][])[1]!, cls[1]!, 1e-6);
    text.dispose();
  });

  it('fine-tuning moves only the words of training classes; frozen and random arms do not move', () => {
    const data = patterns(48, 1);
    const seen = [0, 1, 2]; // 'sandal' (3) held out
    const idx = Array.from({length: 48}, (_, i) => i).filter((i) => seen.includes(data.labels[i]!));
    for (const arm of ['glove-finetuned', 'glove-frozen', 'random'] as const) {
      const text = new ClassText(NAMES, {arm, vectors: tinyVectors(), seed: 1, learningRate: 0.01});
      const before = text.layer.table().slice();
      const m = trainImageModel(data, {
        objective: 'devise',
        indices: idx,
        classes: seen,
        text,
        epochs: 1,
        batchSize: 12,
        seed: 2,
        cnn: {channels: [4, 4], hidden: 8},
      });
      const after = text.layer.table(),
        d = text.dim;
      const moved = text.words.map((_, r) => after.subarray(r * d, (r + 1) * d).some((x, j) => x !== before[r * d + j]));
      if (arm === 'glove-finetuned') expect(moved).to.deep.equal(text.words.map((w) => w !== 'sandal'));
      else expect(moved.some(Boolean)).to.equal(false);
      m.encoder.dispose();
      text.dispose();
    }
  });

  it('the supervised CNN learns the patterns; DeViSE and CLIP lower their loss and place test images by class vector', () => {
    const train = patterns(160, 1),
      test = patterns(40, 2);
    const all = [0, 1, 2, 3],
      idx = Array.from({length: 160}, (_, i) => i);
    const cnn = {channels: [4, 8], hidden: 16};
    const sup = trainImageModel(train, {objective: 'supervised', indices: idx, classes: all, epochs: 6, batchSize: 16, learningRate: 0.01, seed: 1, cnn});
    const testIdx = Array.from({length: 40}, (_, i) => i);
    const acc = (pred: Int32Array) => testIdx.filter((i) => pred[i] === test.labels[i]).length / 40;
    expect(acc(argmaxRows(embedImages(sup, test, testIdx), 4))).to.be.greaterThan(0.9);
    sup.encoder.dispose();
    for (const objective of ['devise', 'clip'] as const) {
      const text = new ClassText(NAMES, {arm: 'glove-frozen', vectors: tinyVectors(), seed: 1});
      const m = trainImageModel(train, {objective, indices: idx, classes: all, text, epochs: 6, batchSize: 16, learningRate: 0.01, seed: 1, cnn});
      expect(m.losses[5]).to.be.lessThan(m.losses[0]! * 0.7);
      if (objective === 'clip') expect(m.logitScale).to.be.within(0, Math.log(100));
      const emb = embedImages(m, test, testIdx);
      expect(acc(argmaxRows(classScores(m, emb, all), 4))).to.be.greaterThan(0.8);
      m.encoder.dispose();
      text.dispose();
    }
    expect(tf.memory().numTensors).to.be.lessThan(200); // nothing per step is left behind
  });

  it('harmonic mean of seen and unseen accuracy', () => {
    expect(harmonicMean(0.8, 0.2)).to.be.closeTo(0.32, 1e-12);
    expect(harmonicMean(0, 0)).to.equal(0);
  });
});
