import {createRng, initBackend} from '@embedlab/core';
import {expectArraysClose, expectNoLeaks, expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {messages, trainTextClassifier, type TextClassifierOptions} from '../../src/index.js';
import {armName, meanPoolPositions} from '../../src/fine-tune/text-classifier.js';

/**
 * Separable toy set: vocabulary 20, id 0 = padding, 1 = neutral, 2..9 = "spam" words, 10..17 = "ham" words,
 * 18..19 never used. Each document mixes neutral tokens with words of its class.
 */
function toySet(n: number, seed: number): {docs: Int32Array[]; labels: Uint8Array} {
  const rng = createRng(seed);
  const labels = Uint8Array.from({length: n}, () => rng.int(2));
  const docs = Array.from(labels, (y) => {
    const len = 4 + rng.int(8);
    return Int32Array.from({length: len}, (_, i) => (i % 3 === 0 ? 1 : i === len - 1 ? 0 : y === 1 ? 2 + rng.int(8) : 10 + rng.int(8)));
  });
  return {docs, labels};
}

describe('trainTextClassifier', function () {
  this.timeout(60000);
  const train = toySet(200, 1);
  const test = toySet(100, 2);
  const base: TextClassifierOptions = {
    ...train,
    vocabSize: 20,
    dim: 8,
    paddingIdx: 0,
    epochs: 8,
    batchSize: 16,
    seed: 5,
    optimizer: {type: 'adam', learningRate: 0.05},
    validation: test,
  };
  const informative = Float32Array.from({length: 20 * 8}, (_, i) => {
    const row = Math.floor(i / 8);
    return i % 8 === 0 ? (row >= 2 && row <= 9 ? 1 : row >= 10 && row <= 17 ? -1 : 0) : 0;
  });

  before(async () => {
    await initBackend();
  });

  it('random init, trained: loss decreases and held-out accuracy is high', async () => {
    const clf = await trainTextClassifier(base);
    const losses = clf.history.map((h) => h.loss);
    expect(losses[losses.length - 1]).to.be.lessThan((losses[0] as number) * 0.5);
    const m = clf.evaluate(test.docs, test.labels);
    expect(m.accuracy).to.be.greaterThan(0.95);
    expect(m.f1).to.be.greaterThan(0.95);
    expect(clf.history[clf.history.length - 1]?.validation?.accuracy).to.equal(m.accuracy);
    expect(clf.history[0]?.rowsUpdated).to.be.greaterThan(0);
    // padding row stays zero
    expect(Array.from(clf.embeddings.subarray(0, 8))).to.deep.equal(new Array(8).fill(0));
  });

  it('is deterministic for a seed, and a different seed gives a different run', async () => {
    const a = await expectNoLeaks(() => trainTextClassifier({...base, epochs: 2, validation: undefined}));
    const b = await trainTextClassifier({...base, epochs: 2, validation: undefined});
    expect(Array.from(a.embeddings)).to.deep.equal(Array.from(b.embeddings));
    expect(a.history.map((h) => h.loss)).to.deep.equal(b.history.map((h) => h.loss));
    expect(Array.from(a.head.weights)).to.deep.equal(Array.from(b.head.weights));
    const c = await trainTextClassifier({...base, epochs: 2, validation: undefined, seed: 6});
    expect(Array.from(c.embeddings)).to.not.deep.equal(Array.from(a.embeddings));
  });

  it('frozen arm leaves the matrix bit-identical; the head still learns on informative vectors', async () => {
    const init = informative.slice();
    const clf = await trainTextClassifier({...base, init, trainable: false, words: Array.from({length: 20}, (_, i) => `w${i}`)});
    expect(Buffer.from(clf.embeddings.buffer).equals(Buffer.from(informative.buffer))).to.equal(true);
    expect(clf.evaluate(test.docs, test.labels).accuracy).to.be.greaterThan(0.95);
    expect(clf.vectors?.row(2)[0]).to.equal(1);
    expect(clf.vectors?.meta.arm).to.equal('pretrained-frozen');
    expect(clf.history.every((h) => h.rowsUpdated === 0)).to.equal(true);
  });

  it('tuned arm changes unlocked rows only and never touches the given init array', async () => {
    const init = informative.slice();
    const lockMask = new Uint8Array(20);
    lockMask.fill(1, 2, 6); // rows 2..5 frozen
    const clf = await trainTextClassifier({...base, init, lockMask, epochs: 2});
    expect(Array.from(init)).to.deep.equal(Array.from(informative));
    expect(Array.from(clf.embeddings.subarray(2 * 8, 6 * 8))).to.deep.equal(Array.from(informative.subarray(2 * 8, 6 * 8)));
    expect(Array.from(clf.embeddings.subarray(6 * 8, 7 * 8))).to.not.deep.equal(Array.from(informative.subarray(6 * 8, 7 * 8)));
    expect(armName({init})).to.equal('pretrained-tuned');
  });

  it('one full-batch SGD step equals the hand-derived gradient (sigmoid head)', async () => {
    const docs = [Int32Array.from([1, 2, 2]), Int32Array.from([3])];
    const labels = Uint8Array.from([1, 0]);
    const table = Float32Array.from([0, 0, 0.5, -1, 1, 2, -0.5, 0.25]); // 4 x 2
    const headInit = {weights: Float32Array.from([0.4, -0.3]), bias: Float32Array.from([0.1])};
    const lr = 0.5;
    const clf = await trainTextClassifier({
      docs,
      labels,
      vocabSize: 4,
      dim: 2,
      init: table,
      headInit,
      optimizer: {type: 'sgd', learningRate: lr},
      epochs: 1,
      batchSize: 2,
      seed: 1,
    });
    // pooled: doc0 = (r1 + 2 r2)/3, doc1 = r3; dL/dpooled_b = (sigmoid(z_b) - y_b) w / B
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    const p0 = [(0.5 + 2) / 3, (-1 + 4) / 3],
      p1 = [-0.5, 0.25];
    const e0 = sig(0.4 * (p0[0] as number) - 0.3 * (p0[1] as number) + 0.1) - 1;
    const e1 = sig(0.4 * (p1[0] as number) - 0.3 * (p1[1] as number) + 0.1) - 0;
    const d0 = [(e0 * 0.4) / 2, (e0 * -0.3) / 2],
      d1 = [(e1 * 0.4) / 2, (e1 * -0.3) / 2];
    const want = [
      0,
      0,
      0.5 - (lr * (d0[0] as number)) / 3,
      -1 - (lr * (d0[1] as number)) / 3,
      1 - (lr * 2 * (d0[0] as number)) / 3,
      2 - (lr * 2 * (d0[1] as number)) / 3,
      -0.5 - lr * (d1[0] as number),
      0.25 - lr * (d1[1] as number),
    ];
    expectArraysClose(clf.embeddings, want, 1e-5);
    // head: w -= lr * sum_b e_b pooled_b / B
    expectArraysClose(
      clf.head.weights,
      [0.4 - (lr * (e0 * (p0[0] as number) + e1 * (p1[0] as number))) / 2, -0.3 - (lr * (e0 * (p0[1] as number) + e1 * (p1[1] as number))) / 2],
      1e-5,
    );
  });

  it('meanPoolPositions: each non-padding position gets dpooled_b / n_b', () => {
    const {ids, dy} = meanPoolPositions(
      [Int32Array.from([5, 2, 5, 0]), Int32Array.from([0]), Int32Array.from([2])],
      [0, 1, 2],
      Float32Array.from([3, 6, 9, 9, 1, 2]),
      2,
      0,
    );
    expect(Array.from(ids)).to.deep.equal([5, 2, 5, 2]);
    expectArraysClose(dy, [1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it('softmax head for 3 classes', async () => {
    const rng = createRng(3);
    const labels = Uint8Array.from({length: 150}, () => rng.int(3));
    const docs = Array.from(labels, (y) => Int32Array.from({length: 5}, () => 1 + y * 5 + rng.int(5)));
    const clf = await trainTextClassifier({
      docs,
      labels,
      vocabSize: 16,
      dim: 6,
      numClasses: 3,
      epochs: 10,
      batchSize: 16,
      seed: 2,
      optimizer: {type: 'adagrad', learningRate: 0.3},
    });
    expect(clf.evaluate(docs, labels).accuracy).to.be.greaterThan(0.95);
    const p = clf.predictProba(docs.slice(0, 1));
    expect((p[0] as number) + (p[1] as number) + (p[2] as number)).to.be.closeTo(1, 1e-6);
  });

  it('rejects bad inputs with the field named', async () => {
    await expectThrows(() => trainTextClassifier({...base, labels: new Uint8Array(3)}), messages.docsLabels('training set', 200, 3));
    await expectThrows(
      () => trainTextClassifier({...base, docs: [Int32Array.from([25]), ...train.docs.slice(1)]}),
      messages.badTokenId('training', 0, 25, 0, 20),
    );
    await expectThrows(() => trainTextClassifier({...base, init: new Float32Array(5)}), 'trainTextClassifier: init has 5 entries', '(160)');
    await expectThrows(
      () => trainTextClassifier({...base, validation: {docs: test.docs, labels: Uint8Array.from(test.labels, () => 7)}}),
      messages.badLabel('validation', 0, 7, 2),
    );
  });
});
