/**
 * fastText skipgram and CBOW with negative sampling, in TypeScript, following fastText 0.9.2 step by step
 * (`FastText::trainThread`, `skipgram`, `cbow`, `Model::update`, `NegativeSamplingLoss`, `Dictionary::getLine`):
 *
 * - the corpus is read as a stream that wraps around; a line ends at `</s>` or after 1,024 in-vocabulary
 *   tokens; each word is dropped with probability 1 - (sqrt(t/f) + t/f) (f = count / ntokens);
 * - training stops when epoch x ntokens in-vocabulary tokens have been read; the learning rate is
 *   lr x (1 - tokens read / (epoch x ntokens)), the count refreshed every lrUpdateRate tokens;
 * - for each kept word, a window b uniform in 1..ws. Skipgram: for each context word within b positions,
 *   one update whose hidden vector is the mean of the centre word's input rows (its own row and its n-gram
 *   rows) and whose positive target is the context word. CBOW: one update whose hidden vector is the mean
 *   of all the context words' rows (the bag of each one's word and n-gram rows) and whose positive target
 *   is the centre word. `neg` negatives are drawn from counts^0.5 (a negative equal to the target is drawn
 *   again); sigmoid and log come from fastText's 512-bin tables; every input row gets the full gradient
 *   (not divided by the number of rows);
 * - input rows start uniform in [-1/dim, 1/dim], output rows at zero.
 *
 * Random numbers come from embedlab's seeded stream, not the C++ one, so the vectors are not the tool's
 * bit for bit; the algorithm, the distributions and the `.bin` it writes are. Threads as fastText's:
 * Hogwild workers on shared matrices, one shared token count (train-loop.ts, train-worker.ts).
 */
import {readFileSync} from 'node:fs';
import {Worker} from 'node:worker_threads';
import {createRequire} from 'node:module';
import {extname} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {ArgumentError, createRng, deriveSeed} from '@embedlab/core/data';
import {messages} from '../messages.js';
import {buildFastTextDictionary, encodeCorpus} from './dictionary.js';
import {FastTextModel} from './model.js';
import {EOS, ngramRows} from './ngrams.js';
import {utf8} from './hash.js';
import type {FastTextArgs} from './model-file.js';
import {attachKernel, fillLossTables, kernelLayout, kernelMemory, kernelModule, wasmKernelAvailable} from './kernel.js';
import {runTrainingLoop, type EpochSums, type LoopParams, type LoopTables} from './train-loop.js';

export interface FastTextTrainOptions {
  /** `'sg'` (skipgram) or `'cbow'`. __Default:__ `'sg'`. */
  model?: 'sg' | 'cbow';
  /** __Default:__ 100. */
  dim?: number;
  /** Context window (the largest b). __Default:__ 5. */
  ws?: number;
  /** __Default:__ 5. */
  epoch?: number;
  /** __Default:__ 5. */
  minCount?: number;
  /** Negatives per positive. __Default:__ 5. */
  neg?: number;
  /** Character n-gram lengths. __Default:__ 3 and 6 (maxn 0: no n-grams, plain word2vec skipgram). */
  minn?: number;
  maxn?: number;
  /** N-gram hash buckets. __Default:__ 2,000,000. */
  bucket?: number;
  /** Start learning rate. __Default:__ 0.05. */
  lr?: number;
  /** Subsampling threshold. __Default:__ 1e-4. */
  t?: number;
  /** __Default:__ 100. */
  lrUpdateRate?: number;
  /** Required: embedlab never runs unseeded. */
  seed: number;
  /**
   * Threads. 1 runs on the calling thread and is deterministic (a seed gives the same model byte for byte);
   * more start worker threads that update the shared matrices without locks (Hogwild, as fastText), each
   * reading from its own start position. __Default:__ 1.
   */
  threads?: number;
  /** Inner loop: WebAssembly SIMD or plain TS (bit-identical results). __Default:__ `'auto'` (wasm where it runs). */
  kernel?: 'auto' | 'wasm' | 'ts';
  /** Called after each pass of ntokens tokens. */
  onEpochEnd?: (record: FastTextEpochRecord) => void;
}

