/**
 * Stage-1 chunk producers for the analogy search: the project's SIMD GEMM (@embedlab/kernels) or tfjs
 * (wasm SIMD; or tfjs-node when a user has it), each in a worker thread so the similarities of the next
 * chunk are computed while the main thread scans the current one (and a same-thread helper computes chunks
 * when the scan would wait: both cores on the product); either on the main thread only; or plain
 * TypeScript (~1 GFLOP/s).
 */
import {availableParallelism} from 'node:os';
import {extname} from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {Worker} from 'node:worker_threads';
import {initBackend} from '@embedlab/core';
import {gemm} from '@embedlab/kernels';
import {kernelMatmulMaxima, localProducer, matmulJs, productBuffers, type ChunkProduct, type ChunkProducer, type MatmulFn} from './chunk-product.js';
import {tfjsMatmul} from './tfjs-matmul.js';

/**
 * `auto`: the kernels' GEMM in a worker plus the main thread when there are 2+ cores, else on the main
 * thread; `kernel-worker` / `kernel`: the same, forced; `tfjs-worker` / `tfjs`: tfjs's matMul (the engine
 * before the kernels package; kept for comparison); `js`: plain TypeScript.
 */
export type EngineChoice = 'auto' | 'kernel-worker' | 'kernel' | 'tfjs-worker' | 'tfjs' | 'js';

type WorkerKind = 'kernel' | 'tfjs';
const workerProducers = new Map<WorkerKind, Promise<ChunkProducer>>();

/** The kernels' GEMM of W [rows, dim] by CT [dim, n] (see @embedlab/kernels). */
export const kernelMatmul: MatmulFn = (w, rowsW, cT, n, dim, out) => gemm(w, cT, rowsW, dim, n, {out});

/** The producer for an engine choice (see EngineChoice). */
export async function selectProducer(choice: EngineChoice = 'auto'): Promise<ChunkProducer> {
  if (choice === 'js') return localProducer('js', matmulJs);
  if (choice === 'kernel' || choice === 'kernel-worker' || choice === 'auto') {
    if (choice === 'kernel' || (choice === 'auto' && availableParallelism() < 2)) return localProducer('kernel', kernelMatmul, kernelMatmulMaxima);
    if (choice === 'auto') return startingOrStarted('kernel'); // no wait, even while the worker starts
    return startCached('kernel', true);
  }
  const info = await initBackend();
  if (choice === 'tfjs-worker') return startCached('tfjs', true);
  return localProducer(`tfjs-${info.name}`, tfjsMatmul(info.tf));
}

async function startCached(kind: WorkerKind, required: boolean): Promise<ChunkProducer> {
  try {
    if (!workerProducers.has(kind)) workerProducers.set(kind, startWorker(kind));
    return await workerProducers.get(kind)!;
  } catch (error) {
    workerProducers.delete(kind);
    if (required) throw error;
    return localProducer('kernel', kernelMatmul, kernelMatmulMaxima);
  }
}

/**
 * `auto`'s kernel producer: the worker once it has started; while it starts (~0.3 s: a new isolate, and tsx when
 * running from sources) a stand-in that does not hold the search up: the search computes chunks on the main
 * thread until the worker is ready, then hands it chunks (a worker that fails to start leaves them to a
 * same-thread producer).
 * Measured on a process's first call (Google 3CosAdd, restrict 30k): 0.93-1.03 s when the search waited for
 * the worker, 0.69-0.77 s on the main thread alone.
 */
function startingOrStarted(kind: WorkerKind): ChunkProducer {
  let ready = workerProducers.get(kind);
  if (!ready) {
    ready = startWorker(kind);
    workerProducers.set(kind, ready);
    ready.catch(() => workerProducers.delete(kind)); // the next search tries again
  }
  return deferredProducer(`${kind}+worker`, ready, () => localProducer('kernel', kernelMatmul, kernelMatmulMaxima));
}

