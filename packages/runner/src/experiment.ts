/**
 * The experiment config: a declarative, validated description of what to run. Experiments live in
 * `experiments/<name>/experiment.ts` as `export default defineExperiment({...})`; components are referred to
 * by registry name (`{type: 'random', dim: 100}`) and validated against their own params schema.
 */
import {z} from 'zod';
import type {EvaluatorRef, PostprocessRef, TaskRef, VectorsRef} from './registries.js';

const componentRef = z.looseObject({type: z.string().describe('Registry name of the component.')});

export const armSchema = z.strictObject({
  /** Name in tables and metric rows; unique within the experiment. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case name'),
  /** Where the arm's vectors come from (a `vectors` component). */
  vectors: componentRef,
  /** Applied in order to the arm's vectors before evaluation (`postprocess` components: retrofit, all-but-the-top). */
  postprocess: z.array(componentRef).optional(),
});

export const evaluationSchema = z.strictObject({
  /** Evaluation protocol preset (see @embedlab/evaluators). __Default:__ `gensim`. */
  protocol: z.enum(['gensim', 'word2vec-c', 'glove']).default('gensim'),
  /**
   * Candidate rows for analogies and the vocabulary for similarity (gensim restrict_vocab), overriding the
   * preset's (gensim 300000, word2vec-c 30000, glove: all rows = null). __Default:__ the preset's.
   */
  restrict: z.number().int().positive().nullable().optional(),
  /** Confidence level of the bootstrap intervals. */
  confidence: z.number().gt(0).lt(1).default(0.95),
  /** Bootstrap resamples per interval. */
  bootstrapSamples: z.number().int().min(100).default(1000),
});

export const experimentSchema = z.strictObject({
  /** kebab-case; equals the folder name. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case name'),
  /** One line: the question the experiment answers. */
  description: z.string().min(1),
  /** Run seed; every component derives its own from it and its config path. */
  seed: z.number().int().default(1337),
  arms: z.array(armSchema).min(1),
  /** Intrinsic evaluators applied to every arm (`evaluator` components). */
  evaluators: z.array(componentRef).default([]),
  /** Extra tasks run once over all arms (downstream classifiers); `task` components. */
  tasks: z.array(componentRef).default([]),
  evaluation: evaluationSchema.prefault({}),
  reproduce: z
    .strictObject({
      /** Absolute tolerance for numbers that depend on training (evaluation of frozen vectors is exact). */
      trainingTolerance: z.number().nonnegative().default(0.02),
    })
    .prefault({}),
});

export type ExperimentInput = z.input<typeof experimentSchema>;
export type ExperimentConfig = z.output<typeof experimentSchema>;
export type EvaluationConfig = z.output<typeof evaluationSchema>;

/** `exp sweep` defaults (the run configs never contain it): seeds (`[1, 2, 3]` or `'1-5'`), grid `{path: [values]}`, maxRuns. */
export interface SweepBlockInput {
  seeds?: number[] | string;
  grid?: Record<string, unknown[]>;
  maxRuns?: number;
}

/** An arm as an experiment file writes it: component refs typed by the registered components. */
export type ArmInput = Omit<z.input<typeof armSchema>, 'vectors' | 'postprocess'> & {vectors: VectorsRef; postprocess?: PostprocessRef[]};

/**
 * An experiment as an experiment file writes it. Component refs are unions over the registered components
 * (`registries.ts`), so an unknown `type` or a misspelt or mistyped param fails `pnpm typecheck`.
 */
export type TypedExperimentInput = Omit<ExperimentInput, 'arms' | 'evaluators' | 'tasks'> & {
  arms: ArmInput[];
  evaluators?: EvaluatorRef[];
  tasks?: TaskRef[];
  sweep?: SweepBlockInput;
};

/** Types an experiment file's config (checked by `tsc`); it is validated again at run time. */
export function defineExperiment(config: TypedExperimentInput): ExperimentInput {
  return config as ExperimentInput;
}

/**
 * The untyped form, for configs whose components are not in the runner's registries (test registries) or
 * that are wrong on purpose (tests of the run-time validation). Validated at run time only.
 */
export function defineUntypedExperiment(config: ExperimentInput & {sweep?: SweepBlockInput}): ExperimentInput {
  return config;
}
