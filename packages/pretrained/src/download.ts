/**
 * Downloading one file: HTTP(S) GET with redirects, streamed to `<dest>.part` while hashing, then checked
 * against the expected sha256 (when there is one) and renamed into place. A failed or mismatching
 * download leaves nothing at `dest`.
 */
import {createHash} from 'node:crypto';
import {createWriteStream, mkdirSync, renameSync, rmSync} from 'node:fs';
import {get as httpGet, type IncomingMessage} from 'node:http';
import {get as httpsGet} from 'node:https';
import {dirname} from 'node:path';
import {ResourceError} from '@embedlab/core/data';
import {messages} from './messages.js';

export interface DownloadProgress {
  url: string;
  received: number;
  /** From Content-Length; 0 when the server does not say. */
  total: number;
}

export interface DownloadOptions {
  /** Expected sha256 (hex); a mismatch is an error and the file is removed. */
  sha256?: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** Abort when no byte arrives for this long. __Default:__ 60 s. */
  idleTimeoutMs?: number;
  maxRedirects?: number;
}

export interface DownloadResult {
  path: string;
  url: string;
  bytes: number;
  sha256: string;
}

/** A network-level failure (no answer, refused, timeout): the caller may turn it into an "offline" hint. */
export class NetworkError extends ResourceError {}

export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<DownloadResult> {
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
      throw new ResourceError(messages.httpStatus(current, status));
    }
    response = res;
    break;
  }
  if (!response) throw new ResourceError(`GET ${url}: more than ${maxRedirects} redirects`);
  const total = Number(response.headers['content-length'] ?? 0);
  const hash = createHash('sha256');
  let received = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(part);
      const res = response as IncomingMessage;
      res.setTimeout(idleTimeoutMs, () => res.destroy(new NetworkError(`GET ${current}: no data for ${idleTimeoutMs} ms`)));
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        received += chunk.length;
        options.onProgress?.({url: current, received, total});
      });
      res.on('error', reject);
      res.on('aborted', () => reject(new NetworkError(`GET ${current}: connection closed after ${received} bytes`)));
      out.on('error', reject);
      out.on('finish', () => resolve());
      res.pipe(out);
    });
    if (total > 0 && received !== total) throw new NetworkError(`GET ${current}: got ${received} of ${total} bytes`);
    const sha256 = hash.digest('hex');
    if (options.sha256 !== undefined && options.sha256.toLowerCase() !== sha256) {
      throw new ResourceError(messages.sha256Mismatch(current, options.sha256, sha256));
    }
    renameSync(part, dest);
    return {path: dest, url: current, bytes: received, sha256};
  } catch (error) {
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
    const req = get(url, {headers: {'user-agent': 'embedlab-pretrained'}}, resolve);
    req.setTimeout(timeoutMs, () => req.destroy(new NetworkError(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(error instanceof ResourceError ? error : new NetworkError(`GET ${url}: ${error.code ?? ''} ${error.message}`.trim()));
    });
  });
}
