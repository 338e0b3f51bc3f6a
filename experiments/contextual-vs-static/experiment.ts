import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {gloveArm, lmGloveInitArm, lmRandomArm} from '../shared.js';

/** The first seed of an LM arm: the same data split, vocabulary, model, schedule and seeds as that arm's seed 1. */
const seed1 = (arm: {vectors: object}) => ({...arm.vectors, seeds: [1]});

export default defineExperiment({
  name: 'contextual-vs-static',
  description:
    "Which layer of a language model you trained knows word similarity? GPT-style and BERT-style models (random or GloVe-initialised token table) on SOTU + Moby Dick; each layer's contextual vectors pooled per word over up to 10 contexts and scored on the similarity sets and Google analogy next to the input table and GloVe on the same words; Ethayarajh's anisotropy, self-similarity and MEV per layer",
  seed: 1337,
  arms: [gloveArm],
  tasks: [
    {
      type: 'contextual-vs-static',
      static: 'glove-init',
      models: [
        {name: 'gpt-random', objective: 'causal', lm: seed1(lmRandomArm)},
        {name: 'gpt-glove', objective: 'causal', lm: seed1(lmGloveInitArm)},
        {name: 'bert-random', objective: 'masked', lm: seed1(lmRandomArm)},
        {name: 'bert-glove', objective: 'masked', lm: seed1(lmGloveInitArm)},
      ],
      contexts: {split: 'train', maxContexts: 10, window: 16, poolings: ['mean', 'min', 'max'], words: 'benchmarks'},
      measures: {samples: 1000, minContexts: 2},
    },
  ],
});
