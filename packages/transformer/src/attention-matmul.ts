/**
 * `batchedMatMul(a, b)`: a @ b over leading batch axes (attention's q k^T and att v, [B, H, T, *]) on our
 * own WebAssembly SIMD kernel (wasm/batched-matmul.wat), forward and backward.
 *
 * Why: tfjs-wasm sends batched products to a plain loop that ran [64,128,128] x [64,128,32] at ~1.5
 * GFLOP/s, and splitting them into 2-d products is worse (an XNNPACK operator is created per call). The
 * kernel keeps 4 rows x 8 columns in registers and reads A with any strides, so the same code computes
 * dB = A^T dY; dA = dY B^T transposes B inside the kernel's memory first. Inputs are copied into the
 * module's memory and the result copied out (a few ms per product; tfjs does not expose its memory).
 *
 * Falls back to `matMul` (forward.ts) when the output width or the inner size is not a multiple of 8.
 */
import * as tf from '@tensorflow/tfjs';
import {readStorage} from '@embedlab/core';
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
  mm(a: number, b: number, c: number, batch: number, M: number, N: number, K: number, ars: number, acs: number, aStride: number, bStride: number, cStride: number): void;
  transpose(src: number, dst: number, batch: number, R: number, C: number): void;
}

let kernel: Kernel | undefined;
function load(): Kernel {
  if (!kernel) {
    const bytes = readFileSync(new URL('./wasm/batched-matmul.wasm', import.meta.url));
    kernel = new wasm.Instance(new wasm.Module(bytes), {}).exports as Kernel;
  }
  return kernel;
}

function reserve(k: Kernel, bytes: number): void {
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
}

/**
 * C = op(A) @ op(B) for `batch` pairs: A is [M, K] (or stored [K, M] when `aT`), B is [K, N] (or stored
 * [N, K] when `bT`). Returns C [batch, M, N] row-major.
 */
export function kernelProduct(a: Float32Array, b: Float32Array, batch: number, M: number, K: number, N: number, aT: boolean, bT: boolean): Float32Array {
  const k = load();
  const aBytes = batch * M * K * 4, bBytes = batch * K * N * 4, cBytes = batch * M * N * 4;
  const offA = 0, offB = aBytes, offC = offB + bBytes, offScratch = offC + cBytes;
  reserve(k, offScratch + (bT ? bBytes : 0));
  let heap = new Float32Array(k.memory.buffer);
  heap.set(a.subarray(0, batch * M * K), offA / 4);
  if (bT) {
    heap.set(b.subarray(0, batch * K * N), offScratch / 4);
    k.transpose(offScratch, offB, batch, N, K); // [N, K] -> [K, N]
  } else heap.set(b.subarray(0, batch * K * N), offB / 4);
  k.mm(offA, offB, offC, batch, M, N, K, aT ? 1 : K, aT ? M : 1, M * K, K * N, M * N);
  heap = new Float32Array(k.memory.buffer);
  return heap.slice(offC / 4, offC / 4 + batch * M * N);
}

function fits(m: number, k: number, n: number): boolean {
  return n % 8 === 0 && k % 8 === 0 && m > 0;
}

/** a [..., M, K] @ b [..., K, N] with equal leading axes, on the SIMD kernel (see the file comment). */
export function batchedMatMul<T extends tf.Tensor>(a: T, b: tf.Tensor, fallback: (a: T, b: tf.Tensor) => T): T {
  const r = a.rank;
  const [M, K] = [a.shape[r - 2] as number, a.shape[r - 1] as number];
  const N = b.shape[r - 1] as number;
  const lead = a.shape.slice(0, -2);
  const sameLead = b.rank === r && lead.every((d, i) => d === b.shape[i]);
  if (r < 3 || !sameLead || !fits(M, K, N)) return fallback(a, b);
  const batch = lead.reduce((x, y) => x * y, 1);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y] = args as [tf.Tensor, tf.Tensor];
    const save = args[2] as tf.GradSaveFunc;
    save([x, y]);
    const value = tf.tensor(kernelProduct(readStorage(x), readStorage(y), batch, M, K, N, false, false), [...lead, M, N]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ys] = saved as [tf.Tensor, tf.Tensor];
      const dyData = readStorage(dy);
      const dA = kernelProduct(dyData, readStorage(ys), batch, M, N, K, false, true); // dY [M,N] @ B^T [N,K]
      const dB = kernelProduct(readStorage(xs), readStorage(dy), batch, K, M, N, true, false); // A^T [K,M] @ dY [M,N]
      return [tf.tensor(dA, [...lead, M, K]), tf.tensor(dB, [...lead, K, N])];
    };
    return {value, gradFunc};
  });
  return op(a, b) as T;
}
