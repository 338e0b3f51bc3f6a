/**
 * The project's fast float32 matrix products on one WebAssembly SIMD kernel (wasm/gemm.wat), and the plain
 * TypeScript twin the tests compare them with bit for bit.
 *
 * One instance (and linear memory) per thread: inputs are copied into the module's memory and the result
 * copied out (tfjs does not expose its memory, and callers own their arrays). The copies cost a few percent
 * of a product with an inner size of 100.
 */
import {readFileSync} from 'node:fs';

// The project's lib settings carry no WebAssembly types (no DOM lib): the few members used, declared here.
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => {exports: unknown};
}
const wasm = (globalThis as unknown as {WebAssembly: WasmApi}).WebAssembly;

interface Kernel {
  memory: WasmMemory;
  gemm(a: number, b: number, c: number, M: number, N: number, K: number, ars: number, acs: number, ldb: number, ldc: number, tn: number): void;
  mm(
    a: number,
    b: number,
    c: number,
    batch: number,
    M: number,
    N: number,
    K: number,
    ars: number,
    acs: number,
    aStride: number,
    bStride: number,
    cStride: number,
  ): void;
  transpose(src: number, dst: number, batch: number, R: number, C: number): void;
  blockmax(x: number, rows: number, n: number, out: number): void;
  pairmax(x: number, n: number, pairs: number, np: number, out: number): void;
}

let kernel: Kernel | undefined;
function load(): Kernel {
  if (!kernel) {
    const bytes = readFileSync(new URL('./wasm/gemm.wasm', import.meta.url));
    kernel = new wasm.Instance(new wasm.Module(bytes), {}).exports as Kernel;
  }
  return kernel;
}

function reserve(k: Kernel, bytes: number): Float32Array {
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return new Float32Array(k.memory.buffer);
}

/** Columns per tile: a 100 x 256 float32 panel of B is 100 KB, inside a core's L2. */
export const GEMM_TILE = 256;

/** Columns per block of `blockMaxima`. */
export const MAX_BLOCK = 32;

export interface BlockMaximaOptions {
  /** Flat (a, b) row pairs: `pairMax` holds the block maxima of x[b] - x[a] (float32 subtraction). */
  pairs?: Int32Array | undefined;
  /** Written instead of new arrays (their first rows * blocks / pairs * blocks values). */
  rowOut?: Float32Array | undefined;
  pairOut?: Float32Array | undefined;
}

/**
 * Maxima over blocks of MAX_BLOCK consecutive columns (the last block may be shorter) of x [rows, cols]
 * (row-major float32): `rowMax` [rows, blocks] per row, and with `pairs`, `pairMax` [pairs, blocks] of
 * x[b] - x[a] per (a, b) row pair, blocks = ceil(cols / MAX_BLOCK). The analogy search's per-block upper
 * bounds; SIMD, ~10x the scalar loop. A NaN in a block makes its max NaN; max(-0, +0) is +0.
 */
export function blockMaxima(x: Float32Array, rows: number, cols: number, options: BlockMaximaOptions = {}): {rowMax: Float32Array; pairMax?: Float32Array} {
  if (x.length < rows * cols) throw new RangeError(`blockMaxima: x needs ${rows}x${cols} values, got ${x.length}`);
  const nb = Math.ceil(cols / MAX_BLOCK);
  const pairs = options.pairs;
  const np = pairs ? pairs.length >> 1 : 0;
  if (pairs) {
    for (let i = 0; i < 2 * np; i++) {
      const r = pairs[i]!;
      if (!(r >= 0 && r < rows)) throw new RangeError(`blockMaxima: pair row ${r} is outside the ${rows} rows`);
    }
  }
  const rowOut = options.rowOut ? options.rowOut.subarray(0, rows * nb) : new Float32Array(rows * nb);
  const pairOut = pairs ? (options.pairOut ? options.pairOut.subarray(0, np * nb) : new Float32Array(np * nb)) : undefined;
  if (rowOut.length < rows * nb || (pairOut && pairOut.length < np * nb)) throw new RangeError('blockMaxima: an out array is too short');
  const k = load();
  const offX = 0,
    offPairs = rows * cols * 4,
    offRow = offPairs + np * 8,
    offPair = offRow + rows * nb * 4;
  const heap = reserve(k, offPair + np * nb * 4);
  heap.set(x.subarray(0, rows * cols), 0);
  k.blockmax(offX, rows, cols, offRow);
  rowOut.set(new Float32Array(k.memory.buffer, offRow, rows * nb));
  if (pairs && pairOut) {
    new Int32Array(k.memory.buffer, offPairs, 2 * np).set(pairs.subarray(0, 2 * np));
    k.pairmax(offX, cols, offPairs, np, offPair);
    pairOut.set(new Float32Array(k.memory.buffer, offPair, np * nb));
    return {rowMax: rowOut, pairMax: pairOut};
  }
  return {rowMax: rowOut};
}

