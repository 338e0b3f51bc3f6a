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
import {Registry} from './registry.js';
import type {Evaluator, PostProcessor, Registries, Task, VectorsBuilder} from './registries-type.js';

export function createRegistries(): Registries {
  return {
    vectors: new Registry<VectorsBuilder>('vectors').register(pretrainedVectors, randomVectors, continuedSgns, sgns, languageModel, mimickVectors, fastTextVectors, word2vecVectors),
    evaluator: new Registry<Evaluator>('evaluator').register(googleAnalogy, bats, similarity, similarityOov),
    task: new Registry<Task>('task').register(textClassifier, contextualVsStatic),
    postprocess: new Registry<PostProcessor>('postprocess').register(retrofitPost, allButTheTopPost),
  };
}

export const registries: Registries = createRegistries();
