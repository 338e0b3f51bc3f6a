/**
 * The skipgram update (hidden = mean of the input rows, one positive and its negatives, every input row
 * += grad) in two twins over one memory layout: WebAssembly SIMD (wasm/fasttext-kernel.wat) and plain TS.
 * The TS twin rounds every product and sum to float32 and sums the dot product in the kernel's four lanes,
 * so both give bit-identical vectors (tested). The TS twin runs where WebAssembly SIMD is missing or dim is
 * not a multiple of 4.
 */
import {readFileSync} from 'node:fs';

const f = Math.fround;
export const SIGMOID_TABLE_SIZE = 512;
export const MAX_SIGMOID = 8;
export const LOG_TABLE_SIZE = 512;

/** One thread's scratch (byte offsets): hidden and gradient vectors, the targets of an example, the CBOW bag. */
export interface ThreadScratch {
  hidden: number;
  grad: number;
  targets: number;
  /** CBOW: the context words' rows, i32[bagCapacity]. */
  bag: number;
}

/** Byte offsets of everything the kernel reads and writes (16-byte aligned). */
export interface KernelLayout {
  dim: number;
  sig: number;
  log: number;
  subwords: number;
  wi: number;
  wo: number;
  /** Scratch per thread. */
  threads: ThreadScratch[];
  bytes: number;
}

export function kernelLayout(
  dim: number,
  maxTargets: number,
  subwordCount: number,
  bagCapacity: number,
  inputRows: number,
  outputRows: number,
  threads = 1,
): KernelLayout {
  let at = 0;
  const take = (bytes: number) => {
    const start = at;
    at += Math.ceil(bytes / 16) * 16;
    return start;
  };
  const sig = take(4 * (SIGMOID_TABLE_SIZE + 1));
  const log = take(4 * (LOG_TABLE_SIZE + 1));
  const scratch = Array.from({length: threads}, () => ({
    hidden: take(4 * dim),
    grad: take(4 * dim),
    targets: take(4 * maxTargets),
    bag: take(4 * bagCapacity),
  }));
  const subwords = take(4 * subwordCount);
  const wi = take(4 * inputRows * dim);
  const wo = take(4 * outputRows * dim);
  return {dim, sig, log, subwords, wi, wo, threads: scratch, bytes: at};
}

