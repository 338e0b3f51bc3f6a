/**
 * Wall time of the drift and post-processing tools on a synthetic table the size of GloVe 6B 100d:
 * measureDrift (cosine of every row + exact 10-NN overlap of a per-bucket sample, before and after),
 * allButTheTop (float64 covariance + Jacobi), retrofit (10 iterations, a random lexicon of `lexWords` words
 * with 1-5 neighbours each).
 *
 *   node --conditions=@embedlab/source --import tsx bench/optimizers-drift.ts [--vocab 400000] [--dim 100]
 *     [--per-bucket 200] [--lex-words 50000]
 */
import {loadavg} from 'node:os';
import {createRng, initBackend, WordVectors} from '../packages/core/src/index.js';
import {allButTheTop, measureDrift, retrofit} from '../packages/optimizers/src/index.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const vocab = Number(arg('vocab', '400000')),
  dim = Number(arg('dim', '100'));
const perBucket = Number(arg('per-bucket', '200')),
  lexWords = Number(arg('lex-words', '50000'));

const info = await initBackend();
const rng = createRng(5);
const before = new Float32Array(vocab * dim);
for (let i = 0; i < before.length; i++) before[i] = rng.normal();
const after = before.map((x) => x + 0.3 * rng.normal());
const words = Array.from({length: vocab}, (_, i) => `w${i}`);
const vb = new WordVectors(words, before, dim, {checkFinite: false});
const va = new WordVectors(words, after, dim, {checkFinite: false});
const lexicon = new Map<string, string[]>();
for (let i = 0; i < lexWords; i++)
  lexicon.set(
    `w${rng.int(vocab)}`,
    Array.from({length: 1 + rng.int(5)}, () => `w${rng.int(vocab)}`),
  );

const time = async <T>(label: string, f: () => T): Promise<T> => {
  const t0 = performance.now();
  const out = f();
  const s = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({label, seconds: +s.toFixed(2), vocab, dim, backend: info.name, loadavg: loadavg().map((x) => +x.toFixed(2))}));
  return out;
};
const rep = await time(`measureDrift (k 10, ${perBucket}/bucket)`, () => measureDrift(vb, va, {seed: 1, samplePerBucket: perBucket}));
console.log(
  JSON.stringify({queries: rep.overall.knnOverlap.count, buckets: rep.buckets.map((b) => [b.label, +b.cosine.mean.toFixed(3), +b.knnOverlap.mean.toFixed(3)])}),
);
await time('allButTheTop (D = 1)', () => allButTheTop(vb));
const r = await time(`retrofit (10 iterations, ${lexWords} lexicon words)`, () => retrofit(vb, lexicon));
console.log(JSON.stringify({updatedWords: r.updatedWords, edges: r.edges}));
