/**
 * Registries for the pool tests' children: the sweep fixtures plus components that change process state a
 * reused child must not carry into the next run (EMBEDLAB_REGISTRIES_MODULE points here).
 */
import {initBackend, WordVectors} from '@embedlab/core';
import {z} from 'zod';
import {defineComponent} from '../../src/registry.js';
import type {Registries, VectorsBuilder} from '../../src/registries-type.js';
import {sweepRegistries} from './registries-module.js';

/** Vectors that depend on process.env and the cwd as the run found them; then it changes both (and may leave a tensor). */
export const stateVectors = defineComponent({
  kind: 'vectors',
  name: 'state',
  summary: 'reads and changes process.env and the cwd, optionally leaks a tfjs tensor (test fixture)',
  params: z.object({leak: z.boolean().default(false)}),
  create: (p): VectorsBuilder => ({
    async build() {
      const seen = process.env.EMBEDLAB_TEST_STATE === undefined && !process.cwd().endsWith('/state-moved') ? 0 : 1;
      process.env.EMBEDLAB_TEST_STATE = 'set by an earlier run';
      const moved = `${process.cwd()}/state-moved`;
      (await import('node:fs')).mkdirSync(moved, {recursive: true});
      process.chdir(moved);
      if (p.leak) (await initBackend()).tf.ones([4]); // never disposed
      return {
        vectors: WordVectors.fromEntries([
          ['king', [1, seen]],
          ['queen', [0, 1]],
          ['man', [1, 1]],
        ]),
        trained: false,
      };
    },
  }),
});

/** Writes a line to stderr and exits the process mid-run, as a crash would (e.g. out of memory). */
export const crashVectors = defineComponent({
  kind: 'vectors',
  name: 'crash',
  summary: 'writes to stderr and exits with code 3 (test fixture)',
  params: z.object({}),
  create: (): VectorsBuilder => ({
    async build() {
      process.stderr.write('FATAL ERROR: simulated crash\n');
      process.exit(3);
    },
  }),
});

export function poolRegistries(): Registries {
  const r = sweepRegistries();
  r.vectors.register(stateVectors, crashVectors);
  return r;
}

export default poolRegistries;
