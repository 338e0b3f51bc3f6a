/** Loads wasm/text-parser.wasm (built from the .wat next to it; parallel-text.ts uses it). */
import {readFileSync} from 'node:fs';

/*
 * The slice of the WebAssembly JS API used here. The repo compiles without the DOM lib and @types/node 20
 * does not declare the WebAssembly namespace, so it is typed locally.
 */
export interface TextParserModule {
  readonly __textParserModule?: never;
}
export interface TextParserExports {
  memory: {buffer: ArrayBuffer; grow(pages: number): number};
  parse(p: number, stop: number, dim: number, out: number, rec: number, maxRows: number, pow: number): number;
  pos(): number;
  count(p: number, n: number): number;
}
export interface WasmGlobal {
  Module: new (bytes: Uint8Array) => TextParserModule;
  Instance: new (module: TextParserModule, imports: object) => {exports: unknown};
}

let compiled: TextParserModule | null | undefined;

/**
 * The compiled text parser, or null when this runtime cannot run it (no WebAssembly SIMD) or
 * EMBEDLAB_TEXT_PARSER=js asks for the JS loop (tests use it to check both give the same vectors).
 */
export function textParserModule(): TextParserModule | null {
  if (process.env.EMBEDLAB_TEXT_PARSER === 'js') return null;
  if (compiled !== undefined) return compiled;
  try {
    const api = (globalThis as unknown as {WebAssembly?: WasmGlobal}).WebAssembly;
    compiled = api ? new api.Module(readFileSync(new URL('./wasm/text-parser.wasm', import.meta.url))) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}
