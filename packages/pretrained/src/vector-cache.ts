/**
 * The binary vector cache (`.evf`, "embedlab vectors file"): one file that loads with a single read.
 *
 *   bytes 0-7    magic "EMBLVEC1"
 *   bytes 8-11   header length H (uint32 LE)
 *   12 .. 12+H   header JSON: rows, dim, dataOffset, wordsBytes, crc32, meta
 *   dataOffset   rows x dim float32 LE, row-major (dataOffset is a multiple of 4, so the matrix is a
 *                Float32Array view on the read buffer: no copy, no parse)
 *   then         the words, UTF-8, joined by "\n"
 *
 * A cache is trusted only if the magic, the header, the total size and the crc32 of data + words all
 * check out; anything else is reported as corrupt so the caller rebuilds it.
 */
import {readFileSync} from 'node:fs';
import {crc32} from 'node:zlib';
import {ArgumentError, WordVectors, type VectorsMeta} from '@embedlab/core/data';
import {writeAtomically} from './atomic-output.js';

const MAGIC = 'EMBLVEC1';

interface CacheHeader {
  rows: number;
  dim: number;
  dataOffset: number;
  wordsBytes: number;
  crc32: number;
  meta: VectorsMeta;
}

/** Write vectors (and their provenance) as an `.evf` cache, atomically. Returns the bytes written. */
export function writeVectorCache(path: string, vectors: {words: readonly string[]; data: Float32Array; dim: number; meta?: VectorsMeta}): number {
  const {words, data, dim} = vectors;
  if (data.length !== words.length * dim) throw new ArgumentError(`vector table has ${data.length} values, expected ${words.length} x ${dim}`);
  for (const w of words) if (w.includes('\n')) throw new ArgumentError(`word ${JSON.stringify(w)} contains a newline and cannot be cached`);
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const crc = crc32(wordBytes, crc32(raw));
  const header = (dataOffset: number) =>
    Buffer.from(JSON.stringify({rows: words.length, dim, dataOffset, wordsBytes: wordBytes.length, crc32: crc, meta: vectors.meta ?? {}} satisfies CacheHeader));
  // The header's length depends on dataOffset's digits: iterate to a fixed point.
  let dataOffset = 0;
  for (let h = header(0); ; ) {
    const next = Math.ceil((12 + h.length) / 4) * 4;
    if (next === dataOffset) break;
    dataOffset = next;
    h = header(dataOffset);
  }
  const head = header(dataOffset);
  return writeAtomically(path, (out) => {
    const start = Buffer.alloc(dataOffset);
    start.write(MAGIC, 0, 'latin1');
    start.writeUInt32LE(head.length, 8);
    head.copy(start, 12);
    out.write(start);
    out.write(raw);
    out.write(wordBytes);
  });
}

export type CacheRead = {ok: true; vectors: WordVectors} | {ok: false; why: string};

/** Read an `.evf` cache; never throws on bad content (returns why it is not usable). */
export function readVectorCache(path: string): CacheRead {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (error) {
    return {ok: false, why: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message};
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return {ok: false, why: 'bad magic'};
  const hlen = buf.readUInt32LE(8);
  if (12 + hlen > buf.length) return {ok: false, why: 'header runs past the end of the file'};
  let h: CacheHeader;
  try {
    h = JSON.parse(buf.toString('utf8', 12, 12 + hlen)) as CacheHeader;
  } catch {
    return {ok: false, why: 'unreadable header'};
  }
  const {rows, dim, dataOffset, wordsBytes} = h;
  if (![rows, dim, dataOffset, wordsBytes].every((x) => Number.isInteger(x) && x >= 0) || dim === 0 || dataOffset % 4 !== 0 || dataOffset < 12 + hlen) {
    return {ok: false, why: 'bad header fields'};
  }
  const dataBytes = rows * dim * 4;
  if (buf.length !== dataOffset + dataBytes + wordsBytes) {
    return {ok: false, why: `size ${buf.length} bytes, header implies ${dataOffset + dataBytes + wordsBytes}`};
  }
  if (crc32(buf.subarray(dataOffset)) !== h.crc32) return {ok: false, why: 'crc32 mismatch'};
  if ((buf.byteOffset + dataOffset) % 4 !== 0) buf = Buffer.from(buf); // alignment for the view
  const data = new Float32Array(buf.buffer, buf.byteOffset + dataOffset, rows * dim);
  const words = rows === 0 ? [] : buf.toString('utf8', dataOffset + dataBytes).split('\n');
  if (words.length !== rows) return {ok: false, why: `${words.length} words for ${rows} rows`};
  try {
    return {ok: true, vectors: new WordVectors(words, data, dim, {meta: {...h.meta, cache: path}, checkFinite: false})};
  } catch (error) {
    return {ok: false, why: (error as Error).message};
  }
}
