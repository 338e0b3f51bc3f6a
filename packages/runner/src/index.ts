/**
 * @embedlab/runner: declarative experiments over embedlab's packages, run from the `pnpm exp` CLI.
 *
 * For a contributor: `defineExperiment` (typed component refs), `defineComponent` and the `Registry`
 * kinds a component implements (`VectorsBuilder`, `Evaluator`, `Task`, `PostProcessor`), the
 * `BuildContext` a component receives, and `MetricRow`, what it returns. For scripts: `runExperiment`,
 * `reproduceExperiment`, `runCli` (the CLI as a function), `createRuntime`.
 */
export {
  defineExperiment,
  defineUntypedExperiment,
  experimentSchema,
  type ArmInput,
  type TypedExperimentInput,
  type ExperimentInput,
  type ExperimentConfig,
  type EvaluationConfig,
  type SweepBlockInput,
} from './experiment.js';
export {defineComponent, Registry, type Component, type ComponentRef, type RefOf} from './registry.js';
export {registries, createRegistries, type VectorsRef, type EvaluatorRef, type TaskRef, type PostprocessRef} from './registries.js';
export type {ArmVectors, VectorsBuilder, PostProcessor, Evaluator, Task, Registries} from './registries-type.js';
export type {BuildContext} from './context.js';
export {type MetricRow, metricKey} from './metric-row.js';
export {resolveConfig} from './resolve-config.js';
export {listExperiments, loadExperiment, type LoadedExperiment} from './load-experiment.js';
export {runExperiment, resolveExperiment, type RunOptions, type RunResult} from './run.js';
export {reproduceExperiment, type ReproduceResult} from './reproduce.js';
export {createRuntime, type Runtime} from './runtime.js';
export {runCli, type CliOptions} from './cli/run-cli.js';
/** @internal The package's message builders (tests match error texts against them). */
export {messages} from './messages.js';
