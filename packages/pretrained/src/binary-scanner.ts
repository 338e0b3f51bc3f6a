/**
 * The word2vec binary format (word2vec.c `-binary 1`, GoogleNews-vectors-negative300.bin): an ASCII header
 * line `rows dim`, then per row the UTF-8 word, one space, and dim little-endian float32 values. word2vec.c
 * writes a newline after each row and gensim does not; both are read (newlines before a word are skipped).
 */
import {isUtf8} from 'node:buffer';
import {DataError} from '@embedlab/core/data';
import {messages} from './messages.js';
import type {RowStore} from './row-store.js';

const HEADER = /^[ \t]*(\d+)[ \t]+(\d+)[ \t]*\r?$/;
/** Longest word accepted before the data is declared not word2vec binary. */
const MAX_WORD_BYTES = 1 << 16;

export class BinaryScanner {
  headerRows = -1;
  replacedWords = 0;
  /** Absolute byte offset of b[start] in the file (for messages). */
  #offset = 0;

  constructor(
    readonly file: string,
    readonly store: RowStore,
    readonly encodingErrors: 'strict' | 'replace',
  ) {}

  get done(): boolean {
    return this.store.done;
  }

  consume(b: Buffer, start: number, end: number, eof: boolean): number {
    let p = start;
    const {store, file} = this;
    if (this.headerRows < 0) {
      const nl = b.indexOf(10, p);
      if (nl < 0 || nl >= end) {
        if (!eof) return p;
        if (end === start) throw new DataError(file, undefined, messages.emptyFile('word2vec binary'));
        throw new DataError(file, 1, messages.badHeader(b.toString('utf8', p, Math.min(end, p + 60))));
      }
      const m = HEADER.exec(b.toString('latin1', p, nl));
      if (!m || Number(m[2]) <= 0) throw new DataError(file, 1, messages.badHeader(b.toString('utf8', p, Math.min(nl, p + 60))));
      this.headerRows = Number(m[1]);
      store.init(Number(m[2]), this.headerRows, true);
      p = nl + 1;
    }
    const dim = store.dim;
    const rowBytes = dim * 4;
    while (!store.done && store.rowsSeen < this.headerRows) {
      while (p < end && (b[p] === 10 || b[p] === 13)) p++;
      let sp = p;
      while (sp < end && b[sp] !== 32) sp++;
      const row = store.rowsSeen + 1;
      if (sp >= end || sp + 1 + rowBytes > end) {
        if (sp - p > MAX_WORD_BYTES) throw new DataError(file, undefined, `row ${row} at byte ${this.#offset + p}: ${messages.lineTooLong(MAX_WORD_BYTES)}`);
        if (!eof) break;
        if (p >= end) throw new DataError(file, undefined, messages.headerTooFewRows(this.headerRows, store.rowsSeen));
        if (sp >= end) throw new DataError(file, undefined, messages.truncatedWord(row));
        throw new DataError(file, undefined, messages.truncatedBinary(row, this.#word(b, p, sp, row), rowBytes, end - sp - 1));
      }
      if (sp === p) throw new DataError(file, undefined, `byte ${this.#offset + p}: ${messages.emptyWord(row)}`);
      const word = this.#word(b, p, sp, row);
      const o = store.admit(word, row);
      const vs = sp + 1;
      if (o >= 0) {
        const data = store.data;
        // Byte copy: the rows in the file are not 4-byte aligned.
        new Uint8Array(data.buffer, data.byteOffset + o * 4, rowBytes).set(b.subarray(vs, vs + rowBytes));
        for (let k = 0; k < dim; k++) {
          if (!Number.isFinite(data[o + k] as number)) {
            throw new DataError(file, undefined, `row ${row}: ${messages.nonFinite(word, k + 1, String(data[o + k]))}`);
          }
        }
      }
      p = vs + rowBytes;
    }
    if (!store.done && store.rowsSeen === this.headerRows) {
      // Only whitespace may follow the promised rows.
      while (p < end && (b[p] === 10 || b[p] === 13 || b[p] === 32)) p++;
      if (p < end) throw new DataError(file, undefined, messages.headerTooManyRows(this.headerRows));
    }
    this.#offset += p - start;
    return p;
  }

  finish(): void {
    if (this.headerRows < 0) throw new DataError(this.file, undefined, messages.emptyFile('word2vec binary'));
    if (!this.store.done && this.store.rowsSeen < this.headerRows) {
      throw new DataError(this.file, undefined, messages.headerTooFewRows(this.headerRows, this.store.rowsSeen));
    }
    if (this.store.rowsSeen === 0) throw new DataError(this.file, undefined, messages.noRows());
  }

  #word(b: Buffer, s: number, e: number, row: number): string {
    const bytes = b.subarray(s, e);
    if (!isUtf8(bytes)) {
      if (this.encodingErrors === 'strict') {
        const hex = [...bytes.subarray(0, 24)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
        throw new DataError(this.file, undefined, `row ${row}: ${messages.badUtf8(hex)}`);
      }
      this.replacedWords++;
    }
    return b.toString('utf8', s, e);
  }
}
