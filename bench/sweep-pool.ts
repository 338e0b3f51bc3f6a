/**
 * Sweep executors: (1) a sweep of N small CPU-bound runs (the `busy-sweep` fixture: each run spins for
 * --ms of CPU time in its own child process) with the local pool (--jobs = cores) against the same runs
 * one by one (--jobs 1): wall-time ratio, ideally close to the core count; (2) the overhead per run from
 * enqueue to start (the moment the run's code starts in its child, from the stored meta.json), with an
 * idle executor, one run at a time, for the local pool and for BullMQ (a real redis-server on a free port,
 * a worker in this process); BullMQ's own pick-up latency (job added -> processedOn) is printed too.
 *
 *   node --conditions=@embedlab/source --import tsx bench/sweep-pool.ts [--runs 16] [--ms 1000] [--probes 6]
 *
 * Needs `redis-server` on PATH for the BullMQ part (skipped with a note otherwise). Load average is
 * printed first: wall times on a loaded machine say little (a warning is printed above 0.5).
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {cpus, loadavg, tmpdir} from 'node:os';
import {createServer} from 'node:net';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRuntime} from '../packages/runner/src/runtime.js';
import type {SweepJob} from '../packages/runner/src/sweep/execute-one.js';
import {runPool} from '../packages/runner/src/sweep/pool.js';
import {checkRedis, enqueue, jobTimes, startRedisWorker} from '../packages/runner/src/sweep/redis.js';
import {planSweep, runSweep} from '../packages/runner/src/sweep/sweep.js';
import {RunStore} from '../packages/runner/src/sweep/store.js';
import {sweepRegistries} from '../packages/runner/test/sweep/registries-module.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const runs = Number(arg('runs', '16'));
const ms = Number(arg('ms', '1000'));
const probes = Number(arg('probes', '6'));
const cores = cpus().length;

const loadLine = () => {
  const [a, b, c] = loadavg();
  return `load average ${a!.toFixed(2)}, ${b!.toFixed(2)}, ${c!.toFixed(2)} on ${cores} cores`;
};
console.log(`# ${new Date().toISOString()} ${loadLine()}`);
if (loadavg()[0]! > 0.5)
  console.log(`# WARNING: load average ${loadavg()[0]!.toFixed(2)} > 0.5: other work shares the cores; wall times and the ratio are not representative`);

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const FIXTURES = join(ROOT, 'packages/runner/test/sweep/fixtures/experiments');
const dir = mkdtempSync(join(tmpdir(), 'embedlab-sweep-bench-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  EMBEDLAB_EXPERIMENTS_DIR: FIXTURES,
  EMBEDLAB_RESULTS_DIR: join(dir, 'results'),
  EMBEDLAB_DATA_DIR: '',
  EMBEDLAB_BACKEND: 'cpu',
  EMBEDLAB_REGISTRIES_MODULE: join(ROOT, 'packages/runner/test/sweep/registries-module.ts'),
  CI: 'true',
};
const rt = createRuntime({cwd: dir, env, stdout: process.stdout, stderr: process.stderr, registries: sweepRegistries(), argv: ['bench']});
const set = [`arms.0.vectors.ms=${ms}`];
const stores: string[] = [];
const cleanup = () => rmSync(dir, {recursive: true, force: true});
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130)); // run the exit handlers (temp folder, redis-server)

/** Wall seconds of the sweep, and the sum of its runs' own durations (meta.json; without child start-up). */
async function sweepWall(jobs: number, tag: string): Promise<{wall: number; runSeconds: number}> {
  const storeDir = join(dir, `store-${tag}`);
  stores.push(storeDir);
  const t0 = performance.now();
  const r = await runSweep(rt, 'busy-sweep', {seeds: `1-${runs}`, set, jobs, storeDir, reportDir: join(dir, `report-${tag}`), quiet: true, yes: true});
  const wall = (performance.now() - t0) / 1000;
  if (r.failed.length) throw new Error(`${r.failed.length} runs failed: ${r.failed[0]?.error}`);
  const store = new RunStore(storeDir);
  const runSeconds = store
    .list()
    .reduce((s, id) => s + (JSON.parse(readFileSync(join(store.path(id), 'meta.json'), 'utf8')) as {durationSeconds: number}).durationSeconds, 0);
  return {wall, runSeconds};
}

