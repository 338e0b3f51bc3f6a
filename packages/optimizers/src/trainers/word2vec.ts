/**
 * Skip-gram and CBOW with negative sampling, as word2vec.c defines them (Mikolov et al. 2013), with
 * gensim's defaults: dim 100, window 5, negative 5, sample 1e-3, alpha 0.025 -> minAlpha 1e-4 (linear over
 * all epochs), 5 epochs, CBOW = mean of the context vectors, input rows uniform in [-1, 1)/dim, saturated
 * scores skipped (word2vec.c's init and clipped gradient are options).
 *
 * Pipeline: count ids -> (minCount) compact the vocabulary -> tables (unigram^0.75, subsampling keep
 * probabilities, sigmoid) -> one shared memory -> per epoch: chunks of ~10k words to the kernel (main thread,
 * or Hogwild worker threads) -> per-epoch loss and speed -> callbacks -> WordVectors in vocabulary order.
 */
import {Worker} from 'node:worker_threads';
import {ArgumentError, checkArgument, checkInstance, checkInteger, createRng, deriveSeed, Vocabulary, WordVectors} from '@embedlab/core';
import type {KernelLayout, Word2VecKernel} from './kernel.js';
import {allocateWord2VecMemory, type Word2VecMemory} from './memory-layout.js';
import {trainerMessages as msg} from './messages.js';
import {cumulativeBuckets, cumulativeTable, keepProbabilities, negLogSigmoidTable, sigmoidTable, unigramTable} from './tables.js';
import {TsWord2VecKernel} from './ts-kernel.js';
import type {WasmModule} from './wasm-api.js';
import {WasmWord2VecKernel, word2vecKernelModule} from './wasm-kernel.js';

/** One line of the learning curve. */
export interface EpochRecord {
  /** 1-based */
  epoch: number;
  /** Sum over the epoch of -log sigma(pos) - sum log sigma(-neg) (float64, reset every epoch). */
  loss: number;
  /** loss / positive examples. */
  meanLoss: number;
  /** Positive (center, context) examples. */
  pairs: number;
  /** Corpus words read (before subsampling) and kept (after). */
  words: number;
  effectiveWords: number;
  seconds: number;
  wordsPerSecond: number;
  effectiveWordsPerSecond: number;
  /** Learning rate at the end of the epoch. */
  alpha: number;
  /** Whatever `onEpochEnd` returned (e.g. evaluation scores). */
  eval?: Record<string, number>;
}

export type EpochCallback = (record: EpochRecord, snapshot: () => WordVectors) => void | Record<string, number> | Promise<void | Record<string, number>>;

