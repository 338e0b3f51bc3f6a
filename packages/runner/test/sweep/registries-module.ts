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
      return {
        vectors: WordVectors.fromEntries([
          ['king', [1, 0]],
          ['queen', [0, 1]],
          ['man', [1, 1]],
        ]),
        trained: false,
      };
    },
  }),
});

/** CPU-bound work: spins until this process has used `ms` of CPU time (bench/sweep-pool.ts's small runs). */
export const busyVectors = defineComponent({
  kind: 'vectors',
  name: 'busy',
  summary: 'spins for ms of CPU time, then three fixed vectors (bench fixture)',
  params: z.object({ms: z.number().int().nonnegative().default(1000)}),
  create: (p): VectorsBuilder => ({
    async build() {
      const start = process.cpuUsage();
      let x = 0;
      for (;;) {
        for (let i = 0; i < 1e5; i++) x = (x * 1103515245 + 12345) % 2147483648;
        const used = process.cpuUsage(start);
        if ((used.user + used.system) / 1000 >= p.ms) break;
      }
      return {
        vectors: WordVectors.fromEntries([
          ['king', [1, x % 2]],
          ['queen', [0, 1]],
          ['man', [1, 1]],
        ]),
        trained: false,
      };
    },
  }),
});

export function sweepRegistries(): Registries {
  return {
    vectors: new Registry<VectorsBuilder>('vectors').register(tableVectors, explodingVectors, waitingVectors, sleepVectors, busyVectors),
    evaluator: new Registry<Evaluator>('evaluator').register(pairCosine),
    task: new Registry<Task>('task').register(armCount),
    postprocess: new Registry<PostProcessor>('postprocess'),
  };
}

export default sweepRegistries;
