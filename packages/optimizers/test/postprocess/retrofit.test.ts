import {createRng, WordVectors} from '@embedlab/core';
import {expectArraysClose, expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {retrofit} from '../../src/index.js';

/** Straight translation of mfaruqui/retrofitting retrofit.py (dicts + sets), looping in the given word order. */
function referenceRetrofit(words: string[], vecs: number[][], lexicon: Map<string, string[]>, iters: number): Map<string, number[]> {
  const wordVecs = new Map<string, number[]>();
  words.forEach((w, i) => {
    const v = vecs[i] as number[];
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0) + 1e-6);
    wordVecs.set(
      w,
      v.map((x) => x / norm),
    );
  });
  const lex = new Map<string, string[]>();
  for (const [w, ns] of lexicon)
    lex.set(
      w.toLowerCase(),
      ns.map((n) => n.toLowerCase()),
    );
  const newVecs = new Map([...wordVecs].map(([w, v]) => [w, [...v]]));
  const loopVocab = words.filter((w) => lex.has(w));
  for (let it = 0; it < iters; it++) {
    for (const word of loopVocab) {
      const neighbours = [...new Set(lex.get(word))].filter((n) => wordVecs.has(n));
      const num = neighbours.length;
      if (num === 0) continue;
      const newVec = (wordVecs.get(word) as number[]).map((x) => num * x);
      for (const n of neighbours) (newVecs.get(n) as number[]).forEach((x, j) => (newVec[j] = (newVec[j] as number) + x));
      newVecs.set(
        word,
        newVec.map((x) => x / (2 * num)),
      );
    }
  }
  return newVecs;
}

describe('retrofit', () => {
  const vectors = WordVectors.fromEntries([
    ['a', [1, 0]],
    ['b', [0, 1]],
    ['c', [1, 1]],
    ['d', [2, 2]],
  ]);
  const lexicon = new Map([
    ['a', ['b', 'c', 'b']],
    ['B', ['A']], // lowercased to b -> [a]
    ['c', ['x']], // neighbour not in the vocabulary: c keeps its vector
  ]);

  it('one and two Gauss-Seidel iterations by hand (no normalization)', () => {
    const one = retrofit(vectors, lexicon, {iterations: 1, normalize: false});
    // a = (2[1,0] + b + c) / 4 = [0.75, 0.5]; b = ([0,1] + new a) / 2 = [0.375, 0.75]
    expectArraysClose(one.vectors.data, [0.75, 0.5, 0.375, 0.75, 1, 1, 2, 2]);
    expect(one.updatedWords).to.equal(2);
    expect(one.edges).to.equal(3);
    const two = retrofit(vectors, lexicon, {iterations: 2, normalize: false});
    // a = (2[1,0] + [0.375,0.75] + [1,1]) / 4; b = ([0,1] + a) / 2
    expectArraysClose(two.vectors.data, [0.84375, 0.4375, 0.421875, 0.71875, 1, 1, 2, 2]);
    expect(vectors.data[0]).to.equal(1); // input untouched
  });

  it('matches a direct translation of the reference code on random vectors (normalized, 10 iterations)', () => {
    const rng = createRng(7);
    const words = Array.from({length: 30}, (_, i) => `w${i}`);
    const vecs = words.map(() => Array.from({length: 5}, () => rng.normal()));
    const lex = new Map<string, string[]>();
    for (let i = 0; i < 20; i++)
      lex.set(
        `W${rng.int(30)}`,
        Array.from({length: 1 + rng.int(4)}, () => (rng.float() < 0.2 ? 'oov' : `w${rng.int(30)}`)),
      );
    const got = retrofit(WordVectors.fromEntries(words.map((w, i) => [w, vecs[i] as number[]])), lex).vectors;
    const want = referenceRetrofit(words, vecs, lex, 10);
    expectArraysClose(
      got.data,
      words.flatMap((w) => want.get(w) as number[]),
      1e-6,
    );
    expect((got.meta.postprocess as {method: string}[])[0]?.method).to.equal('retrofit');
  });

  it('general alpha and a constant beta follow the weighted-average formula', () => {
    const out = retrofit(vectors, new Map([['a', ['b', 'c']]]), {iterations: 1, normalize: false, alpha: 2, beta: 0.5});
    // a = (2 [1,0] + 0.5 [0,1] + 0.5 [1,1]) / (2 + 1) = [2.5, 1] / 3
    expectArraysClose(out.vectors.row(0), [2.5 / 3, 1 / 3]);
  });

  it('rejects bad options', async () => {
    await expectThrows(() => retrofit(vectors, lexicon, {iterations: -1}), 'iterations');
    await expectThrows(() => retrofit(vectors, lexicon, {beta: 0}), 'beta');
  });
});
