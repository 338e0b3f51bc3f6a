import * as tf from '@tensorflow/tfjs';
import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import {ArgumentError, describeBackend, initBackend, messages} from '../src/index.js';

describe('initBackend', () => {
  const saved = {EMBEDLAB_BACKEND: process.env.EMBEDLAB_BACKEND, TF_BACKEND: process.env.TF_BACKEND};
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('forces cpu and wasm by argument, and tf runs on the chosen backend', async () => {
    for (const name of ['cpu', 'wasm', 'cpu'] as const) {
      const info = await initBackend(name);
      expect(info.name).to.equal(name);
      expect(info.tf.getBackend()).to.equal(name);
      expect(info.tfjsVersion).to.equal(tf.version.tfjs);
      expect(Array.from(info.tf.tidy(() => info.tf.add(tf.tensor1d([1, 2]), 1).dataSync()))).to.deep.equal([2, 3]);
    }
  });

  it('returns the same info for a repeated preference', async () => {
    const a = await initBackend('wasm');
    expect(await initBackend('wasm')).to.equal(a);
  });

  it('reads EMBEDLAB_BACKEND when no argument is given', async () => {
    process.env.EMBEDLAB_BACKEND = 'cpu';
    expect((await initBackend()).name).to.equal('cpu');
    process.env.EMBEDLAB_BACKEND = 'wasm';
    expect((await initBackend()).name).to.equal('wasm');
  });

  it('falls back from node to wasm when tfjs-node is not installed, saying why', async function () {
    const info = await initBackend('node');
    if (info.name === 'node') this.skip(); // tfjs-node is installed here
    expect(info.name).to.equal('wasm');
    expect(info.skipped.join('\n')).to.include('tfjs-node');
    expect(describeBackend(info)).to.match(/^backend wasm \(tfjs [\d.]+\); skipped: tfjs-node/);
  });

  it('rejects an unknown backend name', async () => {
    const e = await expectThrows(() => initBackend('webgpu'), messages.badBackend('webgpu'));
    expect(e).to.be.instanceOf(ArgumentError);
  });
});
