/** User-facing messages of the trainers (kept apart from the package's messages.ts, which another module owns). */
export const trainerMessages = {
  badOption: (name: string, value: unknown, want: string) => `${name} must be ${want} (got ${JSON.stringify(value)})`,
  idOutOfRange: (sentence: number, position: number, id: number, size: number) =>
    `sentence ${sentence}, position ${position}: token id ${id} is not in [0, ${size}) (the vocabulary size)`,
  emptyCorpus: () => 'the training corpus has no token of a kept vocabulary word; nothing to train on',
  initialShape: (got: number, rows: number, dim: number) => `initialInput has ${got} values, expected vocabulary size x dim = ${rows} x ${dim}`,
  lockShape: (got: number, rows: number) => `lockMask has ${got} entries, expected one per vocabulary word (${rows})`,
  noWasmForThreads: () => 'threads > 1 needs the WebAssembly kernel (SIMD + shared memory), which this runtime cannot load',
  workerFailed: (why: string) => `a training worker failed: ${why}`,
} as const;
