/**
 * The slice of the WebAssembly JS API the trainers use. The repo compiles without the DOM lib, and
 * @types/node 20 does not declare the WebAssembly namespace, so it is typed here, locally.
 */
export interface WasmModule {
  readonly __wasmModule?: never;
}
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer | ArrayBuffer;
}
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  Memory: new (descriptor: {initial: number; maximum?: number; shared?: boolean}) => WasmMemory;
}

/** The runtime's WebAssembly object, or undefined where there is none. */
export const wasmApi: WasmApi | undefined = (globalThis as unknown as {WebAssembly?: WasmApi}).WebAssembly;