export interface Word2VecOptions {
  /** `'sg'` skip-gram or `'cbow'`. __Default:__ `'sg'`. */
  mode?: 'sg' | 'cbow';
  /** __Default:__ 100. */
  dim?: number;
  /** Maximum window; each position draws b = rand % window and uses window - b. __Default:__ 5. */
  window?: number;
  /** Negative samples per positive. __Default:__ 5. */
  negative?: number;
  /** Subsampling threshold (0 = off). __Default:__ 1e-3. */
  sample?: number;
  /** Start and end learning rate (linear decay over all epochs). __Default:__ 0.025 and 1e-4. */
  alpha?: number;
  minAlpha?: number;
  /** __Default:__ 5. */
  epochs?: number;
  /**
   * What the linear learning-rate decay counts as progress through an epoch, set per chunk of ~10k words.
   * `'words'`: the share of the epoch's words done (word2vec.c). `'sentences'`: the share of its sentences
   * done, as gensim's `train(total_examples=...)` (the call `Word2Vec(sentences)` makes): on a corpus whose
   * sentences differ in length the two schedules differ (on the bench corpus, 95% of the sentences are short
   * WordNet glosses at the end, so most words train at about the epoch's starting rate). __Default:__ `'words'`.
   */
  alphaDecay?: 'words' | 'sentences';
  /** Words seen fewer times in this corpus are dropped from the stream and the output. __Default:__ 1. */
  minCount?: number;
  /** __Default:__ 1. */
  seed?: number;
  /** 1 = main thread, deterministic (same seed -> bit-identical vectors). > 1 = Hogwild workers. __Default:__ 1. */
  threads?: number;
  /** Which kernel. `'auto'` = WebAssembly SIMD when it loads and dim % 4 == 0, else TS. __Default:__ `'auto'`. */
  kernel?: 'auto' | 'wasm' | 'ts';
  /**
   * How negatives are drawn from unigram^0.75. `'cumulative'`: gensim's cum_table (one entry per word,
   * binary search; exact to 2^-31 and small enough to stay in cache). `'table'`: word2vec.c's
   * InitUnigramTable with `tableSize` slots (word2vec uses 1e8 = 400 MB; shares are rounded to 1/tableSize,
   * and a table beyond the cache slows skip-gram 2-4x here). __Default:__ `'cumulative'`.
   */
  sampler?: 'cumulative' | 'table';
  /**
   * Examples whose score f = in . out is saturated (|f| >= 6, beyond the sigmoid table). `'clip'`:
   * word2vec.c's gradient (label - 0 or 1) * alpha; `'skip'`: no update, as gensim. __Default:__ `'skip'`
   * (gensim's; with word2vec.c's clip and init, CBOW lost 1.1-2.1 analogy points to gensim on the bench corpus).
   */
  saturated?: 'clip' | 'skip';
  /** Slots of the word2vec table (sampler 'table'). __Default:__ 1e8 as word2vec.c. */
  tableSize?: number;
  /** Longer sentences are cut into pieces of this length (gensim's LineSentence). __Default:__ 10000. */
  maxSentenceLength?: number;
  /**
   * Scale of the random input vectors: `'word2vec'` uniform [-0.5, 0.5) / dim (word2vec.c), `'gensim'`
   * uniform [-1, 1) / dim (gensim 4's prep_vectors). Output vectors start at zero in both. __Default:__ `'gensim'`.
   */
  init?: 'word2vec' | 'gensim';
  /**
   * Skip-gram only: draw the negatives once per window and share them among its context words (Ji et al.
   * 2016, pWord2Vec), with all scores of a window computed from the values before it. A slightly different
   * algorithm from word2vec.c (fewer negative draws, batched updates) and faster: about 6x fewer random
   * output rows and sampler calls per word. __Default:__ false (word2vec.c's per-pair negatives).
   */
  sharedNegatives?: boolean;
  /** Starting input vectors, [vocab.size x dim] in vocabulary order (e.g. GloVe rows); replaces `init`. */
  initialInput?: Float32Array;
  /** Rows (vocabulary ids) whose input vector never changes: a 0/1 array of vocab.size or a set of ids. */
  lockMask?: ArrayLike<number> | ReadonlySet<number>;
  /** Called after each epoch with its record and a way to copy the current vectors; may return scores to record. */
  onEpochEnd?: EpochCallback;
}

export interface Word2VecResult {
  vectors: WordVectors;
  history: EpochRecord[];
  /** Output (context) vectors, same rows. */
  outputVectors: Float32Array;
  kernel: 'wasm' | 'ts';
  threads: number;
}

const CHUNK_WORDS = 10000;

function checkInt(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new ArgumentError(msg.badOption(name, v, `an integer >= ${min}`));
}

/**
 * Train word vectors, skip-gram or CBOW with negative sampling (gensim's semantics), on sentences of token
 * ids (ids index `vocab`).
 * @throws {ArgumentError} sentences not an array of id arrays, vocab not a Vocabulary, a bad option (named).
 */
