/**
 * Streaming atomic output for files too big to build in memory (a 300 MB vector text): bytes go to a
 * temporary sibling in large synchronous writes, which is fsynced and renamed over the target at the end.
 * A crash leaves the old file or the new one, never half of either (core's `writeFileAtomic` does the
 * same for data already in memory).
 */
import {closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {gzipSync} from 'node:zlib';

export class AtomicOutput {
  readonly tmp: string;
  #fd: number;
  #buf: Buffer;
  /** Bytes buffered but not yet written. */
  pos = 0;
  /** Bytes written to the file so far. */
  written = 0;
  readonly #gzip: boolean;

  /** A `.gz` path is written as gzip (one member per flushed block, which every gunzip reads). */
  constructor(
    readonly path: string,
    blockBytes = 8 << 20,
  ) {
    mkdirSync(dirname(path), {recursive: true});
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    this.#fd = openSync(this.tmp, 'w');
    this.#buf = Buffer.allocUnsafe(blockBytes);
    this.#gzip = path.toLowerCase().endsWith('.gz');
  }

  /** The buffer to write into at `pos`; makes sure `room` bytes are free first. */
  reserve(room: number): Buffer {
    if (this.pos + room > this.#buf.length) {
      this.flush();
      if (room > this.#buf.length) this.#buf = Buffer.allocUnsafe(room);
    }
    return this.#buf;
  }

  write(bytes: Uint8Array): void {
    const b = this.reserve(bytes.length);
    b.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  writeString(text: string): void {
    const len = Buffer.byteLength(text);
    const b = this.reserve(len);
    this.pos += b.write(text, this.pos);
  }

  flush(): void {
    if (this.pos === 0) return;
    const block = this.#gzip ? gzipSync(this.#buf.subarray(0, this.pos)) : this.#buf.subarray(0, this.pos);
    let off = 0;
    while (off < block.length) off += writeSync(this.#fd, block, off, block.length - off);
    this.written += block.length;
    this.pos = 0;
  }

  /** Flush, fsync and rename into place. */
  commit(): void {
    try {
      this.flush();
      fsyncSync(this.#fd);
      closeSync(this.#fd);
      renameSync(this.tmp, this.path);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Drop the temporary file (after an error). */
  abort(): void {
    try {
      closeSync(this.#fd);
    } catch {
      // already closed
    }
    rmSync(this.tmp, {force: true});
  }
}

/** Run `fill` against a fresh AtomicOutput and commit, or remove the temporary file on any error. */
export function writeAtomically(path: string, fill: (out: AtomicOutput) => void): number {
  const out = new AtomicOutput(path);
  try {
    fill(out);
  } catch (error) {
    out.abort();
    throw error;
  }
  out.commit();
  return out.written;
}
