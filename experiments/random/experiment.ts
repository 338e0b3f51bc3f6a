import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {intrinsicEvaluators, randomArm} from '../shared.js';

export default defineExperiment({
  name: 'random',
  description: 'The floor: seeded random 100-d vectors over the GloVe vocabulary, same benchmarks and protocol',
  seed: 1337,
  arms: [randomArm],
  evaluators: intrinsicEvaluators,
  evaluation: {protocol: 'gensim'},
});
