/**
 * The text formats (GloVe: `word v1 ... vD` per line, no header; word2vec/fastText text: the same after a
 * `rows dim` header line), scanned byte by byte.
 *
 * Why a hand-written scanner: `split(' ')` + `parseFloat` makes a string per token (34M strings for GloVe
 * 6B 100d) and runs at ~55 MB/s; scanning bytes and building each float from its digits runs at ~200+ MB/s
 * and allocates only one string per word.
 *
 * Number rule (must hold bit for bit): a token's value is `Math.fround(parseFloat(token))`. The fast path
 * handles plain decimals `[-]digits[.digits]` whose digits form an integer m <= 2^53 with at most 22
 * fraction digits: then m / 10^k with both operands exact doubles is the correctly rounded double (Clinger's
 * fast path), the same double parseFloat returns, and the Float32Array store rounds it exactly as
 * Math.fround does. Every other token (exponents, '+', more digits, nan, garbage) goes through parseFloat
 * on the token text, which is slower but rare in real files.
 *
 * Lines: LF or CRLF; spaces or tabs between values and trailing whitespace are accepted; blank lines are
 * skipped. The word is everything before the first space (gensim's rule).
 */
import {isUtf8} from 'node:buffer';
import {DataError} from '@embedlab/core/data';
import {parseDecimalRow} from './decimal-row.js';
import {POW10} from './float-format.js';
import {parseFloat32Token} from './float-parse.js';
import {messages} from './messages.js';
import type {RowStore} from './row-store.js';

export interface TextScannerSetup {
  file: string;
  store: RowStore;
  /** word2vec / fastText text: the first line is `rows dim`. */
  hasHeader: boolean;
  /** Bytes of text expected in all (for the row estimate of header-less files); 0 when unknown. */
  totalBytes: number;
  encodingErrors: 'strict' | 'replace';
  /** GloVe 840B has words with spaces: take the last `dim` tokens of a line as the values. */
  wordsWithSpaces: boolean;
}

const HEADER = /^[ \t]*(\d+)[ \t]+(\d+)[ \t]*$/;
/*
 * swarDigits4: the fast loops read four bytes x (little-endian, first character lowest) and, when all four
 * are '0'..'9' (high nibble 3, and adding 6 to each byte keeps it there), turn them into their value with
 * two multiply-adds: d = x - '0000' holds digits d0..d3 (d0 lowest byte); q = (d*10 + d>>8) & 0x00ff00ff
 * puts d0*10+d1 and d2*10+d3 in the low and high halves; (q*100 + q>>16) & 0xffff is the 4-digit value.
 * ~10-20% faster than a byte at a time on GloVe's 5-digit fractions.
 */
/** Powers of ten as a typed array (cheaper to index in the hot loop). */
const POW10F = Float64Array.from(POW10);

export class TextScanner {
  /** Number of the last line consumed (1-based). */
  line = 0;
  /** Rows the header promises, or -1. */
  headerRows = -1;
  /** Words whose invalid UTF-8 was replaced by U+FFFD (encodingErrors: 'replace'). */
  replacedWords = 0;
  readonly #s: TextScannerSetup;
  #headerPending: boolean;

  constructor(setup: TextScannerSetup) {
    this.#s = setup;
    this.#headerPending = setup.hasHeader;
  }

  get done(): boolean {
    return this.#s.store.done;
  }

  /**
   * Scan the complete lines in b[start, end); returns where the unconsumed rest begins. At `eof` the last
   * line may lack its newline: b[end] must then be writable (the caller leaves one spare byte).
   */
  consume(b: Buffer, start: number, end: number, eof: boolean): number {
    let stop: number;
    if (eof) {
      stop = end;
      if (end > start && b[end - 1] !== 10) b[stop++] = 10;
    } else {
      const nl = b.lastIndexOf(10, end - 1);
      if (nl < start) return start;
      stop = nl + 1;
    }
    let p = start;
    const store = this.#s.store;
    while (p < stop && !store.done) {
      if (store.dim > 0 && !this.#headerPending && !this.#s.wordsWithSpaces) {
        const seen = store.rowsSeen;
        const rowCap = this.headerRows >= 0 ? this.headerRows : Infinity;
        p = fastLines(b, p, stop, store, rowCap, this.line - seen);
        this.line += store.rowsSeen - seen;
        if (p >= stop || store.done) break;
      }
      // A line the fast loop does not take (first line, header, blank, non-ASCII word, exponent, error).
      const nl = b.indexOf(10, p);
      this.line++;
      this.#slowLine(b, p, nl, stop);
      p = nl + 1;
    }
    return eof ? end : p;
  }