export async function trainWord2Vec(sentences: readonly ArrayLike<number>[], vocab: Vocabulary, options: Word2VecOptions = {}): Promise<Word2VecResult> {
  checkArgument(Array.isArray(sentences), 'sentences', 'an array of sentences (arrays of vocabulary ids)', sentences);
  checkInstance(vocab, Vocabulary, 'vocab');
  if (options.dim !== undefined) checkInteger(options.dim, 'options.dim');
  const mode = options.mode ?? 'sg';
  if (mode !== 'sg' && mode !== 'cbow') throw new ArgumentError(msg.badOption('mode', mode, "'sg' or 'cbow'"));
  const dim = options.dim ?? 100,
    window = options.window ?? 5,
    negative = options.negative ?? 5;
  const sample = options.sample ?? 1e-3,
    alpha = options.alpha ?? 0.025,
    minAlpha = options.minAlpha ?? 1e-4;
  const epochs = options.epochs ?? 5,
    minCount = options.minCount ?? 1,
    seed = options.seed ?? 1;
  const threads = options.threads ?? 1,
    sampler = options.sampler ?? 'cumulative',
    saturated = options.saturated ?? 'skip',
    init = options.init ?? 'gensim',
    maxLen = options.maxSentenceLength ?? 10000;
  const shared = options.sharedNegatives ?? false;
  const alphaDecay = options.alphaDecay ?? 'words';
  if (alphaDecay !== 'words' && alphaDecay !== 'sentences') throw new ArgumentError(msg.badOption('alphaDecay', alphaDecay, "'words' or 'sentences'"));
  if (typeof shared !== 'boolean') throw new ArgumentError(msg.badOption('sharedNegatives', shared, 'true or false'));
  if (shared && mode !== 'sg')
    throw new ArgumentError(msg.badOption('sharedNegatives', shared, "false with mode 'cbow' (shared negatives are a skip-gram path)"));
  if (sampler !== 'cumulative' && sampler !== 'table') throw new ArgumentError(msg.badOption('sampler', sampler, "'cumulative' or 'table'"));
  checkInt('dim', dim, 1);
  checkInt('window', window, 1);
  checkInt('negative', negative, 0);
  checkInt('epochs', epochs, 1);
  checkInt('threads', threads, 1);
  checkInt('maxSentenceLength', maxLen, 1);
  if (!(sample >= 0)) throw new ArgumentError(msg.badOption('sample', sample, 'a number >= 0'));
  if (!(alpha > 0) || !(minAlpha >= 0) || minAlpha > alpha)
    throw new ArgumentError(msg.badOption('alpha/minAlpha', [alpha, minAlpha], '0 <= minAlpha <= alpha, alpha > 0'));

  // 1. Count and compact.
  const V = vocab.size;
  const counts = new Float64Array(V);
  sentences.forEach((s, si) => {
    for (let p = 0; p < s.length; p++) {
      const id = s[p] as number;
      if (!(id >= 0 && id < V) || !Number.isInteger(id)) throw new ArgumentError(msg.idOutOfRange(si, p, id, V));
      counts[id]!++;
    }
  });
  const newId = new Int32Array(V).fill(-1);
  const keptIds: number[] = [];
  for (let i = 0; i < V; i++) if (minCount <= 1 || counts[i]! >= minCount) newId[i] = keptIds.push(i) - 1;
  const K = keptIds.length;
  const keptCounts = keptIds.map((i) => counts[i]!);
  const tableSize = sampler === 'table' ? (options.tableSize ?? 1e8) : K;
  checkInt('tableSize', tableSize, 1);
  const totalWords = sentencesLength(sentences, newId);
  if (totalWords === 0) throw new ArgumentError(msg.emptyCorpus());
  if (options.initialInput && options.initialInput.length !== V * dim) throw new ArgumentError(msg.initialShape(options.initialInput.length, V, dim));
  const lockMask = options.lockMask;
  if (lockMask && !(lockMask instanceof Set) && (lockMask as ArrayLike<number>).length !== V)
    throw new ArgumentError(msg.lockShape((lockMask as ArrayLike<number>).length, V));

  // 2. Kernel choice.
  const module = options.kernel === 'ts' || dim % 4 !== 0 ? null : word2vecKernelModule();
  if (options.kernel === 'wasm' && module === null)
    throw new ArgumentError(dim % 4 !== 0 ? msg.badOption('dim', dim, 'a multiple of 4 for the wasm kernel') : msg.noWasmForThreads());
  if (threads > 1 && module === null) throw new ArgumentError(msg.noWasmForThreads());

  // 3. Sentences (pieces <= maxLen, ids remapped, dropped words removed) and chunks.
  const starts: number[] = [0];
  const chunkStarts: number[] = [0];
  let chunkWords = 0;
  const pieces: Int32Array[] = [];
  for (const s of sentences) {
    const ids: number[] = [];
    for (let p = 0; p < s.length; p++) {
      const id = newId[s[p] as number]!;
      if (id >= 0) ids.push(id);
    }
    for (let at = 0; at < ids.length; at += maxLen) {
      const piece = Int32Array.from(ids.slice(at, at + maxLen));
      pieces.push(piece);
      starts.push(starts[starts.length - 1]! + piece.length);
      chunkWords += piece.length;
      if (chunkWords >= CHUNK_WORDS) {
        chunkStarts.push(pieces.length);
        chunkWords = 0;
      }
    }
  }
  if (chunkStarts[chunkStarts.length - 1] !== pieces.length) chunkStarts.push(pieces.length);
  const nChunks = chunkStarts.length - 1;

  // 4. Memory and tables.
  const mem = allocateWord2VecMemory({
    vocabSize: K,
    dim,
    tableSize,
    corpusLength: totalWords,
    sentences: pieces.length,
    chunks: nChunks,
    maxSentenceLength: maxLen,
    threads,
    ...(shared ? {sharedNegatives: {window, negative}} : {}),
  });
  const buf = mem.memory.buffer;
  new Float32Array(buf, mem.exp, 1000).set(sigmoidTable());
  new Float32Array(buf, mem.lossTable, 1000).set(negLogSigmoidTable());
  new Float32Array(buf, mem.keep, K).set(keepProbabilities(keptCounts, sample));
  const table = sampler === 'table' ? unigramTable(keptCounts, tableSize) : cumulativeTable(keptCounts);
  new Int32Array(buf, mem.table, tableSize).set(table);
  if (sampler === 'cumulative') new Int32Array(buf, mem.buckets, 65537).set(cumulativeBuckets(table));
  const lock = new Uint8Array(buf, mem.lock, K);
  let anyLocked = false;
  if (lockMask) {
    keptIds.forEach((old, i) => {
      const l = lockMask instanceof Set ? lockMask.has(old) : Boolean((lockMask as ArrayLike<number>)[old]);
      if (l) (lock[i] = 1), (anyLocked = true);
    });
  }
  const syn0 = new Float32Array(buf, mem.syn0, K * dim);
  if (options.initialInput) {
    keptIds.forEach((old, i) => syn0.set(options.initialInput!.subarray(old * dim, (old + 1) * dim), i * dim));
  } else {
    const rng = createRng(deriveSeed(seed, 'word2vec.init'));
    const scale = init === 'gensim' ? 2 : 1;
    for (let i = 0; i < syn0.length; i++) syn0[i] = ((rng.float() - 0.5) * scale) / dim;
  }
  const corpus = new Int32Array(buf, mem.corpus, totalWords);
  pieces.forEach((p, i) => corpus.set(p, starts[i]!));
  new Int32Array(buf, mem.sentenceStarts, starts.length).set(starts);
  new Int32Array(buf, mem.chunkStarts, chunkStarts.length).set(chunkStarts);
  const control = new Int32Array(buf, mem.control, 4);

  const layoutFor = (t: number): KernelLayout => ({
    dim,
    window,
    negative,
    syn0: mem.syn0,
    syn1: mem.syn1,
    table: mem.table,
    tableSize,
    keep: sample > 0 ? mem.keep : 0,
    exp: mem.exp,
    lossTable: mem.lossTable,
    lock: anyLocked ? mem.lock : 0,
    neu1: mem.scratch[t]!.neu1,
    neu1e: mem.scratch[t]!.neu1e,
    sen: mem.scratch[t]!.sen,
    cbow: mode === 'cbow',
    cumulative: sampler === 'cumulative',
    skipSaturated: saturated === 'skip',
    buckets: sampler === 'cumulative' ? mem.buckets : 0,
    batch: mem.scratch[t]!.batch,
  });
  const rngState = (t: number): bigint => {
    const r = createRng(deriveSeed(seed, `word2vec.thread.${t}`));
    return (BigInt(r.nextUint32()) << 32n) | BigInt(r.nextUint32());
  };
  const schedule: Schedule = {alpha, minAlpha, epochs, totalWords, nChunks, totalSentences: pieces.length, bySentences: alphaDecay === 'sentences'};
  const snapshot = () =>
    new WordVectors(
      keptIds.map((i) => vocab.token(i)),
      Float32Array.from(syn0),
      dim,
      {meta: {trainer: `word2vec-${mode}`}},
    );

  // 5. Epochs.
  const history: EpochRecord[] = [];
  const runner =
    threads === 1
      ? mainThreadRunner(module, mem, layoutFor(0), rngState(0), schedule, options.kernel)
      : await workerRunner(module!, mem, layoutFor, rngState, schedule, threads);
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      control.fill(0);
      const t0 = performance.now();
      const r = await runner.epoch(epoch);
      const seconds = (performance.now() - t0) / 1000;
      const done = (epoch + 1) * totalWords;
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: r.loss,
        meanLoss: r.pairs > 0 ? r.loss / r.pairs : 0,
        pairs: r.pairs,
        words: r.words,
        effectiveWords: r.kept,
        seconds,
        wordsPerSecond: r.words / seconds,
        effectiveWordsPerSecond: r.kept / seconds,
        alpha: Math.max(minAlpha, alpha - (alpha - minAlpha) * (done / (epochs * totalWords))),
      };
      if (options.onEpochEnd) {
        const scores = await options.onEpochEnd(record, snapshot);
        if (scores) record.eval = scores;
      }
      history.push(record);
    }
  } finally {
    await runner.close();
  }
  const out = snapshot();
  return {
    vectors: new WordVectors(out.words, out.data, dim, {
      meta: {
        trainer: `word2vec-${mode}`,
        mode,
        dim,
        window,
        negative,
        sample,
        alpha,
        minAlpha,
        epochs,
        minCount,
        seed,
        threads,
        kernel: runner.kind,
        sampler,
        saturated,
        sharedNegatives: shared,
        alphaDecay,
        init: options.initialInput ? 'given' : init,
        tableSize,
        corpusWords: totalWords,
      },
    }),
    history,
    outputVectors: Float32Array.from(new Float32Array(buf, mem.syn1, K * dim)),
    kernel: runner.kind,
    threads,
  };
}

