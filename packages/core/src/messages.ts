/** Every user-facing message of @embedlab/core, in one place so tests can compare against them. */
export const messages = {
  badSeed: (seed: unknown) => `seed must be a finite integer (got ${String(seed)}); embedlab never treats a missing seed as "unseeded"`,
  idOutOfRange: (id: number, position: number, inputDim: number) =>
    `token id ${id} at flat position ${position} is out of range [0, ${inputDim}) for this embedding table`,
  idNotInteger: (id: number, position: number) => `token id ${id} at flat position ${position} is not an integer`,
  wrongDataLength: (got: number, rows: number, dim: number) => `vector data has ${got} values, expected rows x dim = ${rows} x ${dim} = ${rows * dim}`,
  duplicateWord: (word: string, first: number, second: number) =>
    `word ${JSON.stringify(word)} appears twice (rows ${first} and ${second}); word lists must be unique`,
  nonFinite: (what: string, index: number) => `${what} holds a NaN or infinite value at flat index ${index}`,
  unknownWord: (word: string) => `word ${JSON.stringify(word)} is not in the vocabulary`,
  wrongMatrixShape: (what: string, got: readonly number[], want: readonly number[]) => `${what} has shape [${got.join(', ')}], expected [${want.join(', ')}]`,
  badBackend: (name: string) => `unknown backend ${JSON.stringify(name)}; expected one of node, wasm, cpu`,
  unknownInitializer: (name: string, known: readonly string[]) => `unknown initializer ${JSON.stringify(name)}; expected one of ${known.join(', ')}`,
  initializerNeedsSeed: (name: string) =>
    `initializer ${name} needs a seed (pass {name: '${name}', seed: N} or the layer's \`seed\`); embedlab never runs unseeded`,
  badInitializerParam: (name: string, param: string, expected: string, got: unknown) =>
    `initializer ${name}: ${param} must be ${expected} (got ${String(got)})`,
  badLayerArg: (arg: string, expected: string, got: unknown) => `embedding ${arg} must be ${expected} (got ${String(got)})`,
  lockMaskLength: (got: number, inputDim: number) => `lock mask has ${got} entries, expected one per row (inputDim = ${inputDim})`,
  lockedRange: (range: unknown, inputDim: number) =>
    `locked row range ${JSON.stringify(range)} is not [start, end) with 0 <= start < end <= inputDim (${inputDim})`,
  badTable: (shape: readonly number[], dtype: string) =>
    `embedding table must be a float32 matrix [rows, dim], got shape [${shape.join(', ')}] and dtype ${dtype}`,
  badIdsDtype: (dtype: string) => `token ids must be a numeric tensor, got dtype ${dtype}`,
  wrongRowsLength: (what: string, got: number, rows: number, dim: number) => `${what} has ${got} values, expected ids (${rows}) x dim (${dim}) = ${rows * dim}`,
  notBuilt: (what: string) => `${what}: the embedding layer has no weights yet; build it (apply it or call layer.build()) first`,
} as const;
