/**
 * Reading a large plain text vector file (GloVe, word2vec/fastText text) on several threads.
 *
 *   1. split the data bytes into blocks (6 per thread) at line starts;
 *   2. every thread (this one included) claims blocks with Atomics.add and counts their lines; then this
 *      thread knows each block's first row and allocates one SharedArrayBuffer of exactly (all lines) x dim
 *      float32;
 *   3. every thread claims blocks again and parses each into its rows with the WebAssembly loop
 *      (wasm/text-parser.wat; `parseRangeWasm`) or, where that cannot load, the same JS loop as the
 *      single-threaded scanner (`parseRange`). Claiming keeps a thread slowed by other load from holding
 *      everyone up. One thread (no workers) uses this reader too when the wasm loop is there.
 *      A line the fast loop does not take (blank, non-ASCII word, exponent, bad value...) is *deferred*:
 *      its row is left empty and its byte range sent back;
 *   4. this thread parses the deferred lines with `parseSlowLine` (exact errors with file and line), checks
 *      the header, and closes the gaps left by blank lines in place.
 * Peak memory is the matrix plus about 8 MiB per thread (a read buffer and the wasm input window): no per-thread
 * matrices to concatenate.
 *
 * Workers run the source text of `workerMain`, `countLines`, `fillWindow`, `wasmParser`, `parseRange` and
 * `parseRangeWasm` (eval: true), so they load no module and start in a few milliseconds; those functions must
 * stay self-contained (no imports, no outer variables but `fillWindow` and `wasmParser`, which the worker
 * source defines).
 */
import * as fs from 'node:fs';
import {closeSync, openSync, readSync} from 'node:fs';
import {Worker} from 'node:worker_threads';
import {DataError} from '@embedlab/core/data';
import {ByteWordTable, buildWordIndex} from './byte-word-table.js';
import {parseDecimalRow} from './decimal-row.js';
import {messages} from './messages.js';
import {parseSlowLine} from './text-scanner.js';
import {textParserModule, type TextParserExports, type TextParserModule, type WasmGlobal} from './wasm-text.js';

export interface ParallelJob {
  path: string;
  fileBytes: number;
  /** Byte offset of the first data line (after a BOM and the header line). */
  dataStart: number;
  /** Lines before dataStart (1 with a header). */
  lineBase: number;
  dim: number;
  /** Rows the header promises, or -1. */
  headerRows: number;
  threads: number;
  encodingErrors: 'strict' | 'replace';
  why: string;
  /** Called as this thread finishes a block, with the bytes of the blocks handed out so far (all threads). */
  onProgress?: (bytes: number) => void;
  /** @internal Per-stage times of this thread (bench/pretrained-profile.ts). */
  clock?: StageClock;
}

/**
 * @internal CPU and wall time per stage, for profiles: `tick(stage)` charges the time since the previous tick
 * to `stage`. CPU is process.cpuUsage (the whole process), so it is this thread's own only with 1 thread.
 */
export interface StageClock {
  tick(stage: string): void;
  readonly stages: Map<string, {cpuMs: number; wallMs: number; calls: number}>;
}

export function stageClock(): StageClock {
  let c0 = process.cpuUsage();
  let w0 = performance.now();
  const stages = new Map<string, {cpuMs: number; wallMs: number; calls: number}>();
  return {
    stages,
    tick(stage: string): void {
      const c = process.cpuUsage();
      const w = performance.now();
      const s = stages.get(stage) ?? {cpuMs: 0, wallMs: 0, calls: 0};
      s.cpuMs += (c.user - c0.user + c.system - c0.system) / 1000;
      s.wallMs += w - w0;
      s.calls++;
      stages.set(stage, s);
      c0 = c;
      w0 = w;
    },
  };
}

