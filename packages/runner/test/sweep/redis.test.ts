/**
 * The BullMQ executor against a real redis-server (Debian package `redis-server`; .ci/run installs it),
 * started on a free port on 127.0.0.1 and stopped afterwards.
 */
import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'chai';
import {Redis} from 'ioredis';
import {checkRedis, QUEUE} from '../../src/sweep/redis.js';
import {RunStore} from '../../src/sweep/store.js';
import {sandbox, type Sandbox} from '../helpers/run-cli.js';
import {sweepRegistries} from './registries-module.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const EXPERIMENTS = resolve(HERE, 'fixtures/experiments');
const REGISTRIES_MODULE = resolve(HERE, 'registries-module.ts');
const WORKER_MAIN = resolve(HERE, '../../src/sweep/redis-worker-main.ts');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as {port: number}).port;
      srv.close(() => res(port));
    });
  });
}

function redisServerPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], {encoding: 'utf8'}).trim();
  } catch {
    throw new Error('redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)');
  }
}

/** A redis-server on `port` without persistence (no RDB, no AOF): a restart starts empty. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(redisServerPath(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'});
  for (let i = 0; i < 100; i++) {
    try {
      await checkRedis(`redis://127.0.0.1:${port}`, 500);
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not start');
}

const waitFor = async (test: () => boolean, ms: number) => {
  for (let t = 0; t < ms && !test(); t += 50) await new Promise((r) => setTimeout(r, 50));
  return test();
};

describe('exp sweep --redis (BullMQ, real redis-server)', function () {
  this.timeout(600000); // minutes only on a machine loaded far beyond its cores (child start-up ~1 min); seconds otherwise
  let redis: ChildProcess;
  let url: string;
  let b: Sandbox;
  const workers: ChildProcess[] = [];

  const extraRedis: ChildProcess[] = [];
  before(async () => {
    const port = await freePort();
    redis = await startRedis(port);
    url = `redis://127.0.0.1:${port}`;
  });
  after(() => {
    for (const w of workers) w.kill('SIGKILL');
    for (const r of extraRedis) r.kill('SIGKILL');
    redis?.kill('SIGKILL');
  });
  const startWorker = (redisUrl: string, env: NodeJS.ProcessEnv, log: {text: string}) => {
    const w = spawn(process.execPath, ['--conditions=@embedlab/source', '--import', import.meta.resolve('tsx'), WORKER_MAIN, redisUrl], {
      cwd: b.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    w.stdout!.on('data', (d: Buffer) => (log.text += d.toString()));
    w.stderr!.on('data', (d: Buffer) => (log.text += d.toString()));
    workers.push(w);
    return w;
  };
  beforeEach(
    () =>
      (b = sandbox({registries: sweepRegistries(), experimentsDir: EXPERIMENTS, env: {EMBEDLAB_DATA_DIR: '', EMBEDLAB_REGISTRIES_MODULE: REGISTRIES_MODULE}})),
  );
  afterEach(() => {
    for (const w of workers.splice(0)) w.kill('SIGKILL'); // a worker left running would take the next test's jobs
    b.cleanup();
  });

  it('a bad Redis URL fails within seconds with a clear error, before any run', async () => {
    const t0 = Date.now();
    const r = await b.cli(['sweep', 'tiny-sweep', '--redis', `redis://127.0.0.1:${await freePort()}`]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/--redis: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/);
    expect(Date.now() - t0).to.be.lessThan(5000);
    expect(existsSync(join(b.resultsDir, 'store'))).to.equal(false);
  });

  it('two workers, one killed with SIGKILL mid-run: the sweep completes, each run stored once, same numbers as in-process', async () => {
    const env = {...b.env, EMBEDLAB_WORKER_LOCK_MS: '2000', EMBEDLAB_WORKER_STALLED_MS: '1000'};
    const logs: string[] = ['', ''];
    for (const i of [0, 1]) {
      const w = spawn(process.execPath, ['--conditions=@embedlab/source', '--import', import.meta.resolve('tsx'), WORKER_MAIN, url], {
        cwd: b.dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      w.stdout!.on('data', (d: Buffer) => (logs[i] += d.toString()));
      w.stderr!.on('data', (d: Buffer) => (logs[i] += d.toString()));
      workers.push(w);
    }
    const victim = workers[0]!;
    const killer = (async () => {
      for (let i = 0; i < 1200 && !/: start/.test(logs[0]!); i++) await new Promise((r) => setTimeout(r, 50));
      victim.kill('SIGKILL');
      return /: start/.test(logs[0]!);
    })();
    const args = ['sweep', 'tiny-sweep', '--seeds', '1-2', '--grid', 'arms.0.vectors.noise=0.3'];
    const r = await b.cli([...args, '--redis', url, '--store', 'store-redis', '--out', 'out-redis']);
    expect(r.code, r.stderr + logs.join('\n')).to.equal(0);
    expect(await killer, logs[0]).to.equal(true);
    expect(logs[1]).to.match(/: done/);
    const storeDir = join(b.dir, 'store-redis');
    expect(new RunStore(storeDir).list()).to.have.length(2);
    expect(readdirSync(storeDir).filter((d) => d.startsWith('.'))).to.deep.equal([]); // no partial run
    const local = await b.cli([...args, '--jobs', '0', '--store', 'store-local', '--out', 'out-local']);
    expect(local.code, local.stderr).to.equal(0);
    const read = (dir: string) =>
      JSON.parse(readFileSync(join(b.dir, dir, 'sweep.json'), 'utf8')) as {runs: {id: string; numbers: unknown}[]; aggregates: unknown};
    expect(read('out-redis').runs.map((x) => x.id)).to.deep.equal(read('out-local').runs.map((x) => x.id));
    expect(read('out-redis').aggregates).to.deep.equal(read('out-local').aggregates);
  });

  it('--detach enqueues and returns with the sweep id; --status shows the queue; the same command without --detach collects', async () => {
    const args = ['sweep', 'tiny-sweep', '--seeds', '1-2', '--grid', 'arms.0.vectors.noise=0.2', '--store', 'store-detach', '--out', 'out-detach'];
    const t0 = Date.now();
    const d = await b.cli([...args, '--redis', url, '--detach']);
    expect(d.code, d.stderr).to.equal(0);
    expect(Date.now() - t0).to.be.lessThan(15000); // no worker is running: it did not wait
    const id = /(sweep-[0-9a-f]{12}): 2 runs enqueued/.exec(d.stdout)?.[1];
    expect(id, d.stdout).to.be.a('string');
    expect(d.stdout).to.match(
      /watch: {3}pnpm exp sweep tiny-sweep --seeds 1-2 --grid arms\.0\.vectors\.noise=0\.2 .*--redis redis:\/\/127\.0\.0\.1:\d+ --status/,
    );
    expect(existsSync(join(b.dir, 'out-detach'))).to.equal(false);
    const st = await b.cli([...args, '--redis', url, '--status']);
    expect(st.code, st.stderr).to.equal(0);
    expect(st.stdout).to.contain(`${id}: 2 waiting of 2`);

    const log = {text: ''};
    startWorker(url, b.env, log);
    const collect = await b.cli([...args, '--redis', url]);
    expect(collect.code, collect.stderr + log.text).to.equal(0);
    expect(collect.stdout).to.contain(id!);
    expect(new RunStore(join(b.dir, 'store-detach')).list()).to.have.length(2);
    expect(existsSync(join(b.dir, 'out-detach', 'sweep.json'))).to.equal(true);
    const after = await b.cli([...args, '--redis', url, '--status']);
    expect(after.stdout).to.contain(`${id}: 2 stored of 2`);
    expect((await b.cli([...args, '--detach'])).stderr).to.match(/--detach: needs --redis/);
  });

  it('Redis restarted (no persistence: the queue is lost) mid-sweep: lost runs are queued again, the sweep completes, each run stored once', async () => {
    const port = await freePort();
    const own = `redis://127.0.0.1:${port}`;
    let server = await startRedis(port);
    extraRedis.push(server);
    const env = {...b.env, EMBEDLAB_WORKER_LOCK_MS: '2000', EMBEDLAB_WORKER_STALLED_MS: '1000'};
    const log = {text: ''};
    startWorker(own, env, log);
    const restart = (async () => {
      if (!(await waitFor(() => /: start/.test(log.text), 60000))) return false;
      server.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 1000));
      server = await startRedis(port);
      extraRedis.push(server);
      return true;
    })();
    const args = ['sweep', 'tiny-sweep', '--seeds', '1-3', '--grid', 'arms.0.vectors.noise=0.4', '--store', 'store-restart', '--out', 'out-restart'];
    const r = await b.cli([...args, '--redis', own]);
    expect(await restart, log.text).to.equal(true);
    expect(r.code, r.stderr + log.text).to.equal(0);
    const storeDir = join(b.dir, 'store-restart');
    expect(new RunStore(storeDir).list()).to.have.length(3);
    expect(readdirSync(storeDir).filter((d) => d.startsWith('.'))).to.deep.equal([]);
    const local = await b.cli([...args, '--jobs', '0', '--store', 'store-restart-local', '--out', 'out-restart-local']);
    const read = (dir: string) => (JSON.parse(readFileSync(join(b.dir, dir, 'sweep.json'), 'utf8')) as {aggregates: unknown}).aggregates;
    expect(local.code, local.stderr).to.equal(0);
    expect(read('out-restart')).to.deep.equal(read('out-restart-local'));
  });

  it('Redis gone for good mid-sweep: fails within --redis-down-ms naming the URL; finished runs stay in the store', async () => {
    const port = await freePort();
    const own = `redis://127.0.0.1:${port}`;
    const server = await startRedis(port);
    extraRedis.push(server);
    // No worker: once the run is queued the sweep is waiting on Redis; then Redis goes.
    const probe = new Redis(own);
    const killed = (async () => {
      for (let i = 0; i < 6000 && !(await probe.keys(`bull:${QUEUE}:*`)).length; i++) await new Promise((res) => setTimeout(res, 50));
      probe.disconnect();
      server.kill('SIGKILL');
    })();
    const t0 = Date.now();
    const r = await b.cli([
      'sweep',
      'tiny-sweep',
      '--seeds',
      '1',
      '--grid',
      'arms.0.vectors.noise=0.6',
      '--store',
      'store-gone',
      '--redis',
      own,
      '--redis-down-ms',
      '3000',
    ]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/--redis: lost Redis at redis:\/\/127\.0\.0\.1:\d+ for more than 3 s; 0 of 1 runs finished/);
    await killed;
    expect(Date.now() - t0).to.be.lessThan(120000); // planning under load, then 3 s
  });
});
