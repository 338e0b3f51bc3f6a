import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {intrinsicEvaluators} from '../shared.js';

/** SGNS from scratch on SOTU + Moby Dick, swept over dim x window x 3 seeds (`pnpm exp sweep sgns-grid`). */
export default defineExperiment({
  name: 'sgns-grid',
  description: 'skip-gram negative sampling from scratch on SOTU + Moby Dick: dimension x window, 3 training seeds',
  seed: 1337,
  arms: [{name: 'sgns', vectors: {type: 'sgns', corpora: ['sotu', 'moby-dick'], dim: 100, window: 5, epochs: 2}}],
  evaluators: intrinsicEvaluators,
  evaluation: {protocol: 'gensim'},
  sweep: {seeds: [1, 2, 3], grid: {'arms.0.vectors.dim': [50, 100], 'arms.0.vectors.window': [2, 5]}},
});
