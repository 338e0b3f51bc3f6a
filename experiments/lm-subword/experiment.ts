import {type ArmInput, defineExperiment} from '../../packages/runner/src/experiment.js';
import type {VectorsRef} from '../../packages/runner/src/registries.js';
import {lmBase} from '../shared.js';

/**
 * The same small GPT and budget with four vocabularies: the corpora words (min count 20) and byte-level BPE
 * of 4k, 16k and 32k tokens trained on the training documents. The table is dModel wide (no projection),
 * so its parameters are rows x 64. Sized for ~15 minutes on 2 busy cores: one seed, a quarter of lmBase's
 * tokens (60 steps x 8 x 64 = 30,720 per arm), the first 256 words of each held-out document; the 32k
 * arm's output layer (64 x 32,000 per token) is most of the time.
 */
const base = {
  ...lmBase,
  validationTokens: 256,
  curveTokens: 32,
  model: {...lmBase.model, embeddingDim: 64},
  train: {...lmBase.train, steps: 60, batchSize: 8, warmupSteps: 6, evalEvery: 20},
  table: {init: 'random'},
  seeds: [1],
} satisfies VectorsRef;
const bpe = (vocabSize: number) => ({name: `lm-bpe-${vocabSize / 1000}k`, vectors: {...base, tokenizer: {type: 'bpe', vocabSize}}}) satisfies ArmInput;

export default defineExperiment({
  name: 'lm-subword',
  description:
    'A small GPT with a word-level vocabulary vs byte-level BPE of 4k, 16k and 32k tokens (same corpus, model and token budget, one seed): per-word perplexity, bits per character, per-token perplexity, table size and unseen-word rate',
  seed: 1337,
  arms: [{name: 'lm-word', vectors: base}, bpe(4000), bpe(16000), bpe(32000)],
});
