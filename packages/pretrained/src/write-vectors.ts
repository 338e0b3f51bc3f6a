/**
 * Writers: GloVe text, word2vec text (the fastText `.vec` layout too) and binary, and the TensorBoard
 * Projector pair. All write atomically (temporary file + rename); a `.gz` path is gzip-compressed.
 *
 * Text values are printed with `writeFloat32`: the shortest decimal that reads back to the same float32,
 * so write -> read is bit-exact and GloVe-sized decimals come out as in the original file.
 */
import {createHash} from 'node:crypto';
import {join} from 'node:path';
import {ArgumentError} from '@embedlab/core/data';
import {writeAtomically} from './atomic-output.js';
import {writeFloat32} from './float-format.js';
import {messages} from './messages.js';

/** What the writers need (a core WordVectors is one). */
export interface VectorTable {
  readonly words: readonly string[];
  readonly data: Float32Array;
  readonly dim: number;
}

export interface WriteResult {
  path: string;
  bytes: number;
  rows: number;
}

/** Something text rows can be formatted into: a buffer with a write position. */
export interface ByteSink {
  reserve(room: number): Buffer;
  pos: number;
}

const BAD_WORD = /[ \n\r]/;
const MAX_FLOAT_CHARS = 16;

function checkTable(v: VectorTable): void {
  if (v.data.length !== v.words.length * v.dim) throw new ArgumentError(`vector table has ${v.data.length} values, expected ${v.words.length} x ${v.dim}`);
}

function checkWord(word: string, row: number, what: string, bad = BAD_WORD): void {
  if (word.length === 0) throw new ArgumentError(messages.emptyWord(row + 1));
  if (bad.test(word)) throw new ArgumentError(messages.badWord(word, what));
}

function checkFinite(v: VectorTable): void {
  for (let i = 0; i < v.data.length; i++) {
    if (!Number.isFinite(v.data[i] as number)) {
      throw new ArgumentError(`row ${Math.floor(i / v.dim) + 1} (word ${JSON.stringify(v.words[Math.floor(i / v.dim)])}) holds a NaN or infinite value`);
    }
  }
}

/** Format rows as text (`word v1 ... vD\n`, or values only, tab-separated, for the Projector) into a sink. */
export function formatTextRows(v: VectorTable, sink: ByteSink, opts: {withWords: boolean; separator: number; what: string}): void {
  const {words, data, dim} = v;
  for (let r = 0; r < words.length; r++) {
    const word = words[r] as string;
    const b = sink.reserve(word.length * 3 + 2 + dim * MAX_FLOAT_CHARS);
    let o = sink.pos;
    if (opts.withWords) {
      checkWord(word, r, opts.what);
      o += b.write(word, o);
    }
    for (let j = 0, i = r * dim; j < dim; j++, i++) {
      if (opts.withWords || j > 0) b[o++] = opts.separator;
      o = writeFloat32(b, o, data[i] as number);
    }
    b[o++] = 10;
    sink.pos = o;
  }
}

/** GloVe text: `word v1 ... vD` per line, no header. */
export function writeGloveText(path: string, vectors: VectorTable): WriteResult {
  checkTable(vectors);
  checkFinite(vectors);
  const bytes = writeAtomically(path, (out) => formatTextRows(vectors, out, {withWords: true, separator: 32, what: 'GloVe text'}));
  return {path, bytes, rows: vectors.words.length};
}

/** word2vec text (also fastText `.vec`): header `rows dim`, then GloVe-style lines. */
export function writeWord2vecText(path: string, vectors: VectorTable): WriteResult {
  checkTable(vectors);
  checkFinite(vectors);
  const bytes = writeAtomically(path, (out) => {
    out.writeString(`${vectors.words.length} ${vectors.dim}\n`);
    formatTextRows(vectors, out, {withWords: true, separator: 32, what: 'word2vec text'});
  });
  return {path, bytes, rows: vectors.words.length};
}

/**
 * word2vec binary as word2vec.c writes it: header `rows dim\n`, then per row the UTF-8 word, a space, dim
 * little-endian float32 values and a newline.
 */
export function writeWord2vecBinary(path: string, vectors: VectorTable): WriteResult {
  checkTable(vectors);
  checkFinite(vectors);
  const {words, data, dim} = vectors;
  const bytes = writeAtomically(path, (out) => {
    out.writeString(`${words.length} ${dim}\n`);
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (let r = 0; r < words.length; r++) {
      const word = words[r] as string;
      checkWord(word, r, 'word2vec binary');
      out.writeString(`${word} `);
      out.write(raw.subarray(r * dim * 4, (r + 1) * dim * 4));
      out.writeString('\n');
    }
  });
  return {path, bytes, rows: words.length};
}

/**
 * The TensorBoard Embedding Projector pair in `dir`: `vectors.tsv` (tab-separated values, one row per
 * line, no header) and `metadata.tsv` (one word per line; a single column has no header row).
 */
export function writeProjector(
  dir: string,
  vectors: VectorTable,
  names = {vectors: 'vectors.tsv', metadata: 'metadata.tsv'},
): {vectors: WriteResult; metadata: WriteResult} {
  checkTable(vectors);
  checkFinite(vectors);
  vectors.words.forEach((w, r) => checkWord(w, r, 'Projector metadata', /[\t\n\r]/));
  const vPath = join(dir, names.vectors);
  const mPath = join(dir, names.metadata);
  const vBytes = writeAtomically(vPath, (out) => formatTextRows(vectors, out, {withWords: false, separator: 9, what: 'Projector vectors'}));
  const mBytes = writeAtomically(mPath, (out) => {
    for (const w of vectors.words) out.writeString(`${w}\n`);
  });
  const rows = vectors.words.length;
  return {vectors: {path: vPath, bytes: vBytes, rows}, metadata: {path: mPath, bytes: mBytes, rows}};
}

/** sha256 of the GloVe text `writeGloveText` would write, without writing it. */
export function gloveTextSha256(vectors: VectorTable): string {
  checkTable(vectors);
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(8 << 20);
  const sink: ByteSink = {
    pos: 0,
    reserve(room) {
      if (sink.pos + room > block.length) {
        hash.update(block.subarray(0, sink.pos));
        sink.pos = 0;
      }
      return block;
    },
  };
  formatTextRows(vectors, sink, {withWords: true, separator: 32, what: 'GloVe text'});
  hash.update(block.subarray(0, sink.pos));
  return hash.digest('hex');
}
