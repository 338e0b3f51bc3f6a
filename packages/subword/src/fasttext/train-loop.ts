/**
 * One training thread (`FastText::trainThread`): read lines from its start position, subsample, run the
 * skipgram or CBOW examples through the kernel, add the tokens read to the shared counter every
 * lrUpdateRate tokens, stop when the counter reaches epoch x ntokens. Used on the main thread (one thread)
 * and by each Hogwild worker (train-worker.ts).
 */
import type {Rng} from '@embedlab/core/data';
import {MAX_LINE_SIZE} from './dictionary.js';
import type {FastTextKernel, KernelLayout} from './kernel.js';

/** Read-only tables every thread shares, and the token counter (a shared BigInt64Array of one entry). */
export interface LoopTables {
  ids: Int32Array;
  types: Uint8Array;
  pdiscard: Float32Array;
  /** Running sums of fastText's negative-table slots per word (Float64). */
  negatives: Float64Array;
  offsets: Int32Array;
  counter: BigInt64Array;
}

export interface LoopParams {
  model: 'sg' | 'cbow';
  ws: number;
  neg: number;
  lr: number;
  lrUpdateRate: number;
  epoch: number;
  ntokens: number;
  eosId: number;
  layout: KernelLayout;
  thread: number;
  /** Position in `ids` where this thread starts reading. */
  start: number;
}

/** Per-epoch sums of one thread (index = epoch - 1). */
export interface EpochSums {
  loss: number[];
  examples: number[];
  tokens: number[];
  words: number[];
}

/** Runs one thread to the end; `onEpoch(index)` is called when the shared count passes a multiple of ntokens. */
export function runTrainingLoop(
  t: LoopTables,
  p: LoopParams,
  kernel: FastTextKernel,
  i32: Int32Array,
  rng: Rng,
  onEpoch?: (index: number, sums: EpochSums) => void,
): EpochSums {
  const {ids, types, pdiscard, negatives, offsets, counter} = t;
  const budget = p.epoch * p.ntokens;
  const total = negatives[negatives.length - 1] as number;
  /** The word of slot x: the first w with negatives[w] > x. */
  const word = (x: number): number => {
    let lo = 0,
      hi = negatives.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((negatives[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const scratch = p.layout.threads[p.thread]!;
  const targets = scratch.targets >> 2,
    bag = scratch.bag >> 2,
    subwords = p.layout.subwords >> 2;
  const sums: EpochSums = {
    loss: new Array(p.epoch).fill(0),
    examples: new Array(p.epoch).fill(0),
    tokens: new Array(p.epoch).fill(0),
    words: new Array(p.epoch).fill(0),
  };
  const line = new Int32Array(MAX_LINE_SIZE + 1);
  /** Model::update with input rows i32[rows, rows + nrows) and the positive `target`. */
  const update = (rows: number, nrows: number, target: number, lr: number): number => {
    i32[targets] = target;
    for (let n = 1; n <= p.neg; n++) {
      let negative: number;
      do negative = word(rng.int(total));
      while (negative === target);
      i32[targets + n] = negative;
    }
    return kernel.update(rows, nrows, p.neg + 1, lr);
  };
  let pos = p.start,
    local = 0;
  let tokenCount = Number(Atomics.load(counter, 0));
  while (tokenCount < budget) {
    const lr = p.lr * (1 - tokenCount / budget);
    const e = Math.min(p.epoch - 1, Math.floor(tokenCount / p.ntokens));
    // Dictionary::getLine: in-vocabulary tokens up to </s> or past MAX_LINE_SIZE, words subsampled.
    let n = 0,
      read = 0;
    for (;;) {
      const id = ids[pos] as number;
      pos = pos + 1 === ids.length ? 0 : pos + 1;
      read++;
      if ((types[id] as number) === 0 && !(rng.float() > (pdiscard[id] as number))) line[n++] = id;
      if (read > MAX_LINE_SIZE || id === p.eosId) break;
    }
    let loss = 0,
      examples = 0;
    for (let w = 0; w < n; w++) {
      const boundary = 1 + rng.int(p.ws);
      if (p.model === 'sg') {
        // FastText::skipgram: the centre word's rows predict each context word.
        const center = line[w] as number,
          from = offsets[center] as number,
          nrows = (offsets[center + 1] as number) - from;
        for (let c = -boundary; c <= boundary; c++) {
          if (c === 0 || w + c < 0 || w + c >= n) continue;
          loss += update(subwords + from, nrows, line[w + c] as number, lr);
          examples++;
        }
      } else {
        // FastText::cbow: the bag of the context words' rows predicts the centre word.
        let size = 0;
        for (let c = -boundary; c <= boundary; c++) {
          if (c === 0 || w + c < 0 || w + c >= n) continue;
          const word = line[w + c] as number;
          i32.copyWithin(bag + size, subwords + (offsets[word] as number), subwords + (offsets[word + 1] as number));
          size += (offsets[word + 1] as number) - (offsets[word] as number);
        }
        if (size === 0) continue; // Model::update returns at once on an empty input
        loss += update(bag, size, line[w] as number, lr);
        examples++;
      }
    }
    sums.loss[e]! += loss;
    sums.examples[e]! += examples;
    sums.tokens[e]! += read;
    sums.words[e]! += n;
    local += read;
    if (local > p.lrUpdateRate) {
      const before = Number(Atomics.add(counter, 0, BigInt(local)));
      const after = before + local;
      local = 0;
      if (onEpoch && Math.floor(after / p.ntokens) > Math.floor(before / p.ntokens)) onEpoch(Math.min(p.epoch - 1, Math.floor(before / p.ntokens)), sums);
    }
    tokenCount = Number(Atomics.load(counter, 0)); // other threads' tokens count too (fastText's atomic tokenCount_)
  }
  return sums;
}
