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

/** Adds the runs to the queue (jobId = store id; a job already queued or running is left alone). */
async function addJobs(queue: Queue, jobs: readonly SweepJob[], attempts: number): Promise<void> {
  for (const job of jobs) {
    const old = await queue.getJob(job.identity.id);
    if (old) {
      const state = await old.getState();
      if (state === 'completed' || state === 'failed') await old.remove(); // finished earlier; the store decides now
    }
  }
  await queue.addBulk(jobs.map((data) => ({name: 'run', data, opts: {jobId: data.identity.id, attempts, removeOnComplete: false, removeOnFail: false}})));
}

/** `exp sweep --redis --detach`: enqueue and return. */
export async function enqueue(url: string, jobs: readonly SweepJob[], attempts = 2): Promise<void> {
  await checkRedis(url);
  const connection = connectionFor(url);
  const queue = new Queue(QUEUE, {connection});
  try {
    await addJobs(queue, jobs, attempts);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** BullMQ state of each id (waiting, active, completed, failed, delayed, ...; absent = not queued). */
export async function jobStates(url: string, ids: readonly string[]): Promise<Map<string, string>> {
  await checkRedis(url);
  const connection = connectionFor(url);
  const queue = new Queue(QUEUE, {connection});
  const out = new Map<string, string>();
  try {
    for (const id of ids) {
      const j = await queue.getJob(id);
      if (j) out.set(id, (await j.getState()) === 'completed' ? 'completed (not in this store?)' : await j.getState());
    }
    return out;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** When each job was added and taken by a worker (ms since epoch; bench/sweep-pool.ts's pick-up latency). */
export async function jobTimes(url: string, ids: readonly string[]): Promise<Map<string, {added: number; taken?: number}>> {
  const connection = connectionFor(url);
  const queue = new Queue(QUEUE, {connection});
  const out = new Map<string, {added: number; taken?: number}>();
  try {
    for (const id of ids) {
      const j = await queue.getJob(id);
      if (j) out.set(id, {added: j.timestamp, ...(j.processedOn ? {taken: j.processedOn} : {})});
    }
    return out;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Rejects when `work` has not settled after `ms` (ioredis holds commands while Redis is down). */
async function within<T>(ms: number, work: Promise<T>, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ConfigError('--redis', message())), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runOnRedis(
  jobs: readonly SweepJob[],
  options: {url: string; attempts?: number; onProgress?: (p: PoolProgress) => void; signal?: AbortSignal; pollMs?: number; downMs?: number},
): Promise<JobOutcome[]> {
  await checkRedis(options.url);
  const connection = connectionFor(options.url);
  connection.on('error', () => {}); // reconnects on its own; a long outage is caught by `within` below
  const queue = new Queue(QUEUE, {connection});
  queue.on('error', () => {});
  const t0 = performance.now();
  const attempts = options.attempts ?? 2;
  const downMs = options.downMs ?? 60000;
  const stores = new Map<string, RunStore>();
  const storeOf = (job: SweepJob) => stores.get(job.storeDir) ?? stores.set(job.storeDir, new RunStore(job.storeDir)).get(job.storeDir)!;
  try {
    await addJobs(queue, jobs, attempts);
    const outcomes = new Map<string, JobOutcome>();
    while (outcomes.size < jobs.length && !options.signal?.aborted) {
      let running = 0;
      const poll = async () => {
        for (const job of jobs) {
          const id = job.identity.id;
          if (outcomes.has(id)) continue;
          const j = await queue.getJob(id);
          const state = j ? await j.getState() : 'unknown';
          if (state === 'completed' || (storeOf(job).has(id) && state !== 'active')) outcomes.set(id, {id, ok: true});
          else if (state === 'failed') outcomes.set(id, {id, ok: false, error: j?.failedReason ?? 'failed'});
          else if (state === 'active') running++;
          else if (!j) await addJobs(queue, [job], attempts); // lost (Redis restarted without persistence): queue it again
        }
      };
      await within(
        downMs,
        poll(),
        () =>
          `lost Redis at ${options.url} for more than ${Math.round(downMs / 1000)} s; ${outcomes.size} of ${jobs.length} runs finished (finished runs stay in the store; run the same command again to collect)`,
      );
      const done = outcomes.size;
      const failed = [...outcomes.values()].filter((o) => !o.ok).length;
      const per = done ? (performance.now() - t0) / 1000 / done : undefined;
      options.onProgress?.({done: done - failed, running, failed, total: jobs.length, eta: per === undefined ? undefined : per * (jobs.length - done)});
      if (outcomes.size < jobs.length) await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    }
    return [...outcomes.values()];
  } finally {
    await within(5000, queue.close(), () => 'queue close timed out').catch(() => {});
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
