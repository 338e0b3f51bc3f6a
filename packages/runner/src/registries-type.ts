/**
 * The component kinds the runner builds, and the shape of what each `create` returns.
 */
import type {WordVectors} from '@embedlab/core';
import type {BuildContext} from './context.js';
import type {MetricRow} from './metric-row.js';
import type {Registry} from './registry.js';

/** What a `vectors` component produces for one arm. */
export interface ArmVectors {
  vectors: WordVectors;
  /** True when the vectors came out of training (their evaluation is then compared with a tolerance). */
  trained: boolean;
  /** Rows the arm adds by itself (training curves, drift), `arm` filled in by the runner. */
  rows?: Omit<MetricRow, 'arm'>[];
  /** Provenance recorded in meta.json (source, sha256, vocabulary size, ...). */
  info?: Record<string, unknown>;
  /** Vectors for words the table lacks (subword n-grams, a spelling model); null when it has none. */
  filler?: {name: string; vector: (word: string) => ArrayLike<number> | null};
}

/** A built `vectors` component: produce the arm's vectors. */
export interface VectorsBuilder {
  build(ctx: BuildContext): Promise<ArmVectors>;
}

/** A built `postprocess` component: new vectors from an arm's vectors (retrofit, all-but-the-top). */
export interface PostProcessor {
  apply(arm: ArmVectors, ctx: BuildContext): Promise<{vectors: WordVectors; info?: Record<string, unknown>}>;
}

/** A built `evaluator` component: numbers about one set of vectors. */
export interface Evaluator {
  evaluate(vectors: ArmVectors, ctx: BuildContext): Promise<Omit<MetricRow, 'arm'>[]>;
}

/** A built `task` component: runs once, over all arms (e.g. a downstream classifier per arm). */
export interface Task {
  run(arms: ReadonlyMap<string, ArmVectors>, ctx: BuildContext): Promise<MetricRow[]>;
}

export interface Registries {
  vectors: Registry<VectorsBuilder>;
  evaluator: Registry<Evaluator>;
  task: Registry<Task>;
  postprocess: Registry<PostProcessor>;
}

export type {ComponentRef} from './registry.js';
