import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {fineTunedArm, gloveArm, intrinsicEvaluators, randomArm, spamTask} from '../shared.js';

export default defineExperiment({
  name: 'compare',
  description: 'random vs GloVe as shipped vs GloVe after continued training, side by side (benchmarks + SpamAssassin classifier)',
  seed: 1337,
  arms: [randomArm, gloveArm, fineTunedArm],
  evaluators: intrinsicEvaluators,
  tasks: [spamTask(['glove-init', 'fine-tuned'])],
  evaluation: {protocol: 'gensim'},
  reproduce: {trainingTolerance: 0.02},
});