/** The plain TypeScript twin of `blockMaxima` (same values, NaN and signed-zero rules included). */
export function blockMaximaJs(x: Float32Array, rows: number, cols: number, pairs?: Int32Array): {rowMax: Float32Array; pairMax?: Float32Array} {
  const nb = Math.ceil(cols / MAX_BLOCK);
  const max = (m: number, v: number) => (Number.isNaN(m) || Number.isNaN(v) ? Number.NaN : v > m || (v === 0 && m === 0 && Object.is(m, -0)) ? v : m);
  const rowMax = new Float32Array(rows * nb);
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < nb; b++) {
      let m = x[r * cols + b * MAX_BLOCK]!;
      for (let c = b * MAX_BLOCK + 1; c < Math.min(cols, (b + 1) * MAX_BLOCK); c++) m = max(m, x[r * cols + c]!);
      rowMax[r * nb + b] = m;
    }
  }
  if (!pairs) return {rowMax};
  const np = pairs.length >> 1;
  const pairMax = new Float32Array(np * nb);
  for (let i = 0; i < np; i++) {
    const oa = pairs[2 * i]! * cols,
      ob = pairs[2 * i + 1]! * cols;
    for (let b = 0; b < nb; b++) {
      let m = Math.fround(x[ob + b * MAX_BLOCK]! - x[oa + b * MAX_BLOCK]!);
      for (let c = b * MAX_BLOCK + 1; c < Math.min(cols, (b + 1) * MAX_BLOCK); c++) m = max(m, Math.fround(x[ob + c]! - x[oa + c]!));
      pairMax[i * nb + b] = m;
    }
  }
  return {rowMax, pairMax};
}

export interface GemmOptions {
  /** Written with the result (its first M * N values) and returned, instead of a new array. */
  out?: Float32Array | undefined;
  /** Columns per cache tile. __Default:__ GEMM_TILE. */
  tile?: number;
}

/**
 * C [M, N] = A [M, K] x B [K, N], all row-major float32. Any N (the kernel's multiple of 8 is padded here).
 * Each element is sum_k fround(a*b) accumulated in k order in float32, exactly as `gemmJs`.
 */
export function gemm(a: Float32Array, b: Float32Array, M: number, K: number, N: number, options: GemmOptions = {}): Float32Array {
  const tile = options.tile ?? GEMM_TILE;
  if (options.out && options.out.length < M * N) throw new RangeError(`gemm: out holds ${options.out.length} values, the product ${M}x${N}`);
  if (a.length < M * K || b.length < K * N) throw new RangeError(`gemm: A needs ${M}x${K} and B ${K}x${N} values, got ${a.length} and ${b.length}`);
  const k = load();
  const N8 = Math.ceil(N / 8) * 8;
  const offA = 0,
    offB = M * K * 4,
    offC = offB + K * N8 * 4;
  const heap = reserve(k, offC + M * N8 * 4);
  heap.set(a.subarray(0, M * K), 0);
  if (N8 === N) heap.set(b.subarray(0, K * N), offB / 4);
  else {
    for (let r = 0; r < K; r++) {
      heap.set(b.subarray(r * N, r * N + N), offB / 4 + r * N8);
      heap.fill(0, offB / 4 + r * N8 + N, offB / 4 + (r + 1) * N8);
    }
  }
  k.gemm(offA, offB, offC, M, N8, K, K, 1, N8, N8, Math.max(8, Math.floor(tile / 8) * 8));
  const out = new Float32Array(k.memory.buffer, offC, M * N8);
  const c = options.out ? options.out.subarray(0, M * N) : new Float32Array(M * N);
  if (N8 === N) {
    c.set(out);
    return c;
  }
  for (let i = 0; i < M; i++) c.set(out.subarray(i * N8, i * N8 + N), i * N);
  return c;
}

export interface GemmMaximaOptions extends GemmOptions, BlockMaximaOptions {}

/**
 * `gemm` followed by `blockMaxima` of the product C [M, N], the maxima taken while C is still in the kernel's
 * memory: C is copied out of the module once, not out and back in again for the maxima. Why: at the analogy search's shape (905 x 4416 per chunk) those two extra 16 MB copies cost about
 * as much as the maxima. Same values as `gemm` then `blockMaxima`, bit for bit (N not a multiple of 8 takes
 * exactly that path: the padded columns would enter the last block).
 */