export interface ParallelResult {
  /**
   * The words: a ByteWordTable over their UTF-8 bytes with its index built (no string per word) when they
   * are all distinct; else the strings, for the row store's keep-first rule.
   */
  words: ByteWordTable | string[];
  data: Float32Array;
  /** Non-blank data lines. */
  rowsSeen: number;
  replacedWords: number;
  lines: number;
}

interface WorkerDone {
  /**
   * The block's word bytes, '\n' after each line's word ('' for a deferred line): bytes, not strings, so
   * that no string per word is made at all (the table looks words up in these bytes) and one copy posts.
   */
  words: Uint8Array;
  /** Flat triples: slot, absolute start byte, absolute end byte (its newline). */
  deferred: number[];
  slots: number;
}

/** What a worker posts per block. */
type WorkerPost = WorkerDone & {block: number};

type Fs = typeof import('node:fs');

/**
 * Lines in bytes [start, end) of a file (a last line without newline counts). With `wasm`, the bytes are
 * read into the module's input window and counted there 16 at a time; else Buffer.indexOf per line.
 * Self-contained.
 */
function countLines(fs: Fs, fd: number, start: number, end: number, buf: Buffer, wasm?: WasmParser): number {
  let lines = 0;
  let last = 10;
  for (let pos = start; pos < end; ) {
    if (wasm) {
      const n = fs.readSync(fd, wasm.bytes, wasm.inAt, Math.min(wasm.window, end - pos), pos);
      if (n === 0) break;
      lines += wasm.count(wasm.inAt, n);
      last = wasm.bytes[wasm.inAt + n - 1] as number;
      pos += n;
      continue;
    }
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length - 1, end - pos), pos);
    if (n === 0) break;
    for (let i = buf.indexOf(10, 0); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) lines++;
    last = buf[n - 1] as number;
    pos += n;
  }
  if (end > start && last !== 10) lines++;
  return lines;
}

/**
 * Read the file from `pos` (up to `end`) into buf[off + have, off + room) until that is full. Returns the new
 * `have` and `pos`, and `eof` once the range is all in, or when the file ended early (it shrank while being
 * read: what is there gets parsed, and the row count check reports the change). Self-contained; the
 * parsers below call it, and the worker source defines it for them.
 */
function fillWindow(
  fs: Fs,
  fd: number,
  buf: Uint8Array,
  off: number,
  have: number,
  room: number,
  pos: number,
  end: number,
): {have: number; pos: number; eof: boolean} {
  while (have < room && pos < end) {
    const n = fs.readSync(fd, buf, off + have, Math.min(room - have, end - pos), pos);
    if (n === 0) return {have, pos, eof: true};
    have += n;
    pos += n;
  }
  return {have, pos, eof: pos >= end};
}

/**
 * Parse the `lines` lines of bytes [start, end) into `data` (row i of the range = line i), the fast way.
 * Lines it does not take are deferred (row left as is; slot, start and end bytes recorded). Self-contained
 * but for fillWindow: it also runs as source text inside workers, so only locals in the hot loop.
 */
