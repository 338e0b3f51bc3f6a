/**
 * The `sgns` and `word2vec` vectors components share one reader and one training function: with the same
 * params (one thread, same seed) they give the same vectors bit for bit, and the corpora are read once per run.
 */
import {tmpdir} from 'node:os';
import {expect} from 'chai';
import type {BuildContext} from '../../src/context.js';
import {word2vecVectors} from '../../src/components/oov-vectors.js';
import {sgns} from '../../src/components/sgns.js';
import {silentProgress} from '../../src/progress.js';

function context(reads: string[]): BuildContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    seed: 7,
    runSeed: 5,
    path: 'arms.0.vectors',
    dataDir: undefined,
    cacheDir: tmpdir(),
    env: {},
    evaluation: {protocol: 'gensim', confidence: 0.95, bootstrapSamples: 100},
    progress: silentProgress,
    log: () => {},
    memo: <T>(k: string, make: () => Promise<T>) => {
      if (!memo.has(k)) memo.set(k, make());
      return memo.get(k) as Promise<T>;
    },
    recordInput: (kind: string, name: string) => void reads.push(`${kind}:${name}`),
    addArtifact: () => {},
  };
}

describe('sgns and word2vec vectors components', function () {
  this.timeout(120000);
  it('give identical vectors for the same settings, reading the corpora once per run', async () => {
    const reads: string[] = [];
    const ctx = context(reads);
    const settings = {corpora: ['moby-dick' as const], dim: 8, epochs: 1, minCount: 20, window: 3, negative: 3, sample: 1e-3, alpha: 0.025};
    const a = await (await sgns.create(sgns.params.parse({...settings, threads: 1}), ctx)).build(ctx);
    const b = await (await word2vecVectors.create(word2vecVectors.params.parse(settings), ctx)).build(ctx);
    expect(a.vectors.words).to.deep.equal(b.vectors.words);
    expect(Buffer.from(a.vectors.data.buffer).equals(Buffer.from(b.vectors.data.buffer))).to.equal(true);
    expect(a.rows).to.deep.equal(b.rows);
    expect(reads).to.deep.equal(['corpus:moby-dick']);
  });
});
