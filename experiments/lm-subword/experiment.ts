import {defineExperiment} from '../../packages/runner/src/experiment.js';
import {lmBase} from '../shared.js';

/**
 * The same small GPT and budget with four vocabularies: the corpora words (min count 20) and byte-level BPE
 * of 4k, 16k and 32k tokens trained on the training documents. The table is dModel wide (no projection),
 * so its parameters are rows x 64. One seed each (the 32k arm alone takes several minutes on 2 cores).
 */
const base = {...lmBase, model: {...lmBase.model, embeddingDim: 64}, table: {init: 'random'}, seeds: [1]};
const bpe = (vocabSize: number) => ({name: `lm-bpe-${vocabSize / 1000}k`, vectors: {...base, tokenizer: {type: 'bpe', vocabSize}}});

export default defineExperiment({
  name: 'lm-subword',
  description: 'A small GPT with a word-level vocabulary vs byte-level BPE of 4k, 16k and 32k tokens (same corpus, model and token budget, one seed): per-word perplexity, bits per character, per-token perplexity, table size and unseen-word rate',
  seed: 1337,
  arms: [{name: 'lm-word', vectors: base}, bpe(4000), bpe(16000), bpe(32000)],
});
