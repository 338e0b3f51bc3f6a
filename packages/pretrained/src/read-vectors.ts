/**
 * `readVectors(path, options)`: any supported vector file into core `WordVectors`, streaming.
 *
 * Pipeline: open the bytes (plain / .gz / .zip member) -> sniff the format on the first chunk -> feed
 * 16 MiB chunks to the format's scanner, which writes rows straight into one float32 matrix (sized from
 * the header, or estimated from the file size for GloVe) -> wrap as WordVectors with provenance in `meta`.
 * Peak memory is the matrix (plus at most ~5% spare rows), the words and one chunk.
 */
import {availableParallelism} from 'node:os';
import {resolve} from 'node:path';
import {ArgumentError, DataError, WordVectors, type WordTable} from '@embedlab/core/data';
import {BinaryScanner} from './binary-scanner.js';
import {openByteSource} from './byte-source.js';
import {resolveFormat, type FormatOption, type VectorFormat} from './detect-format.js';
import {messages} from './messages.js';
import {readTextParallel, type ParallelJob, type StageClock} from './parallel-text.js';
import {textParserModule} from './wasm-text.js';
import {RowStore, type DuplicateRule} from './row-store.js';
import {TextScanner} from './text-scanner.js';

export interface ReadProgress {
  /** Decompressed bytes scanned so far. */
  bytes: number;
  /** Expected decompressed bytes (0 when unknown). */
  totalBytes: number;
  /** Rows kept so far (the block reader, used for large plain files, reports them only at the end). */
  rows: number;
}

export interface ReadOptions {
  /** __Default:__ `'auto'` (see detect-format.ts). `fasttext` = word2vec text with header. */
  format?: FormatOption;
  /** Read only the first N data rows of the file (gensim's `limit`); rows dropped by the filter count. */
  limit?: number;
  /**
   * Keep only these words (a Set, a core Vocabulary, any iterable). For files larger than memory: rows of
   * other words are skipped without being parsed. See `wordsFor(vocab)` to include lowercase forms.
   */
  vocabulary?: Iterable<string> | {has(word: string): boolean; readonly size?: number};
  /** A word seen again: keep the first row and count it (`keep-first`, gensim's rule) or throw. __Default:__ `keep-first`. */
  duplicates?: DuplicateRule;
  /** Invalid UTF-8 in a word: throw (`strict`) or decode with U+FFFD (`replace`). __Default:__ `strict`. */
  encodingErrors?: 'strict' | 'replace';
  /** Compute the sha256 of the file while reading (adds ~0.2 s per 300 MB). __Default:__ false. */
  sha256?: boolean;
  /** Member of a `.zip` to read. __Default:__ its only .txt/.vec/.bin member. */
  member?: string;
  /** Text files whose words contain spaces (GloVe 840B): the last `dim` tokens are the values. */
  wordsWithSpaces?: boolean;
  /**
   * Threads for large plain text files (GloVe, word2vec/fastText text of 32 MiB or more, read without
   * limit, vocabulary, sha256 or duplicates: 'error'). __Default:__ the cores, at most 4 (`defaultThreads()`).
   * Threads claim blocks of the file as they go, so one slowed by other load simply takes fewer: with the
   * WebAssembly loop two threads beat one here even with both cores busy (1.6-1.7 s against 2.5-2.9 s).
   */
  threads?: number;
  /** @internal Smallest file read in parallel (tests lower it to exercise the parallel path). */
  parallelMinBytes?: number;
  /** @internal Per-stage times of the block reader (bench/pretrained-profile.ts). */
  clock?: StageClock;
  /** @internal Read size in bytes (tests use tiny chunks to cross line boundaries). __Default:__ 16 MiB. */
  chunkBytes?: number;
  /** Called after every chunk (after each block this thread parses, for the block reader). */
  onProgress?: (progress: ReadProgress) => void;
}

/** `vectors.meta` of what the readers return. */
export interface ReadMeta {
  path: string;
  format: VectorFormat;
  container: string;
  rows: number;
  dim: number;
  /** Data rows read from the file (kept + filtered out + duplicates). */
  rowsRead: number;
  /** Rows the header promised (word2vec formats). */
  headerRows?: number;
  duplicates: number;
  duplicateExamples: string[];
  /** Rows dropped by the vocabulary filter. */
  filteredOut: number;
  limit?: number;
  replacedWords: number;
  fileBytes: number;
  sha256?: string;
}

