/**
 * A starting point for a new experiment (CONTRIBUTING.md, "Add an experiment"):
 *   cp -r experiments/_template experiments/<your-name>
 * then set `name` to <your-name>, write the question in `description` and README.md, and check it with
 *   pnpm exp validate <your-name>      (prints the resolved config, every default filled in)
 *   pnpm exp run <your-name>           (writes results/ and reports/<your-name>/)
 * Folders whose name starts with `_` are not experiments: `exp list` and the runner skip them.
 *
 * Component refs are typed: `{type: 'random', ...}` must name a registered component and its params must
 * have the right keys and types, or `pnpm typecheck` fails (see `pnpm exp list` for the components).
 */
import {defineExperiment} from '../../packages/runner/src/experiment.js';

export default defineExperiment({
  name: 'my-experiment',
  description: 'One line: the question this experiment answers',
  seed: 1337,
  arms: [
    // Each arm is one set of vectors; every evaluator runs on every arm.
    {name: 'glove', vectors: {type: 'pretrained', source: 'glove-6b-100d'}},
    {name: 'random', vectors: {type: 'random', vocabulary: 'glove-6b-100d', dim: 100, init: 'uniform', scale: 0.05}},
  ],
  evaluators: [{type: 'similarity', datasets: ['ws353-combined', 'simlex-999']}],
  evaluation: {protocol: 'gensim'},
});
