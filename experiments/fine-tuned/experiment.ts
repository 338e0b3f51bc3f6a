import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {fineTunedArm, intrinsicEvaluators, spamTask} from '../shared.js';

export default defineExperiment({
  name: 'fine-tuned',
  description: 'GloVe after continued SGNS on SOTU, Moby Dick, SpamAssassin and WordNet glosses: benchmarks, drift, and the SpamAssassin classifier',
  seed: 1337,
  arms: [fineTunedArm],
  evaluators: intrinsicEvaluators,
  tasks: [spamTask(['fine-tuned'])],
  evaluation: {protocol: 'gensim'},
  reproduce: {trainingTolerance: 0.02},
});