const CHUNK = 16 << 20;
/** Files smaller than this are read on one thread (starting workers costs more than it saves). */
const PARALLEL_MIN_BYTES = 32 << 20;
const HEADER = /^[ \t]*(\d+)[ \t]+(\d+)[ \t]*\r?$/;
const MAX_LINE = 1 << 30;

export async function readVectors(path: string, options: ReadOptions = {}): Promise<WordVectors> {
  const limit = options.limit ?? Infinity;
  if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0))) throw new ArgumentError(`limit must be a positive integer (got ${limit})`);
  const format = options.format ?? 'auto';
  if (!['auto', 'glove', 'word2vec', 'word2vec-binary', 'fasttext'].includes(format)) throw new ArgumentError(messages.unknownFormat(format));
  const keep = toMembership(options.vocabulary);
  const encodingErrors = options.encodingErrors ?? 'strict';
  const source = await openByteSource(path, {sha256: options.sha256 ?? false, ...(options.member === undefined ? {} : {member: options.member})});
  try {
    const chunk = options.chunkBytes ?? Math.min(CHUNK, Math.max(source.totalBytes, 1 << 16));
    // Sniff the format on the first MiB; the full chunk buffer is only allocated for a single-thread read.
    let buf = Buffer.allocUnsafe(Math.min(chunk, 1 << 20) + 1);
    let have = 0;
    let eof = false;
    let scanned = 0;
    const fill = async () => {
      while (have < buf.length - 1 && !eof) {
        const n = await source.read(buf, have, buf.length - 1 - have);
        if (n === 0) eof = true;
        have += n;
      }
    };
    await fill();
    let start = 0;
    if (have >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3; // UTF-8 BOM
    const fmt = resolveFormat(format, buf.subarray(start, have), path);
    const store = new RowStore(path, {keep, duplicates: options.duplicates ?? 'keep-first', limit});
    const threads = options.threads ?? defaultThreads();
    // The block reader also serves one thread when the WebAssembly loop is there (faster than the scanner).
    const parallel =
      (threads > 1 || textParserModule() !== null) &&
      fmt !== 'word2vec-binary' &&
      source.container === 'plain' &&
      source.fileBytes >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES) &&
      limit === Infinity &&
      keep === undefined &&
      store.rules.duplicates === 'keep-first' &&
      !options.sha256 &&
      !options.wordsWithSpaces
        ? planParallel(buf, start, have, fmt, path, source.fileBytes, threads, encodingErrors)
        : undefined;
    if (parallel) {
      const onProgress = options.onProgress;
      const job = options.clock ? {...parallel, clock: options.clock} : parallel;
      const r = await readTextParallel(onProgress ? {...job, onProgress: (bytes) => onProgress({bytes, totalBytes: source.fileBytes, rows: 0})} : job);
      store.dim = parallel.dim;
      store.data = r.data;
      store.rows = r.rowsSeen;
      store.capacity = r.rowsSeen;
      store.rowsSeen = r.rowsSeen;
      // Distinct words come as a ByteWordTable (no string per word); repeated ones as strings for keep-first.
      const table = Array.isArray(r.words) ? undefined : r.words;
      if (Array.isArray(r.words)) store.words = r.words;
      options.onProgress?.({bytes: source.fileBytes, totalBytes: source.fileBytes, rows: r.rowsSeen});
      options.clock?.tick('words: into the row store');
      const done = finish(store, table, {
        path: resolve(path),
        format: fmt,
        container: `${source.container}, ${threads} thread${threads > 1 ? 's' : ''}${textParserModule() ? ', wasm' : ''}`,
        ...(parallel.headerRows >= 0 ? {headerRows: parallel.headerRows} : {}),
        replacedWords: r.replacedWords,
        fileBytes: source.fileBytes,
      });
      options.clock?.tick('WordVectors: word index');
      return done;
    }
    if (buf.length < chunk + 1) {
      const full = Buffer.allocUnsafe(chunk + 1);
      buf.copy(full, 0, 0, have);
      buf = full;
      await fill();
    }
    const scanner =
      fmt === 'word2vec-binary'
        ? new BinaryScanner(path, store, encodingErrors)
        : new TextScanner({
            file: path,
            store,
            hasHeader: fmt === 'word2vec',
            totalBytes: source.totalBytes,
            encodingErrors,
            wordsWithSpaces: options.wordsWithSpaces ?? false,
          });
    for (;;) {
      const consumed = scanner.consume(buf, start, have, eof);
      scanned += consumed - start;
      options.onProgress?.({bytes: scanned, totalBytes: source.totalBytes, rows: store.rows});
      if (scanner.done || eof) break;
      if (consumed > 0) buf.copy(buf, 0, consumed, have);
      have -= consumed;
      start = 0;
      if (have === buf.length - 1) {
        if (buf.length > MAX_LINE) throw new DataError(path, undefined, messages.lineTooLong(MAX_LINE));
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      await fill();
    }
    scanner.finish();
    const sha256 = eof ? source.sha256() : undefined;
    return finish(store, undefined, {
      path: resolve(path),
      format: fmt,
      container: source.container,
      ...(scanner.headerRows >= 0 ? {headerRows: scanner.headerRows} : {}),
      ...(limit === Infinity ? {} : {limit}),
      replacedWords: scanner.replacedWords,
      fileBytes: source.fileBytes,
      ...(sha256 === undefined ? {} : {sha256}),
    });
  } finally {
    source.close();
  }
}

