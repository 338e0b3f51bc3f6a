import {createRng} from '@embedlab/core';
import type {GptConfig, LmBatch} from '../src/index.js';

/** A tiny model config for fast tests; override any field. */
export function tinyConfig(overrides: Partial<GptConfig> = {}): GptConfig {
  return {vocabSize: 13, context: 6, dModel: 8, nLayers: 2, nHeads: 2, ...overrides};
}

/** A seeded random batch of ids below `vocab`. */
export function randomBatch(vocab: number, batch: number, length: number, seed: number): LmBatch {
  const rng = createRng(seed);
  const inputs = Int32Array.from({length: batch * length}, () => rng.int(vocab));
  const targets = Int32Array.from({length: batch * length}, () => rng.int(vocab));
  return {inputs, targets, batch, length};
}

/** A token stream with a strong next-token rule (t -> (3t + 1) mod v) and a little noise. */
export function patternStream(vocab: number, length: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(length);
  out[0] = 1;
  for (let i = 1; i < length; i++) out[i] = rng.float() < 0.05 ? rng.int(vocab) : (3 * (out[i - 1] as number) + 1) % vocab;
  return out;
}
