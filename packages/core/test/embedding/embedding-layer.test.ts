import * as tf from '@tensorflow/tfjs';
import {expect} from 'chai';
import {expectArraysClose, expectNoLeaks, expectThrows} from '@embedlab/testing';
import {
  ArgumentError,
  EmbedlabEmbedding,
  type EmbedlabEmbeddingArgs,
  createRng,
  embeddingLayer,
  initializeTable,
  messages,
  sparseRowGradient,
} from '../../src/index.js';
import {forEachBackend} from './_backends.js';

/** 6 x 2 pretrained table: row r = [r + 1, -(r + 1)]. */
const V = 6,
  D = 2;
const PRETRAINED = Float32Array.from({length: V * D}, (_, i) => (i % 2 === 0 ? 1 : -1) * (Math.floor(i / 2) + 1));

function row(table: Float32Array, r: number): number[] {
  return Array.from(table.subarray(r * D, (r + 1) * D));
}

/** [embedding, globalAveragePooling1d, dense(2, softmax)], compiled with `optimizer`. */
function classifier(args: Partial<EmbedlabEmbeddingArgs>, optimizer: tf.Optimizer): {model: tf.Sequential; layer: EmbedlabEmbedding} {
  const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: PRETRAINED, inputShape: [4], ...args});
  const model = tf.sequential({
    layers: [
      layer,
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({seed: 3})}),
    ],
  });
  model.compile({optimizer, loss: 'sparseCategoricalCrossentropy'});
  return {model, layer};
}

