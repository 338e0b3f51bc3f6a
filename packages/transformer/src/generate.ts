/**
 * Text generation for the causal model: greedy, temperature sampling, top-k. Each new token reads the last
 * `context` tokens; only the last position's logits are used (nanoGPT's `generate`).
 */
import {ArgumentError, createRng} from '@embedlab/core';
import type {GptModel} from './model.js';

export interface GenerateOptions {
  /** Tokens to add. */
  maxNewTokens: number;
  /** 0 = greedy (argmax). __Default:__ 1 */
  temperature?: number;
  /** Sample only among the k most likely tokens. __Default:__ all. */
  topK?: number;
  /** Seed of the sampling stream (required unless greedy). */
  seed?: number;
  /** Stop after this id is produced (e.g. end of text). */
  stopId?: number;
  /** Ids never produced (e.g. padding, unknown). */
  forbid?: number[];
}

export function generate(model: GptModel, prompt: ArrayLike<number>, options: GenerateOptions): Int32Array {
  const temperature = options.temperature ?? 1;
  if (!(temperature >= 0)) throw new ArgumentError(`generate: temperature must be >= 0, got ${temperature}`);
  if (temperature > 0 && options.seed === undefined) throw new ArgumentError('generate: sampling (temperature > 0) needs a seed');
  if (prompt.length === 0) throw new ArgumentError('generate: the prompt needs at least one token');
  const rng = temperature > 0 ? createRng(options.seed as number) : undefined;
  const V = model.config.vocabSize;
  const out = Array.from(prompt);
  for (let i = 0; i < options.maxNewTokens; i++) {
    const window = Int32Array.from(out.slice(-model.config.context));
    const logits = model.logits(window, 1, window.length);
    const all = logits.dataSync() as Float32Array;
    logits.dispose();
    const last = Float64Array.from(all.subarray((window.length - 1) * V, window.length * V));
    for (const f of options.forbid ?? []) last[f] = -Infinity;
    let next: number;
    if (!rng) {
      next = 0;
      for (let j = 1; j < V; j++) if ((last[j] as number) > (last[next] as number)) next = j;
    } else {
      let candidates = Array.from({length: V}, (_, j) => j);
      if (options.topK !== undefined && options.topK < V)
        candidates = candidates.sort((a, b) => (last[b] as number) - (last[a] as number) || a - b).slice(0, options.topK);
      const max = Math.max(...candidates.map((j) => last[j] as number));
      const weights = candidates.map((j) => Math.exp(((last[j] as number) - max) / temperature));
      const total = weights.reduce((a, b) => a + b, 0);
      let u = rng.float() * total;
      next = candidates[candidates.length - 1] as number;
      for (let k = 0; k < candidates.length; k++) {
        u -= weights[k] as number;
        if (u < 0) {
          next = candidates[k] as number;
          break;
        }
      }
    }
    out.push(next);
    if (next === options.stopId) break;
  }
  return Int32Array.from(out.slice(prompt.length));
}
