/** Registries for sweep child processes in tests: the fixture registries plus a `sleep` vectors component. */
import {WordVectors} from '@embedlab/core';
import {z} from 'zod';
import {Registry, defineComponent} from '../../src/registry.js';
import type {Evaluator, PostProcessor, Registries, Task, VectorsBuilder} from '../../src/registries-type.js';
import {armCount, explodingVectors, pairCosine, tableVectors, waitingVectors} from '../helpers/fixture-registries.js';

export const sleepVectors = defineComponent({
  kind: 'vectors',
  name: 'sleep',
  summary: 'waits ms, then three fixed vectors (test fixture)',
  params: z.object({ms: z.number().int().nonnegative().default(10000)}),
  create: (p): VectorsBuilder => ({
    async build() {
      await new Promise((r) => setTimeout(r, p.ms));
      return {vectors: WordVectors.fromEntries([['king', [1, 0]], ['queen', [0, 1]], ['man', [1, 1]]]), trained: false};
    },
  }),
});

export function sweepRegistries(): Registries {
  return {
    vectors: new Registry<VectorsBuilder>('vectors').register(tableVectors, explodingVectors, waitingVectors, sleepVectors),
    evaluator: new Registry<Evaluator>('evaluator').register(pairCosine),
    task: new Registry<Task>('task').register(armCount),
    postprocess: new Registry<PostProcessor>('postprocess'),
  };
}

export default sweepRegistries;
