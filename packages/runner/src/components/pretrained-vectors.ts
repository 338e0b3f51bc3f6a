/** `pretrained` vectors: a named source or a vector file, used as is (frozen). */
import {z} from 'zod';
import type {VectorsBuilder} from '../registries-type.js';
import {defineComponent} from '../registry.js';
import {loadSource, vectorSourceParam} from './vector-source.js';

export const pretrainedParams = z.object({
  /** `glove-6b-100d` (embedded, from npm) or a path to a GloVe / word2vec / fastText file. */
  source: vectorSourceParam,
  /** Read only the first N rows (gensim `limit`). __Default:__ all. */
  limit: z.number().int().positive().optional(),
});

export const pretrainedVectors = defineComponent({
  kind: 'vectors',
  name: 'pretrained',
  summary: 'pretrained vectors as shipped (frozen): a named source (default: embedded glove-6b-100d) or a GloVe/word2vec/fastText file',
  params: pretrainedParams,
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const vectors = await loadSource(ctx, p.source, p.limit !== undefined ? {limit: p.limit} : {});
      return {vectors, trained: false, info: {source: p.source}};
    },
  }),
});