export interface FastTextEpochRecord {
  epoch: number;
  /** Mean loss per example (one positive and its negatives) in this epoch. */
  loss: number;
  examples: number;
  /** In-vocabulary tokens read in this epoch, and the words kept after subsampling. */
  tokens: number;
  words: number;
  seconds: number;
  /** Tokens read per second (fastText's "words/sec/thread" counts these). */
  tokensPerSecond: number;
  lr: number;
}

export interface FastTextTrainResult {
  model: FastTextModel;
  /** The kernel that ran. */
  kernel: 'wasm' | 'ts';
  threads: number;
  history: FastTextEpochRecord[];
  seconds: number;
}

const NEGATIVE_TABLE_SIZE = 10_000_000;

interface Resolved extends FastTextArgs {
  threads: number;
  model: 'sg' | 'cbow';
  lr: number;
  seed: number;
}

function resolve(options: FastTextTrainOptions): Resolved {
  const a: Resolved = {
    dim: options.dim ?? 100,
    ws: options.ws ?? 5,
    epoch: options.epoch ?? 5,
    minCount: options.minCount ?? 5,
    neg: options.neg ?? 5,
    wordNgrams: 1,
    loss: 'ns',
    model: options.model ?? 'sg',
    bucket: options.bucket ?? 2_000_000,
    minn: options.minn ?? 3,
    maxn: options.maxn ?? 6,
    lrUpdateRate: options.lrUpdateRate ?? 100,
    t: options.t ?? 1e-4,
    lr: options.lr ?? 0.05,
    threads: options.threads ?? 1,
    seed: options.seed,
  };
  for (const key of ['dim', 'ws', 'epoch', 'minCount', 'lrUpdateRate', 'threads'] as const) {
    if (!Number.isInteger(a[key]) || a[key] < 1) throw new ArgumentError(messages.badTrainOption(key, a[key], 'an integer >= 1'));
  }
  for (const key of ['neg', 'minn', 'maxn', 'bucket'] as const) {
    if (!Number.isInteger(a[key]) || a[key] < 0) throw new ArgumentError(messages.badTrainOption(key, a[key], 'an integer >= 0'));
  }
  if (a.maxn > 0 && (a.minn < 1 || a.minn > a.maxn || a.bucket < 1))
    throw new ArgumentError(messages.badTrainOption('minn', a.minn, `1 <= minn <= maxn (${a.maxn}), with bucket >= 1`));
  if (a.model !== 'sg' && a.model !== 'cbow') throw new ArgumentError(messages.badTrainOption('model', a.model, "'sg' or 'cbow'"));
  for (const key of ['lr', 't'] as const)
    if (!(a[key] > 0) || !Number.isFinite(a[key])) throw new ArgumentError(messages.badTrainOption(key, a[key], 'a finite number > 0'));
  return a;
}

export interface FastTextCorpus {
  /** Plain-text files, read one after another as one stream. */
  files?: string[];
  /** Texts, each followed by a newline. */
  texts?: Iterable<string>;
}

function corpusBytes(corpus: FastTextCorpus): Uint8Array[] {
  const parts: Uint8Array[] = (corpus.files ?? []).map((f) => readFileSync(f));
  if (corpus.texts !== undefined) {
    const texts: string[] = [];
    for (const t of corpus.texts) texts.push(t, '\n');
    if (texts.length > 0) parts.push(utf8(texts.join('')));
  }
  return parts;
}

/** tsx's ESM API (from TypeScript sources a worker does not inherit tsx's hooks on Node 20). */
function tsxApiUrl(): string {
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

/** Runs one Hogwild worker (train-worker.ts / .js) and resolves with its per-epoch sums. */
function runWorker(data: unknown): Promise<EpochSums> {
  const here = fileURLToPath(import.meta.url);
  const url = new URL(`./train-worker${extname(here)}`, import.meta.url);
  const worker =
    extname(here) === '.ts'
      ? new Worker(`import(${JSON.stringify(tsxApiUrl())}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`, {
          eval: true,
          workerData: data,
        })
      : new Worker(url, {workerData: data});
  return new Promise((resolve, reject) => {
    worker.once('message', (sums: EpochSums) => {
      resolve(sums);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`fastText worker thread exited with code ${code}`)));
  });
}

/**
 * Trains a skipgram or CBOW fastText model on raw text (see the module comment for the exact procedure).
 * The result is a `FastTextModel`: vectors for any string, `.bin` that the fasttext tool loads, `.vec`.
 */
