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
import {checkRedis} from '../../src/sweep/redis.js';
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

describe('exp sweep --redis (BullMQ, real redis-server)', function () {
  this.timeout(240000);
  let redis: ChildProcess;
  let url: string;
  let b: Sandbox;
  const workers: ChildProcess[] = [];

  before(async () => {
    const port = await freePort();
    redis = spawn(redisServerPath(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'});
    url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        await checkRedis(url, 500);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('redis-server did not start');
  });
  after(() => {
    for (const w of workers) w.kill('SIGKILL');
    redis?.kill('SIGKILL');
  });
  beforeEach(() => (b = sandbox({registries: sweepRegistries(), experimentsDir: EXPERIMENTS, env: {EMBEDLAB_DATA_DIR: '', EMBEDLAB_REGISTRIES_MODULE: REGISTRIES_MODULE}})));
  afterEach(() => b.cleanup());

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
      const w = spawn(process.execPath, ['--conditions=@embedlab/source', '--import', import.meta.resolve('tsx'), WORKER_MAIN, url], {cwd: b.dir, env, stdio: ['ignore', 'pipe', 'pipe']});
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
    const read = (dir: string) => JSON.parse(readFileSync(join(b.dir, dir, 'sweep.json'), 'utf8')) as {runs: {id: string; numbers: unknown}[]; aggregates: unknown};
    expect(read('out-redis').runs.map((x) => x.id)).to.deep.equal(read('out-local').runs.map((x) => x.id));
    expect(read('out-redis').aggregates).to.deep.equal(read('out-local').aggregates);
  });
});
