import {ConfigError, initBackend} from '@embedlab/core';
import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {GptModel, resolveGptConfig} from '../src/index.js';
import {tinyConfig} from './helpers.js';

describe('resolveGptConfig', () => {
  before(async () => {
    await initBackend();
  });

  it('fills nanoGPT-style defaults', () => {
    const c = resolveGptConfig(tinyConfig());
    expect(c).to.include({embeddingDim: 8, positions: 'learned', tie: true, causal: true, dropout: 0, mlpRatio: 4, layerNormEps: 1e-5, initStd: 0.02});
  });

  it('names the config path and what was expected', async () => {
    const e = await expectThrows(() => resolveGptConfig(tinyConfig({dModel: 10, nHeads: 4})), 'model.nHeads', 'not divisible by nHeads 4');
    expect(e).to.be.instanceOf(ConfigError);
    await expectThrows(
      () => resolveGptConfig(tinyConfig({positions: 'alibi' as never})),
      'model.positions',
      'unknown position scheme "alibi"',
      'learned, sinusoidal, rope',
    );
    await expectThrows(() => resolveGptConfig(tinyConfig({nLayers: 0})), 'model.nLayers', 'positive integer');
    await expectThrows(() => resolveGptConfig(tinyConfig({dropout: 1})), 'model.dropout', '[0, 1)');
    await expectThrows(() => resolveGptConfig({...tinyConfig(), heads: 2} as never), 'model.heads', 'unknown option');
    await expectThrows(() => resolveGptConfig(tinyConfig({dModel: 6, nHeads: 2, positions: 'rope'})), 'model.nHeads', 'must be even');
  });

  it('refuses a sequence longer than the context before any compute', async () => {
    const model = new GptModel(tinyConfig(), {seed: 1});
    try {
      await expectThrows(
        () => model.lossAndGradients({inputs: new Int32Array(7), targets: new Int32Array(7), batch: 1, length: 7}),
        'model.context',
        'length 7',
        'context 6',
      );
    } finally {
      model.dispose();
    }
  });

  it('refuses a pretrained table of the wrong size, naming the path', async () => {
    await expectThrows(
      () => new GptModel(tinyConfig({embeddingDim: 5}), {seed: 1, table: {pretrained: new Float32Array(13 * 4)}}),
      'embedding.pretrained',
      '[vocabSize 13 x embeddingDim 5]',
    );
  });
});