export async function trainFastText(corpus: FastTextCorpus, options: FastTextTrainOptions): Promise<FastTextTrainResult> {
  const a = resolve(options);
  const start = performance.now();
  const bytes = corpusBytes(corpus);
  const dictionary = buildFastTextDictionary(bytes, {minCount: a.minCount});
  const ids = encodeCorpus(bytes, dictionary);
  const {nwords, ntokens, entries, counts, types} = dictionary;
  if (nwords === 0 || ids.length === 0) throw new ArgumentError(messages.noTrainingWords(a.minCount));
  const dim = a.dim;
  const rng = createRng(a.seed);

  // Input rows of each word: its own row, then its n-grams (none for </s>), as one CSR table.
  const subOptions = {minn: a.minn, maxn: a.maxn, bucket: a.bucket, nwords};
  const offsets = new Int32Array(nwords + 1);
  const rowLists: number[][] = [];
  for (let w = 0; w < nwords; w++) {
    const word = entries[w] as string;
    const rows = word === EOS ? [w] : [w, ...ngramRows(word, subOptions)];
    rowLists.push(rows);
    offsets[w + 1] = (offsets[w] as number) + rows.length;
  }

  // Keep probabilities and the negative distribution (ceil(sqrt(count) N / z) slots per word, N = 10M), in
  // shared memory so worker threads read the same tables.
  const shared = <T extends Int32Array | Float32Array | Float64Array | Uint8Array>(make: (b: SharedArrayBuffer) => T, bytes: number) =>
    make(new SharedArrayBuffer(Math.max(1, bytes)));
  const pdiscard = shared((b) => new Float32Array(b), 4 * nwords);
  for (let w = 0; w < nwords; w++) {
    const f = (counts[w] as number) / ntokens;
    pdiscard[w] = Math.sqrt(a.t / f) + a.t / f;
  }
  let z = 0;
  for (let w = 0; w < nwords; w++) z += Math.sqrt(counts[w] as number);
  const slots = new Int32Array(nwords);
  for (let w = 0; w < nwords; w++) slots[w] = Math.ceil((Math.sqrt(counts[w] as number) * NEGATIVE_TABLE_SIZE) / z);
  // fastText fills a table with that many slots per word and draws a uniform slot; the same draw here is a
  // uniform integer below the total, found by bisection in the running sums (no 40 MB table).
  const negatives = shared((b) => new Float64Array(b), 8 * nwords);
  for (let w = 0, at = 0; w < nwords; w++) negatives[w] = at += slots[w] as number;

  // One memory for the kernel: tables, per-thread scratch, subword rows, input and output matrices.
  const inputRows = nwords + a.bucket; // fastText allocates the buckets even when maxn = 0
  let maxRows = 0;
  for (let w = 0; w < nwords; w++) maxRows = Math.max(maxRows, (offsets[w + 1] as number) - (offsets[w] as number));
  const layout = kernelLayout(dim, a.neg + 1, offsets[nwords] as number, a.model === 'cbow' ? 2 * a.ws * maxRows : 0, inputRows, nwords, a.threads);
  const want = options.kernel ?? 'auto';
  let kind: 'wasm' | 'ts' = want === 'ts' || (want === 'auto' && !wasmKernelAvailable(layout)) ? 'ts' : 'wasm';
  if (kind === 'wasm' && !wasmKernelAvailable(layout)) throw new ArgumentError(messages.noWasmKernel(dim));
  let memory: ReturnType<typeof kernelMemory>;
  try {
    memory = kernelMemory(layout, kind);
  } catch (error) {
    if (want !== 'auto') throw error;
    kind = 'ts'; // a WebAssembly memory this large could not be had
    memory = kernelMemory(layout, kind);
  }
  const {buffer} = memory;
  const f32 = new Float32Array(buffer),
    i32 = new Int32Array(buffer);
  fillLossTables(f32, layout);
  rowLists.forEach((rows, w) => i32.set(rows, (layout.subwords >> 2) + (offsets[w] as number)));
  const wi = new Float32Array(buffer, layout.wi, inputRows * dim);
  const wo = new Float32Array(buffer, layout.wo, nwords * dim); // zero
  const bound = 1 / dim;
  for (let i = 0; i < wi.length; i++) wi[i] = -bound + 2 * bound * rng.float();

  const sharedIds = shared((b) => new Int32Array(b), 4 * ids.length);
  sharedIds.set(ids);
  const sharedOffsets = shared((b) => new Int32Array(b), 4 * offsets.length);
  sharedOffsets.set(offsets);
  const sharedTypes = shared((b) => new Uint8Array(b), types.length);
  sharedTypes.set(types);
  const tables: LoopTables = {
    ids: sharedIds,
    types: sharedTypes,
    pdiscard,
    negatives,
    offsets: sharedOffsets,
    counter: new BigInt64Array(new SharedArrayBuffer(8)),
  };
  const params = (thread: number): LoopParams => ({
    model: a.model,
    ws: a.ws,
    neg: a.neg,
    lr: a.lr,
    lrUpdateRate: a.lrUpdateRate,
    epoch: a.epoch,
    ntokens,
    eosId: entries.indexOf(EOS),
    layout,
    thread,
    start: Math.floor((thread * ids.length) / a.threads), // fastText: thread i starts at i / threads of the file
  });

  // Per-epoch records: sums from the threads, times from the shared counter passing each multiple of ntokens.
  const history: FastTextEpochRecord[] = [];
  const ends: number[] = [];
  let lastEnd = performance.now();
  const record = (index: number, sums: EpochSums, end: number) => {
    const seconds = (end - lastEnd) / 1000;
    lastEnd = end;
    const r: FastTextEpochRecord = {
      epoch: index + 1,
      loss: sums.examples[index]! === 0 ? 0 : sums.loss[index]! / sums.examples[index]!,
      examples: sums.examples[index]!,
      tokens: sums.tokens[index]!,
      words: sums.words[index]!,
      seconds,
      tokensPerSecond: sums.tokens[index]! / seconds,
      lr: a.lr * (1 - Math.min(1, ((index + 1) * ntokens) / (a.epoch * ntokens))),
    };
    history.push(r);
    options.onEpochEnd?.(r);
  };
  let kernelKind = kind;
  if (a.threads === 1) {
    const kernel = attachKernel(kind, layout, buffer, memory.memory, 0);
    kernelKind = kernel.kind;
    const sums = runTrainingLoop(tables, params(0), kernel, i32, rng, (index, s) => {
      while (history.length <= index) record(history.length, s, performance.now());
    });
    while (history.length < a.epoch) record(history.length, sums, performance.now());
  } else {
    const poll = setInterval(() => {
      const done = Math.floor(Number(Atomics.load(tables.counter, 0)) / ntokens);
      while (ends.length < Math.min(done, a.epoch)) ends.push(performance.now());
    }, 20);
    const module = kind === 'wasm' ? kernelModule() : null;
    const results = await Promise.all(
      Array.from({length: a.threads}, (_, thread) =>
        runWorker({kind, module, memory: memory.memory, buffer, layout, tables, params: params(thread), seed: deriveSeed(a.seed, `fasttext thread ${thread}`)}),
      ),
    );
    clearInterval(poll);
    while (ends.length < a.epoch) ends.push(performance.now());
    const sums: EpochSums = {loss: [], examples: [], tokens: [], words: []};
    for (const key of ['loss', 'examples', 'tokens', 'words'] as const) {
      for (let e = 0; e < a.epoch; e++) sums[key][e] = results.reduce((n, r) => n + (r[key][e] ?? 0), 0);
    }
    for (let e = 0; e < a.epoch; e++) record(e, sums, ends[e]!);
  }
  const model = new FastTextModel({
    version: 12,
    args: {
      dim,
      ws: a.ws,
      epoch: a.epoch,
      minCount: a.minCount,
      neg: a.neg,
      wordNgrams: 1,
      loss: 'ns',
      model: a.model,
      bucket: a.bucket,
      minn: a.minn,
      maxn: a.maxn,
      lrUpdateRate: a.lrUpdateRate,
      t: a.t,
    },
    dictionary,
    input: {rows: inputRows, cols: dim, data: wi},
    output: {rows: nwords, cols: dim, data: wo},
  });
  return {model, kernel: kernelKind, threads: a.threads, history, seconds: (performance.now() - start) / 1000};
}
