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
 * bit for bit; the algorithm, the distributions and the `.bin` it writes are. One thread (fastText's
 * Hogwild threads are not reproduced).
 */
import {readFileSync} from 'node:fs';
import {ArgumentError, createRng} from '@embedlab/core/data';
import {messages} from '../messages.js';
import {buildFastTextDictionary, encodeCorpus, MAX_LINE_SIZE} from './dictionary.js';
import {FastTextModel} from './model.js';
import {EOS, ngramRows} from './ngrams.js';
import {utf8} from './hash.js';
import type {FastTextArgs} from './model-file.js';
import {fillLossTables, kernelLayout, kernelMemory, wasmKernelAvailable} from './kernel.js';

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
  history: FastTextEpochRecord[];
  seconds: number;
}

const NEGATIVE_TABLE_SIZE = 10_000_000;

interface Resolved extends FastTextArgs {
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
    seed: options.seed,
  };
  for (const key of ['dim', 'ws', 'epoch', 'minCount', 'lrUpdateRate'] as const) {
    if (!Number.isInteger(a[key]) || a[key] < 1) throw new ArgumentError(messages.badTrainOption(key, a[key], 'an integer >= 1'));
  }
  for (const key of ['neg', 'minn', 'maxn', 'bucket'] as const) {
    if (!Number.isInteger(a[key]) || a[key] < 0) throw new ArgumentError(messages.badTrainOption(key, a[key], 'an integer >= 0'));
  }
  if (a.maxn > 0 && (a.minn < 1 || a.minn > a.maxn || a.bucket < 1)) throw new ArgumentError(messages.badTrainOption('minn', a.minn, `1 <= minn <= maxn (${a.maxn}), with bucket >= 1`));
  if (a.model !== 'sg' && a.model !== 'cbow') throw new ArgumentError(messages.badTrainOption('model', a.model, "'sg' or 'cbow'"));
  for (const key of ['lr', 't'] as const) if (!(a[key] > 0) || !Number.isFinite(a[key])) throw new ArgumentError(messages.badTrainOption(key, a[key], 'a finite number > 0'));
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

/**
 * Trains a skipgram fastText model on raw text (see the module comment for the exact procedure). The
 * result is a `FastTextModel`: vectors for any string, `.bin` that the fasttext tool loads, `.vec`.
 */
