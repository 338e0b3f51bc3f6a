import {expect} from 'chai';
import {Vocabulary} from '@embedlab/core';
import {countCooccurrences} from '../../src/trainers/cooccurrence.js';
import {gloveStep, gloveWeight, initGloveState, trainGlove} from '../../src/trainers/glove.js';

describe('GloVe', () => {
  it('co-occurrence counts with 1/d weighting, symmetric window, no crossing sentences', () => {
    // sentence a b c a (ids 0 1 2 0), window 2; second sentence b c
    const X = countCooccurrences(
      [
        [0, 1, 2, 0],
        [1, 2],
      ],
      3,
      {window: 2},
    );
    const get = (i: number, j: number) => {
      for (let k = 0; k < X.values.length; k++) if (X.rows[k] === i && X.cols[k] === j) return X.values[k]!;
      return 0;
    };
    // pairs within distance 2: (a,b)d1 (b,c)d1 (c,a)d1 (a,c)d2 (b,a)d2 ; second sentence (b,c)d1
    expect(get(0, 1)).to.be.closeTo(1 + 0.5, 1e-12); // a-b at d1, b-a(last a) at d2
    expect(get(1, 0)).to.be.closeTo(1.5, 1e-12);
    expect(get(1, 2)).to.be.closeTo(2, 1e-12);
    expect(get(0, 2)).to.be.closeTo(0.5 + 1, 1e-12);
    expect(get(2, 0)).to.be.closeTo(1.5, 1e-12);
    expect(get(0, 0)).to.equal(0); // the two a's are 3 apart
    expect(X.values.length).to.equal(6);
    const asym = countCooccurrences([[0, 1]], 2, {window: 2, symmetric: false, distanceWeighting: false});
    expect([...asym.rows, ...asym.cols, ...asym.values]).to.deep.equal([0, 1, 1]);
  });

  it('weighting f(x) = (x / xMax)^alpha below xMax, 1 above', () => {
    expect(gloveWeight(10, 100, 0.75)).to.be.closeTo(Math.pow(0.1, 0.75), 1e-15);
    expect(gloveWeight(100)).to.equal(1);
    expect(gloveWeight(1000)).to.equal(1);
  });

  it('one AdaGrad step by hand (glove.c order: step with the old accumulators, then add)', () => {
    const s = initGloveState(2, 2, 1);
    // word 0 = [0.1, 0.2 | b 0.05], context row of word 1 = [0.3, -0.1 | b -0.02]
    s.W.set([0.1, 0.2, 0.05], 0);
    s.W.set([0.3, -0.1, -0.02], 3 * 3);
    const x = 4,
      eta = 0.05,
      xMax = 100,
      alpha = 0.75;
    const diff = 0.1 * 0.3 + 0.2 * -0.1 + 0.05 - 0.02 - Math.log(4);
    const fd = Math.pow(0.04, 0.75) * diff;
    const cost = gloveStep(s, 0, 1, x, eta, xMax, alpha, 100);
    expect(cost).to.be.closeTo(0.5 * fd * diff, 1e-15);
    const g = eta * fd; // gradsq starts at 1, so the first step is the plain gradient
    const W = Array.from(s.W);
    expect(W[0]).to.be.closeTo(0.1 - g * 0.3, 1e-15);
    expect(W[1]).to.be.closeTo(0.2 - g * -0.1, 1e-15);
    expect(W[2]).to.be.closeTo(0.05 - g, 1e-15);
    expect(W[9]).to.be.closeTo(0.3 - g * 0.1, 1e-15);
    expect(W[10]).to.be.closeTo(-0.1 - g * 0.2, 1e-15);
    expect(W[11]).to.be.closeTo(-0.02 - g, 1e-15);
    expect(s.gradsq[0]).to.be.closeTo(1 + (g * 0.3) ** 2, 1e-15);
    expect(s.gradsq[2]).to.be.closeTo(1 + g * g, 1e-15);
    // second step uses the accumulated squares
    const before = s.W[0]!;
    const diff2 = s.W[0]! * s.W[9]! + s.W[1]! * s.W[10]! + s.W[2]! + s.W[11]! - Math.log(4);
    const g2 = eta * Math.pow(0.04, 0.75) * diff2;
    const gs = s.gradsq[0]!;
    const w9 = s.W[9]!;
    gloveStep(s, 0, 1, x, eta, xMax, alpha, 100);
    expect(s.W[0]).to.be.closeTo(before - (g2 * w9) / Math.sqrt(gs), 1e-15);
  });

  it('trains: cost falls, output is W + W~, deterministic for a seed', async () => {
    const vocab = Vocabulary.fromWords(['a', 'b', 'c', 'd', 'e', 'f']);
    const sents = Array.from({length: 60}, (_, i) => (i % 2 ? [0, 1, 2, 0, 1, 2] : [3, 4, 5, 3, 4, 5]));
    const a = await trainGlove(sents, vocab, {dim: 8, epochs: 30, window: 3, xMax: 10});
    const b = await trainGlove(sents, vocab, {dim: 8, epochs: 30, window: 3, xMax: 10});
    expect(a.history[29]!.cost).to.be.below(a.history[0]!.cost * 0.5);
    expect(Array.from(a.vectors.data)).to.deep.equal(Array.from(b.vectors.data));
    expect(a.vectors.words).to.deep.equal(vocab.tokens);
    const near = a.vectors
      .nearest('a', {k: 2})
      .map((n) => n.word)
      .sort();
    expect(near).to.deep.equal(['b', 'c']);
  });
});
