/**
 * Test-only components with hand-checkable numbers, so framework tests (config, run folders, reproduce)
 * do not depend on the real loaders and evaluators.
 */
import {WordVectors, createRng} from '@embedlab/core';
import {z} from 'zod';
import {Registry, defineComponent} from '../../src/registry.js';
import type {Evaluator, PostProcessor, Registries, Task, VectorsBuilder} from '../../src/registries-type.js';
import {allButTheTopPost, retrofitPost} from '../../src/components/post-process.js';

const TABLE: [string, number[]][] = [
  ['king', [1, 0]],
  ['queen', [0, 1]],
  ['man', [1, 1]],
];

/** Fixed 2-d vectors, optionally plus seeded uniform noise of size `noise`. */
export const tableVectors = defineComponent({
  kind: 'vectors',
  name: 'table',
  summary: 'three fixed 2-d vectors (test fixture)',
  params: z.object({noise: z.number().nonnegative().default(0), trained: z.boolean().default(false)}),
  create: (p): VectorsBuilder => ({
    async build(ctx) {
      const rng = createRng(ctx.seed);
      const vectors = WordVectors.fromEntries(TABLE.map(([w, v]) => [w, v.map((x) => x + p.noise * (rng.float() - 0.5))]));
      return {
        vectors,
        trained: p.trained,
        info: {source: 'table'},
        rows: p.trained ? [{task: 'training', dataset: 'none', metric: 'loss', value: 0.5, step: 1}] : [],
      };
    },
  }),
});

/** Throws when built: simulates a crash midway through a run. */
export const explodingVectors = defineComponent({
  kind: 'vectors',
  name: 'explode',
  summary: 'throws (test fixture)',
  params: z.object({}),
  create: (): VectorsBuilder => ({
    async build() {
      throw new Error('boom: simulated failure midway');
    },
  }),
});

/** A gate the `wait` component blocks on, so a test can act (send SIGINT) while a run is in progress. */
export const gate = {
  entered: Promise.resolve(),
  release: () => {},
  reset() {
    let enter = () => {};
    this.entered = new Promise<void>((r) => (enter = r));
    const opened = new Promise<void>((r) => (this.release = r));
    waitFor = async () => {
      enter();
      await opened;
    };
  },
};
let waitFor = async () => {};

/** Blocks until `gate.release()`; then yields the fixed table. */
export const waitingVectors = defineComponent({
  kind: 'vectors',
  name: 'wait',
  summary: 'waits for the test (fixture)',
  params: z.object({}),
  create: (): VectorsBuilder => ({
    async build() {
      await waitFor();
      return {vectors: WordVectors.fromEntries(TABLE), trained: false};
    },
  }),
});

/** Cosine similarity of two words, as one metric row (value hand-checkable). */
export const pairCosine = defineComponent({
  kind: 'evaluator',
  name: 'pair-cosine',
  summary: 'cosine of one word pair (test fixture)',
  params: z.object({a: z.string().default('king'), b: z.string().default('man')}),
  create: (p): Evaluator => ({
    async evaluate(arm, ctx) {
      const value = arm.vectors.similarity(p.a, p.b);
      ctx.addArtifact('similarity-pairs', [{dataset: 'pair', word1: p.a, word2: p.b, human: 1, model: value}]);
      // A made-up interval, only so that the report draws its interval chart.
      return [{task: 'similarity', dataset: 'pair', metric: 'cosine', value, lo: value - 0.1, hi: value + 0.1, n: 1}];
    },
  }),
});

/** Counts arms: a task over all arms. */
export const armCount = defineComponent({
  kind: 'task',
  name: 'arm-count',
  summary: 'number of arms (test fixture)',
  params: z.object({}),
  create: (): Task => ({
    async run(arms) {
      return [{arm: 'all', task: 'downstream', dataset: 'none', metric: 'arms', value: arms.size}];
    },
  }),
});

export function fixtureRegistries(): Registries {
  return {
    vectors: new Registry<VectorsBuilder>('vectors').register(tableVectors, explodingVectors, waitingVectors),
    evaluator: new Registry<Evaluator>('evaluator').register(pairCosine),
    task: new Registry<Task>('task').register(armCount),
    postprocess: new Registry<PostProcessor>('postprocess').register(retrofitPost, allButTheTopPost),
  };
}