  /** Checks at the end of input: the header's row count, and that there was anything at all. */
  finish(): void {
    const {store, file} = this.#s;
    if (this.line === 0) throw new DataError(file, undefined, messages.emptyFile(this.#s.hasHeader ? 'word2vec text' : 'GloVe text'));
    if (store.dim === 0 || (store.rowsSeen === 0 && this.headerRows !== 0)) throw new DataError(file, this.line, messages.noRows());
    if (this.headerRows >= 0 && !store.done && store.rowsSeen < this.headerRows) {
      throw new DataError(file, this.line, messages.headerTooFewRows(this.headerRows, store.rowsSeen));
    }
  }

  #why(): string {
    return this.#s.hasHeader ? `the header says dim ${this.#s.store.dim}` : 'the first line has that many';
  }

  /** One line [ls, nl) the general way: header, first line (sets dim), blank or odd lines, errors. */
  #slowLine(b: Buffer, ls: number, nl: number, stop: number): void {
    const {file, store} = this.#s;
    const line = this.line;
    let e = nl;
    while (e > ls && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13)) e--;
    if (e === ls) return; // blank line
    if (this.#headerPending) {
      const text = b.toString('latin1', ls, e);
      const m = HEADER.exec(text);
      if (!m || Number(m[2]) <= 0) throw new DataError(file, line, messages.badHeader(b.toString('utf8', ls, Math.min(e, ls + 60))));
      this.#headerPending = false;
      this.headerRows = Number(m[1]);
      store.init(Number(m[2]), this.headerRows, true);
      return;
    }
    const got = parseSlowLine(b, ls, e, {
      file,
      line,
      dim: store.dim,
      why: this.#why(),
      encodingErrors: this.#s.encodingErrors,
      wordsWithSpaces: this.#s.wordsWithSpaces,
    });
    if (got.replaced) this.replacedWords++;
    const {word, values: parsed} = got;
    if (store.dim === 0) store.init(parsed.length, this.#estimateRows(b, ls, stop));
    if (this.headerRows >= 0 && store.rowsSeen >= this.headerRows) throw new DataError(file, line, messages.headerTooManyRows(this.headerRows));
    const o = store.admit(word, line);
    if (o >= 0) store.data.set(parsed, o);
  }

  /** Rows in a header-less file: total bytes over the mean line length of the first few MB, plus 3%. */
  #estimateRows(b: Buffer, ls: number, stop: number): number {
    const total = this.#s.totalBytes;
    if (!(total > 0)) return 1024;
    const end = Math.min(stop, ls + (4 << 20));
    let lines = 0;
    for (let p = b.indexOf(10, ls); p >= 0 && p < end; p = b.indexOf(10, p + 1)) lines++;
    if (lines === 0) return 1024;
    return Math.ceil((total / ((end - ls) / lines)) * 1.03) + 64;
  }
}

export interface SlowLineContext {
  file: string;
  /** 1-based line number, for messages. */
  line: number;
  /** Expected values per line; 0 when not known yet (the first line sets it). */
  dim: number;
  /** Why dim is what it is, for messages. */
  why: string;
  encodingErrors: 'strict' | 'replace';
  wordsWithSpaces: boolean;
}

/**
 * One non-blank line b[ls, e) (trailing whitespace already cut) parsed the general way: word, values via
 * `parseFloat32Token`, and every error with file and line. Used for the first line, for the lines the fast
 * loop does not take, and for the lines the parallel reader's workers defer.
 */
