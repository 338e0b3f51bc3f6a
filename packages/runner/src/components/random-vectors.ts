/**
 * `random` vectors: the vocabulary (words and row order) of a source, with seeded random rows. The floor
 * every other arm is read against; sharing the vocabulary keeps coverage and `restrict` identical.
 */
import {WordVectors, initializeTable} from '@embedlab/core';
import {z} from 'zod';
import type {VectorsBuilder} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {loadSource, vectorSourceParam} from './vector-source.js';

export const randomParams = z.object({
  /** Whose words (and order) to use. */
  vocabulary: vectorSourceParam,
  dim: z.number().int().positive().default(100),
  /** `uniform` on [-scale, scale) or `normal` with stddev `scale`. */
  init: z.enum(['uniform', 'normal']).default('uniform'),
  scale: z.number().positive().default(0.05),
});

export const randomVectors = defineComponent({
  kind: 'vectors',
  name: 'random',
  summary: 'seeded random vectors over the words of a source (the floor)',
  params: randomParams,
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const source = await loadSource(ctx, p.vocabulary);
      const spec =
        p.init === 'uniform'
          ? {name: 'randomUniform' as const, minval: -p.scale, maxval: p.scale, seed: ctx.seed}
          : {name: 'randomNormal' as const, mean: 0, stddev: p.scale, seed: ctx.seed};
      const data = initializeTable(spec, source.size, p.dim); // [V, dim]
      const vectors = new WordVectors(source.words, data, p.dim, {meta: {source: 'random', vocabulary: p.vocabulary, ...spec}, checkFinite: false});
      return {vectors, trained: false, info: {vocabulary: p.vocabulary, init: p.init, scale: p.scale, seed: ctx.seed}};
    },
  }),
});
