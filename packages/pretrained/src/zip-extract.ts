/// <reference path="./types/yauzl.d.ts" />
/**
 * Extracting zip members by streaming (yauzl), safely: every entry name is checked before anything is
 * written, and an archive with any entry that would land outside the target directory (`../x`, `/etc/x`,
 * `C:\x`; "zip slip") or that is a symbolic link is refused as a whole. Each file is written to a
 * temporary sibling and renamed, so an interrupted extraction leaves no half file under the real name.
 */
import {createWriteStream, mkdirSync, renameSync, rmSync} from 'node:fs';
import {dirname, isAbsolute, join, resolve, sep} from 'node:path';
import {pipeline} from 'node:stream/promises';
import {DataError} from '@embedlab/core/data';
import yauzl, {type Entry, type ZipFile} from 'yauzl';
import {messages} from './messages.js';

export interface ExtractOptions {
  /** Extract only these member names. __Default:__ all. */
  members?: readonly string[];
  onProgress?: (progress: {member: string; bytes: number; totalBytes: number}) => void;
}

/** Entry name as text: UTF-8 when the zip says so (general purpose bit 11), else byte-for-byte (CP437's ASCII part). */
function entryName(e: Entry): string {
  const raw = e.fileName;
  if (typeof raw === 'string') return raw;
  return raw.toString((e.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Where an entry would be written, or an error when that is outside `root`. */
export function safeEntryPath(root: string, name: string, archive: string): string {
  const normalized = name.replace(/\\/g, '/');
  const target = resolve(root, normalized);
  if (isAbsolute(normalized) || /^[a-zA-Z]:/.test(normalized) || (target !== root && !target.startsWith(root + sep))) {
    throw new DataError(archive, undefined, messages.zipSlip(name, root));
  }
  return target;
}

function openRaw(path: string): Promise<ZipFile> {
  return new Promise((res, rej) => {
    // decodeStrings: false, so names reach our own check (yauzl's would reject them with its own message).
    yauzl.open(path, {lazyEntries: true, autoClose: false, decodeStrings: false}, (error, zip) => {
      if (error || !zip) rej(new DataError(path, undefined, `not a readable zip archive: ${error?.message ?? 'unknown error'}`));
      else res(zip);
    });
  });
}

function entries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((res, rej) => {
    const out: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.once('end', () => res(out));
    zip.once('error', rej);
    zip.readEntry();
  });
}

/** Extract `zipPath` into `targetDir`; returns the paths written. */
export async function extractZip(zipPath: string, targetDir: string, options: ExtractOptions = {}): Promise<string[]> {
  const root = resolve(targetDir);
  const zip = await openRaw(zipPath);
  try {
    const all = await entries(zip);
    const wanted = options.members ? new Set(options.members) : undefined;
    const plan: {entry: Entry; name: string; target: string}[] = [];
    for (const entry of all) {
      const name = entryName(entry);
      const target = safeEntryPath(root, name, zipPath);
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        throw new DataError(zipPath, undefined, `zip entry ${JSON.stringify(name)} is a symbolic link; refusing to extract this archive`);
      }
      if (wanted && !wanted.has(name)) continue;
      plan.push({entry, name, target});
    }
    if (wanted) {
      const missing = [...wanted].filter((m) => !plan.some((p) => p.name === m));
      if (missing.length > 0) throw new DataError(zipPath, undefined, messages.zipMemberMissing(missing[0] as string, all.map(entryName)));
    }
    const written: string[] = [];
    for (const {entry, name, target} of plan) {
      if (name.endsWith('/')) {
        mkdirSync(target, {recursive: true});
        continue;
      }
      mkdirSync(dirname(target), {recursive: true});
      const tmp = join(dirname(target), `.${process.pid}.${Date.now()}.extract.tmp`);
      try {
        const stream = await new Promise<NodeJS.ReadableStream>((res, rej) =>
          zip.openReadStream(entry, (error, s) => (error || !s ? rej(error ?? new Error('no stream')) : res(s))),
        );
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          options.onProgress?.({member: name, bytes, totalBytes: entry.uncompressedSize});
        });
        await pipeline(stream, createWriteStream(tmp));
        renameSync(tmp, target);
      } catch (error) {
        rmSync(tmp, {force: true});
        throw error instanceof DataError ? error : new DataError(zipPath, undefined, `cannot extract ${JSON.stringify(name)}: ${(error as Error).message}`);
      }
      written.push(target);
    }
    return written;
  } finally {
    zip.close();
  }
}