function sentencesLength(sentences: readonly ArrayLike<number>[], newId: Int32Array): number {
  let n = 0;
  for (const s of sentences) for (let p = 0; p < s.length; p++) if (newId[s[p] as number]! >= 0) n++;
  return n;
}

interface EpochTotals {
  loss: number;
  kept: number;
  pairs: number;
  words: number;
}
interface Runner {
  kind: 'wasm' | 'ts';
  epoch(epoch: number): Promise<EpochTotals>;
  close(): Promise<void>;
}
export interface Schedule {
  alpha: number;
  minAlpha: number;
  epochs: number;
  totalWords: number;
  nChunks: number;
  totalSentences: number;
  /** alphaDecay 'sentences': progress = sentences done / totalSentences, else words done / totalWords. */
  bySentences: boolean;
}

/**
 * The learning rate of a chunk that starts after `words` words and `sentences` sentences of epoch `epoch`
 * (0-based) are done. hogwild-worker.js computes the same (plain JS, no import).
 */
export function chunkAlpha(s: Schedule, epoch: number, words: number, sentences: number): number {
  const [done, total] = s.bySentences ? [sentences, s.totalSentences] : [words, s.totalWords];
  return Math.max(s.minAlpha, s.alpha - (s.alpha - s.minAlpha) * ((epoch * total + done) / (s.epochs * total)));
}