export function trainFastText(corpus: FastTextCorpus, options: FastTextTrainOptions): FastTextTrainResult {
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

  // Keep probabilities and the negative table (ceil(sqrt(count) N / z) slots per word, N = 10M).
  const pdiscard = new Float32Array(nwords);
  for (let w = 0; w < nwords; w++) {
    const f = (counts[w] as number) / ntokens;
    pdiscard[w] = Math.sqrt(a.t / f) + a.t / f;
  }
  let z = 0;
  for (let w = 0; w < nwords; w++) z += Math.sqrt(counts[w] as number);
  let total = 0;
  const slots = new Int32Array(nwords);
  for (let w = 0; w < nwords; w++) total += slots[w] = Math.ceil((Math.sqrt(counts[w] as number) * NEGATIVE_TABLE_SIZE) / z);
  const negatives = new Int32Array(total); // fastText's table (unshuffled: draws are uniform over it anyway)
  for (let w = 0, at = 0; w < nwords; w++) negatives.fill(w, at, (at += slots[w] as number));

  // One memory for the kernel: tables, scratch, targets, subword rows, input and output matrices.
  const inputRows = nwords + a.bucket; // fastText allocates the buckets even when maxn = 0
  let maxRows = 0;
  for (let w = 0; w < nwords; w++) maxRows = Math.max(maxRows, (offsets[w + 1] as number) - (offsets[w] as number));
  const layout = kernelLayout(dim, a.neg + 1, offsets[nwords] as number, a.model === 'cbow' ? 2 * a.ws * maxRows : 0, inputRows, nwords);
  const want = options.kernel ?? 'auto';
  const kind = want === 'ts' || (want === 'auto' && !wasmKernelAvailable(layout)) ? 'ts' : 'wasm';
  if (kind === 'wasm' && !wasmKernelAvailable(layout)) throw new ArgumentError(messages.noWasmKernel(dim));
  let memory: ReturnType<typeof kernelMemory>;
  try {
    memory = kernelMemory(layout, kind);
  } catch (error) {
    if (want !== 'auto') throw error;
    memory = kernelMemory(layout, 'ts'); // a WebAssembly memory this large could not be had
  }
  const {buffer, kernel} = memory;
  const f32 = new Float32Array(buffer), i32 = new Int32Array(buffer);
  fillLossTables(f32, layout);
  rowLists.forEach((rows, w) => i32.set(rows, (layout.subwords >> 2) + (offsets[w] as number)));
  const wi = new Float32Array(buffer, layout.wi, inputRows * dim);
  const wo = new Float32Array(buffer, layout.wo, nwords * dim); // zero
  const bound = 1 / dim;
  for (let i = 0; i < wi.length; i++) wi[i] = -bound + 2 * bound * rng.float();
  const targets = layout.targets >> 2, subwords = layout.subwords >> 2, bag = layout.bag >> 2;
  /** Model::update with input rows i32[rows, rows + nrows) and the positive `target`. */
  const update = (rows: number, nrows: number, target: number, lr: number): number => {
    i32[targets] = target;
    for (let n = 1; n <= a.neg; n++) {
      let negative: number;
      do negative = negatives[rng.int(total)] as number;
      while (negative === target);
      i32[targets + n] = negative;
    }
    return kernel.update(rows, nrows, a.neg + 1, lr);
  };

  const history: FastTextEpochRecord[] = [];
  const line = new Int32Array(MAX_LINE_SIZE + 1);
  const eosId = entries.indexOf(EOS);
  const budget = a.epoch * ntokens;
  let tokenCount = 0, localTokenCount = 0, pos = 0;
  let epochLoss = 0, epochExamples = 0, epochTokens = 0, epochWords = 0, epochStart = performance.now(), lr = a.lr;
  const closeEpoch = () => {
    const seconds = (performance.now() - epochStart) / 1000;
    const record = {epoch: history.length + 1, loss: epochExamples === 0 ? 0 : epochLoss / epochExamples, examples: epochExamples, tokens: epochTokens, words: epochWords, seconds, tokensPerSecond: epochTokens / seconds, lr};
    history.push(record);
    options.onEpochEnd?.(record);
    epochLoss = epochExamples = epochTokens = epochWords = 0;
    epochStart = performance.now();
  };
  while (tokenCount < budget) {
    lr = a.lr * (1 - tokenCount / budget);
    // Dictionary::getLine: in-vocabulary tokens up to </s> or past MAX_LINE_SIZE, words subsampled.
    let n = 0, read = 0;
    for (;;) {
      const id = ids[pos] as number;
      pos = pos + 1 === ids.length ? 0 : pos + 1;
      read++;
      if ((types[id] as number) === 0 && !(rng.float() > (pdiscard[id] as number))) line[n++] = id;
      if (read > MAX_LINE_SIZE || id === eosId) break;
    }
    for (let w = 0; w < n; w++) {
      const boundary = 1 + rng.int(a.ws);
      if (a.model === 'sg') {
        // FastText::skipgram: the centre word's rows predict each context word.
        const center = line[w] as number, from = offsets[center] as number, nrows = (offsets[center + 1] as number) - from;
        for (let c = -boundary; c <= boundary; c++) {
          if (c === 0 || w + c < 0 || w + c >= n) continue;
          epochLoss += update(subwords + from, nrows, line[w + c] as number, lr);
          epochExamples++;
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
        epochLoss += update(bag, size, line[w] as number, lr);
        epochExamples++;
      }
    }
    localTokenCount += read;
    epochTokens += read;
    epochWords += n;
    if (localTokenCount > a.lrUpdateRate) {
      const before = tokenCount;
      tokenCount += localTokenCount;
      localTokenCount = 0;
      if (Math.floor(tokenCount / ntokens) > Math.floor(before / ntokens) || tokenCount >= budget) closeEpoch();
    }
  }
  const model = new FastTextModel({
    version: 12,
    args: {dim, ws: a.ws, epoch: a.epoch, minCount: a.minCount, neg: a.neg, wordNgrams: 1, loss: 'ns', model: a.model, bucket: a.bucket, minn: a.minn, maxn: a.maxn, lrUpdateRate: a.lrUpdateRate, t: a.t},
    dictionary,
    input: {rows: inputRows, cols: dim, data: wi},
    output: {rows: nwords, cols: dim, data: wo},
  });
  return {model, kernel: kernel.kind, history, seconds: (performance.now() - start) / 1000};
}
