/**
 * `loadVectorSource(name | path, options)`: vectors by name, from wherever they already are, downloading
 * only when needed and allowed.
 *
 * Lookup order for a named source:
 *   1. `options.path`: the vector file or the downloaded archive, wherever the user keeps it;
 *   2. `cacheDir()/vectors/<file>` (a vector file put there, or extracted earlier);
 *   3. `cacheDir()/downloads/<download file>` (extracted into 2 when it is a zip);
 *   4. download into 3 (progress callback, sha256 recorded at first download and checked when published).
 * Offline (download disabled, or no network), the error lists exactly which file to put where.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {
  ArgumentError,
  cacheDir as defaultCacheDir,
  type DownloadProgress,
  downloadFile,
  NetworkError,
  ResourceError,
  WordVectors,
  writeFileAtomic,
} from '@embedlab/core/data';
import {loadEmbeddedDefault} from './embedded-default.js';
import {messages} from './messages.js';
import {readVectors, type ReadOptions} from './read-vectors.js';
import {findVectorSource, listVectorSources, type VectorSource} from './sources.js';
import {extractZip} from './zip-extract.js';

export interface LoadSourceOptions extends ReadOptions {
  /** __Default:__ `cacheDir()` from core (env EMBEDLAB_CACHE_DIR). */
  cacheDir?: string;
  /** A local copy of the source: its vector file, or its download (e.g. glove.6B.zip). */
  path?: string;
  /** Allow downloading. __Default:__ true unless env EMBEDLAB_OFFLINE is set (to anything but 0). */
  download?: boolean;
  onDownloadProgress?: (progress: DownloadProgress) => void;
}

function offlineByEnv(): boolean {
  const v = process.env.EMBEDLAB_OFFLINE;
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/** Rows of `vectors` limited to the first `limit` rows and/or to a vocabulary (a copy; meta kept). */
export function selectRows(vectors: WordVectors, options: Pick<ReadOptions, 'limit' | 'vocabulary'>): WordVectors {
  const {limit, vocabulary} = options;
  if (limit === undefined && vocabulary === undefined) return vectors;
  const n = Math.min(limit ?? Infinity, vectors.size);
  const keep =
    vocabulary === undefined
      ? undefined
      : typeof (vocabulary as {has?: unknown}).has === 'function'
        ? (vocabulary as {has(w: string): boolean})
        : new Set(vocabulary as Iterable<string>);
  if (keep === undefined) return vectors.head(n);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (keep.has(vectors.words[i] as string)) rows.push(i);
  const {dim} = vectors;
  const data = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => data.set(vectors.data.subarray(r * dim, (r + 1) * dim), i * dim));
  const meta = {...vectors.meta, rows: rows.length, filteredOut: n - rows.length, ...(limit === undefined ? {} : {limit})};
  return new WordVectors(
    rows.map((r) => vectors.words[r] as string),
    data,
    dim,
    {meta, checkFinite: false},
  );
}

/** Load a named source (see `listVectorSources()`), a source description, or a vector file path. */
export async function loadVectorSource(source: string | VectorSource, options: LoadSourceOptions = {}): Promise<WordVectors> {
  let src: VectorSource | undefined = typeof source === 'string' ? findVectorSource(source) : source;
  if (src === undefined) {
    const path = source as string;
    if (existsSync(path) && statSync(path).isFile()) return readVectors(path, options);
    throw new ArgumentError(
      messages.unknownSource(
        path,
        listVectorSources().map((s) => s.name),
      ),
    );
  }
  const base = options.cacheDir ?? defaultCacheDir();
  if (src.embedded !== undefined && options.path === undefined) {
    return selectRows(loadEmbeddedDefault({cacheDir: base}), options);
  }
  src = {...src};
  const read = (path: string, extra: Record<string, unknown>) =>
    readVectors(path, {
      format: src.format,
      ...(src.wordsWithSpaces ? {wordsWithSpaces: true} : {}),
      ...(src.member !== undefined && path.toLowerCase().endsWith('.zip') ? {member: src.member} : {}),
      ...options,
    }).then((v) => {
      Object.assign(v.meta, {source: src.name, homepage: src.homepage, license: src.license, ...(src.download ? {url: src.download.url} : {}), ...extra});
      return v;
    });

  if (options.path !== undefined) {
    if (!existsSync(options.path)) throw new ResourceError(`${src.name}: options.path ${options.path} does not exist`);
    return read(options.path, {});
  }
  const vectorFile = join(base, 'vectors', src.file);
  if (existsSync(vectorFile)) return read(vectorFile, recordedDownload(src, base));
  if (!src.download) throw new ResourceError(messages.offline(src.name, 'it has no download', [vectorFile]));
  const archive = join(base, 'downloads', src.download.file);
  if (!existsSync(archive)) {
    const allowed = options.download ?? !offlineByEnv();
    const places = [
      `${vectorFile} (the vector file ${src.file})`,
      `${archive} (the download ${src.download.url}${src.download.approxSize ? `, ${src.download.approxSize}` : ''})`,
      `or pass {path: '/where/you/keep/${src.download.file}'}`,
    ];
    if (!allowed) throw new ResourceError(messages.offline(src.name, 'downloads are disabled (download: false or EMBEDLAB_OFFLINE)', places));
    try {
      // Expected: the published sha256, else what an earlier download of this file recorded.
      const expected = src.download.sha256 ?? (recordedDownload(src, base).downloadSha256 as string | undefined);
      const got = await downloadFile(src.download.url, archive, {
        ...(expected === undefined ? {} : {sha256: expected}),
        ...(options.onDownloadProgress ? {onProgress: options.onDownloadProgress} : {}),
      });
      // No published checksum: record what the first download got (trust on first use).
      writeFileAtomic(`${archive}.sha256`, JSON.stringify({sha256: got.sha256, url: got.url, bytes: got.bytes, downloadedAt: new Date().toISOString()}));
    } catch (error) {
      if (error instanceof NetworkError) throw new ResourceError(messages.offline(src.name, error.message, places));
      throw error;
    }
  }
  if (src.member === undefined) return read(archive, recordedDownload(src, base));
  await extractZip(archive, join(base, 'vectors'), {members: [src.member]});
  return read(join(base, 'vectors', src.member), recordedDownload(src, base));
}

/** The sha256 recorded at first download, for provenance. */
function recordedDownload(src: VectorSource, base: string): Record<string, unknown> {
  if (!src.download) return {};
  try {
    const rec = JSON.parse(readFileSync(join(base, 'downloads', `${src.download.file}.sha256`), 'utf8')) as {sha256?: string};
    return rec.sha256 ? {downloadSha256: rec.sha256} : {};
  } catch {
    return {};
  }
}
