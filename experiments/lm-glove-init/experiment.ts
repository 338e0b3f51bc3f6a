import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {lmGloveInitArm} from '../shared.js';

export default defineExperiment({
  name: 'lm-glove-init',
  description:
    'The same language model with its token table initialised from GloVe 6B 100d and fine-tuned (3 seeds): validation perplexity, loss curves, samples',
  seed: 1337,
  arms: [lmGloveInitArm],
});
