import * as tf from '@tensorflow/tfjs';
import {expect} from 'chai';
import {expectArraysClose, expectNoLeaks, expectThrows} from '@embedlab/testing';
import {ArgumentError, embeddingLookup, messages} from '../src/index.js';
import {scatterAddRows} from '../src/internal.js';
import {forEachBackend} from './embedding/_backends.js';

// A 4 x 2 table with easy rows: row r = [10r, 10r + 1].
const W = [0, 1, 10, 11, 20, 21, 30, 31];

describe('embeddingLookup', () => {
  forEachBackend(() => {
    it('equals oneHot(ids) x W for 2-d ids, with shape [...ids.shape, D]', async () => {
      await expectNoLeaks(() => {
        const w = tf.tensor2d(W, [4, 2]);
        const ids = tf.tensor2d(
          [
            [3, 0, 3],
            [1, 2, 1],
          ],
          [2, 3],
          'int32',
        );
        const y = embeddingLookup(w, ids);
        expect(y.shape).to.deep.equal([2, 3, 2]);
        const ref = tf.tidy(() => tf.matMul(tf.oneHot(ids.flatten(), 4).toFloat(), w).reshape([2, 3, 2])); // [2, 3, 2]
        expectArraysClose(y.dataSync(), ref.dataSync());
        expectArraysClose(y.dataSync(), [30, 31, 0, 1, 30, 31, 10, 11, 20, 21, 10, 11]); // by hand
        tf.dispose([w, ids, y, ref]);
      });
    });

    it('accepts float32 ids holding integers (what model inputs usually are)', () => {
      tf.tidy(() => {
        const y = embeddingLookup(tf.tensor2d(W, [4, 2]), tf.tensor1d([2, 0]));
        expectArraysClose(y.dataSync(), [20, 21, 0, 1]);
      });
    });

    it('has the scatter-add of the upstream gradients as its gradient, repeated ids summing', async () => {
      await expectNoLeaks(() => {
        const w = tf.tensor2d(W, [4, 2]);
        const ids = tf.tensor1d([1, 3, 1, 1], 'int32');
        const c = tf.tensor2d([
          [1, 2],
          [3, 4],
          [5, 6],
          [7, 8],
        ]); // upstream gradient of sum(lookup * c)
        const g = tf.grad((t: tf.Tensor) => embeddingLookup(t, ids).mul(c).sum())(w);
        // row 1 is read at positions 0, 2, 3: [1+5+7, 2+6+8]; row 3 at position 1: [3, 4]; rows 0 and 2 unread.
        expectArraysClose(g.dataSync(), [0, 0, 13, 16, 0, 0, 3, 4]);
        tf.dispose([w, ids, c, g]);
      });
    });

    it('gives the padding row and locked rows a zero gradient', () => {
      tf.tidy(() => {
        const ids = tf.tensor1d([0, 1, 2, 3, 1, 0], 'int32');
        const c = tf.tensor2d([
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
          [5, 5],
          [6, 6],
        ]);
        const lookup = (t: tf.Tensor) =>
          embeddingLookup(t, ids, {paddingIdx: 3, lockMask: Uint8Array.of(0, 1, 0, 0)})
            .mul(c)
            .sum();
        const g = tf.grad(lookup)(tf.tensor2d(W, [4, 2]));
        // row 0: positions 0 and 5 -> 1 + 6; row 1 locked; row 2: position 2 -> 3; row 3 is padding.
        expectArraysClose(g.dataSync(), [7, 7, 0, 0, 3, 3, 0, 0]);
      });
    });

    it('trains a tf.variable with a stock optimizer: one SGD step is W - lr * scatter-add', async () => {
      const w = tf.variable(tf.tensor2d(W, [4, 2]));
      const ids = tf.tensor1d([2, 2, 0], 'int32');
      const opt = tf.train.sgd(0.5);
      await expectNoLeaks(() => {
        tf.dispose(opt.minimize(() => embeddingLookup(w, ids).sum() as tf.Scalar) ?? []);
      });
      // d/dW sum(lookup) = count of each row: row 2 twice, row 0 once.
      expectArraysClose(w.dataSync(), [0 - 0.5, 1 - 0.5, 10, 11, 20 - 1, 21 - 1, 30, 31]);
      tf.dispose([w, ids]);
      opt.dispose();
    });

    it('rejects out-of-range, negative and non-integer ids with the position, never returning zeros', async () => {
      const w = tf.tensor2d(W, [4, 2]);
      const cases: [number[], string][] = [
        [[0, 4], messages.idOutOfRange(4, 1, 4)],
        [[-1], messages.idOutOfRange(-1, 0, 4)],
        [[1, 2, 1.5], messages.idNotInteger(1.5, 2)],
        [[NaN], messages.idNotInteger(NaN, 0)],
      ];
      for (const [ids, message] of cases) {
        const x = tf.tensor1d(ids);
        await expectNoLeaks(async () => {
          const error = await expectThrows(() => embeddingLookup(w, x), message);
          expect(error).to.be.instanceOf(ArgumentError);
        });
        x.dispose();
      }
      const big = tf.tensor1d([7], 'int32');
      await expectThrows(() => embeddingLookup(w, big), messages.idOutOfRange(7, 0, 4));
      tf.dispose([w, big]);
    });

    it('rejects a table that is not a float32 matrix, bool ids and bad options', async () => {
      const ids = tf.tensor1d([0], 'int32');
      const v = tf.tensor1d([1, 2]),
        i2 = tf.tensor2d([1, 2], [1, 2], 'int32'),
        w = tf.tensor2d(W, [4, 2]),
        b = tf.tensor1d([true], 'bool');
      await expectThrows(() => embeddingLookup(v, ids), messages.badTable([2], 'float32'));
      await expectThrows(() => embeddingLookup(i2, ids), messages.badTable([1, 2], 'int32'));
      await expectThrows(() => embeddingLookup(w, b), messages.badIdsDtype('bool'));
      await expectThrows(() => embeddingLookup(w, ids, {paddingIdx: 4}), 'paddingIdx');
      await expectThrows(() => embeddingLookup(w, ids, {lockMask: new Uint8Array(3)}), messages.lockMaskLength(3, 4));
      tf.dispose([ids, v, i2, w, b]);
    });
  });
});

describe('scatterAddRows', () => {
  it('checks the upstream gradient length', async () => {
    await expectThrows(() => scatterAddRows(Int32Array.of(0, 1), new Float32Array(3), 4, 2), messages.wrongRowsLength('upstream gradient', 3, 2, 2));
  });
});
