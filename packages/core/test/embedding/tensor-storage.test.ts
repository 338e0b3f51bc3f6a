import * as tf from '@tensorflow/tfjs';
import {expect} from 'chai';
import {readStorage, tensorStorage} from '../../src/embedding/tensor-storage.js';
import {forEachBackend} from './_backends.js';

describe('tensorStorage', () => {
  forEachBackend(() => {
    it('exposes the live float32 memory of a tensor, so a write shows in the tensor', () => {
      tf.tidy(() => {
        const t = tf.fill([2, 3], 0); // [2, 3]
        const view = tensorStorage(t);
        expect(view, 'direct access on this backend').to.not.equal(undefined);
        view![4] = 7;
        expect(Array.from(t.dataSync())).to.deep.equal([0, 0, 0, 0, 7, 0]);
        expect(Array.from(readStorage(tf.tensor1d([1, 2])))).to.deep.equal([1, 2]);
      });
    });

    it('gives nothing for non-float32 tensors', () => {
      tf.tidy(() => {
        expect(tensorStorage(tf.tensor1d([1], 'int32'))).to.equal(undefined);
      });
    });
  });
});
