/** Every user-facing message of @embedlab/core, in one place so tests can compare against them. */
export const messages = {
  badSeed: (seed: unknown) =>
    `seed must be a finite integer (got ${String(seed)}); embedlab never treats a missing seed as "unseeded"`,
  idOutOfRange: (id: number, position: number, inputDim: number) =>
    `token id ${id} at flat position ${position} is out of range [0, ${inputDim}) for this embedding table`,
  idNotInteger: (id: number, position: number) =>
    `token id ${id} at flat position ${position} is not an integer`,
  wrongDataLength: (got: number, rows: number, dim: number) =>
    `vector data has ${got} values, expected rows x dim = ${rows} x ${dim} = ${rows * dim}`,
  duplicateWord: (word: string, first: number, second: number) =>
    `word ${JSON.stringify(word)} appears twice (rows ${first} and ${second}); word lists must be unique`,
  nonFinite: (what: string, index: number) => `${what} holds a NaN or infinite value at flat index ${index}`,
  unknownWord: (word: string) => `word ${JSON.stringify(word)} is not in the vocabulary`,
  wrongMatrixShape: (what: string, got: readonly number[], want: readonly number[]) =>
    `${what} has shape [${got.join(', ')}], expected [${want.join(', ')}]`,
  badBackend: (name: string) => `unknown backend ${JSON.stringify(name)}; expected one of node, wasm, cpu`,
} as const;
