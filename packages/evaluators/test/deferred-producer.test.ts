/**
 * `auto`'s stand-in for a worker that is still starting: the search must not wait for it, must give it no chunk
 * before it is ready, and must get identical products from it (or from the fallback when the start fails).
 */
import {expect} from 'chai';
import {createRng, WordVectors} from '@embedlab/core';
import {evaluateAnalogyRestricts} from '../src/analogy.js';
import {localProducer, matmulJs, type ChunkProducer} from '../src/chunk-product.js';
import {deferredProducer} from '../src/matmul.js';
import type {AnalogyDataset} from '../src/types.js';

function counting(name: string, log: string[]): ChunkProducer {
  const inner = localProducer(name, matmulJs);
  return {
    name,
    setWords: (...a) => (log.push(`${name}:setWords`), inner.setWords(...a)),
    produce: (cT, len) => (log.push(`${name}:produce`), inner.produce(cT, len)),
    recycle: (p) => inner.recycle(p),
  };
}

describe('deferredProducer (a worker that is still starting)', () => {
  const spec = {pairs: new Int32Array([0, 1]), method: '3CosAdd' as const, eps2: 2e-6};
  const words = new Float32Array([1, 0, 0, 1]);
  const cT = () => new Float32Array([1, 0, 0.5, 0, 1, 0.5]); // [dim 2, len 3]

  it('does not wait in setWords, is not ready until the start settles, then forwards the words and chunks', async () => {
    const log: string[] = [];
    let start!: (p: ChunkProducer) => void;
    const ready = new Promise<ChunkProducer>((r) => (start = r));
    const d = deferredProducer('kernel+worker', ready, () => counting('fallback', log));
    await d.setWords(words, 2, 2, spec); // resolves although `ready` has not
    expect(d.isReady!()).to.equal(false);
    const pending = d.produce(cT(), 3);
    start(counting('worker', log));
    const product = await pending;
    expect(d.isReady!()).to.equal(true);
    expect(log).to.deep.equal(['worker:setWords', 'worker:produce']);
    const plain = localProducer('plain', matmulJs);
    await plain.setWords(words, 2, 2, spec);
    const want = await plain.produce(cT(), 3);
    expect([...product.S]).to.deep.equal([...want.S]);
    expect([...product.perm]).to.deep.equal([...want.perm]);
  });

  it('sends its chunks to the fallback when the start fails', async () => {
    const log: string[] = [];
    const failed = Promise.reject(new Error('no worker'));
    const d = deferredProducer('kernel+worker', failed, () => counting('fallback', log));
    await d.setWords(words, 2, 2, spec);
    await new Promise((r) => setImmediate(r));
    expect(d.isReady!()).to.equal(true);
    expect(d.name).to.equal('kernel+worker');
    await d.produce(cT(), 3);
    expect(log).to.deep.equal(['fallback:setWords', 'fallback:produce']);
    expect(d.name, 'the engine name reported after a failed start').to.equal('fallback');
  });

  it("the search with `auto` gives the js engine's answers, on a first call (the worker may be starting) and later", async () => {
    const rng = createRng(3);
    const entries: [string, number[]][] = Array.from({length: 400}, (_, i) => [`w${i}`, Array.from({length: 16}, () => rng.normal())]);
    const v = WordVectors.fromEntries(entries);
    const questions = Array.from({length: 60}, (_, i) => ({a: `w${i}`, b: `w${i + 60}`, c: `w${i + 120}`, answers: [`w${i + 180}`], section: 0, line: i + 1}));
    const ds: AnalogyDataset = {id: 'synthetic', files: [], sections: [{name: 's', kind: 'semantic'}], questions, duplicateQuestions: 0};
    const opts = {records: true, bootstrap: false as const, chunk: 32};
    const first = await evaluateAnalogyRestricts(v, ds, 'gensim', [100, 400], opts);
    const again = await evaluateAnalogyRestricts(v, ds, 'gensim', [100, 400], opts);
    const js = await evaluateAnalogyRestricts(v, ds, 'gensim', [100, 400], {...opts, engine: 'js'});
    for (let r = 0; r < 2; r++) {
      expect(first[r]!.records!.map((x) => x.predicted)).to.deep.equal(js[r]!.records!.map((x) => x.predicted));
      expect(again[r]!.records!.map((x) => x.predicted)).to.deep.equal(js[r]!.records!.map((x) => x.predicted));
    }
  });
});
