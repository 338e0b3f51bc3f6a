/**
 * Find a dataset's files: (1) the data directory (`dataDir()`, env EMBEDLAB_DATA_DIR), (2) the cache
 * (`cacheDir()/datasets`), (3) a download of the pinned mirror, only when the file's sha256 is known, checked
 * before it is stored. Every file found is checked against its sha256 when one is known; a mismatch is an
 * error, never a silent fallback to the next place. When the entry's own files are not all present, its
 * known alternative copies (`entry.alternatives`, e.g. the wordvectors.org `EN-*.txt` files) are tried in
 * order, each read with its own layout, before anything is downloaded.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {cacheDir, dataDir, downloadBytes, type FetchLike, ResourceError, writeFileAtomic} from '@embedlab/core';
import type {FileRecord} from './types.js';
import {getDataset, type DatasetEntry, type DatasetFile, type DatasetFormat} from './registry.js';
import {messages} from './messages.js';

export interface ResolveOptions {
  /** __Default:__ core `dataDir()` (env EMBEDLAB_DATA_DIR); null = do not look in a data directory. */
  dataDir?: string | null;
  /** __Default:__ `cacheDir()/datasets`. */
  cacheDir?: string;
  /** Allow downloading files with a known checksum. __Default:__ true unless env EMBEDLAB_OFFLINE is set. */
  download?: boolean;
  /** Injected fetch (tests). __Default:__ global fetch. */
  fetch?: FetchLike;
  /**
   * Base URL of a folder laid out like the data dir (`<mirror>/<dataset>/<file>`), used instead of each
   * file's pinned mirror; the sha256 is still required and checked. __Default:__ env EMBEDLAB_DATASETS_MIRROR.
   */
  mirror?: string;
  /** Further download attempts after a network failure, a short body or HTTP 5xx. __Default:__ 2. */
  retries?: number;
  /** __Default:__ 500 ms times the attempt number. */
  retryDelayMs?: number;
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
  /** The label of the alternative copy that was found (`entry.alternatives`), or null for the entry's own files. */
  alternative: string | null;
  /** How to read `files`: the entry's format, or the alternative's. */
  format: DatasetFormat;
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
  const where = placesOf(options);
  const own = findLocal(entry, entry.files, where);
  if (own) return {id: entry.id, entry, files: own, alternative: null, format: entry.format};
  for (const alt of entry.alternatives ?? []) {
    const found = findLocal(entry, alt.files, where);
    if (found) return {id: entry.id, entry, files: found, alternative: alt.label, format: alt.format};
  }
  const files: ResolvedFile[] = [];
  for (const f of entry.files) files.push(await resolveFile(entry, f, where, options));
  return {id: entry.id, entry, files, alternative: null, format: entry.format};
}

/** True when every file of the dataset has a checksum and a pinned mirror, so that it can be downloaded. */
export function isDownloadable(entry: DatasetEntry): boolean {
  return entry.files.every((f) => f.sha256 && f.mirror);
}

interface Places {
  data: string | null;
  cache: string;
}

function placesOf(options: ResolveOptions): Places {
  const data = options.dataDir === undefined ? dataDir() : options.dataDir;
  return {data: data ?? null, cache: options.cacheDir ?? join(cacheDir(), 'datasets')};
}

/** A file in the data dir or the cache (checked against its sha256 when known); undefined when in neither. */
function findFile(entry: DatasetEntry, f: DatasetFile, where: Places): ResolvedFile | undefined {
  const places: [string, ResolvedFile['origin']][] = [
    ...(where.data ? [[join(where.data, f.path), 'data-dir'] as [string, 'data-dir']] : []),
    [join(where.cache, f.path), 'cache'],
  ];
  for (const [abs, origin] of places) {
    if (!existsSync(abs)) continue;
    const sha = sha256File(abs);
    if (f.sha256 && sha !== f.sha256) throw new ResourceError(messages.badChecksum(entry.id, abs, sha, f.sha256, f.mirror ?? entry.canonicalUrl));
    return {path: f.path, sha256: sha, bytes: statSync(abs).size, absPath: abs, origin};
  }
  return undefined;
}

/** Every one of `files` found locally, or undefined when any is missing. */
function findLocal(entry: DatasetEntry, files: readonly DatasetFile[], where: Places): ResolvedFile[] | undefined {
  const out: ResolvedFile[] = [];
  for (const f of files) {
    const found = findFile(entry, f, where);
    if (!found) return undefined;
    out.push(found);
  }
  return out;
}

async function resolveFile(entry: DatasetEntry, f: DatasetFile, where: Places, options: ResolveOptions): Promise<ResolvedFile> {
  const local = findFile(entry, f, where);
  if (local) return local;
  const places = [...(where.data ? [join(where.data, f.path)] : []), join(where.cache, f.path)];
  const instead = (entry.alternatives ?? []).map((a) => `${a.files.map((x) => JSON.stringify(x.path)).join(' + ')} (${a.label})`);
  const allowed = options.download ?? !process.env.EMBEDLAB_OFFLINE;
  const why = !f.sha256 || !f.mirror ? 'no checksummed download is known for it' : allowed ? '' : 'downloads are off';
  if (why) throw new ResourceError(messages.missingFile(entry.id, f.path, places, entry.canonicalUrl, why, instead));
  const base = options.mirror ?? process.env.EMBEDLAB_DATASETS_MIRROR;
  const url = base ? `${base.replace(/\/+$/, '')}/${f.path.split('/').map(encodeURIComponent).join('/')}` : f.mirror!;
  let bytes: Uint8Array;
  try {
    bytes = await downloadBytes(url, {
      ...(options.fetch ? {fetch: options.fetch} : {}),
      ...(options.retries !== undefined ? {retries: options.retries} : {}),
      ...(options.retryDelayMs !== undefined ? {retryDelayMs: options.retryDelayMs} : {}),
    });
  } catch (error) {
    throw new ResourceError(`${(error as Error).message}. ${messages.missingFile(entry.id, f.path, places, entry.canonicalUrl, 'download failed', instead)}`);
  }
  // The pinned BATS mirror added a final newline to every file; a mirror of the data dir serves the bytes as they are.
  if (!base && f.stripFinalNewline && bytes.length > 0 && bytes[bytes.length - 1] === 0x0a) bytes = bytes.subarray(0, bytes.length - 1);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== f.sha256) throw new ResourceError(messages.badChecksum(entry.id, url, sha, f.sha256!, entry.canonicalUrl));
  const target = join(where.cache, f.path);
  writeFileAtomic(target, bytes);
  return {path: f.path, sha256: sha, bytes: bytes.length, absPath: target, origin: 'download'};
}