export function gemmBlockMaxima(
  a: Float32Array,
  b: Float32Array,
  M: number,
  K: number,
  N: number,
  options: GemmMaximaOptions = {},
): {c: Float32Array; rowMax: Float32Array; pairMax?: Float32Array} {
  if (N % 8 !== 0) {
    const c = gemm(a, b, M, K, N, options);
    return {c, ...blockMaxima(c, M, N, options)};
  }
  const tile = options.tile ?? GEMM_TILE;
  if (options.out && options.out.length < M * N) throw new RangeError(`gemmBlockMaxima: out holds ${options.out.length} values, the product ${M}x${N}`);
  if (a.length < M * K || b.length < K * N) throw new RangeError(`gemmBlockMaxima: A needs ${M}x${K} and B ${K}x${N} values, got ${a.length} and ${b.length}`);
  const nb = Math.ceil(N / MAX_BLOCK);
  const pairs = options.pairs;
  const np = pairs ? pairs.length >> 1 : 0;
  for (let i = 0; i < 2 * np; i++) {
    const r = pairs![i]!;
    if (!(r >= 0 && r < M)) throw new RangeError(`gemmBlockMaxima: pair row ${r} is outside the ${M} rows`);
  }
  const rowOut = options.rowOut ? options.rowOut.subarray(0, M * nb) : new Float32Array(M * nb);
  const pairOut = pairs ? (options.pairOut ? options.pairOut.subarray(0, np * nb) : new Float32Array(np * nb)) : undefined;
  if (rowOut.length < M * nb || (pairOut && pairOut.length < np * nb)) throw new RangeError('gemmBlockMaxima: an out array is too short');
  const k = load();
  const offA = 0,
    offB = M * K * 4,
    offC = offB + K * N * 4,
    offPairs = offC + M * N * 4,
    offRow = offPairs + np * 8,
    offPair = offRow + M * nb * 4;
  const heap = reserve(k, offPair + np * nb * 4);
  heap.set(a.subarray(0, M * K), 0);
  heap.set(b.subarray(0, K * N), offB / 4);
  k.gemm(offA, offB, offC, M, N, K, K, 1, N, N, Math.max(8, Math.floor(tile / 8) * 8));
  k.blockmax(offC, M, N, offRow);
  const c = options.out ? options.out.subarray(0, M * N) : new Float32Array(M * N);
  c.set(new Float32Array(k.memory.buffer, offC, M * N));
  rowOut.set(new Float32Array(k.memory.buffer, offRow, M * nb));
  if (!pairs || !pairOut) return {c, rowMax: rowOut};
  new Int32Array(k.memory.buffer, offPairs, 2 * np).set(pairs.subarray(0, 2 * np));
  k.pairmax(offC, N, offPairs, np, offPair);
  pairOut.set(new Float32Array(k.memory.buffer, offPair, np * nb));
  return {c, rowMax: rowOut, pairMax: pairOut};
}

/** The plain TypeScript twin of `gemm`: the same float32 operations in the same order (bit-identical). */
export function gemmJs(a: Float32Array, b: Float32Array, M: number, K: number, N: number): Float32Array {
  const c = new Float32Array(M * N);
  const fr = Math.fround;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s = fr(s + fr(a[i * K + k]! * b[k * N + j]!));
      c[i * N + j] = s;
    }
  }
  return c;
}

/**
 * `batch` products C = op(A) @ op(B): A is [M, K] (or stored [K, M] when `aT`), B is [K, N] (or stored
 * [N, K] when `bT`), pairs packed one after another. Returns C [batch, M, N] row-major. N and K must be
 * multiples of 8 (the Transformer's attention shapes; it falls back to tf.matMul otherwise).
 */
export function batchedProduct(a: Float32Array, b: Float32Array, batch: number, M: number, K: number, N: number, aT: boolean, bT: boolean): Float32Array {
  if (N % 8 !== 0) throw new RangeError(`batchedProduct: N = ${N} is not a multiple of 8`);
  const k = load();
  const aBytes = batch * M * K * 4,
    bBytes = batch * K * N * 4,
    cBytes = batch * M * N * 4;
  const offA = 0,
    offB = aBytes,
    offC = offB + bBytes,
    offScratch = offC + cBytes;
  let heap = reserve(k, offScratch + (bT ? bBytes : 0));
  heap.set(a.subarray(0, batch * M * K), offA / 4);
  if (bT) {
    heap.set(b.subarray(0, batch * K * N), offScratch / 4);
    k.transpose(offScratch, offB, batch, N, K); // [N, K] -> [K, N]
  } else heap.set(b.subarray(0, batch * K * N), offB / 4);
  k.mm(offA, offB, offC, batch, M, N, K, aT ? 1 : K, aT ? M : 1, M * K, K * N, M * N);
  heap = new Float32Array(k.memory.buffer);
  return heap.slice(offC / 4, offC / 4 + batch * M * N);
}
