import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {lmGloveFrozenArm} from '../shared.js';

export default defineExperiment({
  name: 'lm-glove-frozen',
  description:
    'The same language model with GloVe 6B 100d rows frozen (freeze pretrained-rows: OOV and special rows train; 3 seeds): validation perplexity, loss curves, samples',
  seed: 1337,
  arms: [lmGloveFrozenArm],
});
