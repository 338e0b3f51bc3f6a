/**
 * Stage-1 chunk producers for the analogy search: tfjs (wasm SIMD, ~10-20 GFLOP/s here; or tfjs-node when
 * a user has it) in a worker thread so the similarities of the next chunk are computed while the main
 * thread scans the current one; tfjs on the main thread; or plain TypeScript (~1 GFLOP/s) when tfjs only
 * has its slow cpu backend.
 */
import {availableParallelism} from 'node:os';
import {extname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {initBackend} from '@embedlab/core';
import {localProducer, matmulJs, type ChunkProduct, type ChunkProducer} from './chunk-product.js';
import {tfjsMatmul} from './tfjs-matmul.js';

export type EngineChoice = 'auto' | 'tfjs-worker' | 'tfjs' | 'js';

let workerProducer: Promise<ChunkProducer> | undefined;

/** The producer for an engine choice. `auto`: tfjs in a worker when there are 2+ cores and tfjs is not cpu-only. */
export async function selectProducer(choice: EngineChoice = 'auto'): Promise<ChunkProducer> {
  if (choice === 'js') return localProducer('js', matmulJs);
  const info = await initBackend();
  if (choice === 'auto' && info.name === 'cpu') return localProducer('js', matmulJs);
  if (choice === 'tfjs-worker' || (choice === 'auto' && availableParallelism() > 1)) {
    try {
      workerProducer ??= startWorker();
      return await workerProducer;
    } catch (error) {
      workerProducer = undefined;
      if (choice === 'tfjs-worker') throw error;
    }
  }
  return localProducer(`tfjs-${info.name}`, tfjsMatmul(info.tf));
}

/**
 * A same-thread helper for a worker producer: it computes chunks on the main thread while the scan would
 * otherwise wait for the worker (so both cores work). undefined for same-thread producers.
 */
export async function selectHelper(producer: ChunkProducer): Promise<ChunkProducer | undefined> {
  if (!producer.name.endsWith('+worker')) return undefined;
  const info = await initBackend();
  if (info.name === 'cpu') return undefined;
  return localProducer(`tfjs-${info.name}`, tfjsMatmul(info.tf));
}

/** One long-lived worker per process (unref'd: it never keeps the process alive). */
function startWorker(): Promise<ChunkProducer> {
  const here = fileURLToPath(import.meta.url);
  const url = new URL(`./matmul-worker${extname(here)}`, import.meta.url);
  // Running from TypeScript sources (tests, benches): a worker does not inherit tsx's loader hooks on
  // Node 20, so it loads the worker module through tsx's API; built JavaScript starts the file directly.
  const worker =
    extname(here) === '.ts'
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`, {eval: true})
      : new Worker(url);
  let nextId = 1;
  const waiting = new Map<number, {resolve: (v: unknown) => void; reject: (e: Error) => void}>();
  const call = <T>(msg: object, transfer: ArrayBuffer[] = []): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, {resolve: resolve as (v: unknown) => void, reject});
      worker.ref(); // keep the process alive while a reply is due
      worker.postMessage({...msg, id}, transfer);
    });
  };
  const ready = new Promise<ChunkProducer>((resolveReady, rejectReady) => {
    worker.on('error', (e) => {
      rejectReady(e);
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
      workerProducer = undefined;
    });
    worker.on('message', (m: {id: number; ready?: boolean; backend?: string; error?: string}) => {
      if (m.id === 0 && m.ready) {
        if (m.backend === 'cpu') {
          void worker.terminate();
          rejectReady(new Error('the worker only has the tfjs cpu backend'));
          return;
        }
        // Started: from now on an idle worker must not keep the process alive ('on' refs, so unref here).
        if (waiting.size === 0) worker.unref();
        resolveReady({
          name: `tfjs-${m.backend}+worker`,
          setWords: async (words, wordCount, dim, spec) => {
            await call({kind: 'words', words, wordCount, dim, spec});
          },
          produce: (cT, len) => call<ChunkProduct>({kind: 'chunk', cT, len}, [cT.buffer as ArrayBuffer]),
        });
        return;
      }
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if (waiting.size === 0) worker.unref();
      if (m.error) w.reject(new Error(`analogy matmul worker: ${m.error}`));
      else w.resolve(m);
    });
  });
  return ready;
}
