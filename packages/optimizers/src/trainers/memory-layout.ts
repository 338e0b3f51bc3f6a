/**
 * One shared WebAssembly.Memory holds everything the kernels touch, so worker threads (Hogwild, as in
 * word2vec.c) update the same weights with no copying. Offsets are bytes, vectors 16-byte aligned.
 */
import {wasmApi, type WasmMemory} from './wasm-api.js';

export interface Word2VecMemoryPlan {
  vocabSize: number;
  dim: number;
  tableSize: number;
  corpusLength: number;
  sentences: number;
  chunks: number;
  maxSentenceLength: number;
  threads: number;
  /** Skip-gram with shared negatives: per-thread window-batch scratch for this window and negative count. */
  sharedNegatives?: {window: number; negative: number};
}

/** Bytes of the window-batch scratch the wasm kernel lays out (context ids, output ids, G, then aligned E rows). */
export function sharedNegativesBytes(window: number, negative: number, dim: number): number {
  return 8 * window + 4 * (negative + 1) + 8 * window * (negative + 1) + 16 + 8 * window * dim;
}

export interface Word2VecMemory {
  memory: WasmMemory;
  exp: number;
  lossTable: number;
  keep: number;
  lock: number;
  table: number;
  /** int32[65537] bucket index of the cumulative table */
  buckets: number;
  syn0: number;
  syn1: number;
  corpus: number;
  /** int32[sentences + 1]: token offsets of sentence starts */
  sentenceStarts: number;
  /** int32[chunks + 1]: sentence offsets of chunk starts */
  chunkStarts: number;
  /** int32[4]: [next chunk, words done this epoch, sentences done this epoch, unused] */
  control: number;
  /** per thread: neu1, neu1e, sen, and the shared-negatives batch (0 = none) */
  scratch: {neu1: number; neu1e: number; sen: number; batch: number}[];
  bytes: number;
}

const PAGE = 65536;

export function allocateWord2VecMemory(p: Word2VecMemoryPlan): Word2VecMemory {
  let at = 64;
  const take = (bytes: number) => {
    at = Math.ceil(at / 16) * 16;
    const start = at;
    at += bytes;
    return start;
  };
  const exp = take(4000),
    lossTable = take(4000);
  const keep = take(4 * p.vocabSize),
    lock = take(p.vocabSize);
  const table = take(4 * p.tableSize);
  const buckets = take(4 * 65537);
  const syn0 = take(4 * p.vocabSize * p.dim),
    syn1 = take(4 * p.vocabSize * p.dim);
  const corpus = take(4 * p.corpusLength);
  const sentenceStarts = take(4 * (p.sentences + 1)),
    chunkStarts = take(4 * (p.chunks + 1));
  const control = take(16);
  const scratch = Array.from({length: p.threads}, () => ({
    neu1: take(4 * p.dim),
    neu1e: take(4 * p.dim),
    sen: take(4 * p.maxSentenceLength),
    batch: p.sharedNegatives ? take(sharedNegativesBytes(p.sharedNegatives.window, p.sharedNegatives.negative, p.dim)) : 0,
  }));
  const pages = Math.ceil(at / PAGE) + 1;
  if (pages > 65536) throw new RangeError(`word2vec training needs ${(at / 2 ** 30).toFixed(2)} GiB, above the 4 GiB WebAssembly limit`);
  // Without WebAssembly (never in Node) the TS kernel still works on a plain SharedArrayBuffer.
  const memory: WasmMemory = wasmApi ? new wasmApi.Memory({initial: pages, maximum: pages, shared: true}) : {buffer: new SharedArrayBuffer(pages * PAGE)};
  return {memory, exp, lossTable, keep, lock, table, buckets, syn0, syn1, corpus, sentenceStarts, chunkStarts, control, scratch, bytes: pages * PAGE};
}