// `parseRow` is decimal-row.ts's parseDecimalRow, passed in: inside a worker this function is source text,
// where an imported name may be compiled to a module property that does not exist there.
function parseRange(
  fs: Fs,
  fd: number,
  start: number,
  end: number,
  dim: number,
  data: Float32Array,
  lines: number,
  first: Buffer,
  parseRow: typeof parseDecimalRow,
): WorkerDone {
  const words: (string | null)[] = new Array<string | null>(lines).fill(null);
  const deferred: number[] = [];
  const P = new Float64Array(23);
  for (let i = 0; i < 23; i++) P[i] = 10 ** i;
  let buf = first;
  let cap = buf.length;
  let slot = 0;
  let have = 0;
  let pos = start;
  let fileOff = start;
  for (;;) {
    let eof: boolean;
    ({have, pos, eof} = fillWindow(fs, fd, buf, 0, have, cap - 1, pos, end));
    let stop: number;
    if (eof) {
      stop = have;
      if (have > 0 && buf[have - 1] !== 10) buf[stop++] = 10;
    } else {
      const nl = buf.lastIndexOf(10, have - 1);
      if (nl < 0) {
        cap = cap * 2;
        const bigger = Buffer.allocUnsafe(cap);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
        continue;
      }
      stop = nl + 1;
    }
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
    let p = 0;
    while (p < stop && slot < lines) {
      const ls = p;
      let c = buf[p] as number;
      let hi = 0;
      while (c !== 32 && c !== 10) {
        hi |= c;
        c = buf[++p] as number;
      }
      let ok = !(c === 10 || p === ls || hi >= 128);
      const we = p;
      if (ok) {
        const next = parseRow(buf, dv, p, dim, data, slot * dim, P);
        ok = next >= 0;
        if (ok) p = next;
      }
      if (ok) {
        words[slot++] = buf.toString('latin1', ls, we);
        p++;
      } else {
        const nl = buf.indexOf(10, ls);
        deferred.push(slot++, fileOff + ls, fileOff + nl);
        p = nl + 1;
      }
    }
    if (eof) break;
    buf.copy(buf, 0, stop, have);
    have -= stop;
    fileOff += stop;
  }
  return {words: slot === 0 ? new Uint8Array(0) : Buffer.from(`${words.map((w) => w ?? '').join('\n')}\n`, 'latin1'), deferred, slots: slot};
}

/** One thread's instance of wasm/text-parser.wasm, made on first use (see parseRangeWasm). */
interface WasmParser {
  dim: number;
  /** Where the input window starts in the module's memory, and its size. */
  inAt: number;
  window: number;
  parse: (p: number, stop: number, dim: number, out: number, rec: number, maxRows: number, pow: number) => number;
  count: (p: number, n: number) => number;
  pos: () => number;
  bytes: Buffer;
  i32: Int32Array;
  out: Float32Array;
  /** The block's word bytes, '\n' after each (grows). */
  wb: Buffer;
}

/**
 * parseRange with the WebAssembly hot loop: the file is read straight into the module's memory, each call
 * parses up to 64 lines (short calls let V8 move the function to its optimizing tier early) and their rows
 * are copied into `data`. Same results and deferred lines as parseRange; null when a line does not fit in
 * the 4 MiB input window (the caller then uses parseRange, which grows its buffer). Self-contained (but
 * for fillWindow and wasmParser).
 */
function parseRangeWasm(
  fs: Fs,
  fd: number,
  start: number,
  end: number,
  dim: number,
  data: Float32Array,
  lines: number,
  module: TextParserModule,
  cache: {parser?: WasmParser},
  tick?: (stage: string) => void,
): WorkerDone | null {
  const WINDOW = 4 << 20,
    BATCH = 64,
    IN = 256,
    REC = IN + WINDOW + 64,
    OUT = REC + BATCH * 8;
  const parser = wasmParser(module, dim, cache);
  const {parse, pos: after, bytes, i32, out} = parser;
  let wb = parser.wb;
  let wn = 0;
  const deferred: number[] = [];
  let slot = 0;
  let have = 0;
  let pos = start;
  let fileOff = start;
  for (;;) {
    let eof: boolean;
    ({have, pos, eof} = fillWindow(fs, fd, bytes, IN, have, WINDOW, pos, end));
    tick?.('parse: read()');
    let stop: number;
    if (eof) {
      stop = have;
      if (have > 0 && bytes[IN + have - 1] !== 10) bytes[IN + stop++] = 10;
    } else {
      const nl = bytes.lastIndexOf(10, IN + have - 1);
      if (nl < IN) return null;
      stop = nl + 1 - IN;
    }
    let p = IN;
    while (p < IN + stop && slot < lines) {
      const rows = parse(p, IN + stop, dim, OUT, REC, Math.min(BATCH, lines - slot), 0);
      p = after();
      tick?.('parse: wasm loop');
      data.set(out.subarray(0, rows * dim), slot * dim);
      tick?.('parse: rows into the matrix');
      for (let r = 0; r < rows; r++) {
        const a = i32[(REC >> 2) + 2 * r] as number,
          b = i32[(REC >> 2) + 2 * r + 1] as number;
        if (a >= 0) {
          if (wn + (b - a) + 1 > wb.length) {
            const bigger = Buffer.allocUnsafe(Math.max(2 * wb.length, wn + (b - a) + 1));
            wb.copy(bigger, 0, 0, wn);
            wb = parser.wb = bigger;
          }
          for (let i = a; i < b; i++) wb[wn++] = bytes[i] as number;
        } else {
          deferred.push(slot + r, fileOff + (-1 - a) - IN, fileOff + b - IN);
        }
        wb[wn++] = 10;
      }
      slot += rows;
      tick?.('parse: word strings');
    }
    if (eof) break;
    bytes.copy(bytes, IN, IN + stop, IN + have);
    have -= stop;
    fileOff += stop;
  }
  // A copy: `wb` is this thread's and is reused by its next block.
  return {words: new Uint8Array(wb.subarray(0, wn)), deferred, slots: slot};
}