/** enqueue -> start of the run's code in its child, ms (start = meta.endedAt - durationSeconds). */
function startedAt(storeDir: string, id: string): number {
  const meta = JSON.parse(readFileSync(join(new RunStore(storeDir).path(id), 'meta.json'), 'utf8')) as {endedAt: string; durationSeconds: number};
  return Date.parse(meta.endedAt) - meta.durationSeconds * 1000;
}

async function probeJobs(tag: string): Promise<SweepJob[]> {
  const storeDir = join(dir, `store-${tag}`);
  const {planned, inputs} = await planSweep(rt, 'busy-sweep', {seeds: `101-${100 + probes}`, set: ['arms.0.vectors.ms=0'], yes: true});
  return planned.map((p) => ({
    storeDir,
    config: p.config,
    identity: {id: p.id, identity: p.identity, experiment: p.config.name, setting: p.setting, settingKey: p.settingKey, seed: p.seedValue, inputs},
  }));
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms (min ${s[0]!.toFixed(0)}, max ${s[s.length - 1]!.toFixed(0)}, n=${s.length})`;
};

const serial = await sweepWall(1, 'serial');
console.log(
  `serial (--jobs 1): ${runs} runs in ${serial.wall.toFixed(1)} s wall; the runs' own time ${serial.runSeconds.toFixed(1)} s (the rest: child start-up)`,
);
const pool = await sweepWall(cores, 'pool');
console.log(`pool (--jobs ${cores}): ${runs} runs in ${pool.wall.toFixed(1)} s wall; the runs' own time ${pool.runSeconds.toFixed(1)} s`);
console.log(`wall-time ratio serial / pool: ${(serial.wall / pool.wall).toFixed(2)} (ideal ${cores})`);

// Local pool overhead: one run at a time into an idle pool.
const local: number[] = [];
for (const job of await probeJobs('probe-local')) {
  const t = Date.now();
  await runPool([job], {width: 1, env, cwd: dir});
  local.push(startedAt(job.storeDir, job.identity.id) - t);
}
console.log(`local pool, enqueue -> run start (child spawn + module load): ${stats(local)}`);

let redisPath = '';
try {
  redisPath = execFileSync('sh', ['-c', 'command -v redis-server'], {encoding: 'utf8'}).trim();
} catch {
  console.log('BullMQ: skipped (redis-server not installed)');
}
if (redisPath) {
  const port = await new Promise<number>((res) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as {port: number}).port;
      srv.close(() => res(p));
    });
  });
  const server = spawn(redisPath, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'});
  process.on('exit', () => server.kill('SIGKILL'));
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await checkRedis(url, 500);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const worker = await startRedisWorker({url, env, cwd: dir});
  const total: number[] = [];
  const pickup: number[] = [];
  for (const job of await probeJobs('probe-redis')) {
    const t = Date.now();
    await enqueue(url, [job]);
    const store = new RunStore(job.storeDir);
    while (!store.has(job.identity.id)) await new Promise((r) => setTimeout(r, 5));
    total.push(startedAt(job.storeDir, job.identity.id) - t);
    const times = (await jobTimes(url, [job.identity.id])).get(job.identity.id);
    if (times?.taken !== undefined) pickup.push(times.taken - times.added);
  }
  console.log(`BullMQ, enqueue -> run start (queue + child spawn + module load): ${stats(total)}`);
  console.log(`BullMQ pick-up alone (job added -> worker takes it): ${stats(pickup)}`);
  console.log(
    `BullMQ over the local pool: ${(total.sort((a, b) => a - b)[Math.floor(total.length / 2)]! - local.sort((a, b) => a - b)[Math.floor(local.length / 2)]!).toFixed(0)} ms per run (medians)`,
  );
  await worker.close();
  server.kill('SIGKILL');
}
console.log(`# end ${new Date().toISOString()} ${loadLine()}`);
process.exit(0);
