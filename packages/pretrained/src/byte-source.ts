/// <reference path="./types/yauzl.d.ts" />
/**
 * The bytes of a vector file, whatever holds them: a plain file (large synchronous reads, the fast path),
 * a `.gz` file (streamed through node:zlib) or one member of a `.zip` (streamed through yauzl). Readers
 * ask for "up to n bytes into this buffer" and never see the container.
 */
import {createHash, type Hash} from 'node:crypto';
import {closeSync, createReadStream, fstatSync, openSync, readSync, statSync} from 'node:fs';
import {createGunzip} from 'node:zlib';
import {ArgumentError, DataError, ResourceError} from '@embedlab/core/data';
import yauzl, {type Entry, type ZipFile} from 'yauzl';
import {messages} from './messages.js';

export interface ByteSource {
  /** Read up to `max` bytes into buf at `offset`; 0 means end of data. */
  read(buf: Buffer, offset: number, max: number): Promise<number>;
  close(): void;
  /** Size of the decompressed data when known (gzip's ISIZE, the zip entry's size), else 0. */
  readonly totalBytes: number;
  /** Size of the file on disk. */
  readonly fileBytes: number;
  /** Hex sha256 of the file on disk, when hashing was asked for and the whole file was read. */
  sha256(): string | undefined;
  /** What was read: 'plain', 'gzip' or 'zip:<member>'. */
  readonly container: string;
}

export interface OpenOptions {
  sha256?: boolean;
  /** Which member of a zip to read. __Default:__ the only member that looks like a vector file. */
  member?: string;
}

export async function openByteSource(path: string, options: OpenOptions = {}): Promise<ByteSource> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return openZipMember(path, options);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new ResourceError(`cannot open vector file ${path}: ${(error as Error).message}`);
  }
  const fileBytes = fstatSync(fd).size;
  const hash = options.sha256 ? createHash('sha256') : undefined;
  if (lower.endsWith('.gz')) {
    const totalBytes = gzipSize(fd, fileBytes);
    closeSync(fd);
    const raw = createReadStream(path, {highWaterMark: 4 << 20});
    if (hash) raw.on('data', (chunk) => hash.update(chunk as Buffer));
    const gunzip = createGunzip({chunkSize: 1 << 20});
    raw.on('error', (e) => gunzip.destroy(e));
    raw.pipe(gunzip);
    return streamSource(gunzip, path, 'gzip', totalBytes, fileBytes, hash, () => raw.destroy());
  }
  let done = false;
  return {
    totalBytes: fileBytes,
    fileBytes,
    container: 'plain',
    async read(buf, offset, max) {
      const n = readSync(fd, buf, offset, max, null);
      if (n === 0) done = true;
      else hash?.update(buf.subarray(offset, offset + n));
      return n;
    },
    close() {
      closeSync(fd);
    },
    sha256: () => (hash && done ? hash.digest('hex') : undefined),
  };
}

/** gzip's trailer holds the uncompressed size mod 2^32; trust it only when it is plausible. */
function gzipSize(fd: number, fileBytes: number): number {
  if (fileBytes < 18) return 0;
  const tail = Buffer.alloc(4);
  readSync(fd, tail, 0, 4, fileBytes - 4);
  const isize = tail.readUInt32LE(0);
  return isize >= fileBytes ? isize : fileBytes * 3;
}

function streamSource(
  stream: AsyncIterable<unknown> & {destroy(): void},
  path: string,
  container: string,
  totalBytes: number,
  fileBytes: number,
  hash: Hash | undefined,
  cleanup: () => void,
): ByteSource {
  const it = stream[Symbol.asyncIterator]();
  let cur: Buffer | undefined;
  let pos = 0;
  let ended = false;
  let digest: string | undefined;
  return {
    totalBytes,
    fileBytes,
    container,
    async read(buf, offset, max) {
      let n = 0;
      while (n < max && !ended) {
        if (cur === undefined || pos >= cur.length) {
          let r: IteratorResult<unknown>;
          try {
            r = await it.next();
          } catch (error) {
            throw new DataError(path, undefined, `cannot decompress (${container}): ${(error as Error).message}`);
          }
          if (r.done) {
            ended = true;
            if (hash) digest = hash.digest('hex');
            break;
          }
          cur = r.value as Buffer;
          pos = 0;
        }
        const k = Math.min(max - n, cur.length - pos);
        cur.copy(buf, offset + n, pos, pos + k);
        pos += k;
        n += k;
      }
      return n;
    },
    close() {
      stream.destroy();
      cleanup();
    },
    sha256: () => digest,
  };
}

const VECTOR_MEMBER = /\.(txt|vec|bin)$/i;

/** Names of the entries of a zip (files only). */
export async function listZip(path: string): Promise<{name: string; size: number}[]> {
  const zip = await openZip(path);
  try {
    const out: {name: string; size: number}[] = [];
    await forEachEntry(zip, (e) => {
      if (!String(e.fileName).endsWith('/')) out.push({name: String(e.fileName), size: e.uncompressedSize});
      return false;
    });
    return out;
  } finally {
    zip.close();
  }
}

export function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, {lazyEntries: true, autoClose: false}, (error, zip) => {
      if (error || !zip) reject(new DataError(path, undefined, `not a readable zip archive: ${error?.message ?? 'unknown error'}`));
      else resolve(zip);
    });
  });
}

/** Visit entries in order until `visit` returns true; resolves with that entry or undefined. */
export function forEachEntry(zip: ZipFile, visit: (e: Entry) => boolean | Promise<boolean>): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      Promise.resolve(visit(entry)).then((stop) => {
        if (stop) {
          zip.removeAllListeners('entry');
          zip.removeAllListeners('end');
          resolve(entry);
        } else zip.readEntry();
      }, reject);
    });
    zip.once('end', () => resolve(undefined));
    zip.once('error', reject);
    zip.readEntry();
  });
}

export function openEntryStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream & {destroy(): void}> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error: Error | null, stream?: unknown) => {
      if (error || !stream) reject(error ?? new Error('no stream'));
      else resolve(stream as NodeJS.ReadableStream & {destroy(): void});
    });
  });
}

async function openZipMember(path: string, options: OpenOptions): Promise<ByteSource> {
  if (options.sha256) throw new ArgumentError('sha256 of a zip member is not computed while streaming; hash the archive instead');
  const members = (await listZip(path)).map((m) => m.name);
  let name = options.member;
  if (name === undefined) {
    const candidates = members.filter((m) => VECTOR_MEMBER.test(m));
    if (candidates.length !== 1) throw new DataError(path, undefined, messages.zipNoMember(members));
    name = candidates[0] as string;
  } else if (!members.includes(name)) {
    throw new DataError(path, undefined, messages.zipMemberMissing(name, members));
  }
  const zip = await openZip(path);
  const entry = (await forEachEntry(zip, (e) => String(e.fileName) === name)) as Entry;
  const stream = await openEntryStream(zip, entry);
  const {size} = statSync(path);
  return streamSource(
    stream as unknown as AsyncIterable<unknown> & {destroy(): void},
    `${path}:${name}`,
    `zip:${name}`,
    entry.uncompressedSize,
    size,
    undefined,
    () => zip.close(),
  );
}
