/** Loads wasm/word2vec-kernel.wasm (built from the .wat next to it) and wraps one instance. */
import {readFileSync} from 'node:fs';
import type {KernelLayout, Word2VecKernel} from './kernel.js';
import {wasmApi, type WasmMemory, type WasmModule} from './wasm-api.js';

interface KernelExports {
  configure(...args: number[]): void;
  setRng(s: bigint): void;
  getRng(): bigint;
  trainSentence(ptr: number, len: number, alpha: number): number;
  kept(): number;
  pairs(): number;
}

let compiled: WasmModule | null | undefined;

/** The compiled kernel module, or null when this runtime lacks WebAssembly SIMD or threads. */
export function word2vecKernelModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = readFileSync(new URL('./wasm/word2vec-kernel.wasm', import.meta.url));
    compiled = wasmApi ? new wasmApi.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

export class WasmWord2VecKernel implements Word2VecKernel {
  readonly kind = 'wasm' as const;
  readonly #x: KernelExports;

  constructor(module: WasmModule, memory: WasmMemory) {
    this.#x = new wasmApi!.Instance(module, {env: {memory}}).exports as unknown as KernelExports;
  }

  configure(L: KernelLayout): void {
    this.#x.configure(
      L.dim,
      L.window,
      L.negative,
      L.syn0,
      L.syn1,
      L.table,
      L.tableSize,
      L.keep,
      L.exp,
      L.lossTable,
      L.lock,
      L.neu1,
      L.neu1e,
      L.sen,
      L.cbow ? 1 : 0,
      L.cumulative ? 1 : 0,
      L.skipSaturated ? 1 : 0,
      L.buckets,
      L.batch,
    );
  }
  setRng(state: bigint): void {
    this.#x.setRng(BigInt.asIntN(64, state));
  }
  getRng(): bigint {
    return BigInt.asUintN(64, this.#x.getRng());
  }
  trainSentence(ptr: number, len: number, alpha: number): number {
    return this.#x.trainSentence(ptr, len, alpha);
  }
  kept(): number {
    return this.#x.kept();
  }
  pairs(): number {
    return this.#x.pairs();
  }
}