/**
 * A producer whose chunks go to `ready` once it resolves (to `fallback()` if it rejects); setWords does not wait,
 * and `isReady()` is false until `ready` settles (the search gives it no chunk before). Its name is the one of
 * the producer that computed its chunks (the fallback's after a failed start).
 */
export function deferredProducer(name: string, ready: Promise<ChunkProducer>, fallback: () => ChunkProducer): ChunkProducer {
  let words: Parameters<ChunkProducer['setWords']> | undefined;
  let target: Promise<ChunkProducer> | undefined;
  let resolved: ChunkProducer | undefined;
  let isSettled = false;
  ready.then(
    () => (isSettled = true),
    () => (isSettled = true),
  );
  const withWords = async (p: ChunkProducer) => {
    await p.setWords(...words!);
    return (resolved = p);
  };
  return {
    get name() {
      return resolved?.name ?? name;
    },
    async setWords(...args) {
      words = args;
      target = undefined;
    },
    async produce(cT, len) {
      if (!words) throw new Error('deferredProducer: produce before setWords');
      target ??= ready.then(withWords, () => withWords(fallback()));
      return (await target).produce(cT, len);
    },
    recycle(product) {
      // Only products this producer returned come back, so `resolved` is set.
      resolved?.recycle(product);
    },
    isReady: () => isSettled,
  };
}

/**
 * A same-thread helper for a worker producer: it computes chunks on the main thread while the scan would
 * otherwise wait for the worker (so both cores work). undefined for same-thread producers.
 */
export async function selectHelper(producer: ChunkProducer): Promise<ChunkProducer | undefined> {
  if (!producer.name.endsWith('+worker')) return undefined;
  if (producer.name.startsWith('kernel')) return localProducer('kernel', kernelMatmul, kernelMatmulMaxima);
  const info = await initBackend();
  if (info.name === 'cpu') return undefined;
  return localProducer(`tfjs-${info.name}`, tfjsMatmul(info.tf));
}

/**
 * tsx's ESM API entry. Under mocha, tsx compiles this file to CommonJS, where import.meta is a shim without
 * `resolve` (the worker then failed to start and the search silently ran on the main thread only), so the
 * require resolution is the fallback, mapped to the package's ESM file.
 */
function tsxEsmApi(from: string): string {
  const resolve = (import.meta as {resolve?: (s: string) => string}).resolve;
  if (typeof resolve === 'function') return resolve('tsx/esm/api');
  return pathToFileURL(
    createRequire(from)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

/** One long-lived worker per process (unref'd: it never keeps the process alive). */
function startWorker(kind: WorkerKind): Promise<ChunkProducer> {
  const here = fileURLToPath(import.meta.url);
  const url = new URL(`./matmul-worker${extname(here)}`, import.meta.url);
  // Running from TypeScript sources (tests, benches): a worker does not inherit tsx's loader hooks on
  // Node 20, so it loads the worker module through tsx's API; built JavaScript starts the file directly.
  const worker =
    extname(here) === '.ts'
      ? new Worker(`import(${JSON.stringify(tsxEsmApi(here))}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`, {
          eval: true,
          workerData: {kind},
        })
      : new Worker(url, {workerData: {kind}});
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
      workerProducers.delete(kind);
    });
    worker.on('message', (m: {id: number; ready?: boolean; backend?: string; error?: string}) => {
      if (m.id === 0 && m.ready) {
        if (m.backend === 'tfjs-cpu') {
          void worker.terminate();
          rejectReady(new Error('the worker only has the tfjs cpu backend'));
          return;
        }
        // Started: from now on an idle worker must not keep the process alive ('on' refs, so unref here).
        if (waiting.size === 0) worker.unref();
        resolveReady({
          name: `${m.backend}+worker`,
          setWords: async (words, wordCount, dim, spec) => {
            await call({kind: 'words', words, wordCount, dim, spec});
          },
          produce: (cT, len) => call<ChunkProduct>({kind: 'chunk', cT, len}, [cT.buffer as ArrayBuffer]),
          recycle: (product) => {
            const buffers = productBuffers(product);
            worker.postMessage({id: -1, kind: 'recycle', buffers}, buffers);
          },
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
