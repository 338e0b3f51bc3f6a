import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {lmRandomArm} from '../shared.js';

export default defineExperiment({
  name: 'lm-random',
  description:
    'A small GPT-style language model on SOTU + Moby Dick with a randomly initialised token table (3 seeds): validation perplexity, loss curves, samples',
  seed: 1337,
  arms: [lmRandomArm],
});
