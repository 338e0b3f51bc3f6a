/**
 * The only place components are wired into the runner (vega/index.js `extend(transforms, ...)`). Every
 * name an experiment config can use is listed here, explicitly; nothing scans directories.
 */
import {textClassifier} from './components/text-classifier.js';
import {Registry} from './registry.js';
import type {Evaluator, Registries, Task, VectorsBuilder} from './registries-type.js';

export function createRegistries(): Registries {
  return {
    vectors: new Registry<VectorsBuilder>('vectors').register(),
    evaluator: new Registry<Evaluator>('evaluator').register(),
    task: new Registry<Task>('task').register(textClassifier),
  };
}

export const registries: Registries = createRegistries();
