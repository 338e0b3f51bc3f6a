import {strict as assert} from 'node:assert';
import {batchedProduct, gemm, gemmJs} from '../src/index.js';
import {random} from './random.js';

/** Same bits everywhere (+0 and -0 told apart, NaN equal to NaN). */
function assertSameBits(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length),
    b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) assert.fail(`${what}: element ${i} is ${actual[i]}, the TS twin gives ${expected[i]}`);
}

/** Float64 product, for the twin itself (it must be a matrix product, not just equal to the kernel). */
function gemm64(a: Float32Array, b: Float32Array, M: number, K: number, N: number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) c[i * N + j]! += a[i * K + k]! * b[k * N + j]!;
  return c;
}

describe('gemm (wasm SIMD) against its TypeScript twin', () => {
  it('the twin is a matrix product (float64 within float32 rounding)', () => {
    const [M, K, N] = [5, 37, 11];
    const a = random(M * K, 1),
      b = random(K * N, 2);
    const c = gemmJs(a, b, M, K, N),
      want = gemm64(a, b, M, K, N);
    for (let i = 0; i < c.length; i++) assert.ok(Math.abs(c[i]! - want[i]!) < 1e-5, `element ${i}: ${c[i]} vs ${want[i]}`);
  });

  // Shapes: remainder rows (M % 4), widths that are not a multiple of 8 (padded), a tile boundary inside a
  // width (N > tile), K = 1, the analogy shape's inner size 100.
  for (const [M, K, N, tile] of [
    [1, 1, 1, 256],
    [3, 5, 7, 256],
    [4, 8, 8, 256],
    [13, 100, 300, 256],
    [9, 100, 517, 64],
    [33, 17, 1030, 256],
    [900, 100, 40, 8],
  ] as const) {
    it(`random ${M}x${K} by ${K}x${N} (tile ${tile}): bit-identical`, () => {
      const a = random(M * K, M + K),
        b = random(K * N, N + 7);
      assertSameBits(gemm(a, b, M, K, N, {tile}), gemmJs(a, b, M, K, N), `${M}x${K}x${N}`);
    });
  }

  it('adversarial values: ties, cancellation, denormals, zero rows, signed zeros, huge and tiny: bit-identical', () => {
    const [M, K, N] = [8, 24, 40];
    const a = random(M * K, 11),
      b = random(K * N, 12);
    a.fill(0, 0, K); // a zero row: every output +0
    for (let k = 0; k < K; k++) a[K + k] = k % 2 ? -0 : 0; // signed zeros
    for (let k = 0; k < K; k++) a[2 * K + k] = 1e-39 * (k + 1); // denormal inputs
    for (let k = 0; k < K; k++) a[3 * K + k] = k % 2 ? 3e38 : -3e38; // overflow to +-Infinity in partial sums
    for (let k = 0; k < K; k++) a[4 * K + k] = a[5 * K + k] = 0.1 * (k % 3); // two equal rows: tied outputs
    for (let k = 0; k < K; k++) a[6 * K + k] = k < K / 2 ? 1 : -1; // cancellation: sum of +x and -x
    for (let j = 0; j < N; j++) b[j] = 1e-38; // tiny products become denormal or zero
    for (let k = 0; k < K; k++) b[k * N + 3] = 0; // a zero column
    for (let k = 0; k < K; k++) b[k * N + 5] = b[((k + K / 2) % K) * N + 5]!; // symmetric column for the cancellation row
    const c = gemm(a, b, M, K, N);
    assertSameBits(c, gemmJs(a, b, M, K, N), 'adversarial');
    for (let j = 0; j < N; j++) assert.ok(Object.is(c[j], 0), 'zero row gives +0');
    for (let j = 0; j < N; j++) assert.equal(c[4 * N + j], c[5 * N + j], 'equal rows tie exactly');
  });

  it('writes into `out` and returns it; refuses inputs that are too short', () => {
    const a = random(6 * 10, 3),
      b = random(10 * 12, 4);
    const out = new Float32Array(6 * 12 + 5).fill(7);
    const c = gemm(a, b, 6, 10, 12, {out});
    assert.equal(c.buffer, out.buffer);
    assertSameBits(out.subarray(0, 72), gemmJs(a, b, 6, 10, 12), 'out');
    assert.equal(out[72], 7);
    assert.throws(() => gemm(a, b, 7, 10, 12), /A needs 7x10/);
    assert.throws(() => gemm(a, b, 6, 10, 12, {out: new Float32Array(10)}), /out holds 10/);
  });
});

describe('batchedProduct (the Transformer attention products)', () => {
  for (const [aT, bT] of [
    [false, false],
    [true, false],
    [false, true],
  ] as const) {
    it(`A${aT ? 'ᵀ' : ''} B${bT ? 'ᵀ' : ''} over a batch of 3 equals per-item products, bit for bit`, () => {
      const [batch, M, K, N] = [3, 13, 16, 24];
      const a = random(batch * M * K, 5),
        b = random(batch * K * N, 6);
      const c = batchedProduct(a, b, batch, M, K, N, aT, bT);
      for (let n = 0; n < batch; n++) {
        const an = a.subarray(n * M * K, (n + 1) * M * K),
          bn = b.subarray(n * K * N, (n + 1) * K * N);
        // Untransposed copies for the twin.
        const A = new Float32Array(M * K),
          B = new Float32Array(K * N);
        for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) A[i * K + k] = aT ? an[k * M + i]! : an[i * K + k]!;
        for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) B[k * N + j] = bT ? bn[j * K + k]! : bn[k * N + j]!;
        assertSameBits(c.subarray(n * M * N, (n + 1) * M * N), gemmJs(A, B, M, K, N), `item ${n}`);
      }
    });
  }
  it('refuses a width that is not a multiple of 8', () => {
    assert.throws(() => batchedProduct(new Float32Array(4), new Float32Array(4), 1, 2, 2, 2, false, false), /multiple of 8/);
  });
});