/**
 * This thread's instance of wasm/text-parser.wasm for rows of `dim` values, made on first use (memory: the
 * powers of ten, the input window, the line records, one batch of rows). Self-contained.
 */
function wasmParser(module: TextParserModule, dim: number, cache: {parser?: WasmParser}): WasmParser {
  const WINDOW = 4 << 20,
    BATCH = 64,
    IN = 256,
    REC = IN + WINDOW + 64,
    OUT = REC + BATCH * 8;
  if (cache.parser?.dim !== dim) {
    const api = (globalThis as unknown as {WebAssembly: WasmGlobal}).WebAssembly;
    const ex = new api.Instance(module, {}).exports as TextParserExports;
    const need = Math.ceil((OUT + BATCH * dim * 4) / 65536) - ex.memory.buffer.byteLength / 65536;
    if (need > 0) ex.memory.grow(need);
    const pow = new Float64Array(ex.memory.buffer, 0, 23);
    for (let i = 0; i < 23; i++) pow[i] = 10 ** i;
    const mem = ex.memory.buffer;
    cache.parser = {
      dim,
      inAt: IN,
      window: WINDOW,
      parse: ex.parse,
      count: ex.count,
      pos: ex.pos,
      bytes: Buffer.from(mem),
      i32: new Int32Array(mem),
      out: new Float32Array(mem, OUT, BATCH * dim),
      wb: Buffer.allocUnsafe(1 << 20),
    };
  }
  return cache.parser;
}

/** Shared state of one parallel read: block cuts, per-block line counts and row offsets, claim counters. */
interface Shared {
  path: string;
  dim: number;
  cuts: number[];
  bufBytes: number;
  /** The compiled wasm/text-parser.wasm, or null to parse in JS. */
  module: TextParserModule | null;
  /** Int32: [next block to count, next block to parse]. */
  ctrl: SharedArrayBuffer;
  /** Int32 per block: its lines (written by whoever counted it). */
  counts: SharedArrayBuffer;
  /** Int32 per block: its first row (written by this thread before the matrix is posted). */
  offsets: SharedArrayBuffer;
}

/**
 * A worker: claim blocks to count until none is left, say so, wait for the matrix, claim blocks to parse,
 * post the results. Blocks are claimed with Atomics.add, so a thread slowed by other load just takes fewer.
 */
