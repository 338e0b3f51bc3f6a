#!/usr/bin/env node
/**
 * A standalone Redis worker process without the CLI's component registries (tests, and machines that only
 * run sweeps): `node --conditions=@embedlab/source --import tsx redis-worker-main.ts <redis-url>`.
 * EMBEDLAB_WORKER_LOCK_MS / EMBEDLAB_WORKER_STALLED_MS shorten stall detection.
 */
import {startRedisWorker} from './redis.js';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: redis-worker-main.ts <redis://host:port>\n');
  process.exit(2);
}
const lock = Number(process.env.EMBEDLAB_WORKER_LOCK_MS) || undefined;
const stalled = Number(process.env.EMBEDLAB_WORKER_STALLED_MS) || undefined;
try {
  const w = await startRedisWorker({
    url,
    env: process.env,
    cwd: process.cwd(),
    log: (l) => process.stdout.write(l + '\n'),
    ...(lock ? {lockDuration: lock} : {}),
    ...(stalled ? {stalledInterval: stalled} : {}),
  });
  process.stdout.write(`worker ready on ${url}\n`);
  const stop = () => void w.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
}