/** fastText's tables (`Loss::Loss`): sigmoid over [-8, 8] and log over (0, 1], 513 float32 each. */
export function fillLossTables(f32: Float32Array, L: KernelLayout): void {
  for (let i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
    const x = f((i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID);
    f32[(L.sig >> 2) + i] = 1 / (1 + Math.exp(-x));
  }
  for (let i = 0; i <= LOG_TABLE_SIZE; i++) f32[(L.log >> 2) + i] = Math.log(f(f(i + 1e-5) / LOG_TABLE_SIZE));
}

export interface FastTextKernel {
  readonly kind: 'wasm' | 'ts';
  /**
   * One example: input rows `i32[rows, rows + nrows)` (an int32 index into the memory: the subword table or
   * the bag), targets `targets[0, ntargets)` (the first positive).
   */
  update(rows: number, nrows: number, ntargets: number, lr: number): number;
}

export class TsFastTextKernel implements FastTextKernel {
  readonly kind = 'ts' as const;
  readonly #f32: Float32Array;
  readonly #i32: Int32Array;
  readonly #L: KernelLayout;
  readonly #S: ThreadScratch;

  constructor(buffer: ArrayBufferLike, layout: KernelLayout, thread = 0) {
    this.#f32 = new Float32Array(buffer);
    this.#i32 = new Int32Array(buffer);
    this.#L = layout;
    this.#S = layout.threads[thread] as ThreadScratch;
  }

  #sigmoid(x: number): number {
    if (x < -MAX_SIGMOID) return 0;
    if (x > MAX_SIGMOID) return 1;
    return this.#f32[(this.#L.sig >> 2) + Math.trunc(f(f(f(f(x + MAX_SIGMOID) * SIGMOID_TABLE_SIZE) / MAX_SIGMOID) / 2))] as number;
  }

  #log(x: number): number {
    if (x > 1) return 0;
    return this.#f32[(this.#L.log >> 2) + Math.trunc(f(x * LOG_TABLE_SIZE))] as number;
  }

  update(rows: number, nrows: number, ntargets: number, lr: number): number {
    const m = this.#f32,
      i32 = this.#i32,
      L = this.#L,
      S = this.#S,
      dim = L.dim;
    const hidden = S.hidden >> 2,
      grad = S.grad >> 2,
      wi = L.wi >> 2,
      wo = L.wo >> 2,
      targets = S.targets >> 2;
    m.fill(0, hidden, hidden + dim);
    m.fill(0, grad, grad + dim);
    for (let k = 0; k < nrows; k++) {
      const base = wi + (i32[rows + k] as number) * dim;
      for (let j = 0; j < dim; j++) m[hidden + j] = (m[hidden + j] as number) + (m[base + j] as number);
    }
    const scale = f(1 / nrows);
    for (let j = 0; j < dim; j++) m[hidden + j] = (m[hidden + j] as number) * scale;
    let loss = 0;
    for (let k = 0; k < ntargets; k++) {
      const out = wo + (i32[targets + k] as number) * dim;
      let l0 = 0,
        l1 = 0,
        l2 = 0,
        l3 = 0;
      for (let j = 0; j < dim; j += 4) {
        l0 = f(l0 + f((m[hidden + j] as number) * (m[out + j] as number)));
        if (j + 1 < dim) l1 = f(l1 + f((m[hidden + j + 1] as number) * (m[out + j + 1] as number)));
        if (j + 2 < dim) l2 = f(l2 + f((m[hidden + j + 2] as number) * (m[out + j + 2] as number)));
        if (j + 3 < dim) l3 = f(l3 + f((m[hidden + j + 3] as number) * (m[out + j + 3] as number)));
      }
      const score = this.#sigmoid(f(f(l0 + l1) + f(l2 + l3)));
      const alpha = f(lr * ((k === 0 ? 1 : 0) - score));
      for (let j = 0; j < dim; j++) {
        const o = m[out + j] as number;
        m[grad + j] = (m[grad + j] as number) + f(alpha * o);
        m[out + j] = o + f(alpha * (m[hidden + j] as number));
      }
      loss -= this.#log(k === 0 ? score : f(1 - score));
    }
    for (let k = 0; k < nrows; k++) {
      const base = wi + (i32[rows + k] as number) * dim;
      for (let j = 0; j < dim; j++) m[base + j] = (m[base + j] as number) + (m[grad + j] as number);
    }
    return loss;
  }
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => {exports: Record<string, unknown>};
  Memory: new (descriptor: {initial: number; maximum?: number; shared?: boolean}) => {buffer: SharedArrayBuffer};
}
const wasm = (globalThis as unknown as {WebAssembly?: WasmApi}).WebAssembly;
let compiled: object | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD (or shared memory) is missing. */
export function kernelModule(): object | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = wasm ? new wasm.Module(readFileSync(new URL('./wasm/fasttext-kernel.wasm', import.meta.url))) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

const WASM_PAGE = 65536;
const WASM_MAX_PAGES = 65536;

/** Whether the WebAssembly kernel can run this layout (SIMD available, dim % 4 = 0, at most 4 GiB). */
export function wasmKernelAvailable(layout: KernelLayout): boolean {
  return layout.dim % 4 === 0 && Math.ceil(layout.bytes / WASM_PAGE) <= WASM_MAX_PAGES && kernelModule() !== null;
}

/**
 * The shared memory of a layout: a shared WebAssembly memory for the wasm kernel, a SharedArrayBuffer for
 * the TS one. `memory` (wasm only) is what worker threads attach their own kernel instance to.
 */
export function kernelMemory(layout: KernelLayout, kind: 'wasm' | 'ts'): {buffer: SharedArrayBuffer; memory?: object} {
  if (kind === 'ts') return {buffer: new SharedArrayBuffer(layout.bytes)};
  const pages = Math.max(1, Math.ceil(layout.bytes / WASM_PAGE));
  const memory = new wasm!.Memory({initial: pages, maximum: pages, shared: true});
  return {buffer: memory.buffer, memory};
}

/** A kernel for one thread on a layout's memory (`memory` for wasm, the buffer for TS). */
export function attachKernel(
  kind: 'wasm' | 'ts',
  layout: KernelLayout,
  buffer: SharedArrayBuffer,
  memory: object | undefined,
  thread: number,
  module: object | null = kernelModule(),
): FastTextKernel {
  if (kind === 'ts') return new TsFastTextKernel(buffer, layout, thread);
  const instance = new wasm!.Instance(module!, {env: {memory}});
  const x = instance.exports as {
    configure: (...a: number[]) => void;
    update: (rows: number, nrows: number, targets: number, ntargets: number, lr: number) => number;
  };
  const scratch = layout.threads[thread] as ThreadScratch;
  x.configure(layout.dim, layout.wi, layout.wo, scratch.hidden, scratch.grad, layout.sig, layout.log);
  const targets = scratch.targets;
  return {kind: 'wasm', update: (rows, nrows, ntargets, lr) => x.update(4 * rows, nrows, targets, ntargets, lr)};
}
