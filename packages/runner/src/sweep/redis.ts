/**
 * Distributed executor: BullMQ on Redis. `exp sweep --redis URL` enqueues the runs the store lacks (jobId =
 * store id, so a run is enqueued once however many sweeps ask for it) and waits for them; `exp worker
 * --redis URL` on any machine runs them, each in a child process (`worker.ts`), into the store folder named
 * in the job (a path every worker can reach). A worker that dies mid-run: BullMQ's stalled-job check puts
 * the job back after the lock expires, at most `maxStalledCount` times; a run that throws is retried up to
 * `attempts`, then reported failed with its last error. Results are idempotent: a run already in the store
 * is not run again, and the store's rename keeps exactly one folder per id.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Queue, Worker} from 'bullmq';
import {Redis} from 'ioredis';
import {ConfigError} from '@embedlab/core';
import type {SweepJob} from './execute-one.js';
import {spawnRun, type JobOutcome, type PoolProgress} from './pool.js';
import {RunStore} from './store.js';

export const QUEUE = 'embedlab-sweep';

/** Fails within `timeoutMs` with a clear message when Redis cannot be reached. */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  let conn: Redis | undefined;
  try {
    conn = new Redis(url, {lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false});
    conn.on('error', () => {});
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)));
    try {
      await Promise.race([conn.connect().then(() => conn!.ping()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    throw new ConfigError('--redis', `cannot reach Redis at ${url}: ${(error as Error).message}`);
  } finally {
    conn?.disconnect();
  }
}

const connectionFor = (url: string) => new Redis(url, {maxRetriesPerRequest: null});

export async function runOnRedis(
  jobs: readonly SweepJob[],
  options: {url: string; attempts?: number; onProgress?: (p: PoolProgress) => void; signal?: AbortSignal; pollMs?: number},
): Promise<JobOutcome[]> {
  await checkRedis(options.url);
  const connection = connectionFor(options.url);
  const queue = new Queue(QUEUE, {connection});
  const t0 = performance.now();
  try {
    for (const job of jobs) {
      const old = await queue.getJob(job.identity.id);
      if (old) {
        const state = await old.getState();
        if (state === 'completed' || state === 'failed') await old.remove(); // finished earlier; the store decides now
      }
    }
    await queue.addBulk(jobs.map((data) => ({name: 'run', data, opts: {jobId: data.identity.id, attempts: options.attempts ?? 2, removeOnComplete: false, removeOnFail: false}})));
    const outcomes = new Map<string, JobOutcome>();
    while (outcomes.size < jobs.length && !options.signal?.aborted) {
      let running = 0;
      for (const job of jobs) {
        const id = job.identity.id;
        if (outcomes.has(id)) continue;
        const j = await queue.getJob(id);
        const state = j ? await j.getState() : 'unknown';
        if (state === 'completed') outcomes.set(id, {id, ok: true});
        else if (state === 'failed') outcomes.set(id, {id, ok: false, error: j?.failedReason ?? 'failed'});
        else if (state === 'active') running++;
      }
      const done = outcomes.size;
      const failed = [...outcomes.values()].filter((o) => !o.ok).length;
      const per = done ? (performance.now() - t0) / 1000 / done : undefined;
      options.onProgress?.({done: done - failed, running, failed, total: jobs.length, eta: per === undefined ? undefined : per * (jobs.length - done)});
      if (outcomes.size < jobs.length) await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    }
    return [...outcomes.values()];
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

export interface RedisWorkerOptions {
  url: string;
  concurrency?: number;
  /** ms; a dead worker's job returns after about lockDuration + stalledInterval. */
  lockDuration?: number;
  stalledInterval?: number;
  maxStalledCount?: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
  log?: (line: string) => void;
}

/** Starts a worker; resolves with a `close()` once connected. */
export async function startRedisWorker(options: RedisWorkerOptions): Promise<{close: () => Promise<void>}> {
  await checkRedis(options.url);
  const connection = connectionFor(options.url);
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-worker-'));
  const log = options.log ?? (() => {});
  const worker = new Worker(
    QUEUE,
    async (job) => {
      const data = job.data as SweepJob;
      const store = new RunStore(data.storeDir);
      store.removeStale();
      if (store.has(data.identity.id) && !data.force) {
        log(`run ${data.identity.id}: already in the store`);
        return {id: data.identity.id, reused: true};
      }
      log(`run ${data.identity.id}: start (attempt ${job.attemptsMade + 1})`);
      const {done} = spawnRun(data, {dir, index: `${data.identity.id}-${process.pid}`, env: options.env, cwd: options.cwd});
      const outcome = await done;
      if (!outcome.ok) throw new Error(outcome.error ?? 'run failed');
      log(`run ${data.identity.id}: done`);
      return {id: data.identity.id};
    },
    {
      connection,
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDuration ?? 30000,
      stalledInterval: options.stalledInterval ?? 30000,
      maxStalledCount: options.maxStalledCount ?? 2,
    },
  );
  worker.on('error', (error) => log(`worker error: ${error.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      connection.disconnect();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}
