/**
 * Downloading, written once for every embedlab package: a benchmark file into memory (`downloadBytes`,
 * small files; the caller checks the sha256 before writing anything) and a large file to disk
 * (`downloadFile`: streamed to `<dest>.part` while hashing, checked, renamed into place). Both retry what a
 * second try can cure: no answer, a connection closed early (fewer bytes than Content-Length), HTTP 5xx or
 * 429. A failed or mismatching download leaves nothing behind.
 */
import {createHash} from 'node:crypto';
import {createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream} from 'node:fs';
import {get as httpGet, type IncomingMessage} from 'node:http';
import {get as httpsGet} from 'node:https';
import {dirname} from 'node:path';
import {ResourceError} from './errors.js';

/** A network-level failure (no answer, refused, cut short, timeout): worth a retry, or an "offline" hint. */
export class NetworkError extends ResourceError {}

/** The part of `fetch` used by `downloadBytes` (injectable in tests). */
export type FetchLike = (url: string) => Promise<{
  ok: boolean;
  status: number;
  headers?: {get(name: string): string | null};
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

export interface RetryOptions {
  /** Further attempts after a retryable failure. __Default:__ 2. */
  retries?: number;
  /** Wait before the k-th retry: k times this. __Default:__ 500 ms. */
  retryDelayMs?: number;
}

export interface DownloadBytesOptions extends RetryOptions {
  /** __Default:__ global fetch. */
  fetch?: FetchLike;
}

export interface DownloadProgress {
  url: string;
  received: number;
  /** From Content-Length; 0 when the server does not say. */
  total: number;
}

export interface DownloadOptions extends RetryOptions {
  /** Expected sha256 (hex); a mismatch is an error (not retried) and nothing is kept. */
  sha256?: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** Abort an attempt when no byte arrives for this long. __Default:__ 60 s. */
  idleTimeoutMs?: number;
  maxRedirects?: number;
}

export interface DownloadResult {
  path: string;
  /** The URL the bytes came from, after redirects. */
  url: string;
  bytes: number;
  sha256: string;
}

const retryableStatus = (status: number): boolean => status >= 500 || status === 429;

/** Run `attempt` until it succeeds, a non-network error occurs, or the retries are spent. */
async function withRetries<T>(url: string, options: RetryOptions, attempt: () => Promise<T>): Promise<T> {
  const retries = options.retries ?? 2;
  const delay = options.retryDelayMs ?? 500;
  for (let k = 0; ; k++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      if (k >= retries) throw new NetworkError(`download of ${url} failed: ${error.message}${k > 0 ? ` (${k + 1} attempts)` : ''}`);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay * (k + 1)));
    }
  }
}

function describe(error: unknown): string {
  const e = error as {message?: string; cause?: {message?: string; code?: string}};
  const cause = e.cause?.code ?? e.cause?.message;
  return [e.message ?? String(error), cause].filter(Boolean).join(': ');
}

/**
 * The bytes at `url`, whole (for files of a few MB at most).
 * @throws {ResourceError} naming the URL, the attempts and the last failure (a `NetworkError` when retries ran out).
 */
export async function downloadBytes(url: string, options: DownloadBytesOptions = {}): Promise<Uint8Array> {
  const doFetch = options.fetch ?? ((u: string) => fetch(u));
  return withRetries(url, options, async () => {
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      res = await doFetch(url);
    } catch (error) {
      throw new NetworkError(describe(error));
    }
    if (!res.ok) {
      const detail = `HTTP ${res.status}`;
      throw retryableStatus(res.status) ? new NetworkError(detail) : new ResourceError(`download of ${url} failed: ${detail}`);
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (error) {
      // undici rejects the body when the connection closes before Content-Length bytes (or the last chunk).
      throw new NetworkError(`connection closed during the body: ${describe(error)}`);
    }
    const declared = Number(res.headers?.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared !== bytes.length) throw new NetworkError(`got ${bytes.length} of ${declared} bytes`);
    return bytes;
  });
}

/**
 * Download `url` to `dest` (HTTP(S) GET with redirects), streamed while hashing.
 * @throws {ResourceError} an HTTP error, a sha256 mismatch; `NetworkError` when the network failed every attempt.
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  return withRetries(url, options, () => downloadOnce(url, dest, options));
}

async function downloadOnce(url: string, dest: string, options: DownloadOptions): Promise<DownloadResult> {
  const {idleTimeoutMs = 60_000, maxRedirects = 5} = options;
  mkdirSync(dirname(dest), {recursive: true});
  const part = `${dest}.part`;
  let current = url;
  let response: IncomingMessage | undefined;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const res = await request(current, idleTimeoutMs);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      current = new URL(res.headers.location, current).toString();
      continue;
    }
    if (status !== 200) {
      res.resume();
      const detail = `GET ${current} answered HTTP ${status}`;
      throw retryableStatus(status) ? new NetworkError(detail) : new ResourceError(detail);
    }
    response = res;
    break;
  }
  if (!response) throw new ResourceError(`GET ${url}: more than ${maxRedirects} redirects`);
  const total = Number(response.headers['content-length'] ?? 0);
  const hash = createHash('sha256');
  let received = 0;
  let out: WriteStream | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      out = createWriteStream(part);
      const res = response as IncomingMessage;
      res.setTimeout(idleTimeoutMs, () => res.destroy(new NetworkError(`GET ${current}: no data for ${idleTimeoutMs} ms`)));
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        received += chunk.length;
        options.onProgress?.({url: current, received, total});
      });
      res.on('error', (error) => reject(error instanceof ResourceError ? error : new NetworkError(`GET ${current}: ${describe(error)}`)));
      res.on('aborted', () => reject(new NetworkError(`GET ${current}: connection closed after ${received} bytes`)));
      out.on('error', reject);
      out.on('finish', () => resolve());
      res.pipe(out);
    });
    if (total > 0 && received !== total) throw new NetworkError(`GET ${current}: got ${received} of ${total} bytes`);
    const sha256 = hash.digest('hex');
    if (options.sha256 !== undefined && options.sha256.toLowerCase() !== sha256) {
      throw new ResourceError(`sha256 of ${current} is ${sha256}, expected ${options.sha256}; the download is corrupt or the file was replaced upstream`);
    }
    renameSync(part, dest);
    return {path: dest, url: current, bytes: received, sha256};
  } catch (error) {
    // The stream opens and closes asynchronously: close it first, or it may create the file after the removal.
    const stream = out;
    if (stream && !stream.closed) await new Promise<void>((resolve) => stream.destroy().once('close', () => resolve()));
    rmSync(part, {force: true});
    throw error;
  }
}

function request(url: string, timeoutMs: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? httpsGet : url.startsWith('http:') ? httpGet : undefined;
    if (!get) {
      reject(new ResourceError(`cannot download ${url}: only http and https URLs are supported`));
      return;
    }
    const req = get(url, {headers: {'user-agent': 'embedlab'}}, resolve);
    req.setTimeout(timeoutMs, () => req.destroy(new NetworkError(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(error instanceof ResourceError ? error : new NetworkError(`GET ${url}: ${error.code ?? ''} ${error.message}`.trim()));
    });
  });
}