export function parseSlowLine(b: Buffer, ls: number, e: number, ctx: SlowLineContext): {word: string; values: Float32Array; replaced: boolean} {
  const {file, line, dim} = ctx;
  if (b[ls] === 32 || b[ls] === 9) throw new DataError(file, line, messages.lineEmptyWord());
  let wordEnd = b.indexOf(32, ls);
  if (wordEnd < 0 || wordEnd > e) wordEnd = e;
  const tail = b.toString('latin1', wordEnd, e).trim();
  let values = tail === '' ? [] : tail.split(/[ \t]+/);
  if (ctx.wordsWithSpaces && dim > 0 && values.length > dim) {
    // The word is all but the last dim tokens; find its end in bytes by walking back over them.
    let q = e;
    for (let t = 0; t < dim; t++) {
      while (b[q - 1] !== 32 && b[q - 1] !== 9) q--;
      while (b[q - 1] === 32 || b[q - 1] === 9) q--;
    }
    wordEnd = q;
    values = values.slice(values.length - dim);
  }
  const {word, replaced} = decodeWord(b, ls, wordEnd, ctx);
  if (values.length === 0) throw new DataError(file, line, messages.missingValues());
  if (dim > 0 && values.length !== dim) throw new DataError(file, line, messages.wrongValueCount(word, values.length, dim, ctx.why));
  const parsed = new Float32Array(values.length);
  values.forEach((token, k) => {
    const v = parseFloat32Token(token);
    if (typeof v === 'string') {
      throw new DataError(file, line, v === 'syntax' ? messages.notANumber(word, k + 1, token) : messages.nonFinite(word, k + 1, token));
    }
    parsed[k] = v;
  });
  return {word, values: parsed, replaced};
}

/** A word's bytes as a string: strict UTF-8 (an error naming the line) or with U+FFFD replacement. */
function decodeWord(b: Buffer, s: number, e: number, ctx: Pick<SlowLineContext, 'file' | 'line' | 'encodingErrors'>): {word: string; replaced: boolean} {
  let ascii = true;
  for (let i = s; i < e; i++) if ((b[i] as number) >= 128) ascii = false;
  if (ascii) return {word: b.toString('latin1', s, e), replaced: false};
  let replaced = false;
  if (!isUtf8(b.subarray(s, e))) {
    if (ctx.encodingErrors === 'strict') {
      const hex = [...b.subarray(s, Math.min(e, s + 24))].map((x) => x.toString(16).padStart(2, '0')).join(' ');
      throw new DataError(ctx.file, ctx.line, messages.badUtf8(hex));
    }
    replaced = true;
  }
  return {word: b.toString('utf8', s, e), replaced};
}

/**
 * The hot loop over whole lines of a file whose dim is known. It handles only the common line (ASCII word,
 * plain decimals, right count) and returns the start of the first line it does not take, so that every
 * rare case lives in the slow path and never deoptimizes this function. `lineBase + rowsSeen` is the
 * current line number (the fast loop reads no blank lines).
 */
function fastLines(b: Buffer, p: number, stop: number, store: RowStore, rowCap: number, lineBase: number): number {
  const dim = store.dim;
  const limit = store.rules.limit;
  let data = store.data;
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  while (p < stop) {
    if (store.rowsSeen >= limit || store.rowsSeen >= rowCap) return p;
    const ls = p;
    let c = b[p] as number;
    let hi = 0;
    while (c !== 32 && c !== 10) {
      hi |= c;
      c = b[++p] as number;
    }
    if (c === 10 || p === ls || hi >= 128) return ls;
    const o = store.admit(b.toString('latin1', ls, p), lineBase + store.rowsSeen + 1);
    if (o < 0) {
      p = b.indexOf(10, p) + 1;
      continue;
    }
    data = store.data;
    const next = parseDecimalRow(b, dv, p, dim, data, o, POW10F);
    if (next < 0) {
      store.unadmit();
      return ls;
    }
    p = next + 1;
  }
  return p;
}