function workerMain(count: typeof countLines, parse: typeof parseRange, parseWasm: typeof parseRangeWasm, parseRow: typeof parseDecimalRow): void {
  // require: this function runs as eval'd CommonJS source inside a worker
  const {parentPort, workerData} = require('node:worker_threads');
  // require: this function runs as eval'd CommonJS source inside a worker
  const fs = require('node:fs') as Fs;
  const sh = workerData as Shared;
  const blocks = sh.cuts.length - 1;
  const ctrl = new Int32Array(sh.ctrl);
  const counts = new Int32Array(sh.counts);
  const fd = fs.openSync(sh.path, 'r');
  const buf = Buffer.allocUnsafe(sh.bufBytes);
  const cache: {parser?: WasmParser} = {};
  const counter = sh.module ? wasmParser(sh.module, sh.dim, cache) : undefined;
  for (let k = Atomics.add(ctrl, 0, 1); k < blocks; k = Atomics.add(ctrl, 0, 1)) {
    counts[k] = count(fs, fd, sh.cuts[k] as number, sh.cuts[k + 1] as number, buf, counter);
  }
  parentPort.postMessage({counted: true});
  parentPort.once('message', (msg: {sab: SharedArrayBuffer}) => {
    const offsets = new Int32Array(sh.offsets);
    const done: (WorkerDone & {block: number})[] = [];
    for (let k = Atomics.add(ctrl, 1, 1); k < blocks; k = Atomics.add(ctrl, 1, 1)) {
      const lines = counts[k] as number;
      const data = new Float32Array(msg.sab, (offsets[k] as number) * sh.dim * 4, lines * sh.dim);
      const [s, e] = [sh.cuts[k] as number, sh.cuts[k + 1] as number];
      const got = sh.module ? parseWasm(fs, fd, s, e, sh.dim, data, lines, sh.module, cache) : null;
      done.push({block: k, ...(got ?? parse(fs, fd, s, e, sh.dim, data, lines, buf, parseRow))});
    }
    fs.closeSync(fd);
    // One string per block: structured-cloning 170k separate strings costs ~100 ms, one long string a few.
    parentPort.postMessage(done);
  });
}

