import {expect} from 'chai';
import {createRng, WordVectors} from '@embedlab/core';
import {blockMaxima} from '@embedlab/kernels';
import {evaluateAnalogyRestricts} from '../src/analogy.js';
import {widen32} from '../src/chunk-product.js';
import type {AnalogyDataset} from '../src/types.js';

/** Float32 values that stress the float32 difference: denormals, zeros, far-apart exponents, one-ulp neighbours. */
function adversarial(rng: ReturnType<typeof createRng>): number {
  const k = rng.int(8);
  const u = rng.float() * 2 - 1;
  if (k === 0) return Math.fround(u * 2 ** -140); // denormal
  if (k === 1) return rng.int(2) ? 0 : -0;
  if (k === 2) return Math.fround(u * 2 ** -(20 + rng.int(100))); // far below 1
  if (k === 3) return Math.fround(1 - 2 ** -24 * rng.int(4)); // near 1, one ulp apart
  if (k === 4) return Math.fround(-1 + 2 ** -24 * rng.int(4));
  return Math.fround(u);
}

describe('3CosAdd block bound from float32 block maxima (widen32)', () => {
  it('is >= every float64 score of its block: adversarial values, near-ties, denormals, zeros (200,000 blocks)', () => {
    const rng = createRng(3);
    const cols = 32;
    for (let t = 0; t < 200_000 / 64; t++) {
      // 3 rows (a, b, c) x 64 columns = 2 blocks; the scan's score is fl64(fl64(S_b - S_a) + S_c).
      const x = Float32Array.from({length: 3 * 2 * cols}, () => adversarial(rng));
      const {rowMax, pairMax} = blockMaxima(x, 3, 2 * cols, {pairs: Int32Array.from([0, 1])});
      for (let blk = 0; blk < 2; blk++) {
        const bound = widen32(pairMax![blk]!) + rowMax[2 * 2 + blk]!;
        for (let col = blk * cols; col < (blk + 1) * cols; col++) {
          const s = x[2 * cols + col]! - x[col]! + x[4 * cols + col]!;
          if (!(bound >= s)) expect.fail(`block bound ${bound} < score ${s} (a ${x[col]}, b ${x[2 * cols + col]}, c ${x[4 * cols + col]})`);
        }
      }
    }
  });

  it('without the widening, the float32 max alone can fall below a float64 score (so the widening is needed)', () => {
    // b - a = 1 - 2^-25 - 2^-48 (exact in float64) rounds down to 1 - 2^-24 in float32.
    const a = Math.fround(2 ** -25 + 2 ** -48),
      b = 1;
    const f32 = Math.fround(b - a);
    expect(f32).to.be.below(b - a);
    expect(widen32(f32)).to.be.at.least(b - a);
    expect(widen32(0)).to.be.above(0);
    expect(Number.isNaN(widen32(Number.NaN))).to.equal(true);
  });

  it('pruned search equals brute force on exact ties (duplicate rows: lowest row wins) and zero rows', async () => {
    const rng = createRng(21);
    const dim = 8,
      n = 700;
    const base = Array.from({length: 10}, () => Array.from({length: dim}, () => rng.normal()));
    const rows: number[][] = [];
    for (let i = 0; i < n; i++) {
      if (i % 50 === 7)
        rows.push(new Array(dim).fill(0)); // zero rows: unit row 0, score 0
      else if (i % 3 === 0 && i > 0)
        rows.push([...rows[rng.int(i)]!]); // exact duplicate of an earlier row: ties
      else rows.push(base[rng.int(base.length)]!.map((x) => x + 0.05 * rng.normal())); // tight clusters: near-ties
    }
    const v = WordVectors.fromEntries(rows.map((r, i) => [`w${i}`, r]));
    const questions = Array.from({length: 150}, (_, i) => {
      const [a, b, c, d] = [rng.int(n), rng.int(n), rng.int(n), rng.int(n)];
      return {a: `w${a}`, b: `w${b}`, c: `w${c}`, answers: [`w${d}`], section: 0, line: i + 1};
    }).filter((q) => new Set([q.a, q.b, q.c]).size === 3 && [q.a, q.b, q.c].every((w) => Number(w.slice(1)) % 50 !== 7));
    const ds: AnalogyDataset = {id: 'ties', sections: [{name: 'all'}], questions, files: [], duplicateQuestions: 0};
    const unit = (r: number) => {
      const x = [...v.row(r)];
      const len = Math.hypot(...x);
      return len === 0 ? x.map(() => 0) : x.map((y) => y / len);
    };
    const U = Array.from({length: n}, (_, r) => unit(r));
    const [res] = await evaluateAnalogyRestricts(
      v,
      ds,
      {method: '3CosAdd', exclusion: 'index', caseFolding: 'none', searchDepth: null, arithmetic: 'float64'},
      [n],
      {engine: 'kernel', bootstrap: false, chunk: 128},
    );
    res!.records!.forEach((rec, qi) => {
      const q = questions[qi]!;
      const [a, b, c] = [q.a, q.b, q.c].map((w) => v.indexOf(w)) as [number, number, number];
      // q = ub - ua + uc, one dot per row: the float64 protocol's arithmetic, so exact ties stay ties.
      const qv = U[b]!.map((x, j) => x - U[a]![j]! + U[c]![j]!);
      let best = -1,
        bestScore = -Infinity;
      for (let r = 0; r < n; r++) {
        if (r === a || r === b || r === c) continue;
        let s = 0;
        for (let j = 0; j < dim; j++) s += U[r]![j]! * qv[j]!;
        if (s > bestScore) {
          bestScore = s;
          best = r;
        }
      }
      expect(rec.predicted, `question ${qi}`).to.equal(v.words[best]);
    });
  });
});
