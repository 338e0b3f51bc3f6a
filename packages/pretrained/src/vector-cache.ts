/**
 * The binary vector cache (`.evf`, "embedlab vectors file"): one file that loads with a single read.
 *
 *   bytes 0-7    magic "EMBLVEC2"
 *   bytes 8-11   header length H (uint32 LE)
 *   12 .. 12+H   header JSON: rows, dim, dataOffset, wordsBytes, indexOffset, indexCapacity, crc32, meta
 *   dataOffset   rows x dim float32 LE, row-major (dataOffset is a multiple of 4)
 *   then         the words, UTF-8, joined by "\n"
 *   indexOffset  the word index (a multiple of 4, after zero padding): int32 LE word starts (rows + 1), then
 *                int32 LE (row + 1, hash) slot pairs (indexCapacity of them): `buildWordIndex`'s table
 *
 * A cache is trusted only if the magic, the header, the total size and the crc32 of data + words + index
 * all check out; anything else (an EMBLVEC1 file too: it had no stored index) is reported as unusable so
 * the caller rebuilds it. Reading is one pass over the file into the final arrays (with the crc32 on the
 * way) and nothing per word: the stored index answers lookups at once, and words are made into strings
 * only when `words` is first read.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {crc32} from 'node:zlib';
import {ArgumentError, WordVectors, type VectorsMeta} from '@embedlab/core/data';
import {writeAtomically} from './atomic-output.js';
import {ByteWordTable, buildWordIndex} from './byte-word-table.js';

const MAGIC = 'EMBLVEC2';

interface CacheHeader {
  rows: number;
  dim: number;
  dataOffset: number;
  wordsBytes: number;
  indexOffset: number;
  indexCapacity: number;
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
  const index = buildWordIndex(wordBytes, words.length, path);
  const indexBytes = [index.starts, index.slots].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const crc = indexBytes.reduce((c, b) => crc32(b, c), crc32(wordBytes, crc32(raw)));
  const padding = (4 - (wordBytes.length % 4)) % 4;
  const header = (dataOffset: number) =>
    Buffer.from(
      JSON.stringify({
        rows: words.length,
        dim,
        dataOffset,
        wordsBytes: wordBytes.length,
        indexOffset: dataOffset + raw.length + wordBytes.length + padding,
        indexCapacity: index.slots.length / 2,
        crc32: crc,
        meta: vectors.meta ?? {},
      } satisfies CacheHeader),
    );
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
    out.write(Buffer.alloc(padding));
    for (const b of indexBytes) out.write(b);
  });
}

export type CacheRead = {ok: true; vectors: WordVectors} | {ok: false; why: string};

/**
 * Bytes per read. The file goes through this small buffer into the final Float32Array rather than being
 * read straight into fresh memory: on the development VM a page first written by the kernel (read()) costs
 * a second fault when user code first reads it (~12 us per 4 KiB page, ~0.4 s for 141 MB), a page written
 * by user code only one; the extra copy costs ~20 ms, and the crc32 runs on the buffer while it is in cache.
 */
const READ_BYTES = 256 << 10;

/** Read an `.evf` cache; never throws on bad content (returns why it is not usable). */
export function readVectorCache(path: string): CacheRead {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return {ok: false, why: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message};
  }
  try {
    return readOpenCache(path, fd);
  } catch (error) {
    return {ok: false, why: (error as Error).message};
  } finally {
    closeSync(fd);
  }
}

function readOpenCache(path: string, fd: number): CacheRead {
  const size = fstatSync(fd).size;
  let buf = Buffer.allocUnsafe(READ_BYTES);
  const readAt = (target: Uint8Array, bytes: number, at: number): number => {
    let got = 0;
    while (got < bytes) {
      const n = readSync(fd, target, got, bytes - got, at + got);
      if (n === 0) break;
      got += n;
    }
    return got;
  };
  let have = readAt(buf, Math.min(size, READ_BYTES), 0);
  const magic = have < 12 ? '' : buf.toString('latin1', 0, 8);
  if (magic !== MAGIC) return {ok: false, why: magic.startsWith('EMBLVEC') ? `older format ${magic} (this reader reads ${MAGIC})` : 'bad magic'};
  const hlen = buf.readUInt32LE(8);
  if (12 + hlen > size) return {ok: false, why: 'header runs past the end of the file'};
  if (12 + hlen > have) {
    buf = Buffer.allocUnsafe(12 + hlen);
    have = readAt(buf, 12 + hlen, 0);
  }
  let h: CacheHeader;
  try {
    h = JSON.parse(buf.toString('utf8', 12, 12 + hlen)) as CacheHeader;
  } catch {
    return {ok: false, why: 'unreadable header'};
  }
  const {rows, dim, dataOffset, wordsBytes, indexOffset, indexCapacity} = h;
  const dataBytes = rows * dim * 4;
  if (
    ![rows, dim, dataOffset, wordsBytes, indexOffset, indexCapacity].every((x) => Number.isInteger(x) && x >= 0) ||
    dim === 0 ||
    dataOffset % 4 !== 0 ||
    dataOffset < 12 + hlen ||
    indexOffset !== Math.ceil((dataOffset + dataBytes + wordsBytes) / 4) * 4 ||
    indexCapacity < 2 * rows ||
    (indexCapacity & (indexCapacity - 1)) !== 0
  ) {
    return {ok: false, why: 'bad header fields'};
  }
  const indexBytes = (rows + 1) * 4 + indexCapacity * 8;
  if (size !== indexOffset + indexBytes) {
    return {ok: false, why: `size ${size} bytes, header implies ${indexOffset + indexBytes}`};
  }
  // The matrix, chunk by chunk through `buf` (see READ_BYTES), with the crc32 of each chunk.
  const data = new Float32Array(rows * dim);
  const raw = new Uint8Array(data.buffer);
  const chunk = buf.length >= READ_BYTES ? buf : Buffer.allocUnsafe(READ_BYTES);
  let crc = 0;
  for (let o = 0; o < dataBytes; ) {
    const n = readAt(chunk, Math.min(chunk.length, dataBytes - o), dataOffset + o);
    if (n === 0) return {ok: false, why: 'the file shrank while it was being read'};
    const piece = chunk.subarray(0, n);
    crc = crc32(piece, crc);
    raw.set(piece, o);
    o += n;
  }
  const wordBytes = Buffer.allocUnsafe(wordsBytes);
  if (readAt(wordBytes, wordsBytes, dataOffset + dataBytes) !== wordsBytes) return {ok: false, why: 'the file shrank while it was being read'};
  const starts = new Int32Array(rows + 1);
  const slots = new Int32Array(indexCapacity * 2);
  const startBytes = new Uint8Array(starts.buffer);
  const slotBytes = new Uint8Array(slots.buffer);
  if (
    readAt(startBytes, startBytes.length, indexOffset) !== startBytes.length ||
    readAt(slotBytes, slotBytes.length, indexOffset + startBytes.length) !== slotBytes.length
  ) {
    return {ok: false, why: 'the file shrank while it was being read'};
  }
  if (crc32(slotBytes, crc32(startBytes, crc32(wordBytes, crc))) !== h.crc32) return {ok: false, why: 'crc32 mismatch'};
  // No string per word now: lookups go to the bytes through the stored index, `words` are made when first read.
  const words = new ByteWordTable(wordBytes, rows, path, {starts, slots});
  return {ok: true, vectors: new WordVectors(words, data, dim, {meta: {...h.meta, cache: path}, checkFinite: false})};
}
