/**
 * The word2vec kernel contract shared by the WebAssembly kernel and its pure-TS twin: both read and write
 * the same memory layout (byte offsets into one buffer) and must give bit-identical results.
 */
export interface KernelLayout {
  dim: number;
  window: number;
  negative: number;
  /** byte offsets */
  syn0: number;
  syn1: number;
  table: number;
  tableSize: number;
  /** 0 = no subsampling */
  keep: number;
  exp: number;
  lossTable: number;
  /** 0 = no lock mask */
  lock: number;
  neu1: number;
  neu1e: number;
  sen: number;
  cbow: boolean;
  /** true: `table` holds gensim's cumulative table of `tableSize` (= vocabulary) entries, sampled by bisection. */
  cumulative: boolean;
  /** true: examples with |f| >= 6 get no update (gensim); false: clipped gradient (word2vec.c). */
  skipSaturated: boolean;
  /** Byte offset of `cumulativeBuckets(table)` (cumulative mode; 0 = plain bisection). Never changes results. */
  buckets: number;
  /**
   * Skip-gram only: byte offset of the window-batch scratch (`sharedNegativesBytes`), which switches on
   * negatives shared by the window (pWord2Vec); 0 = the plain per-pair path.
   */
  batch: number;
}

export interface Word2VecKernel {
  readonly kind: 'wasm' | 'ts';
  configure(layout: KernelLayout): void;
  setRng(state: bigint): void;
  getRng(): bigint;
  /** Train on `len` token ids (int32) at byte offset `ptr`; returns the summed loss (float64). */
  trainSentence(ptr: number, len: number, alpha: number): number;
  /** Words left after subsampling in the last call. */
  kept(): number;
  /** Positive (center, context) examples in the last call. */
  pairs(): number;
}
