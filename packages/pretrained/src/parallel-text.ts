/**
 * Reading a large plain text vector file (GloVe, word2vec/fastText text) on several threads.
 *
 *   1. split the data bytes into one range per thread, at line starts;
 *   2. each worker counts the lines of its range; the main thread then knows every range's first row and
 *      allocates one SharedArrayBuffer of exactly (all lines) x dim float32;
 *   3. each worker parses its range straight into its rows of that buffer with the same fast loop as the
 *      single-threaded scanner. A line the fast loop does not take (blank, non-ASCII word, exponent, bad
 *      value...) is *deferred*: its row is left empty and its byte range sent back;
 *   4. the main thread parses the deferred lines with `parseSlowLine` (exact errors with file and line),
 *      checks the header, and closes the gaps left by blank lines in place.
 * Peak memory is the matrix plus one 4 MiB read buffer per thread: no per-thread matrices to concatenate.
 *
 * Workers run the source text of `workerMain`, `countLines` and `parseRange` (eval: true), so they load no
 * module and start in a few milliseconds; those functions must stay self-contained (no imports, no outer
 * variables).
 */
import * as fs from 'node:fs';
import {closeSync, openSync, readSync} from 'node:fs';
import {Worker} from 'node:worker_threads';
import {DataError} from '@embedlab/core';
import {messages} from './messages.js';
import {parseSlowLine} from './text-scanner.js';

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
}

export interface ParallelResult {
  words: string[];
  data: Float32Array;
  /** Non-blank data lines. */
  rowsSeen: number;
  replacedWords: number;
  lines: number;
}

interface WorkerDone {
  words: (string | null)[];
  /** Flat triples: slot, absolute start byte, absolute end byte (its newline). */
  deferred: number[];
  slots: number;
}

type Fs = typeof import('node:fs');

