import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {gloveArm, intrinsicEvaluators} from '../shared.js';

export default defineExperiment({
  name: 'post-processing',
  description: 'GloVe as shipped vs GloVe retrofitted to WordNet synonyms vs GloVe after all-but-the-top (paired tests on the same items)',
  seed: 1337,
  arms: [
    gloveArm,
    {...gloveArm, name: 'retrofit', postprocess: [{type: 'retrofit'}]},
    {...gloveArm, name: 'all-but-the-top', postprocess: [{type: 'all-but-the-top'}]},
  ],
  evaluators: intrinsicEvaluators,
  evaluation: {protocol: 'gensim'},
});
