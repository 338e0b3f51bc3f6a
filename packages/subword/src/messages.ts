/** Every user-facing message of @embedlab/subword, in one place so tests can compare against them. */
export const messages = {
  // fastText .bin
  badMagic: (got: number, want: number) => `not a fastText model: magic number ${got} at byte 0, expected ${want} (a file written by fasttext's saveModel)`,
  badVersion: (got: number, supported: readonly number[]) =>
    `fastText model version ${got} at byte 4 is not supported; expected one of ${supported.join(', ')} (fastText 0.9.x writes 12)`,
  truncated: (what: string, offset: number, need: number, fileBytes: number) =>
    `truncated: ${what} needs ${need} byte(s) at offset ${offset}, but the file ends at ${fileBytes} bytes`,
  badEnum: (what: string, got: number, known: Record<number, string>) =>
    `${what} is ${got}, expected one of ${Object.entries(known)
      .map(([k, v]) => `${k} (${v})`)
      .join(', ')}`,
  badArg: (what: string, got: number, expected: string) => `args.${what} is ${got}, expected ${expected}`,
  badDictionaryHeader: (detail: string) => `dictionary header: ${detail}`,
  badEntryType: (index: number, type: number) => `dictionary entry ${index}: type ${type}, expected 0 (word) or 1 (label)`,
  entriesOutOfOrder: (index: number, type: number, nwords: number) =>
    `dictionary entry ${index} has type ${type === 0 ? 'word' : 'label'}, but the header says words are entries 0..${nwords - 1} and labels follow`,
  quantized: (which: 'input' | 'output') =>
    `the ${which} matrix is quantized (a .ftz / product-quantized model); only dense (non-quantized) models are supported`,
  badFlag: (which: string, got: number) => `${which} flag is ${got}, expected 0 or 1`,
  prunedNotQuantized: () => 'the dictionary is pruned (pruneidx_size >= 0) but the input matrix is dense; fastText itself refuses this file',
  badMatrixShape: (which: 'input' | 'output', got: readonly [number, number], want: readonly [number, number], why: string) =>
    `${which} matrix is ${got[0]} x ${got[1]}, expected ${want[0]} x ${want[1]} (${why})`,
  trailingBytes: (offset: number, extra: number) => `${extra} unexpected byte(s) after the output matrix at offset ${offset}; the model ends there`,
  notLittleEndian: () => 'fastText model files are little-endian; this machine is big-endian, which is not supported',
  tooLarge: (what: string, value: bigint) => `${what} is ${value}, larger than this reader supports (2^53)`,
  // FastTextModel
  badMatrix: (what: string, length: number, rows: number, cols: number) =>
    `${what} has ${length} values, expected rows x cols = ${rows} x ${cols} = ${rows * cols}`,
  badOutput: (length: number, dim: number) => `output vector has ${length} values, expected dim = ${dim}`,
  // training
  badTrainOption: (key: string, got: unknown, expected: string) => `fastText option ${key} must be ${expected} (got ${String(got)})`,
  noWasmKernel: (dim: number) =>
    `the WebAssembly kernel cannot run here (it needs WebAssembly SIMD, dim a multiple of 4 (dim is ${dim}) and at most 4 GiB of matrices); use kernel: 'ts' or 'auto'`,
  noTrainingWords: (minCount: number) => `no word of the corpus occurs minCount = ${minCount} times or more: nothing to train`,
  // .vec
  vecNotFinite: (word: string) => `vector of ${JSON.stringify(word)} holds a NaN or infinite value`,
  // tokenizers
  unknownTokenizerModel: (type: unknown, known: readonly string[]) =>
    `tokenizer model type ${JSON.stringify(type)} is not supported; expected one of ${known.join(', ')}`,
  notTokenizerJson: (detail: string) => `not a tokenizer.json: ${detail}`,
  badVocabSize: (got: unknown, min: number, why: string) => `vocabSize must be an integer >= ${min} (${why}); got ${String(got)}`,
  vocabTooLarge: (got: number, max: number) =>
    `vocabSize ${got} is more than the library's trainer makes (@anush008/tokenizers trains with its default vocab_size ${max} and its JS binding takes no trainer options); byte-level BPE of any size trains with trainer: 'embedlab'; WordPiece stops at ${max}`,
  embedlabTrainerKind: (kind: string) => `trainer 'embedlab' trains byte-level BPE only, not ${kind}`,
  bpeTarget: () => 'give exactly one of vocabSize (alphabet + merged tokens) and newTokens (merged tokens)',
  noTrainingText: () => 'no training text: give at least one file or one non-empty text',
  trainingFailed: (code: number | null, stderr: string) => `tokenizer training failed (exit code ${code}): ${stderr.trim().slice(-2000)}`,
} as const;