/** Lines in bytes [start, end) of a file (a last line without newline counts). Self-contained. */
function countLines(fs: Fs, fd: number, start: number, end: number, buf: Buffer): number {
  let lines = 0;
  let last = 10;
  for (let pos = start; pos < end; ) {
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
 * Parse the `lines` lines of bytes [start, end) into `data` (row i of the range = line i), the fast way.
 * Lines it does not take are deferred (row left as is; slot, start and end bytes recorded). Self-contained:
 * it also runs as source text inside workers, so only locals in the hot loop and no outer references.
 */
function parseRange(fs: Fs, fd: number, start: number, end: number, dim: number, data: Float32Array, lines: number, first: Buffer): WorkerDone {
  const words: (string | null)[] = new Array<string | null>(lines).fill(null);
  const deferred: number[] = [];
  const P = new Float64Array(23);
  for (let i = 0; i < 23; i++) P[i] = 10 ** i;
  const MAX = 2 ** 53;
  let buf = first;
  let cap = buf.length;
  let slot = 0;
  let have = 0;
  let pos = start;
  let fileOff = start;
  for (;;) {
    while (have < cap - 1 && pos < end) {
      const n = fs.readSync(fd, buf, have, Math.min(cap - 1 - have, end - pos), pos);
      if (n === 0) break;
      have += n;
      pos += n;
    }
    const eof = pos >= end;
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
    const lim = buf.length - 4;
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
        const o = slot * dim;
        for (let k = 0; k < dim; k++) {
          c = buf[p] as number;
          while (c === 32 || c === 9) c = buf[++p] as number;
          const neg = c === 45;
          if (neg) c = buf[++p] as number;
          const is = p;
          let m = 0;
          while ((c - 48) >>> 0 < 10) {
            m = m * 10 + (c - 48);
            c = buf[++p] as number;
          }
          let scale = 0;
          let any = p > is;
          if (c === 46) {
            const fs0 = ++p;
            // Four fraction digits at a time (see swarDigits4 in text-scanner.ts).
            while (p <= lim) {
              const x = dv.getUint32(p, true);
              if ((x & 0xf0f0f0f0) !== 0x30303030 || ((x + 0x06060606) & 0xf0f0f0f0) !== 0x30303030) break;
              const d = x - 0x30303030;
              const q = (Math.imul(d, 10) + (d >>> 8)) & 0x00ff00ff;
              m = m * 10000 + ((Math.imul(q, 100) + (q >>> 16)) & 0xffff);
              p += 4;
            }
            c = buf[p] as number;
            while ((c - 48) >>> 0 < 10) {
              m = m * 10 + (c - 48);
              c = buf[++p] as number;
            }
            scale = p - fs0;
            any = any || scale > 0;
          }
          if (!((c === 32 || c === 10 || c === 13 || c === 9) && any && m <= MAX && scale <= 22)) {
            ok = false;
            break;
          }
          const v = m / (P[scale] as number);
          data[o + k] = neg ? -v : v;
        }
        if (ok) {
          c = buf[p] as number;
          while (c === 32 || c === 9) c = buf[++p] as number;
          if (c === 13) c = buf[++p] as number;
          ok = c === 10;
        }
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
  return {words, deferred, slots: slot};
}

/** A worker: count its range, post the count, wait for the shared matrix, parse, post the words. */
function workerMain(count: typeof countLines, parse: typeof parseRange): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const {parentPort, workerData} = require('node:worker_threads');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as Fs;
  const {path, start, end, dim, bufBytes} = workerData as {path: string; start: number; end: number; dim: number; bufBytes: number};
  const fd = fs.openSync(path, 'r');
  const buf = Buffer.allocUnsafe(bufBytes);
  const lines = count(fs, fd, start, end, buf);
  parentPort.postMessage({lines});
  parentPort.once('message', (msg: {sab: SharedArrayBuffer; rowOffset: number}) => {
    const data = new Float32Array(msg.sab, msg.rowOffset * dim * 4, lines * dim);
    const done = parse(fs, fd, start, end, dim, data, lines, buf);
    fs.closeSync(fd);
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
const WORKER_SOURCE = `var __name = (f) => f;\n(${workerMain.toString()})(${countLines.toString()}, ${parseRange.toString()});`;
/** Read buffer per thread: big enough for long reads, small next to the matrix. */
const BUF_BYTES = (4 << 20) + 1;

export async function readTextParallel(job: ParallelJob): Promise<ParallelResult> {
  const {path, dim} = job;
  const cuts = splitRanges(path, job.dataStart, job.fileBytes, job.threads);
  const workers: Worker[] = [];
  const fd = openSync(path, 'r');
  try {
    // Range 0 is parsed on this thread; ranges 1.. by workers.
    const counts: Promise<number>[] = [];
    const dones: Promise<WorkerDone>[] = [];
    for (let i = 1; i + 1 < cuts.length; i++) {
      const w = new Worker(WORKER_SOURCE, {eval: true, workerData: {path, start: cuts[i], end: cuts[i + 1], dim, bufBytes: BUF_BYTES}});
      workers.push(w);
      const failed = new Promise<never>((_, reject) => {
        w.once('error', (e) => reject(new DataError(path, undefined, `parallel reader failed: ${e.message}`)));
      });
      failed.catch(() => undefined);
      let first = true;
      const countP = new Promise<number>((resolve) => w.once('message', (m: {lines: number}) => resolve(m.lines)));
      const doneP = new Promise<WorkerDone>((resolve) =>
        w.on('message', (m: WorkerDone | {lines: number}) => {
          if (first) {
            first = false;
            return;
          }
          resolve(m as WorkerDone);
        }),
      );
      counts.push(Promise.race([countP, failed]));
      dones.push(Promise.race([doneP, failed]));
    }
    const buf = Buffer.allocUnsafe(BUF_BYTES);
    const lines0 = countLines(fs, fd, cuts[0] as number, cuts[1] as number, buf);
    const lines = [lines0, ...(await Promise.all(counts))];
    const total = lines.reduce((a, b) => a + b, 0);
    const sab = new SharedArrayBuffer(total * dim * 4);
    const offsets: number[] = [0];
    let off = lines0;
    for (let i = 0; i < workers.length; i++) {
      offsets.push(off);
      (workers[i] as Worker).postMessage({sab, rowOffset: off});
      off += lines[i + 1] as number;
    }
    const data = new Float32Array(sab);
    const done0 = parseRange(fs, fd, cuts[0] as number, cuts[1] as number, dim, data.subarray(0, lines0 * dim), lines0, buf);
    const results = [done0, ...(await Promise.all(dones))];
    const words: (string | null)[] = new Array<string | null>(total);
    results.forEach((r, i) => {
      if (r.slots !== lines[i]) throw new DataError(path, undefined, 'the file changed while it was being read');
      const o = offsets[i] as number;
      for (let s = 0; s < r.words.length; s++) words[o + s] = r.words[s] as string | null;
    });
    // Deferred lines: the general parser, in file order (so the first error reported is the first in the file).
    let replacedWords = 0;
    const blank = new Uint8Array(total);
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
          continue;
        }
        const got = parseSlowLine(scratch, 0, e, {file: path, line: job.lineBase + g + 1, dim, why: job.why, encodingErrors: job.encodingErrors, wordsWithSpaces: false});
        if (got.replaced) replacedWords++;
        words[g] = got.word;
        data.set(got.values, g * dim);
      }
    });
    // Header row count, then close the gaps of blank lines.
    let rowsSeen = 0;
    for (let g = 0; g < total; g++) {
      if (blank[g]) continue;
      rowsSeen++;
      if (job.headerRows >= 0 && rowsSeen > job.headerRows) throw new DataError(path, job.lineBase + g + 1, messages.headerTooManyRows(job.headerRows));
    }
    if (job.headerRows >= 0 && rowsSeen < job.headerRows) throw new DataError(path, job.lineBase + total, messages.headerTooFewRows(job.headerRows, rowsSeen));
    if (rowsSeen === 0) throw new DataError(path, job.lineBase + total, messages.noRows());
    const out: string[] = new Array<string>(rowsSeen);
    let w = 0;
    for (let g = 0; g < total; g++) {
      if (blank[g]) continue;
      if (w !== g) data.copyWithin(w * dim, g * dim, (g + 1) * dim);
      out[w++] = words[g] as string;
    }
    return {words: out, data: data.subarray(0, rowsSeen * dim), rowsSeen, replacedWords, lines: job.lineBase + total};
  } finally {
    closeSync(fd);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
