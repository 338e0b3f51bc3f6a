/**
 * The `idx` format of MNIST and Fashion-MNIST (LeCun et al.): a 4-byte big-endian magic number
 * (two zero bytes, a type code, the number of dimensions), one 4-byte big-endian size per dimension, then
 * the values row-major. Only unsigned bytes (type 0x08) occur in these datasets, so only they are read.
 * Files may be gzipped (detected by the gzip magic, not by the name).
 */
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {DataError} from '@embedlab/core/data';

/** Type code of unsigned bytes, the only one in (Fashion-)MNIST. */
export const IDX_UBYTE = 0x08;

export interface IdxArray {
  /** Sizes of each dimension, e.g. [60000, 28, 28] for training images. */
  dims: number[];
  /** The values, row-major (a view of the decompressed file). */
  data: Uint8Array;
}

export interface IdxExpect {
  /** Number of dimensions (3 for images, 1 for labels). */
  rank?: number;
  /** Expected sizes; `null` leaves one free (e.g. `[null, 28, 28]`). */
  dims?: (number | null)[];
}

/** Parse idx bytes (already decompressed or gzipped); `file` names the source in errors. */
export function parseIdx(bytes: Uint8Array, file: string, expect: IdxExpect = {}): IdxArray {
  let buf = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (error) {
      throw new DataError(file, undefined, `not a readable gzip file (${(error as Error).message}); a truncated download? Fetch it again`);
    }
  }
  if (buf.length < 4) throw new DataError(file, undefined, `truncated: ${buf.length} bytes, shorter than the 4-byte idx magic number`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0);
  const rank = buf[3] as number;
  if (buf[0] !== 0 || buf[1] !== 0 || buf[2] !== IDX_UBYTE || rank === 0) {
    throw new DataError(
      file,
      undefined,
      `wrong idx magic number 0x${magic.toString(16).padStart(8, '0')}: expected 0x000008NN (unsigned bytes, NN dimensions), e.g. 0x00000803 for images or 0x00000801 for labels`,
    );
  }
  if (expect.rank !== undefined && rank !== expect.rank) {
    throw new DataError(file, undefined, `idx magic 0x${magic.toString(16).padStart(8, '0')} says ${rank} dimensions, expected ${expect.rank}`);
  }
  const header = 4 + 4 * rank;
  if (buf.length < header) throw new DataError(file, undefined, `truncated: ${buf.length} bytes, the header of ${rank} dimensions needs ${header}`);
  const dims: number[] = [];
  for (let k = 0; k < rank; k++) dims.push(view.getUint32(4 + 4 * k));
  if (expect.dims) {
    const want = expect.dims;
    const ok = want.length === rank && want.every((w, k) => w === null || w === dims[k]);
    if (!ok) throw new DataError(file, undefined, `header sizes [${dims.join(', ')}], expected [${want.map((w) => w ?? 'any').join(', ')}]`);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  const have = buf.length - header;
  if (have < count) throw new DataError(file, undefined, `truncated: the header [${dims.join(', ')}] needs ${count} value bytes, the file has ${have}`);
  if (have > count) throw new DataError(file, undefined, `${have - count} bytes after the ${count} values the header [${dims.join(', ')}] announces`);
  return {dims, data: buf.subarray(header)};
}

/** Read an idx file (optionally gzipped) from disk. */
export function readIdx(path: string, expect: IdxExpect = {}): IdxArray {
  return parseIdx(readFileSync(path), path, expect);
}

/** Encode values as idx bytes (unsigned bytes); for test fixtures and tools. */
export function encodeIdx(dims: readonly number[], data: ArrayLike<number>): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) throw new RangeError(`encodeIdx: ${data.length} values for dims [${dims.join(', ')}] (${count})`);
  const out = new Uint8Array(4 + 4 * dims.length + count);
  const view = new DataView(out.buffer);
  view.setUint32(0, (IDX_UBYTE << 8) | dims.length);
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d));
  out.set(Uint8Array.from(data), 4 + 4 * dims.length);
  return out;
}
