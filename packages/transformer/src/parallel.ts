/**
 * Data-parallel gradients on worker threads. tfjs-wasm runs one thread per Node thread, so the second core
 * is used by computing micro-batches on workers: micro-batch m of a step goes to thread m % threads
 * (thread 0 is the calling thread), each returns the loss and gradients of its micro-batch, and the
 * trainer sums them in micro-batch order. Batches and dropout masks are seeded per micro-batch, so the
 * numbers do not depend on the thread count (up to float summation order, which is fixed).
 */
import {Worker} from 'node:worker_threads';
import {extname} from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {Gradients, GptModel, LmBatch} from './model.js';

interface Reply {
  id: number;
  ready?: boolean;
  backend?: string;
  error?: string;
  loss?: Gradients['loss'];
  dense?: [string, Float32Array][];
  table?: Float32Array | null;
  touched?: Uint8Array | null;
}

/** tsx's ESM API (require.resolve gives its CommonJS twin; `import.meta.resolve` is missing under mocha's tsx). */
function tsxApiUrl(): string {
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

class GradientWorker {
  readonly #worker: Worker;
  #next = 1;
  readonly #waiting = new Map<number, {resolve: (r: Reply) => void; reject: (e: Error) => void}>();
  readonly ready: Promise<void>;

  constructor(model: GptModel) {
    const here = fileURLToPath(import.meta.url);
    const url = new URL(`./gradient-worker${extname(here)}`, import.meta.url);
    // From TypeScript sources (tests, benches) a worker does not inherit tsx's hooks on Node 20: load it
    // through tsx's API; built JavaScript starts the file directly.
    this.#worker =
      extname(here) === '.ts'
        ? new Worker(`import(${JSON.stringify(tsxApiUrl())}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`, {
            eval: true,
          })
        : new Worker(url);
    this.ready = new Promise<void>((resolve, reject) => {
      this.#worker.on('error', (e) => {
        reject(e);
        for (const w of this.#waiting.values()) w.reject(e);
        this.#waiting.clear();
      });
      this.#worker.on('message', (m: Reply) => {
        if (m.id === -1) {
          this.#worker.postMessage({kind: 'init', config: model.config, freeze: model.freeze, lockMask: model.embedding.getLockMask(), table: model.table});
          return;
        }
        if (m.id === 0 && m.ready) return resolve();
        if (m.id === 0 && m.error) return reject(new Error(`gradient worker: ${m.error}`));
        const w = this.#waiting.get(m.id);
        if (!w) return;
        this.#waiting.delete(m.id);
        if (m.error) w.reject(new Error(`gradient worker: ${m.error}`));
        else w.resolve(m);
      });
    });
  }

  gradients(model: GptModel, batch: LmBatch, dropoutSeed: number): Promise<Gradients> {
    const id = this.#next++;
    return new Promise<Reply>((resolve, reject) => {
      this.#waiting.set(id, {resolve, reject});
      this.#worker.postMessage({kind: 'job', id, params: [...model.params], table: model.table, batch, dropoutSeed});
    }).then((r) => ({loss: r.loss as Gradients['loss'], dense: new Map(r.dense), table: r.table ?? null, touched: r.touched ?? null}));
  }

  terminate(): Promise<number> {
    return this.#worker.terminate();
  }
}

/** Computes the gradients of a list of micro-batches on `threads` threads (this one included). */
export class ParallelGradients {
  readonly #workers: GradientWorker[];
  readonly threads: number;

  private constructor(workers: GradientWorker[]) {
    this.#workers = workers;
    this.threads = workers.length + 1;
  }

  static async start(model: GptModel, threads: number): Promise<ParallelGradients> {
    const workers = Array.from({length: Math.max(0, threads - 1)}, () => new GradientWorker(model));
    await Promise.all(workers.map((w) => w.ready));
    return new ParallelGradients(workers);
  }

  /** Gradients of each micro-batch, in order. Workers get theirs first, then this thread computes its own. */
  async compute(model: GptModel, jobs: {batch: LmBatch; dropoutSeed: number}[]): Promise<Gradients[]> {
    const results: (Gradients | Promise<Gradients>)[] = new Array(jobs.length);
    jobs.forEach((job, m) => {
      const t = m % this.threads;
      if (t > 0) results[m] = (this.#workers[t - 1] as GradientWorker).gradients(model, job.batch, job.dropoutSeed);
    });
    jobs.forEach((job, m) => {
      if (m % this.threads === 0) results[m] = model.lossAndGradients(job.batch, {training: true, dropoutSeed: job.dropoutSeed});
    });
    return Promise.all(results);
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
