import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {gloveArm, intrinsicEvaluators} from '../shared.js';

export default defineExperiment({
  name: 'glove-init',
  description: 'GloVe 6B 100d (embedded, frozen) on Google analogy, BATS and word similarity under the gensim protocol',
  seed: 1337,
  arms: [gloveArm],
  evaluators: intrinsicEvaluators,
  evaluation: {protocol: 'gensim'},
});
