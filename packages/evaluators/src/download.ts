/**
 * Downloading one benchmark file whole into memory (they are at most a few hundred KB), with retries on
 * failures that a second try can cure: no answer, a connection closed early (a body shorter than its
 * Content-Length), HTTP 5xx or 429. Nothing is written here: the caller checks the sha256 first and
 * only then writes the file atomically, so a failed or partial download never leaves a file behind.
 */
import {ResourceError} from '@embedlab/core';
import {messages} from './messages.js';

/** The part of `fetch` used here (injectable in tests). */
export type FetchLike = (url: string) => Promise<{
  ok: boolean;
  status: number;
  headers?: {get(name: string): string | null};
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

export interface DownloadBytesOptions {
  /** __Default:__ global fetch. */
  fetch?: FetchLike;
  /** Further attempts after a retryable failure. __Default:__ 2. */
  retries?: number;
  /** Wait before the k-th retry: k times this. __Default:__ 500 ms. */
  retryDelayMs?: number;
}

class Retryable extends Error {}

async function attempt(url: string, doFetch: FetchLike): Promise<Uint8Array> {
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await doFetch(url);
  } catch (error) {
    throw new Retryable(describe(error));
  }
  if (!res.ok) {
    const detail = `HTTP ${res.status}`;
    throw res.status >= 500 || res.status === 429 ? new Retryable(detail) : new Error(detail);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (error) {
    // undici rejects the body when the connection closes before Content-Length bytes (or the last chunk).
    throw new Retryable(`connection closed during the body: ${describe(error)}`);
  }
  const declared = Number(res.headers?.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared !== bytes.length) throw new Retryable(`got ${bytes.length} of ${declared} bytes`);
  return bytes;
}

function describe(error: unknown): string {
  const e = error as {message?: string; cause?: {message?: string; code?: string}};
  const cause = e.cause?.code ?? e.cause?.message;
  return [e.message ?? String(error), cause].filter(Boolean).join(': ');
}

/** The bytes at `url`; a ResourceError naming the URL, the attempts and the last failure otherwise. */
export async function downloadBytes(url: string, options: DownloadBytesOptions = {}): Promise<Uint8Array> {
  const doFetch = options.fetch ?? ((u: string) => fetch(u));
  const retries = options.retries ?? 2;
  const delay = options.retryDelayMs ?? 500;
  for (let k = 0; ; k++) {
    try {
      return await attempt(url, doFetch);
    } catch (error) {
      const detail = (error as Error).message;
      if (!(error instanceof Retryable) || k >= retries) throw new ResourceError(messages.downloadFailed(url, k > 0 ? `${detail} (${k + 1} attempts)` : detail));
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay * (k + 1)));
    }
  }
}
