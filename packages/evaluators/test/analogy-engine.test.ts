import {expect} from 'chai';
import {createRng, WordVectors} from '@embedlab/core';
import {KeptLists} from '../src/analogy-engine.js';
import {evaluateAnalogyRestricts} from '../src/analogy.js';
import type {AnalogyDataset} from '../src/types.js';

/** Clustered random vectors: the search's block bounds and pruning get exercised as on real embeddings. */
function clustered(n: number, dim: number, seed: number): WordVectors {
  const rng = createRng(seed);
  const centers = Array.from({length: 12}, () => Array.from({length: dim}, () => rng.normal()));
  const entries: [string, number[]][] = [];
  for (let i = 0; i < n; i++) {
    const c = centers[rng.int(centers.length)]!;
    entries.push([`w${i}`, c.map((x) => x + 0.7 * rng.normal())]);
  }
  return WordVectors.fromEntries(entries);
}

/** Independent brute force in float64 over unit vectors (the float64 protocol's definition). */
function bruteForce(v: WordVectors, a: number, b: number, c: number, n: number, method: string, eps: number): number {
  const unit = (r: number) => {
    const x = [...v.row(r)];
    const len = Math.hypot(...x);
    return x.map((y) => y / len);
  };
  const [ua, ub, uc] = [unit(a), unit(b), unit(c)];
  const dot = (x: number[], y: number[]) => x.reduce((s, xi, i) => s + xi * y[i]!, 0);
  let best = -1,
    bestScore = -Infinity;
  for (let r = 0; r < n; r++) {
    if (r === a || r === b || r === c) continue;
    const ux = unit(r);
    let s: number;
    if (method === '3CosAdd') s = dot(ux, ub) - dot(ux, ua) + dot(ux, uc);
    else if (method === '3CosMul') s = (((1 + dot(ux, ub)) / 2) * ((1 + dot(ux, uc)) / 2)) / ((1 + dot(ux, ua)) / 2 + eps);
    else {
      const d = ub.map((x, i) => x - ua[i]!),
        off = ux.map((x, i) => x - uc[i]!);
      s = dot(off, d) / Math.sqrt(dot(off, off) * dot(d, d));
    }
    if (s > bestScore) {
      bestScore = s;
      best = r;
    }
  }
  return best;
}

describe('analogy search (stage 1 pruning + stage 2) against brute force', () => {
  const v = clustered(1200, 12, 5);
  const rng = createRng(9);
  const questions = Array.from({length: 120}, (_, i) => {
    const [a, b, c, d] = [rng.int(1200), rng.int(1200), rng.int(1200), rng.int(1200)];
    return {a: `w${a}`, b: `w${b}`, c: `w${c}`, answers: [`w${d}`], section: 0, line: i + 1};
  }).filter((q) => new Set([q.a, q.b, q.c]).size === 3);
  const ds: AnalogyDataset = {id: 'random', sections: [{name: 'all'}], questions, files: [], duplicateQuestions: 0};
  const restricts = [400, 1000, 1200];

  const cases = [
    ['3CosAdd', 'js'],
    ['3CosMul', 'js'],
    ['PairDirection', 'js'],
    // The worker engine with the main thread helping: chunks computed out of order, scanned in order.
    ['3CosAdd', 'auto'],
  ] as const;
  for (const [method, engine] of cases) {
    it(`${method} (${engine} engine): predictions equal brute force at every restrict, across small chunks`, async () => {
      const results = await evaluateAnalogyRestricts(
        v,
        ds,
        {method, exclusion: 'index', caseFolding: 'none', searchDepth: null, arithmetic: 'float64'},
        restricts,
        {
          engine,
          bootstrap: false,
          chunk: 96,
        },
      );
      restricts.forEach((n, ri) => {
        results[ri]!.records!.forEach((rec, qi) => {
          const q = questions[qi]!;
          const idx = (w: string) => v.indexOf(w);
          if (Math.max(idx(q.a), idx(q.b), idx(q.c), idx(q.answers[0]!)) >= n) {
            expect(rec.status).to.equal('oov');
            return;
          }
          const want = v.words[bruteForce(v, idx(q.a), idx(q.b), idx(q.c), n, method, 1e-6)];
          expect(rec.predicted, `${method} restrict ${n} question ${qi}`).to.equal(want);
        });
      });
    });
  }
});

