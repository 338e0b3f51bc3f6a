/**
 * Find a dataset's files: (1) the data directory (`dataDir()`, env EMBEDLAB_DATA_DIR), (2) the cache
 * (`cacheDir()/datasets`), (3) a download of the pinned mirror, only when the file's sha256 is known, checked
 * before it is stored. Every file found is checked against its sha256 when one is known; a mismatch is an
 * error, never a silent fallback to the next place.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {cacheDir, dataDir, ResourceError, writeFileAtomic} from '@embedlab/core';
import type {FileRecord} from './types.js';
import {getDataset, type DatasetEntry, type DatasetFile} from './registry.js';
import {messages} from './messages.js';

export interface ResolveOptions {
  /** __Default:__ core `dataDir()` (env EMBEDLAB_DATA_DIR); null = do not look in a data directory. */
  dataDir?: string | null;
  /** __Default:__ `cacheDir()/datasets`. */
  cacheDir?: string;
  /** Allow downloading files with a known checksum. __Default:__ true unless env EMBEDLAB_OFFLINE is set. */
  download?: boolean;
  /** Injected fetch (tests). __Default:__ global fetch. */
  fetch?: (url: string) => Promise<{ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>}>;
}

export interface ResolvedFile extends FileRecord {
  /** Absolute path on disk. */
  absPath: string;
  /** Where it was found. */
  origin: 'data-dir' | 'cache' | 'download';
}

export interface ResolvedDataset {
  id: string;
  entry: DatasetEntry;
  files: ResolvedFile[];
}

const shaCache = new Map<string, string>();

/** SHA-256 of a file (memoised by path, size and mtime). */
export function sha256File(path: string): string {
  const st = statSync(path);
  const key = `${path}|${st.size}|${st.mtimeMs}`;
  let h = shaCache.get(key);
  if (!h) {
    h = createHash('sha256').update(readFileSync(path)).digest('hex');
    shaCache.set(key, h);
  }
  return h;
}

/** Resolve every file of a dataset (see the module comment for the order). */
export async function resolveDataset(id: string, options: ResolveOptions = {}): Promise<ResolvedDataset> {
  const entry = getDataset(id);
  const files: ResolvedFile[] = [];
  for (const f of entry.files) files.push(await resolveFile(entry, f, options));
  return {id: entry.id, entry, files};
}

async function resolveFile(entry: DatasetEntry, f: DatasetFile, options: ResolveOptions): Promise<ResolvedFile> {
  const data = options.dataDir === undefined ? dataDir() : options.dataDir;
  const cache = options.cacheDir ?? join(cacheDir(), 'datasets');
  const places = [...(data ? [join(data, f.path)] : []), join(cache, f.path)];
  for (const [i, abs] of places.entries()) {
    if (!existsSync(abs)) continue;
    const sha = sha256File(abs);
    if (f.sha256 && sha !== f.sha256) throw new ResourceError(messages.badChecksum(entry.id, abs, sha, f.sha256, f.mirror ?? entry.canonicalUrl));
    return {path: f.path, sha256: sha, bytes: statSync(abs).size, absPath: abs, origin: data && i === 0 ? 'data-dir' : 'cache'};
  }
  const allowed = options.download ?? !process.env.EMBEDLAB_OFFLINE;
  const why = !f.sha256 || !f.mirror ? 'no checksummed download is known for it' : allowed ? '' : 'downloads are off';
  if (why) throw new ResourceError(messages.missingFile(entry.id, f.path, places, entry.canonicalUrl, why));
  const doFetch = options.fetch ?? ((url: string) => fetch(url));
  let bytes: Uint8Array;
  try {
    const res = await doFetch(f.mirror!);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (error) {
    throw new ResourceError(
      `${messages.downloadFailed(f.mirror!, (error as Error).message)}. ${messages.missingFile(entry.id, f.path, places, entry.canonicalUrl, 'download failed')}`,
    );
  }
  if (f.stripFinalNewline && bytes.length > 0 && bytes[bytes.length - 1] === 0x0a) bytes = bytes.subarray(0, bytes.length - 1);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== f.sha256) throw new ResourceError(messages.badChecksum(entry.id, f.mirror!, sha, f.sha256!, entry.canonicalUrl));
  const target = join(cache, f.path);
  writeFileAtomic(target, bytes);
  return {path: f.path, sha256: sha, bytes: bytes.length, absPath: target, origin: 'download'};
}
