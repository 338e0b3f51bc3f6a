/**
 * Little-endian binary input and output for the fastText model file: a windowed reader over a file or a
 * byte array that names the file, the field and the offset when the data runs out, and a growable writer.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {endianness} from 'node:os';
import {DataError} from '@embedlab/core/data';
import {messages} from '../messages.js';

/** Random-access bytes: a file descriptor or an in-memory array. */
export interface ByteSource {
  readonly size: number;
  /** Copies up to `into.length` bytes from `position`; returns how many were copied. */
  read(into: Uint8Array, position: number): number;
  close(): void;
}

export function fileSource(path: string): ByteSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    read(into, position) {
      let done = 0;
      while (done < into.length) {
        const chunk = Math.min(into.length - done, 1 << 30); // readSync takes at most 2 GiB per call
        const n = readSync(fd, into, done, chunk, position + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    },
    close: () => closeSync(fd),
  };
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(into, position) {
      const part = bytes.subarray(position, Math.min(bytes.length, position + into.length));
      into.set(part);
      return part.length;
    },
    close() {},
  };
}

const WINDOW = 1 << 20;

export function assertLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error(messages.notLittleEndian());
}

export class ByteReader {
  #buf = new Uint8Array(0);
  #view = new DataView(this.#buf.buffer);
  #bufStart = 0;
  /** Offset in the file of the next byte to read. */
  pos = 0;

  constructor(
    readonly source: ByteSource,
    readonly file: string,
  ) {}

  get size(): number {
    return this.source.size;
  }

  fail(detail: string): never {
    throw new DataError(this.file, undefined, detail);
  }

  /** Makes bytes [pos, pos + n) available in the window, or throws a truncation error naming `what`. */
  #ensure(n: number, what: string): number {
    const rel = this.pos - this.#bufStart;
    if (rel >= 0 && rel + n <= this.#buf.length) return rel;
    return this.#load(n, what);
  }

  /** Reloads the window from pos with at least n bytes (throws when the file has fewer). */
  #load(n: number, what: string): number {
    if (this.pos + n > this.size) this.fail(messages.truncated(what, this.pos, n, this.size));
    const want = Math.min(Math.max(n, WINDOW), this.size - this.pos);
    this.#buf = new Uint8Array(want);
    this.#view = new DataView(this.#buf.buffer);
    this.#bufStart = this.pos;
    const got = this.source.read(this.#buf, this.pos);
    if (got < n) this.fail(messages.truncated(what, this.pos, n, this.pos + got));
    return 0;
  }

  int32(what: string): number {
    const at = this.#ensure(4, what);
    this.pos += 4;
    return this.#view.getInt32(at, true);
  }

  /** A signed 64-bit integer as a number; refused beyond 2^53. */
  int64(what: string): number {
    const at = this.#ensure(8, what);
    this.pos += 8;
    const value = this.#view.getBigInt64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) this.fail(messages.tooLarge(what, value));
    return Number(value);
  }

  float64(what: string): number {
    const at = this.#ensure(8, what);
    this.pos += 8;
    return this.#view.getFloat64(at, true);
  }

  uint8(what: string): number {
    const at = this.#ensure(1, what);
    this.pos += 1;
    return this.#buf[at] as number;
  }

  int8(what: string): number {
    return (this.uint8(what) << 24) >> 24;
  }

  /** Bytes up to (not including) the next NUL; the NUL is consumed. */
  cstring(what: string): Uint8Array {
    let rel = this.#ensure(1, what);
    for (;;) {
      const end = this.#buf.indexOf(0, rel);
      if (end >= 0) {
        const out = this.#buf.slice(rel, end);
        this.pos += end - rel + 1;
        return out;
      }
      // No NUL in the window: widen it from pos (the window holds everything to the end of the file when
      // it cannot grow further).
      const have = this.#buf.length - rel;
      if (this.pos + have >= this.size) this.fail(messages.truncated(`${what} (a NUL-terminated string)`, this.pos, have + 1, this.size));
      rel = this.#load(Math.min(have * 2 + WINDOW, this.size - this.pos), what);
    }
  }

  /** `count` little-endian float32 values, read straight into a new array. */
  float32s(count: number, what: string): Float32Array {
    const bytes = count * 4;
    if (this.pos + bytes > this.size) this.fail(messages.truncated(what, this.pos, bytes, this.size));
    const out = new Float32Array(count);
    const target = new Uint8Array(out.buffer);
    // Whatever the window already holds, then the rest from the source.
    const rel = this.pos - this.#bufStart;
    let filled = 0;
    if (rel >= 0 && rel < this.#buf.length) {
      filled = Math.min(bytes, this.#buf.length - rel);
      target.set(this.#buf.subarray(rel, rel + filled));
    }
    if (filled < bytes) {
      const got = this.source.read(target.subarray(filled), this.pos + filled);
      if (got < bytes - filled) this.fail(messages.truncated(what, this.pos, bytes, this.pos + filled + got));
    }
    this.pos += bytes;
    return out;
  }
}

/** Growable little-endian writer for the small fields (args, dictionary); matrices are written as views. */
export class ByteWriter {
  #buf = new Uint8Array(1 << 16);
  #view = new DataView(this.#buf.buffer);
  length = 0;

  #room(n: number): number {
    if (this.length + n > this.#buf.length) {
      const next = new Uint8Array(Math.max(this.#buf.length * 2, this.length + n));
      next.set(this.#buf.subarray(0, this.length));
      this.#buf = next;
      this.#view = new DataView(next.buffer);
    }
    const at = this.length;
    this.length += n;
    return at;
  }

  // Each method reserves room first: growing replaces #buf and #view.
  int32(v: number): void {
    const at = this.#room(4);
    this.#view.setInt32(at, v, true);
  }

  int64(v: number): void {
    const at = this.#room(8);
    this.#view.setBigInt64(at, BigInt(v), true);
  }

  float64(v: number): void {
    const at = this.#room(8);
    this.#view.setFloat64(at, v, true);
  }

  uint8(v: number): void {
    const at = this.#room(1);
    this.#view.setUint8(at, v);
  }

  int8(v: number): void {
    const at = this.#room(1);
    this.#view.setInt8(at, v);
  }

  bytes(b: Uint8Array): void {
    const at = this.#room(b.length);
    this.#buf.set(b, at);
  }

  /** The bytes written so far (a view; copy it before writing more). */
  take(): Uint8Array {
    const out = this.#buf.subarray(0, this.length);
    this.#buf = new Uint8Array(1 << 16);
    this.#view = new DataView(this.#buf.buffer);
    this.length = 0;
    return out;
  }
}
