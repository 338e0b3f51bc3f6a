/**
 * Sweep executors: (1) a sweep of N small CPU-bound runs (the `busy-sweep` fixture: each run spins for
 * --ms of CPU time) with the local pool (--jobs = cores, one long-lived child per slot) against the same
 * runs one by one (--jobs 1, one long-lived child), and the pool with a fresh child per run
 * (EMBEDLAB_SWEEP_RECYCLE=1, the executor before the children were reused): wall time, the ratio (ideally
 * close to the core count), and CPU seconds of this process and its children (/proc/self/stat; meaningful on
 * a busy machine where wall times are not); (2) the local pool's overhead per run: cold (runPool called ->
 * first run starts in a new child: fork + module load) and warm (a run's end -> the next run's start in
 * the same child: commit, result and job over IPC), from the stored meta.json (start = endedAt -
 * durationSeconds); BullMQ (a real redis-server on a free port, a worker in this process, a fresh child per
 * job) enqueue -> run start and its own pick-up latency (job added -> processedOn).
 *
 *   node --conditions=@embedlab/source --import tsx bench/sweep-pool.ts [--runs 16] [--ms 1000] [--probes 6]
 *
 * Needs `redis-server` on PATH for the BullMQ part (skipped with a note otherwise). Load average is
 * printed first: wall times on a loaded machine say little (a warning is printed above 0.5).
 */
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
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

/** CPU seconds of this process plus its finished children (Linux /proc/self/stat cutime + cstime; 0 elsewhere). */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  if (existsSync('/proc/self/stat')) {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' '); // fields from 3 (state) on
    children = (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in clock ticks (USER_HZ 100)
  }
  return (own.user + own.system) / 1e6 + children;
}

/** Wall and CPU seconds of the sweep, and the sum of its runs' own durations (meta.json; without child start-up). */
async function sweepWall(jobs: number, tag: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{wall: number; cpu: number; runSeconds: number}> {
  const storeDir = join(dir, `store-${tag}`);
  stores.push(storeDir);
  const r0 = {...rt, env: {...rt.env, ...extraEnv}};
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const r = await runSweep(r0, 'busy-sweep', {seeds: `1-${runs}`, set, jobs, storeDir, reportDir: join(dir, `report-${tag}`), quiet: true, yes: true});
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  if (r.failed.length) throw new Error(`${r.failed.length} runs failed: ${r.failed[0]?.error}`);
  const store = new RunStore(storeDir);
  const runSeconds = store
    .list()
    .reduce((s, id) => s + (JSON.parse(readFileSync(join(store.path(id), 'meta.json'), 'utf8')) as {durationSeconds: number}).durationSeconds, 0);
  return {wall, cpu, runSeconds};
}

/** When the run's code started and ended in its child, ms since epoch (start = meta.endedAt - durationSeconds). */
function startedAt(storeDir: string, id: string): {start: number; end: number} {
  const meta = JSON.parse(readFileSync(join(new RunStore(storeDir).path(id), 'meta.json'), 'utf8')) as {endedAt: string; durationSeconds: number};
  const end = Date.parse(meta.endedAt);
  return {start: end - meta.durationSeconds * 1000, end};
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

const line = (what: string, r: {wall: number; cpu: number; runSeconds: number}) =>
  console.log(
    `${what}: ${runs} runs in ${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} CPU-s (this process + children); the runs' own time ${r.runSeconds.toFixed(1)} s`,
  );
const serial = await sweepWall(1, 'serial');
line('serial (--jobs 1, one reused child)', serial);
const pool = await sweepWall(cores, 'pool');
line(`pool (--jobs ${cores}, a reused child per slot)`, pool);
const fresh = await sweepWall(cores, 'fresh', {EMBEDLAB_SWEEP_RECYCLE: '1'});
line(`pool (--jobs ${cores}, a fresh child per run: EMBEDLAB_SWEEP_RECYCLE=1)`, fresh);
console.log(
  `wall-time ratio serial / pool: ${(serial.wall / pool.wall).toFixed(2)} (ideal ${cores}); serial / fresh-child pool: ${(serial.wall / fresh.wall).toFixed(2)}`,
);
// Each run spins for exactly --ms of CPU (its own process's cpuUsage), so the rest of the CPU time is overhead:
// child start-up, IPC, store writes, the sweep's planning and report (load-independent, unlike wall time).
const beyond = (r: {cpu: number}) => ((r.cpu - (runs * ms) / 1000) / runs).toFixed(2);
console.log(
  `CPU seconds per run beyond its ${(ms / 1000).toFixed(1)} s of work: serial ${beyond(serial)}, pool ${beyond(pool)}, fresh-child pool ${beyond(fresh)}`,
);

// Local pool overhead: cold (a new pool's first run) and warm (back-to-back runs in one child).
const cold: number[] = [];
const warm: number[] = [];
for (let k = 0; k < 3; k++) {
  const jobs = await probeJobs(`probe-local-${k}`);
  const t = Date.now();
  const outcomes = await runPool(jobs, {width: 1, env, cwd: dir});
  if (outcomes.some((o) => !o.ok)) throw new Error(`probe failed: ${outcomes.find((o) => !o.ok)?.error}`);
  const metas = jobs.map((j) => startedAt(j.storeDir, j.identity.id));
  cold.push(metas[0]!.start - t);
  for (let i = 1; i < metas.length; i++) warm.push(metas[i]!.start - metas[i - 1]!.end);
}
const local = cold;
console.log(`local pool, cold: runPool called -> first run starts (fork + module load): ${stats(cold)}`);
console.log(`local pool, warm: a run ends -> the next starts in the same child (commit + IPC): ${stats(warm)}`);

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
    total.push(startedAt(job.storeDir, job.identity.id).start - t);
    const times = (await jobTimes(url, [job.identity.id])).get(job.identity.id);
    if (times?.taken !== undefined) pickup.push(times.taken - times.added);
  }
  console.log(`BullMQ, enqueue -> run start (queue + a fresh child: spawn + module load): ${stats(total)}`);
  console.log(`BullMQ pick-up alone (job added -> worker takes it): ${stats(pickup)}`);
  console.log(
    `BullMQ over the cold local pool: ${(total.sort((a, b) => a - b)[Math.floor(total.length / 2)]! - local.sort((a, b) => a - b)[Math.floor(local.length / 2)]!).toFixed(0)} ms per run (medians)`,
  );
  await worker.close();
  server.kill('SIGKILL');
}
console.log(`# end ${new Date().toISOString()} ${loadLine()}`);
process.exit(0);