describe('EmbedlabEmbedding', () => {
  describe('construction', () => {
    it('validates its arguments with clear messages', async () => {
      const base = {inputDim: V, outputDim: D, seed: 1};
      await expectThrows(() => embeddingLayer({...base, inputDim: 0}), messages.badLayerArg('inputDim', 'a positive integer', 0));
      await expectThrows(() => embeddingLayer({...base, outputDim: 2.5}), messages.badLayerArg('outputDim', 'a positive integer', 2.5));
      await expectThrows(() => embeddingLayer({...base, paddingIdx: 6}), 'paddingIdx must be an integer in [0, 6)');
      await expectThrows(() => embeddingLayer({...base, maxNorm: 0}), 'maxNorm must be a positive finite number');
      await expectThrows(() => embeddingLayer({...base, pretrained: new Float32Array(11)}), messages.wrongDataLength(11, V, D));
      await expectThrows(
        () => embeddingLayer({...base, pretrained: Float32Array.of(...PRETRAINED.subarray(1), NaN)}),
        messages.nonFinite('pretrained matrix', 11),
      );
      await expectThrows(() => embeddingLayer({...base, lockMask: [1, 0]}), messages.lockMaskLength(2, V));
      await expectThrows(() => embeddingLayer({...base, lockMask: [0, 0, 0, 0, 0, 2]}), 'lockMask[5] must be 0 or 1');
      await expectThrows(() => embeddingLayer({...base, lockMask: {ranges: [[4, 7]]}}), messages.lockedRange([4, 7], V));
      const e = await expectThrows(() => embeddingLayer({inputDim: V, outputDim: D}), messages.initializerNeedsSeed('randomUniform'));
      expect(e).to.be.instanceOf(ArgumentError);
    });

    it('needs to be built before its table can be read', async () => {
      await expectThrows(() => embeddingLayer({inputDim: V, outputDim: D, seed: 1}).table(), messages.notBuilt('table()'));
    });

    it('draws the default table from randomUniform[-0.05, 0.05] with the layer seed, reproducibly', () => {
      const make = (seed: number) => {
        const layer = embeddingLayer({inputDim: V, outputDim: D, seed});
        layer.build([null, 4]);
        const t = layer.table().slice();
        layer.dispose();
        return t;
      };
      const a = make(7);
      expect(a).to.deep.equal(initializeTable({name: 'randomUniform', seed: 7, minval: -0.05, maxval: 0.05}, V, D));
      expect(make(7)).to.deep.equal(a);
      expect(make(8)).to.not.deep.equal(a);
      for (const x of a) expect(Math.abs(x)).to.be.at.most(0.05);
    });

    it('copies a pretrained matrix and zeroes the padding row', () => {
      const source = PRETRAINED.slice();
      const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: source, paddingIdx: 2});
      layer.build([null, 4]);
      const t = layer.table();
      expect(row(t, 2)).to.deep.equal([0, 0]);
      expect(row(t, 3)).to.deep.equal([4, -4]);
      expect(source).to.deep.equal(PRETRAINED); // the caller's array is not touched
      layer.dispose();
    });

    it('keeps the padding row zero when weights come through setWeights or the weights arg', () => {
      const [w1, w2] = [
        tf.tensor2d([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
        tf.fill([3, 2], 9),
      ];
      const layer = embeddingLayer({inputDim: 3, outputDim: 2, paddingIdx: 1, weights: [w1], seed: 1});
      tf.tidy(() => {
        expectArraysClose((layer.apply(tf.tensor1d([0, 1, 2])) as tf.Tensor).dataSync(), [1, 2, 0, 0, 5, 6]);
      });
      layer.setWeights([w2]);
      expect(Array.from(layer.table())).to.deep.equal([9, 9, 0, 0, 9, 9]);
      expect(Array.from(w2.dataSync())).to.deep.equal([9, 9, 9, 9, 9, 9]); // the caller's tensor is untouched
      tf.dispose([w1, w2]);
      layer.dispose();
    });

    it('computes output shapes like tfjs, with and without inputLength', () => {
      expect(embeddingLayer({inputDim: V, outputDim: D, seed: 1}).computeOutputShape([null, 7])).to.deep.equal([null, 7, D]);
      expect(embeddingLayer({inputDim: V, outputDim: D, seed: 1, inputLength: 5}).computeOutputShape([null, null])).to.deep.equal([null, 5, D]);
      expect(() => embeddingLayer({inputDim: V, outputDim: D, seed: 1, inputLength: 5}).computeOutputShape([null, 4])).to.throw('inputLength is 5');
    });
  });

  forEachBackend(() => {
    it('looks up pretrained rows for any input rank and emits a mask with maskZero', async () => {
      await expectNoLeaks(() => {
        const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: PRETRAINED, maskZero: true});
        tf.tidy(() => {
          const ids = tf.tensor2d([
            [5, 0],
            [2, 2],
          ]);
          const y = layer.apply(ids) as tf.Tensor;
          expect(y.shape).to.deep.equal([2, 2, D]);
          expectArraysClose(y.dataSync(), [6, -6, 1, -1, 3, -3, 3, -3]);
          expect(Array.from(layer.computeMask(ids).dataSync())).to.deep.equal([1, 0, 1, 1]);
        });
        tf.tidy(() => {
          expect(embeddingLayer({inputDim: V, outputDim: D, seed: 1}).computeMask(tf.tensor1d([0]))).to.equal(null);
        });
        layer.dispose();
      });
    });

    it('rejects bad ids inside a model instead of returning zeros', async () => {
      const {model, layer} = classifier({}, tf.train.sgd(0.1));
      for (const [ids, message] of [
        [[0, 1, 6, 2], messages.idOutOfRange(6, 2, V)],
        [[0, -2, 1, 1], messages.idOutOfRange(-2, 1, V)],
        [[0, 1, 2, 0.5], messages.idNotInteger(0.5, 3)],
      ] as const) {
        const x = tf.tensor2d([ids as unknown as number[]]);
        await expectThrows(() => model.predict(x), message as string);
        await expectThrows(() => model.trainOnBatch(x, tf.tensor1d([0])), message as string);
        x.dispose();
      }
      layer.dispose();
    });

    it('one SGD step through the layer moves row r by -lr * (sum of its upstream gradients), except padding and locked rows', () => {
      const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: PRETRAINED, paddingIdx: 0, lockMask: [0, 0, 1, 0, 0, 0]});
      const ids = tf.tensor1d([3, 0, 2, 3, 4], 'int32');
      const c = tf.tensor2d([
        [1, 2],
        [5, 5],
        [7, 7],
        [3, 4],
        [-1, 1],
      ]);
      const opt = tf.train.sgd(0.1);
      layer.apply(ids); // build
      tf.dispose(opt.minimize(() => (layer.apply(ids) as tf.Tensor).mul(c).sum() as tf.Scalar) ?? []);
      const t = layer.table();
      expect(row(t, 0)).to.deep.equal([0, 0]); // padding: zero and no gradient
      expectArraysClose(row(t, 2), [3, -3]); // locked
      expectArraysClose(row(t, 3), [4 - 0.1 * (1 + 3), -4 - 0.1 * (2 + 4)]); // read twice: gradients add
      expectArraysClose(row(t, 4), [5 + 0.1, -5 - 0.1]);
      expectArraysClose(row(t, 1), [2, -2]); // never read
      tf.dispose([ids, c]);
      layer.dispose();
    });

    for (const optimizerName of ['sgd', 'adam'] as const) {
      it(`keeps the padding row and locked rows fixed under model.fit with ${optimizerName} while the other rows train`, async () => {
        const optimizer = optimizerName === 'sgd' ? tf.train.sgd(0.5) : tf.train.adam(0.05);
        const {model, layer} = classifier({paddingIdx: 0, lockMask: {ranges: [[1, 3]]}}, optimizer);
        const x = tf.tensor2d([
          [0, 1, 3, 4],
          [2, 5, 0, 0],
          [1, 3, 5, 0],
        ]);
        const y = tf.tensor1d([0, 1, 1]);
        const before = layer.table().slice();
        await model.fit(x, y, {epochs: 4, batchSize: 3, verbose: 0});
        const after = layer.table();
        expect(row(after, 0)).to.deep.equal([0, 0]);
        expect(row(after, 1)).to.deep.equal(row(before, 1));
        expect(row(after, 2)).to.deep.equal(row(before, 2));
        for (const r of [3, 4, 5]) expect(row(after, r), `row ${r}`).to.not.deep.equal(row(before, r));
        tf.dispose([x, y]);
        model.dispose();
        optimizer.dispose();
      });
    }

    it('freezes everything with trainable: false while the rest of the model trains', async () => {
      const {model, layer} = classifier({trainable: false}, tf.train.sgd(0.5));
      const dense = model.layers[2] as tf.layers.Layer;
      const kernelBefore = (dense.getWeights()[0] as tf.Tensor).dataSync().slice();
      const x = tf.tensor2d([
          [1, 2, 3, 4],
          [5, 4, 3, 2],
        ]),
        y = tf.tensor1d([0, 1]);
      for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
      expect(layer.table()).to.deep.equal(PRETRAINED);
      expect((dense.getWeights()[0] as tf.Tensor).dataSync()).to.not.deep.equal(kernelBefore);
      expect(layer.trainableWeights.length).to.equal(0);
      tf.dispose([x, y]);
      model.dispose();
    });

    it('does not leak tensors across trainOnBatch steps', async () => {
      const {model} = classifier({paddingIdx: 0, maxNorm: 3}, tf.train.sgd(0.1));
      const x = tf.tensor2d([[0, 1, 3, 4]]),
        y = tf.tensor1d([1]);
      await model.trainOnBatch(x, y);
      await expectNoLeaks(async () => {
        for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
      });
      tf.dispose([x, y]);
      model.dispose();
    });

    it('maxNorm renormalises the stored rows it looks up (PyTorch), and only those', () => {
      const layer = embeddingLayer({inputDim: 3, outputDim: 2, pretrained: Float32Array.of(3, 4, 0.3, 0.4, 6, 8), maxNorm: 2});
      const y = layer.apply(tf.tensor1d([0, 0, 1], 'int32')) as tf.Tensor;
      // row 0 has norm 5 > 2: scaled by 2 / (5 + 1e-7); row 1 (norm 0.5) is under the cap; row 2 is not looked up.
      const s = 2 / (5 + 1e-7);
      expectArraysClose(y.dataSync(), [3 * s, 4 * s, 3 * s, 4 * s, 0.3, 0.4]);
      expectArraysClose(layer.table(), [3 * s, 4 * s, 0.3, 0.4, 6, 8]);
      expectArraysClose((layer.getWeights()[0] as tf.Tensor).dataSync(), [3 * s, 4 * s, 0.3, 0.4, 6, 8]); // the variable too
      y.dispose();
      layer.dispose();
    });

    it('round-trips through model.toJSON / modelFromJSON and a save / load with weights', async () => {
      const {model, layer} = classifier({paddingIdx: 0, lockMask: {ranges: [[2, 4]]}, maxNorm: 9, maskZero: false}, tf.train.sgd(0.1));
      const x = tf.tensor2d([
        [0, 1, 3, 5],
        [2, 2, 4, 0],
      ]);
      await model.trainOnBatch(x, tf.tensor1d([0, 1]));
      const config = layer.getConfig();
      expect(config).to.deep.include({inputDim: V, outputDim: D, paddingIdx: 0, maxNorm: 9, maskZero: false, lockMask: {ranges: [[2, 4]]}});
      expect(config.embeddingsInitializer).to.deep.equal({name: 'zeros'}); // pretrained values travel as weights

      const fromJson = await tf.models.modelFromJSON(model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] as never);
      const rebuilt = fromJson.layers[0] as EmbedlabEmbedding;
      expect(rebuilt).to.be.instanceOf(EmbedlabEmbedding);
      expect(rebuilt.getConfig()).to.deep.equal(config);
      expect(Array.from(rebuilt.getLockMask()!)).to.deep.equal([0, 0, 1, 1, 0, 0]);
      fromJson.dispose();

      let artifacts: tf.io.ModelArtifacts | undefined;
      await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}})));
      const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
      const loadedLayer = loaded.layers[0] as EmbedlabEmbedding;
      expect(loadedLayer.table()).to.deep.equal(layer.table());
      expect(loadedLayer.paddingIdx).to.equal(0);
      const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
      expectArraysClose(q.dataSync(), p.dataSync());
      tf.dispose([p, q, x]);
      loaded.dispose();
      model.dispose();
    });

    it('rebuilds a seeded layer from getConfig alone, with the same table', () => {
      const a = embeddingLayer({inputDim: V, outputDim: D, embeddingsInitializer: {name: 'randomNormal', seed: 3, stddev: 0.5}});
      a.build([null, 2]);
      const b = tf.serialization.SerializationMap.getMap().classNameMap.EmbedlabEmbedding![1](EmbedlabEmbedding, a.getConfig()) as EmbedlabEmbedding;
      b.build([null, 2]);
      expect(b.table()).to.deep.equal(a.table());
      expect(b.initializer).to.deep.equal({name: 'randomNormal', seed: 3, mean: 0, stddev: 0.5});
      a.dispose();
      b.dispose();
    });

    describe('row-sparse path', () => {
      it('gatherRows returns the host rows as a plain [n, D] tensor, bounds-checked', async () => {
        const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: PRETRAINED});
        layer.build([null, 3]);
        await expectNoLeaks(() => {
          const rows = layer.gatherRows([4, 1, 4]);
          expect(rows.shape).to.deep.equal([3, D]);
          expectArraysClose(rows.dataSync(), [5, -5, 2, -2, 5, -5]);
          rows.dispose();
        });
        await expectThrows(() => layer.gatherRows([0, 9]), messages.idOutOfRange(9, 1, V));
        layer.dispose();
      });

      it('sparseGradient sums repeated ids and drops the padding row and locked rows', () => {
        const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: PRETRAINED, paddingIdx: 0, lockMask: [0, 0, 0, 1, 0, 0]});
        layer.build([null, 3]);
        const g = layer.sparseGradient([5, 0, 3, 5, 1], Float32Array.of(1, 2, 9, 9, 9, 9, 3, 4, 5, 6));
        expect(Array.from(g.rows)).to.deep.equal([1, 5]);
        expectArraysClose(g.values, [5, 6, 1 + 3, 2 + 4]);
        layer.trainable = false;
        expect(layer.sparseGradient([5], Float32Array.of(1, 1)).rows.length).to.equal(0);
        layer.dispose();
      });

      it('sparseGradient agrees with sparseRowGradient on a random batch, call after call', () => {
        const layer = embeddingLayer({inputDim: 50, outputDim: 3, seed: 1});
        layer.build([null, 1]);
        const rng = createRng(5);
        for (let call = 0; call < 3; call++) {
          const ids = Array.from({length: 200}, () => rng.int(50));
          const dy = Float32Array.from({length: 600}, () => rng.normal());
          const got = layer.sparseGradient(ids, dy),
            want = sparseRowGradient(ids, dy, 3);
          expect(Array.from(got.rows)).to.deep.equal(Array.from(want.rows));
          expectArraysClose(got.values, want.values);
        }
        layer.dispose();
      });

      it('checks the shape of dyRows', async () => {
        const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: PRETRAINED});
        layer.build([null, 3]);
        await expectThrows(() => layer.sparseGradient([1, 2], new Float32Array(3)), messages.wrongRowsLength('dyRows', 3, 2, D));
        layer.dispose();
      });

      it('a sparse SGD step on table() + setTable equals the dense SGD step through the layer', () => {
        const ids = [3, 0, 2, 3, 4];
        const cRows = [
          [1, 2],
          [5, 5],
          [7, 7],
          [3, 4],
          [-1, 1],
        ];
        const args = {inputDim: V, outputDim: D, pretrained: PRETRAINED, paddingIdx: 0, lockMask: [0, 0, 1, 0, 0, 0]};
        const lr = 0.1;

        const dense = embeddingLayer(args);
        const opt = tf.train.sgd(lr);
        tf.tidy(() => {
          const x = tf.tensor1d(ids, 'int32'),
            c = tf.tensor2d(cRows);
          dense.apply(x);
          opt.minimize(() => (dense.apply(x) as tf.Tensor).mul(c).sum() as tf.Scalar);
        });

        const sparse = embeddingLayer(args);
        sparse.build([null, 5]);
        tf.tidy(() => {
          const c = tf.tensor2d(cRows);
          const rows = sparse.gatherRows(ids); // [5, D]
          const dRows = tf.grad((r: tf.Tensor) => r.mul(c).sum())(rows); // [5, D]
          const g = sparse.sparseGradient(ids, dRows);
          const table = sparse.table();
          g.rows.forEach((r, k) => {
            for (let j = 0; j < D; j++) table[r * D + j]! -= lr * (g.values[k * D + j] as number);
          });
          sparse.setTable(table);
        });
        expectArraysClose(sparse.table(), dense.table());
        expectArraysClose((sparse.getWeights()[0] as tf.Tensor).dataSync(), dense.table()); // uploaded to the variable
        dense.dispose();
        sparse.dispose();
      });

      it('table() is one host array until the variable changes; setTable uploads it and re-zeroes the padding row', async () => {
        const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: PRETRAINED, paddingIdx: 1});
        layer.build([null, 2]);
        const t = layer.table();
        expect(layer.table()).to.equal(t);
        t[5 * D] = 100; // in-place write: visible to gatherRows at once, to the variable only after setTable
        expectArraysClose(
          tf.tidy(() => layer.gatherRows([5]).dataSync()),
          [100, -6],
        );
        expectArraysClose(
          tf.tidy(() => (layer.apply(tf.tensor1d([5])) as tf.Tensor).dataSync()),
          [6, -6],
        );
        t[1 * D] = 7;
        layer.setTable(t);
        expect(row(t, 1)).to.deep.equal([0, 0]);
        expectArraysClose(
          tf.tidy(() => (layer.apply(tf.tensor1d([5, 1])) as tf.Tensor).dataSync()),
          [100, -6, 0, 0],
        );
        // A change made by tfjs (setWeights here, an optimizer step in training) makes table() re-read the variable.
        layer.setWeights([tf.tidy(() => tf.fill([V, D], 2))]);
        expect(layer.table()).to.not.equal(t);
        expect(layer.table()[0]).to.equal(2);
        await expectThrows(() => layer.setTable(new Float32Array(3)), messages.wrongDataLength(3, V, D));
        layer.dispose();
      });

      it('gatherRows applies maxNorm to the host rows it reads', () => {
        const layer = embeddingLayer({inputDim: 2, outputDim: 2, pretrained: Float32Array.of(3, 4, 6, 8), maxNorm: 1});
        layer.build([null, 1]);
        const s = 1 / (5 + 1e-7);
        expectArraysClose(
          tf.tidy(() => layer.gatherRows([0]).dataSync()),
          [3 * s, 4 * s],
        );
        expectArraysClose(layer.table(), [3 * s, 4 * s, 6, 8]);
        layer.dispose();
      });
    });

    it('setLockMask changes which rows train', () => {
      const layer = embeddingLayer({inputDim: V, outputDim: D, pretrained: PRETRAINED, lockMask: {ranges: [[0, V]]}});
      layer.build([null, 1]);
      expect(layer.sparseGradient([2], Float32Array.of(1, 1)).rows.length).to.equal(0);
      layer.setLockMask(null);
      expect(layer.getLockMask()).to.equal(null);
      expect(Array.from(layer.sparseGradient([2], Float32Array.of(1, 1)).rows)).to.deep.equal([2]);
      layer.dispose();
    });
  });
});
