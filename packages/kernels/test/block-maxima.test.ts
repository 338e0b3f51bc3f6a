import {strict as assert} from 'node:assert';
import {blockMaxima, blockMaximaJs, gemm, gemmBlockMaxima, gemmJs, MAX_BLOCK} from '../src/index.js';
import {random} from './random.js';

/** Equal values, +0 and -0 told apart, NaN equal to NaN. */
function assertSame(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++)
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: element ${i} is ${actual[i]}, the TS twin gives ${expected[i]}`);
}

/** Independent reference: max over each block by sorting in float64 (no shared code with the twin). */
function sortedMax(values: number[]): number {
  if (values.some((v) => Number.isNaN(v))) return Number.NaN;
  const top = Math.max(...values);
  return top === 0 && values.some((v) => Object.is(v, 0)) ? 0 : top;
}

describe('blockMaxima (SIMD block maxima) against its TypeScript twin and a plain reference', () => {
  it('random shapes, partial last blocks and pairs: the same values as the twin and as a per-block reference', () => {
    for (const [rows, cols, seed] of [
      [1, 1, 1],
      [3, 31, 2],
      [5, 32, 3],
      [7, 33, 4],
      [9, 100, 5],
      [17, 4416, 6],
      [4, 3504, 7],
    ] as const) {
      const x = random(rows * cols, seed);
      const pairs = Int32Array.from({length: 2 * rows}, (_, i) => (i * 7 + seed) % rows);
      const got = blockMaxima(x, rows, cols, {pairs});
      const want = blockMaximaJs(x, rows, cols, pairs);
      assertSame(got.rowMax, want.rowMax, `rowMax ${rows}x${cols}`);
      assertSame(got.pairMax!, want.pairMax!, `pairMax ${rows}x${cols}`);
      const nb = Math.ceil(cols / MAX_BLOCK);
      for (let r = 0; r < rows; r++) {
        for (let b = 0; b < nb; b++) {
          const block = Array.from(x.subarray(r * cols + b * MAX_BLOCK, r * cols + Math.min(cols, (b + 1) * MAX_BLOCK)));
          assert.equal(got.rowMax[r * nb + b], sortedMax(block), `row ${r} block ${b}`);
        }
      }
      for (let p = 0; p < rows; p++) {
        const [a, bRow] = [pairs[2 * p]!, pairs[2 * p + 1]!];
        for (let b = 0; b < nb; b++) {
          const diffs: number[] = [];
          for (let c = b * MAX_BLOCK; c < Math.min(cols, (b + 1) * MAX_BLOCK); c++) diffs.push(Math.fround(x[bRow * cols + c]! - x[a * cols + c]!));
          assert.equal(got.pairMax![p * nb + b], sortedMax(diffs), `pair ${p} block ${b}`);
        }
      }
    }
  });

  it('adversarial values: NaN, signed zeros, denormals, infinities, ties, all-equal blocks', () => {
    const cols = 70,
      rows = 6;
    const x = new Float32Array(rows * cols);
    x.fill(-0, 0, cols); // row 0: all -0 (max -0), then one +0 in the second block
    x[40] = 0;
    for (let c = 0; c < cols; c++) x[cols + c] = c % 3 === 0 ? 1e-45 : -1e-45; // row 1: denormals
    x.fill(0.5, 2 * cols, 3 * cols); // row 2: ties
    x[2 * cols + 65] = Number.NaN; // NaN in the partial last block
    x[2 * cols + 3] = Number.NaN;
    for (let c = 0; c < cols; c++) x[3 * cols + c] = c === 10 ? Number.POSITIVE_INFINITY : c === 50 ? Number.NEGATIVE_INFINITY : -c;
    x.fill(Number.NEGATIVE_INFINITY, 4 * cols, 5 * cols);
    for (let c = 0; c < cols; c++) x[5 * cols + c] = 1 - 2 ** -24 * (c % 5); // near-ties one ulp apart
    const pairs = Int32Array.from([0, 1, 1, 0, 2, 5, 5, 2, 3, 4, 4, 3, 5, 5, 1, 1]);
    const got = blockMaxima(x, rows, cols, {pairs});
    const want = blockMaximaJs(x, rows, cols, pairs);
    assertSame(got.rowMax, want.rowMax, 'rowMax');
    assertSame(got.pairMax!, want.pairMax!, 'pairMax');
    const nb = Math.ceil(cols / MAX_BLOCK);
    assert.ok(Object.is(got.rowMax[0], -0) && Object.is(got.rowMax[1], 0), 'signed zeros: all -0 gives -0, a +0 wins');
    assert.ok(Number.isNaN(got.rowMax[2 * nb]!) && got.rowMax[2 * nb + 1] === 0.5 && Number.isNaN(got.rowMax[2 * nb + 2]!), 'NaN poisons its block only');
    assert.equal(got.rowMax[3 * nb], Number.POSITIVE_INFINITY);
    assert.equal(got.rowMax[4 * nb], Number.NEGATIVE_INFINITY);
    assert.equal(got.rowMax[nb], Math.fround(1e-45), 'denormal max kept');
    assert.equal(got.rowMax[5 * nb], 1, 'the largest of near-ties one ulp apart');
  });

  it('writes into given arrays and refuses a pair row outside the matrix', () => {
    const x = random(3 * 64, 11);
    const rowOut = new Float32Array(16),
      pairOut = new Float32Array(8);
    const r = blockMaxima(x, 3, 64, {pairs: Int32Array.from([0, 2]), rowOut, pairOut});
    assert.equal(r.rowMax.buffer, rowOut.buffer);
    assert.equal(r.pairMax!.buffer, pairOut.buffer);
    assert.throws(() => blockMaxima(x, 3, 64, {pairs: Int32Array.from([0, 3])}), /pair row 3 is outside the 3 rows/);
  });

  it('gemmBlockMaxima: the product and its maxima equal the gemm twin then blockMaximaJs, bit for bit, reusing out arrays', () => {
    const out = new Float32Array(40 * 4416),
      rowOut = new Float32Array(40 * 200),
      pairOut = new Float32Array(40 * 200);
    for (const [M, K, N, seed] of [
      [1, 1, 8, 11],
      [5, 3, 32, 12],
      [7, 10, 40, 13], // a partial last block
      [6, 4, 31, 14], // N not a multiple of 8: the separate path
      [9, 100, 4416, 15],
      [40, 17, 264, 16],
    ] as const) {
      const a = random(M * K, seed),
        b = random(K * N, seed + 100);
      // Tied rows (a pair of equal rows gives differences of +0) and a zero row.
      if (M > 2) a.copyWithin(K, 0, K);
      if (M > 3) a.fill(0, 3 * K, 4 * K);
      const pairs = Int32Array.from({length: 2 * M}, (_, i) => (i * 5 + seed) % M);
      const want = gemmJs(a, b, M, K, N);
      assertSame(gemm(a, b, M, K, N), want, `gemm ${M}x${K}x${N}`);
      const expected = blockMaximaJs(want, M, N, pairs);
      const got = gemmBlockMaxima(a, b, M, K, N, {pairs, out, rowOut, pairOut});
      assertSame(got.c, want, `c ${M}x${K}x${N}`);
      assertSame(got.rowMax, expected.rowMax, `rowMax ${M}x${K}x${N}`);
      assertSame(got.pairMax!, expected.pairMax!, `pairMax ${M}x${K}x${N}`);
      assert.equal(got.c.buffer, out.buffer, 'the out array is written');
      const plain = gemmBlockMaxima(a, b, M, K, N);
      assertSame(plain.rowMax, expected.rowMax, `rowMax without pairs ${M}x${K}x${N}`);
      assert.equal(plain.pairMax, undefined);
    }
    assert.throws(() => gemmBlockMaxima(random(4, 1), random(16, 2), 2, 2, 8, {pairs: Int32Array.of(0, 2)}), /pair row 2 is outside the 2 rows/);
  });
});
