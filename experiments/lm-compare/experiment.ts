import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {lmGloveFrozenArm, lmGloveInitArm, lmRandomArm, lmVariant} from '../shared.js';

export default defineExperiment({
  name: 'lm-compare',
  description:
    'Language model with a random, GloVe-initialised or GloVe-frozen token table (3 seeds each, paired on seeds and documents), plus one-seed ablations of the GloVe-initialised model: untied output head, sinusoidal and rotary positions',
  seed: 1337,
  arms: [
    lmRandomArm,
    lmGloveInitArm,
    lmGloveFrozenArm,
    lmVariant(lmGloveInitArm, 'untied', {tie: false}),
    lmVariant(lmGloveInitArm, 'sinusoidal', {positions: 'sinusoidal'}),
    lmVariant(lmGloveInitArm, 'rope', {positions: 'rope'}),
  ],
});