/** Split [dataStart, fileBytes) into `parts` ranges that start at line starts. */
function splitRanges(path: string, dataStart: number, fileBytes: number, parts: number): number[] {
  const cuts = [dataStart];
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.allocUnsafe(1 << 16);
    for (let i = 1; i < parts; i++) {
      let at = Math.max(dataStart + Math.floor(((fileBytes - dataStart) * i) / parts), (cuts[cuts.length - 1] as number) + 1) - 1;
      let cut = fileBytes;
      while (at < fileBytes) {
        const n = readSync(fd, probe, 0, probe.length, at);
        if (n === 0) break;
        const nl = probe.subarray(0, n).indexOf(10);
        if (nl >= 0) {
          cut = at + nl + 1;
          break;
        }
        at += n;
      }
      cuts.push(Math.min(cut, fileBytes));
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(fileBytes);
  return cuts;
}

// `__name` is what esbuild's keepNames (tsx) may wrap inner functions in; define it for the eval'd source.
const WORKER_SOURCE = `var __name = (f) => f;\nvar fillWindow = ${fillWindow.toString()};\nvar wasmParser = ${wasmParser.toString()};\n(${workerMain.toString()})(${countLines.toString()}, ${parseRange.toString()}, ${parseRangeWasm.toString()}, ${parseDecimalRow.toString()});`;
/** Read buffer per thread: big enough for long reads, small next to the matrix. */
const BUF_BYTES = (4 << 20) + 1;

/** Blocks per thread: enough that a thread slowed by other load hands its share to the others. */
const BLOCKS_PER_THREAD = 6;

export async function readTextParallel(job: ParallelJob): Promise<ParallelResult> {
  const {path, dim} = job;
  const tick = job.clock ? (stage: string) => job.clock?.tick(stage) : undefined;
  tick?.('before the reader');
  const cuts = splitRanges(path, job.dataStart, job.fileBytes, job.threads * BLOCKS_PER_THREAD);
  const blocks = cuts.length - 1;
  const sh: Shared = {
    path,
    dim,
    cuts,
    bufBytes: BUF_BYTES,
    module: textParserModule(),
    ctrl: new SharedArrayBuffer(8),
    counts: new SharedArrayBuffer(4 * blocks),
    offsets: new SharedArrayBuffer(4 * blocks),
  };
  const ctrl = new Int32Array(sh.ctrl);
  const counts = new Int32Array(sh.counts);
  const offsets = new Int32Array(sh.offsets);
  const workers: Worker[] = [];
  const fd = openSync(path, 'r');
  try {
    // This thread works too: workers = threads - 1.
    const counted: Promise<unknown>[] = [];
    const dones: Promise<WorkerPost[]>[] = [];
    for (let i = 1; i < job.threads; i++) {
      const w = new Worker(WORKER_SOURCE, {eval: true, workerData: sh});
      workers.push(w);
      const failed = new Promise<never>((_, reject) => {
        w.once('error', (e) => reject(new DataError(path, undefined, `parallel reader failed: ${e.message}`)));
      });
      failed.catch(() => undefined);
      let first = true;
      const countedP = new Promise<unknown>((resolve) => w.once('message', resolve));
      const doneP = new Promise<WorkerPost[]>((resolve) =>
        w.on('message', (m: unknown) => {
          if (first) {
            first = false;
            return;
          }
          resolve(m as WorkerPost[]);
        }),
      );
      counted.push(Promise.race([countedP, failed]));
      dones.push(Promise.race([doneP, failed]));
    }
    tick?.('split into blocks, start workers');
    const buf = Buffer.allocUnsafe(BUF_BYTES);
    const cache: {parser?: WasmParser} = {};
    const counter = sh.module ? wasmParser(sh.module, dim, cache) : undefined;
    for (let k = Atomics.add(ctrl, 0, 1); k < blocks; k = Atomics.add(ctrl, 0, 1)) {
      counts[k] = countLines(fs, fd, cuts[k] as number, cuts[k + 1] as number, buf, counter);
    }
    tick?.('count lines');
    await Promise.all(counted);
    tick?.('wait: workers counting');
    let total = 0;
    for (let k = 0; k < blocks; k++) {
      offsets[k] = total;
      total += counts[k] as number;
    }
    const sab = new SharedArrayBuffer(total * dim * 4);
    for (const w of workers) w.postMessage({sab});
    const data = new Float32Array(sab);
    const mine: (WorkerDone & {block: number})[] = [];
    for (let k = Atomics.add(ctrl, 1, 1); k < blocks; k = Atomics.add(ctrl, 1, 1)) {
      const lines = counts[k] as number;
      const o = offsets[k] as number;
      const rows = data.subarray(o * dim, (o + lines) * dim);
      const [s, e] = [cuts[k] as number, cuts[k + 1] as number];
      const got = sh.module ? parseRangeWasm(fs, fd, s, e, dim, rows, lines, sh.module, cache, tick) : null;
      mine.push({block: k, ...(got ?? parseRange(fs, fd, s, e, dim, rows, lines, buf, parseDecimalRow))});
      tick?.('parse: other');
      job.onProgress?.((cuts[Math.min(blocks, Atomics.load(ctrl, 1))] as number) - job.dataStart);
    }
    const results: WorkerDone[] = new Array<WorkerDone>(blocks);
    for (const r of mine) results[r.block] = r;
    const posted = (await Promise.all(dones)).flat();
    tick?.('wait: workers parsing');
    for (const r of posted) results[r.block] = r;
    const lines = Array.from(counts);
    results.forEach((r, i) => {
      if (r === undefined || r.slots !== lines[i]) throw new DataError(path, undefined, 'the file changed while it was being read');
    });
    // Deferred lines: the general parser, in file order (so the first error reported is the first in the file).
    let replacedWords = 0;
    let blanks = 0;
    const blank = new Uint8Array(total);
    const deferredWords = new Map<number, Buffer>();
    let scratch = Buffer.allocUnsafe(1 << 16);
    results.forEach((r, i) => {
      for (let d = 0; d < r.deferred.length; d += 3) {
        const g = (offsets[i] as number) + (r.deferred[d] as number);
        const s = r.deferred[d + 1] as number;
        const len = (r.deferred[d + 2] as number) - s;
        if (len > scratch.length) scratch = Buffer.allocUnsafe(len);
        const n = readSync(fd, scratch, 0, len, s);
        let e = n;
        while (e > 0 && (scratch[e - 1] === 32 || scratch[e - 1] === 9 || scratch[e - 1] === 13)) e--;
        if (e === 0) {
          blank[g] = 1;
          blanks++;
          continue;
        }
        const got = parseSlowLine(scratch, 0, e, {
          file: path,
          line: job.lineBase + g + 1,
          dim,
          why: job.why,
          encodingErrors: job.encodingErrors,
          wordsWithSpaces: false,
        });
        if (got.replaced) replacedWords++;
        deferredWords.set(g, Buffer.from(got.word, 'utf8'));
        data.set(got.values, g * dim);
      }
    });
    tick?.('deferred lines');
    const wordBytes = joinWordBytes(results, offsets, blank, deferredWords);
    tick?.("words: join the blocks' word bytes");
    // Header row count, then close the gaps of blank lines.
    let rowsSeen = 0;
    for (let g = 0; g < total; g++) {
      if (blank[g]) continue;
      rowsSeen++;
      if (job.headerRows >= 0 && rowsSeen > job.headerRows) throw new DataError(path, job.lineBase + g + 1, messages.headerTooManyRows(job.headerRows));
    }
    if (job.headerRows >= 0 && rowsSeen < job.headerRows) throw new DataError(path, job.lineBase + total, messages.headerTooFewRows(job.headerRows, rowsSeen));
    if (rowsSeen === 0) throw new DataError(path, job.lineBase + total, messages.noRows());
    if (blanks > 0) {
      let w = 0;
      for (let g = 0; g < total; g++) {
        if (blank[g]) continue;
        if (w !== g) data.copyWithin(w * dim, g * dim, (g + 1) * dim);
        w++;
      }
    }
    tick?.('row count, close gaps');
    // The index is built here, not on the first lookup: it is also how repeated words are found.
    const index = buildWordIndex(wordBytes, rowsSeen, path);
    const words = index.repeated < 0 ? new ByteWordTable(wordBytes, rowsSeen, path, index) : new ByteWordTable(wordBytes, rowsSeen, path).words();
    tick?.('words: index (repeats)');
    return {words, data: blanks > 0 ? data.subarray(0, rowsSeen * dim) : data, rowsSeen, replacedWords, lines: job.lineBase + total};
  } finally {
    closeSync(fd);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * All lines' word bytes in file order, '\n' between words: the blocks' bytes with the deferred lines' words
 * put in and blank lines left out (only blocks with deferred lines are walked line by line).
 */
function joinWordBytes(results: readonly WorkerDone[], offsets: Int32Array, blank: Uint8Array, deferredWords: Map<number, Buffer>): Buffer {
  let size = 0;
  for (const r of results) size += r.words.length;
  for (const w of deferredWords.values()) size += w.length;
  const out = Buffer.allocUnsafe(size);
  let n = 0;
  results.forEach((r, i) => {
    const b = r.words;
    if (r.deferred.length === 0) {
      out.set(b, n);
      n += b.length;
      return;
    }
    const bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    for (let slot = 0, p = 0; slot < r.slots; slot++) {
      const nl = bytes.indexOf(10, p);
      const g = (offsets[i] as number) + slot;
      const put = deferredWords.get(g);
      if (put !== undefined) {
        out.set(put, n);
        n += put.length;
        out[n++] = 10;
      } else if (!blank[g]) {
        bytes.copy(out, n, p, nl + 1);
        n += nl + 1 - p;
      }
      p = nl + 1;
    }
  });
  // No '\n' after the last word (ByteWordTable's layout).
  return out.subarray(0, Math.max(0, n - 1));
}
