/**
 * The only place components are wired into the runner (vega/index.js `extend(transforms, ...)`). Every
 * name an experiment config can use is listed here, explicitly; nothing scans directories.
 */
import {bats} from './components/bats.js';
import {continuedSgns} from './components/continued-sgns.js';
import {googleAnalogy} from './components/google-analogy.js';
import {languageModel} from './components/language-model.js';
import {fastTextVectors, mimickVectors, word2vecVectors} from './components/oov-vectors.js';
import {allButTheTopPost, retrofitPost} from './components/post-process.js';
import {pretrainedVectors} from './components/pretrained-vectors.js';
import {randomVectors} from './components/random-vectors.js';
import {sgns} from './components/sgns.js';
import {similarity} from './components/similarity.js';
import {similarityOov} from './components/similarity-oov.js';
import {contextualVsStatic} from './components/contextual-vs-static.js';
import {textClassifier} from './components/text-classifier.js';
import {type RefOf, Registry} from './registry.js';
import type {Evaluator, PostProcessor, Registries, Task, VectorsBuilder} from './registries-type.js';

// The components of each kind. Adding one here registers it and adds its config ref to the types below.
const VECTORS = [pretrainedVectors, randomVectors, continuedSgns, sgns, languageModel, mimickVectors, fastTextVectors, word2vecVectors] as const;
const EVALUATORS = [googleAnalogy, bats, similarity, similarityOov] as const;
const TASKS = [textClassifier, contextualVsStatic] as const;
const POSTPROCESS = [retrofitPost, allButTheTopPost] as const;

/** A `vectors` component ref as an experiment writes it (`{type: 'random', dim: 100}`), checked by `tsc`. */
export type VectorsRef = RefOf<(typeof VECTORS)[number]>;
/** An `evaluator` component ref. */
export type EvaluatorRef = RefOf<(typeof EVALUATORS)[number]>;
/** A `task` component ref. */
export type TaskRef = RefOf<(typeof TASKS)[number]>;
/** A `postprocess` component ref. */
export type PostprocessRef = RefOf<(typeof POSTPROCESS)[number]>;

export function createRegistries(): Registries {
  return {
    vectors: new Registry<VectorsBuilder>('vectors').register(...VECTORS),
    evaluator: new Registry<Evaluator>('evaluator').register(...EVALUATORS),
    task: new Registry<Task>('task').register(...TASKS),
    postprocess: new Registry<PostProcessor>('postprocess').register(...POSTPROCESS),
  };
}

export const registries: Registries = createRegistries();
