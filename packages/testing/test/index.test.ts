import * as tf from '@tensorflow/tfjs';
import {expect} from 'chai';
import {expectArraysClose, expectNoLeaks, expectThrows, TINY_VECTORS, withDataDir} from '../src/index.js';

describe('testing helpers', () => {
  it('expectArraysClose accepts close arrays and names the first bad index', async () => {
    expectArraysClose([1, 2.000001], [1, 2]);
    const e = await expectThrows(() => expectArraysClose([1, 2.5, 9], [1, 2, 3]), 'index 1: got 2.5, expected 2');
    expect(e.name).to.equal('AssertionError');
    await expectThrows(() => expectArraysClose([1], [1, 2]), 'array length');
  });

  it('expectNoLeaks fails when a tensor is left alive and passes when it is disposed', async () => {
    let leaked: tf.Tensor | undefined;
    await expectThrows(
      () =>
        expectNoLeaks(() => {
          leaked = tf.zeros([2]);
        }),
      'tensors leaked',
    );
    leaked?.dispose();
    await expectNoLeaks(() => tf.tidy(() => tf.ones([3]).add(1).sum().dataSync()));
  });

  it('expectThrows fails when nothing is thrown or the message differs', async () => {
    await expectThrows(() => expectThrows(() => 1, 'x'), 'nothing was thrown');
    await expectThrows(
      () =>
        expectThrows(() => {
          throw new Error('abc');
        }, 'xyz'),
      'xyz',
    );
  });

  it('TINY_VECTORS hold king - man + woman = queen exactly', () => {
    const v = Object.fromEntries(TINY_VECTORS.map(([w, x]) => [w, x]));
    const q = v.king!.map((x, i) => x - v.man![i]! + v.woman![i]!);
    expectArraysClose(q, v.queen!, 1e-12);
  });

  it('withDataDir registers with a data folder; without one, nothing, and one line per process says why', () => {
    const got: string[] = [];
    withDataDir('/data', (dir) => got.push(dir));
    const lines: unknown[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
    try {
      withDataDir(undefined, () => got.push('never'));
      withDataDir(undefined, () => got.push('never'));
    } finally {
      console.log = log;
    }
    expect(got).to.deep.equal(['/data']);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include('no data folder; set EMBEDLAB_DATA_DIR or put the datasets in ../shared/datasets');
  });
});