function toMembership(v: ReadOptions['vocabulary']): {has(word: string): boolean; readonly size?: number} | undefined {
  if (v === undefined) return undefined;
  if (typeof (v as {has?: unknown}).has === 'function') return v as {has(word: string): boolean};
  return new Set(v as Iterable<string>);
}

/** WordVectors from a filled store, dropping repeated words (keep-first) when there are any. */
function finish(
  store: RowStore,
  table: WordTable | undefined,
  meta: Omit<ReadMeta, 'rows' | 'dim' | 'rowsRead' | 'duplicates' | 'duplicateExamples' | 'filteredOut'>,
): WordVectors {
  let vectors: WordVectors | undefined;
  try {
    vectors = new WordVectors(table ?? store.words, store.finish(), store.dim, {checkFinite: false});
  } catch (error) {
    // The one expected failure is a repeated word (keep-first does not look words up while scanning).
    if (!(error instanceof ArgumentError)) throw error;
    store.dropRepeats();
    if (store.duplicates === 0) throw error;
  }
  vectors ??= new WordVectors(store.words, store.finish(), store.dim, {checkFinite: false});
  const full: ReadMeta = {
    ...meta,
    rows: store.rows,
    dim: store.dim,
    rowsRead: store.rowsSeen,
    duplicates: store.duplicates,
    duplicateExamples: store.duplicateExamples,
    filteredOut: store.skipped,
  };
  Object.assign(vectors.meta, full);
  return vectors;
}

/**
 * The parallel job for a plain text file, from its first bytes: the header (word2vec) or the first line's
 * value count (GloVe). Undefined when the start of the file is unusual (the single-thread path then reads
 * it and reports any problem exactly).
 */
function planParallel(
  b: Buffer,
  start: number,
  have: number,
  fmt: VectorFormat,
  path: string,
  fileBytes: number,
  threads: number,
  encodingErrors: 'strict' | 'replace',
): ParallelJob | undefined {
  const nl = b.indexOf(10, start);
  if (nl < 0 || nl >= have) return undefined;
  const first = b.toString('latin1', start, nl);
  if (fmt === 'word2vec') {
    const m = HEADER.exec(first);
    if (!m || !(Number(m[2]) > 0)) return undefined;
    const dim = Number(m[2]);
    return {path, fileBytes, dataStart: nl + 1, lineBase: 1, dim, headerRows: Number(m[1]), threads, encodingErrors, why: `the header says dim ${dim}`};
  }
  const line = first.trimEnd();
  if (line === '' || line.startsWith(' ') || line.startsWith('\t')) return undefined;
  const sp = line.indexOf(' ');
  if (sp < 0) return undefined;
  const dim = line
    .slice(sp)
    .trim()
    .split(/[ \t]+/).length;
  return {path, fileBytes, dataStart: start, lineBase: 0, dim, headerRows: -1, threads, encodingErrors, why: 'the first line has that many'};
}

/** Threads for the block reader: one per core, at most 4 (measured only with 2 here). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
