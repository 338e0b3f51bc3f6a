/**
 * safetensors (Hugging Face's tensor file format), read and write, F32 / I32 / I64 only.
 *
 * Layout: u64 little-endian N; N bytes of UTF-8 JSON `{name: {dtype, shape, data_offsets: [begin, end]},
 * "__metadata__": {string: string}}` (offsets relative to the data start), padded with spaces to a
 * multiple of 8 as the reference writer does; then the packed little-endian row-major bytes.
 * Why our own: the one npm package (`safetensors` 0.0.1) is browser-only and crashes on `__metadata__`.
 * `torch`'s `safetensors.torch.load_file` / the Python `safetensors` package read what this writes.
 */
import {readFileSync} from 'node:fs';
import {DataError, writeFileAtomic} from '@embedlab/core';

export type SafeDtype = 'F32' | 'I32' | 'I64';
export interface SafeTensor {
  dtype: SafeDtype;
  shape: number[];
  data: Float32Array | Int32Array | BigInt64Array;
}

const BYTES: Record<SafeDtype, number> = {F32: 4, I32: 4, I64: 8};
const MAX_HEADER = 100 * 1024 * 1024; // the reference reader's cap

/** Serialise tensors (in the given order) and string metadata. */
export function encodeSafetensors(tensors: ReadonlyMap<string, SafeTensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of tensors) {
    const bytes = t.data.length * BYTES[t.dtype];
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) throw new Error(`safetensors: tensor ${name} has ${t.data.length} values for shape [${t.shape.join(', ')}]`);
    header[name] = {dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes]};
    offset += bytes;
  }
  let json = JSON.stringify(header);
  const pad = (8 - (Buffer.byteLength(json) % 8)) % 8;
  json += ' '.repeat(pad);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const t of tensors.values()) {
    // little-endian hosts (x86, arm64): the typed array's bytes are the file's bytes
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    pos += t.data.byteLength;
  }
  return out;
}

export function writeSafetensors(path: string, tensors: ReadonlyMap<string, SafeTensor>, metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

export interface SafetensorsFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}

/** Parse a safetensors buffer; every structural problem is a `DataError` naming `file`. */
export function decodeSafetensors(bytes: Uint8Array, file: string): SafetensorsFile {
  if (bytes.length < 8) throw new DataError(file, undefined, `not a safetensors file: ${bytes.length} bytes, expected at least an 8-byte header length`);
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (n > MAX_HEADER || 8 + n > bytes.length)
    throw new DataError(file, undefined, `header length ${n} does not fit a file of ${bytes.length} bytes (truncated or not safetensors)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new DataError(file, undefined, `header is not valid JSON: ${(error as Error).message}`);
  }
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const tensors = new Map<string, SafeTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const e = entry as {dtype?: string; shape?: number[]; data_offsets?: [number, number]};
    if (!e || !(e.dtype === 'F32' || e.dtype === 'I32' || e.dtype === 'I64'))
      throw new DataError(file, undefined, `tensor ${name}: dtype ${JSON.stringify(e?.dtype)} is not supported (expected F32, I32 or I64)`);
    if (!Array.isArray(e.shape) || !Array.isArray(e.data_offsets) || e.data_offsets.length !== 2)
      throw new DataError(file, undefined, `tensor ${name}: missing shape or data_offsets`);
    const [begin, end] = e.data_offsets;
    const size = e.shape.reduce((a, b) => a * b, 1);
    if (!(begin >= 0 && end <= dataLength && end - begin === size * BYTES[e.dtype])) {
      throw new DataError(
        file,
        undefined,
        `tensor ${name}: data_offsets [${begin}, ${end}] do not hold ${size} ${e.dtype} values within ${dataLength} data bytes (truncated file?)`,
      );
    }
    const copy = new Uint8Array(end - begin); // an aligned copy (a Buffer's slice would be a view into its pool)
    copy.set(bytes.subarray(dataStart + begin, dataStart + end));
    const data = e.dtype === 'F32' ? new Float32Array(copy.buffer) : e.dtype === 'I32' ? new Int32Array(copy.buffer) : new BigInt64Array(copy.buffer);
    tensors.set(name, {dtype: e.dtype, shape: e.shape, data});
  }
  return {tensors, metadata};
}

export function readSafetensors(path: string): SafetensorsFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new DataError(path, undefined, `cannot read: ${(error as Error).message}`);
  }
  return decodeSafetensors(bytes, path);
}