describe('gold ranks from the pruned search', () => {
  it('equal a brute-force count of allowed candidates above the answer (3CosAdd, 3CosMul)', async () => {
    const v = clustered(600, 10, 11);
    const rng = createRng(12);
    const questions = Array.from({length: 60}, (_, i) => {
      const [a, b, c, d] = [rng.int(600), rng.int(600), rng.int(600), rng.int(600)];
      return {a: `w${a}`, b: `w${b}`, c: `w${c}`, answers: [`w${d}`], section: 0, line: i + 1};
    }).filter((q) => new Set([q.a, q.b, q.c, q.answers[0]]).size === 4);
    const ds: AnalogyDataset = {id: 'random', sections: [{name: 'all'}], questions, files: [], duplicateQuestions: 0};
    const unit = (r: number) => {
      const x = [...v.row(r)];
      const len = Math.hypot(...x);
      return x.map((y) => y / len);
    };
    const dot = (x: number[], y: number[]) => x.reduce((s, xi, i) => s + xi * y[i]!, 0);
    for (const method of ['3CosAdd', '3CosMul'] as const) {
      const [r] = await evaluateAnalogyRestricts(v, ds, {method, exclusion: 'index', caseFolding: 'none', searchDepth: null, arithmetic: 'float64'}, [600], {
        engine: 'js',
        bootstrap: false,
        ranks: true,
        chunk: 64,
      });
      r!.records!.forEach((rec, qi) => {
        const q = questions[qi]!;
        const [ua, ub, uc] = [q.a, q.b, q.c].map((w) => unit(v.indexOf(w)));
        const score = (row: number) => {
          const x = unit(row);
          return method === '3CosAdd'
            ? dot(x, ub!) - dot(x, ua!) + dot(x, uc!)
            : (((1 + dot(x, ub!)) / 2) * ((1 + dot(x, uc!)) / 2)) / ((1 + dot(x, ua!)) / 2 + 1e-6);
        };
        const skip = new Set([q.a, q.b, q.c].map((w) => v.indexOf(w)));
        const gold = score(v.indexOf(q.answers[0]!));
        let above = 0;
        for (let row = 0; row < 600; row++) if (!skip.has(row) && score(row) > gold) above++;
        expect(rec.goldRank, `${method} question ${qi}`).to.equal(above + 1);
      });
    }
  });
});

describe('KeptLists (per-question candidates of the search in shared typed arrays)', () => {
  it('keeps each list equal to a plain array model through pushes, compactions and segment moves', () => {
    const rng = createRng(5);
    const n = 40;
    const kept = new KeptLists(n, 2);
    const model: {row: number; score: number}[][] = Array.from({length: n}, () => []);
    const thr = new Float64Array(n).fill(-Infinity);
    for (let step = 0; step < 20000; step++) {
      const q = rng.int(n);
      // Thresholds only rise, as in the scan; a few lists get many candidates above theirs (forcing moves).
      if (rng.float() < 0.05) thr[q] = thr[q]! === -Infinity ? -1 : thr[q]! + 0.01;
      const score = thr[q]! === -Infinity ? rng.normal() : thr[q]! + (q < 4 ? 1 : rng.normal());
      const row = step;
      kept.push(q, row, score, thr[q]!);
      model[q]!.push({row, score});
    }
    for (let q = 0; q < n; q++) {
      const want = model[q]!.filter((c) => c.score >= thr[q]!).map((c) => c.row);
      expect(kept.compact(q, thr[q]!), `list ${q}`).to.equal(want.length);
      const out = new Int32Array(want.length + 1).fill(-7);
      kept.copyRows(q, out, 1);
      expect([...out.subarray(1)], `list ${q}`).to.deep.equal(want);
      expect(out[0]).to.equal(-7);
    }
    // Lists 0-3 keep hundreds of candidates (all above their thresholds once set) from a capacity of 2: their
    // segments had to move and grow, and the shared arrays to double.
    expect(kept.compact(0, thr[0]!)).to.be.above(100);
  });
});
