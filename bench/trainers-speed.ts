/**
 * Kernel speed on a synthetic Zipf(1) corpus (1M tokens, 30k words, dim 100), no gensim:
 *   node --conditions=@embedlab/source --import tsx bench/trainers-speed.ts [modes=sg,cbow] [threads=1] [cumulative | word2vec table size] [kernel=wasm]
 * Prints effective (after subsampling) and raw words/s for one epoch.
 */
import {Vocabulary, createRng} from '../packages/core/src/index.js';
import {trainWord2Vec} from '../packages/optimizers/src/trainers/index.js';
const rng = createRng(3);
const V = 30000;
const vocab = Vocabulary.fromWords(Array.from({length: V}, (_, i) => `w${i}`));
// Zipf(1) ids
const H = Array.from({length: V}, (_, i) => 1 / (i + 1));
const Z = H.reduce((a, b) => a + b);
const cdf = new Float64Array(V);
let c = 0;
H.forEach((h, i) => (cdf[i] = c += h / Z));
const draw = () => {
  const u = rng.float();
  let lo = 0,
    hi = V - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (cdf[m]! < u) lo = m + 1;
    else hi = m;
  }
  return lo;
};
const sents = Array.from({length: 100}, () => Int32Array.from({length: 10000}, draw));
for (const mode of (process.argv[2] ?? 'sg').split(',') as ('sg' | 'cbow')[])
  for (const kernel of [(process.argv[5] ?? 'wasm') as 'wasm' | 'ts']) {
    const r = await trainWord2Vec(sents, vocab, {
      mode,
      kernel,
      epochs: 1,
      threads: Number(process.argv[3] ?? 1),
      ...(process.argv[4] && process.argv[4] !== 'cumulative' ? {sampler: 'table' as const, tableSize: Number(process.argv[4])} : {}),
    });
    console.log(
      mode,
      kernel,
      Math.round(r.history[0]!.effectiveWordsPerSecond),
      'eff w/s',
      Math.round(r.history[0]!.wordsPerSecond),
      'raw w/s',
      r.history[0]!.seconds.toFixed(2),
      's',
    );
  }