function mainThreadRunner(
  module: WasmModule | null,
  mem: Word2VecMemory,
  layout: KernelLayout,
  rng: bigint,
  s: Schedule,
  want: Word2VecOptions['kernel'],
): Runner {
  const kernel: Word2VecKernel = module && want !== 'ts' ? new WasmWord2VecKernel(module, mem.memory) : new TsWord2VecKernel(mem.memory.buffer);
  kernel.configure(layout);
  kernel.setRng(rng);
  const i32 = new Int32Array(mem.memory.buffer);
  const starts = mem.sentenceStarts >> 2,
    chunks = mem.chunkStarts >> 2;
  return {
    kind: kernel.kind,
    async epoch(epoch) {
      const t: EpochTotals = {loss: 0, kept: 0, pairs: 0, words: 0};
      for (let c = 0; c < s.nChunks; c++) {
        const a = chunkAlpha(s, epoch, t.words, i32[chunks + c]!);
        for (let k = i32[chunks + c]!; k < i32[chunks + c + 1]!; k++) {
          const start = i32[starts + k]!,
            len = i32[starts + k + 1]! - start;
          t.loss += kernel.trainSentence(mem.corpus + 4 * start, len, a);
          t.kept += kernel.kept();
          t.pairs += kernel.pairs();
          t.words += len;
        }
      }
      return t;
    },
    async close() {},
  };
}

async function workerRunner(
  module: WasmModule,
  mem: Word2VecMemory,
  layoutFor: (t: number) => KernelLayout,
  rngState: (t: number) => bigint,
  s: Schedule,
  threads: number,
): Promise<Runner> {
  const offsets = {control: mem.control, sentenceStarts: mem.sentenceStarts, chunkStarts: mem.chunkStarts, corpus: mem.corpus};
  const workers = Array.from(
    {length: threads},
    (_, t) =>
      new Worker(new URL('./hogwild-worker.js', import.meta.url), {
        workerData: {module, memory: mem.memory, layout: layoutFor(t), rng: rngState(t), schedule: s, offsets},
      }),
  );
  const failures: Error[] = [];
  for (const w of workers) w.on('error', (e) => failures.push(e));
  return {
    kind: 'wasm',
    async epoch(epoch) {
      const results = await Promise.all(
        workers.map(
          (w) =>
            new Promise<EpochTotals>((resolve, reject) => {
              const onError = (e: Error) => reject(new Error(msg.workerFailed(e.message)));
              w.once('error', onError);
              w.once('message', (m: EpochTotals) => {
                w.off('error', onError);
                resolve(m);
              });
              w.postMessage({type: 'epoch', epoch});
            }),
        ),
      );
      if (failures.length) throw new Error(msg.workerFailed(failures[0]!.message));
      return results.reduce((a, b) => ({loss: a.loss + b.loss, kept: a.kept + b.kept, pairs: a.pairs + b.pairs, words: a.words + b.words}));
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
