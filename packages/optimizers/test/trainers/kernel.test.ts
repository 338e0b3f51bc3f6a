import {expect} from 'chai';
import {expectArraysClose} from '@embedlab/testing';
import {word2vecKernelModule} from '../../src/trainers/wasm-kernel.js';
import {cumulativeTable, unigramTable} from '../../src/trainers/tables.js';
import {axpy, dot, makeKernel, tableSigmoid, type Toy} from './kernel-helpers.js';

const kinds = ['ts', 'wasm'] as const;

describe('word2vec kernels', () => {
  it('the WebAssembly kernel loads in this runtime', () => {
    expect(word2vecKernelModule()).to.not.equal(null);
  });

  for (const kind of kinds) {
    describe(`${kind} kernel`, () => {
      it('skip-gram: one sentence [0, 1], window 1, one negative (always word 2) matches the hand-derived update', () => {
        const w0 = [0.1, -0.2, 0.3, 0.05],
          w1 = [0.2, 0.1, -0.1, 0.4],
          w2 = [0.7, 0.7, 0.7, 0.7];
        let s0 = [0.3, 0.2, -0.1, 0.5],
          s1 = [-0.2, 0.4, 0.1, 0.3],
          s2 = [0.1, 0.1, 0.2, -0.3];
        const toy: Toy = {V: 3, dim: 4, window: 1, negative: 1, table: [2], syn0: [w0, w1, w2], syn1: [s0, s1, s2]};
        const k = makeKernel(kind, toy, [0, 1]);
        const alpha = 0.1;
        const loss = k.train(alpha);
        // word2vec SG: the input is the context row syn0[context], the output the centre word's syn1 row.
        // Position 0: centre 0, context 1.
        let g = (1 - tableSigmoid(dot(w1, s0))) * alpha;
        let e = s0.map((x) => g * x);
        let expectedLoss = Math.log(1 + Math.exp(-dot(w1, s0)));
        s0 = axpy(g, w1, s0);
        g = (0 - tableSigmoid(dot(w1, s2))) * alpha;
        expectedLoss += Math.log(1 + Math.exp(dot(w1, s2)));
        e = axpy(g, s2, e);
        s2 = axpy(g, w1, s2);
        const w1New = axpy(1, e, w1);
        // Position 1: centre 1, context 0.
        g = (1 - tableSigmoid(dot(w0, s1))) * alpha;
        expectedLoss += Math.log(1 + Math.exp(-dot(w0, s1)));
        e = s1.map((x) => g * x);
        s1 = axpy(g, w0, s1);
        g = (0 - tableSigmoid(dot(w0, s2))) * alpha;
        expectedLoss += Math.log(1 + Math.exp(dot(w0, s2)));
        e = axpy(g, s2, e);
        s2 = axpy(g, w0, s2);
        const w0New = axpy(1, e, w0);
        expectArraysClose(k.syn0(0), w0New, 1e-6);
        expectArraysClose(k.syn0(1), w1New, 1e-6);
        expect(k.syn0(2)).to.deep.equal(Array.from(Float32Array.from(w2))); // word 2 is never a context here
        expectArraysClose(k.syn1(0), s0, 1e-6);
        expectArraysClose(k.syn1(1), s1, 1e-6);
        expectArraysClose(k.syn1(2), s2, 1e-6);
        expect(k.kernel.pairs()).to.equal(2);
        expect(k.kernel.kept()).to.equal(2);
        // table loss vs exact -log sigma: within the table's half-bin error per term
        expect(loss).to.be.closeTo(expectedLoss, 4 * 0.006);
      });

      it('CBOW: sentence [0, 1, 2], window 1, no negatives: mean of context rows, error added to each', () => {
        let w = [
          [0.1, 0.2, 0.3, 0.4],
          [-0.3, 0.1, 0.2, 0.0],
          [0.5, -0.1, 0.0, 0.2],
        ];
        let s = [
          [0.2, 0.1, -0.2, 0.3],
          [0.1, 0.3, 0.2, -0.1],
          [-0.2, 0.2, 0.1, 0.1],
        ];
        const toy: Toy = {V: 3, dim: 4, window: 1, negative: 0, table: [0], syn0: w, syn1: s, cbow: true};
        const k = makeKernel(kind, toy, [0, 1, 2]);
        const alpha = 0.05;
        k.train(alpha);
        const sent = [0, 1, 2];
        for (let pos = 0; pos < 3; pos++) {
          const ctx = [pos - 1, pos + 1].filter((c) => c >= 0 && c < 3).map((c) => sent[c]!);
          const h = [0, 1, 2, 3].map((d) => ctx.reduce((acc, c) => acc + w[c]![d]!, 0) / ctx.length);
          const word = sent[pos]!;
          const g = (1 - tableSigmoid(dot(h, s[word]!))) * alpha;
          const e = s[word]!.map((x) => g * x);
          s = s.map((row, i) => (i === word ? axpy(g, h, row) : row));
          w = w.map((row, i) => (ctx.includes(i) ? axpy(1, e, row) : row));
        }
        for (let i = 0; i < 3; i++) {
          expectArraysClose(k.syn0(i), w[i]!, 1e-6);
          expectArraysClose(k.syn1(i), s[i]!, 1e-6);
        }
      });

      it('lock mask: a locked input row never changes, its output row still does', () => {
        const rows = [
          [0.1, 0.2, 0.3, 0.4],
          [-0.3, 0.1, 0.2, 0.0],
          [0.5, -0.1, 0.0, 0.2],
        ];
        const out = [
          [0.2, 0.1, -0.2, 0.3],
          [0.1, 0.3, 0.2, -0.1],
          [-0.2, 0.2, 0.1, 0.1],
        ];
        const k = makeKernel(kind, {V: 3, dim: 4, window: 2, negative: 2, table: [0, 1, 2], syn0: rows, syn1: out, lock: [0, 1, 0]}, [0, 1, 2, 1, 0, 2]);
        k.train(0.1);
        expect(k.syn0(1)).to.deep.equal(Array.from(Float32Array.from(rows[1]!)));
        expect(k.syn0(0)).to.not.deep.equal(Array.from(Float32Array.from(rows[0]!)));
        expect(k.syn1(1)).to.not.deep.equal(Array.from(Float32Array.from(out[1]!)));
      });

      it('window shrink: positive pairs per position average 2 E[window - b] = window + 1', () => {
        const n = 10000;
        const sentence = Array.from({length: n}, (_, i) => i % 2);
        const z = [0, 0, 0, 0];
        const k = makeKernel(kind, {V: 2, dim: 4, window: 3, negative: 0, table: [0], syn0: [z, z], syn1: [z, z]}, sentence);
        k.train(0.01);
        // uniform b in {0,1,2} -> effective window 3, 2, 1 -> mean pairs 4; sd of the mean ~0.016
        expect(k.kernel.pairs() / n).to.be.closeTo(4, 0.08);
      });

      for (const cumulative of [true, false]) {
        it(`negatives are drawn with probability count^0.75 share (${cumulative ? 'cumulative' : 'word2vec table'} sampler)`, () => {
          // counts 16, 1, 81 -> shares 8/36, 1/36, 27/36. Centre and context are always word 0, whose input row
          // e1 is locked, so each negative draw of word t moves syn1[t][0] by -alpha * sigma(f) with f ~ 0:
          // draws(t) = -syn1[t][0] / (alpha * sigma) (sigma within 0.491..0.5 here). Draws of word 0 are skipped.
          const table = cumulative ? [Math.round((8 / 36) * 2147483647), Math.round((9 / 36) * 2147483647), 2147483647] : [...unigramTable([16, 1, 81], 36000)];
          const z = [0, 0, 0, 0];
          const k = makeKernel(
            kind,
            {V: 3, dim: 4, window: 1, negative: 20, table, syn0: [[1, 0, 0, 0], z, z], syn1: [z, z, z], lock: [1, 0, 0], cumulative},
            new Array(2001).fill(0),
          );
          const alpha = 1e-7;
          k.train(alpha);
          const total = k.kernel.pairs() * 20;
          const draws = (t: number) => -k.syn1(t)[0]! / (alpha * 0.4955);
          expect(draws(1) / total).to.be.closeTo(1 / 36, 0.003);
          expect(draws(2) / total).to.be.closeTo(27 / 36, 0.015);
        });
      }

      it('subsampling keeps word w with probability keep[w]', () => {
        const n = 20000;
        const z = [0, 0, 0, 0];
        const k = makeKernel(
          kind,
          {V: 2, dim: 4, window: 1, negative: 0, table: [0], syn0: [z, z], syn1: [z, z], keep: [0.25, 1.5]},
          Array.from({length: n}, (_, i) => i % 2),
        );
        k.train(0.01);
        // n/2 always kept + Binomial(n/2, 0.25): mean 12500, sd ~61
        expect(k.kernel.kept()).to.be.closeTo(n / 2 + n / 8, 300);
      });
    });
  }

  it('TS and WebAssembly kernels give bit-identical vectors (dims 4, 8, 12, 100; SG and CBOW)', () => {
    for (const dim of [4, 8, 12, 100]) {
      for (const cbow of [false, true]) {
        const V = 7;
        const rnd = (s: number) => Array.from({length: V}, (_, i) => Array.from({length: dim}, (_, d) => Math.sin(s + i * 7.3 + d * 1.7) * 0.3));
        const cumulative = dim !== 8; // word2vec table for dim 8; gensim cumulative table (wasm: bucket index, TS: plain bisection) otherwise
        const table = cumulative ? [...cumulativeTable([5, 40, 3, 100, 20, 1, 7])] : [0, 1, 1, 2, 3, 3, 3, 4, 5, 6, 6];
        const toy: Toy = {
          V,
          dim,
          window: 3,
          negative: 4,
          table,
          syn0: rnd(1),
          syn1: rnd(2),
          keep: [0.5, 0.9, 1, 1, 0.7, 1, 1],
          lock: [0, 0, 1, 0, 0, 0, 0],
          cbow,
          cumulative,
        };
        const sentence = Array.from({length: 300}, (_, i) => (i * i + 3 * i) % V);
        const a = makeKernel('ts', toy, sentence),
          b = makeKernel('wasm', toy, sentence);
        let la = 0,
          lb = 0;
        for (let r = 0; r < 3; r++) (la += a.train(0.05)), (lb += b.train(0.05));
        expect(la, `loss dim ${dim} cbow ${cbow}`).to.equal(lb);
        expect(a.kernel.getRng()).to.equal(b.kernel.getRng());
        for (let i = 0; i < V; i++) {
          expect(a.syn0(i), `syn0 row ${i} dim ${dim} cbow ${cbow}`).to.deep.equal(b.syn0(i));
          expect(a.syn1(i), `syn1 row ${i} dim ${dim} cbow ${cbow}`).to.deep.equal(b.syn1(i));
        }
      }
    }
  });
  describe('shared negatives (pWord2Vec, skip-gram)', () => {
    /** One window in float64, from the definition: all scores from the old values, then E, out and in updates. */
    function windowUpdate(ins: number[][], outs: number[][], alpha: number): {ins: number[][]; outs: number[][]; loss: number} {
      const G = ins.map((x) => outs.map((o, k) => ((k === 0 ? 1 : 0) - tableSigmoid(dot(x, o))) * alpha));
      const loss = ins.reduce((s, x) => s + outs.reduce((t, o, k) => t + Math.log(1 + Math.exp((k === 0 ? -1 : 1) * dot(x, o))), 0), 0);
      const newOuts = outs.map((o, k) => ins.reduce((acc, x, j) => axpy(G[j]![k]!, x, acc), o));
      const newIns = ins.map((x, j) => outs.reduce((acc, o, k) => axpy(G[j]![k]!, o, acc), x));
      return {ins: newIns, outs: newOuts, loss};
    }

    for (const kind of kinds) {
      it(`${kind}: sentence [0, 1, 2], window 1, negative always word 3: matches the window-batched update derived by hand`, () => {
        const dim = 4;
        let w = [
          [0.1, -0.2, 0.3, 0.05],
          [0.2, 0.1, -0.1, 0.4],
          [0.5, -0.1, 0.0, 0.2],
          [0.7, 0.7, 0.7, 0.7],
        ];
        let s = [
          [0.3, 0.2, -0.1, 0.5],
          [-0.2, 0.4, 0.1, 0.3],
          [0.1, 0.1, 0.2, -0.3],
          [0.1, -0.4, 0.2, 0.3],
        ];
        const toy: Toy = {V: 4, dim, window: 1, negative: 1, table: [3], syn0: w, syn1: s, shared: true};
        const k = makeKernel(kind, toy, [0, 1, 2]);
        const alpha = 0.2;
        const loss = k.train(alpha);
        let expectedLoss = 0;
        // centre 0: context [1]; centre 1: contexts [0, 2] (one batch: both scores from the old rows); centre 2: context [1]
        for (const [centre, ctx] of [
          [0, [1]],
          [1, [0, 2]],
          [2, [1]],
        ] as [number, number[]][]) {
          const r = windowUpdate(
            ctx.map((c) => w[c]!),
            [s[centre]!, s[3]!],
            alpha,
          );
          expectedLoss += r.loss;
          w = w.map((row, i) => (ctx.includes(i) ? r.ins[ctx.indexOf(i)]! : row));
          s = s.map((row, i) => (i === centre ? r.outs[0]! : i === 3 ? r.outs[1]! : row));
        }
        for (let i = 0; i < 4; i++) {
          expectArraysClose(k.syn0(i), w[i]!, 1e-6);
          expectArraysClose(k.syn1(i), s[i]!, 1e-6);
        }
        expect(k.kernel.pairs()).to.equal(4);
        expect(loss).to.be.closeTo(expectedLoss, 8 * 0.006);
      });
    }

    it('with one context per window and one negative, shared == plain path bit for bit (both kernels)', () => {
      const V = 50,
        dim = 100;
      const rnd = (seed: number) => Array.from({length: V}, (_, i) => Array.from({length: dim}, (_, d) => Math.sin(seed + i * 3.1 + d * 0.7) * 0.5));
      for (const kind of kinds)
        for (const sentence of [
          [3, 7],
          [7, 7],
          [0, 49],
        ])
          for (const cumulative of [false, true]) {
            const table = cumulative ? [...cumulativeTable(Array.from({length: V}, (_, i) => 100 / (i + 1)))] : Array.from({length: V}, (_, i) => i);
            const base: Toy = {
              V,
              dim,
              window: 1,
              negative: 1,
              table,
              syn0: rnd(1),
              syn1: rnd(2),
              cumulative,
              lock: Array.from({length: V}, (_, i) => Number(i === 49)),
            };
            const plain = makeKernel(kind, base, sentence),
              shared = makeKernel(kind, {...base, shared: true}, sentence);
            for (let r = 0; r < 20; r++) expect(shared.train(0.1), `loss ${kind} ${sentence}`).to.equal(plain.train(0.1));
            expect(shared.kernel.getRng()).to.equal(plain.kernel.getRng());
            for (let i = 0; i < V; i++) {
              expect(shared.syn0(i), `syn0 row ${i}`).to.deep.equal(plain.syn0(i));
              expect(shared.syn1(i), `syn1 row ${i}`).to.deep.equal(plain.syn1(i));
            }
          }
    });

    it('differs from the plain path once a window has several contexts (the scores use the old rows)', () => {
      const V = 7,
        dim = 8;
      const rnd = (seed: number) => Array.from({length: V}, (_, i) => Array.from({length: dim}, (_, d) => Math.sin(seed + i * 7.3 + d * 1.7) * 0.3));
      const base: Toy = {V, dim, window: 2, negative: 2, table: [0, 1, 2, 3, 4, 5, 6], syn0: rnd(1), syn1: rnd(2)};
      const sentence = [0, 1, 2, 3, 4, 5, 6];
      const plain = makeKernel('wasm', base, sentence),
        shared = makeKernel('wasm', {...base, shared: true}, sentence);
      plain.train(0.1);
      shared.train(0.1);
      expect(Array.from({length: V}, (_, i) => shared.syn0(i))).to.not.deep.equal(Array.from({length: V}, (_, i) => plain.syn0(i)));
    });

    it('TS and WebAssembly kernels give bit-identical vectors on the shared path (dims 4, 12, 100; both samplers, lock, subsampling)', () => {
      for (const dim of [4, 12, 100]) {
        const V = 7;
        const rnd = (s: number) => Array.from({length: V}, (_, i) => Array.from({length: dim}, (_, d) => Math.sin(s + i * 7.3 + d * 1.7) * 0.3));
        const cumulative = dim !== 12;
        const table = cumulative ? [...cumulativeTable([5, 40, 3, 100, 20, 1, 7])] : [0, 1, 1, 2, 3, 3, 3, 4, 5, 6, 6];
        const toy: Toy = {
          V,
          dim,
          window: 3,
          negative: 4,
          table,
          syn0: rnd(1),
          syn1: rnd(2),
          keep: [0.5, 0.9, 1, 1, 0.7, 1, 1],
          lock: [0, 0, 1, 0, 0, 0, 0],
          cumulative,
          shared: true,
          skipSaturated: dim === 100,
        };
        const sentence = Array.from({length: 300}, (_, i) => (i * i + 3 * i) % V);
        const a = makeKernel('ts', toy, sentence),
          b = makeKernel('wasm', toy, sentence);
        let la = 0,
          lb = 0;
        for (let r = 0; r < 3; r++) (la += a.train(0.05)), (lb += b.train(0.05));
        expect(la, `loss dim ${dim}`).to.equal(lb);
        expect(a.kernel.getRng()).to.equal(b.kernel.getRng());
        for (let i = 0; i < V; i++) {
          expect(a.syn0(i), `syn0 row ${i} dim ${dim}`).to.deep.equal(b.syn0(i));
          expect(a.syn1(i), `syn1 row ${i} dim ${dim}`).to.deep.equal(b.syn1(i));
        }
      }
    });
  });
});
