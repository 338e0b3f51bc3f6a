/**
 * subword-oov (issue 12): what to do with words a table has no row for. GloVe with unknown words skipped,
 * zero, mean or predicted from their spelling (Mimick-style n-gram model), against fastText and word2vec
 * trained on the same packaged corpora; rare words (RW) are the headline. See README.md.
 */
import {defineExperiment} from '../../packages/runner/src/experiment.js';

const corpora = ['sotu', 'moby-dick'] as const;

export default defineExperiment({
  name: 'subword-oov',
  description:
    'unseen words: GloVe with OOV skipped / zeros / mean / predicted from spelling, vs fastText and word2vec on the packaged corpora (RW headline, full coverage and gensim protocol)',
  seed: 1337,
  arms: [
    // GloVe 6B 100d as shipped; its filler is a Mimick-style n-gram model trained on its top 100k words.
    {name: 'glove', vectors: {type: 'mimick', source: 'glove-6b-100d', top: 100_000, epochs: 3, loss: 'l2'}},
    {name: 'fasttext', vectors: {type: 'fasttext', corpora: [...corpora], dim: 100, epoch: 3, minCount: 5}},
    {name: 'word2vec', vectors: {type: 'word2vec', corpora: [...corpora], dim: 100, epochs: 3, minCount: 5}},
  ],
  evaluators: [{type: 'similarity-oov', datasets: ['rw', 'card-660', 'ws353-combined', 'simlex-999', 'men']}],
  evaluation: {protocol: 'gensim'},
  reproduce: {trainingTolerance: 0.02},
});
