/**
 * The local pool's long-lived children (pool.ts + worker.ts --serve): a run in a reused child stores the same
 * bytes as the same run in a fresh child; a run that throws does not take its child down; a child that dies
 * mid-run is replaced and its run reported failed.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'chai';
import type {ExperimentConfig} from '../../src/experiment.js';
import {registries as wiredRegistries} from '../../src/registries.js';
import type {Registries} from '../../src/registries-type.js';
import {resolveConfig} from '../../src/resolve-config.js';
import type {SweepJob} from '../../src/sweep/execute-one.js';
import {runPool} from '../../src/sweep/pool.js';
import {RunStore} from '../../src/sweep/store.js';
import {FIXTURES, sandbox, type Sandbox} from '../helpers/run-cli.js';
import {poolRegistries} from './sweep-pool-registries.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const POOL_REGISTRIES_MODULE = resolve(HERE, 'sweep-pool-registries.ts');

async function configOf(file: string, registries: Registries, seed: number, edit: (raw: {arms: {vectors: object}[]}) => void = () => {}) {
  const raw = structuredClone((await import(file)).default) as {arms: {vectors: object}[]};
  edit(raw);
  return {...resolveConfig(raw as never, registries), seed} as ExperimentConfig;
}

const job = (storeDir: string, name: string, config: ExperimentConfig): SweepJob => ({
  storeDir,
  config,
  identity: {id: name, identity: '0'.repeat(64), experiment: config.name, setting: {}, settingKey: '(base)', seed: config.seed, inputs: {}},
});

const pidOf = (storeDir: string, id: string) => (JSON.parse(readFileSync(join(storeDir, id, 'meta.json'), 'utf8')) as {pid: number}).pid;

describe('exp sweep: the local pool reuses its children', function () {
  this.timeout(400000); // ~30 s on a quiet 2-core machine; child start-up took ~1 min each at load 40
  let b: Sandbox;
  beforeEach(() => (b = sandbox({env: {EMBEDLAB_DATA_DIR: ''}})));
  afterEach(() => b.cleanup());

  it('a run in a reused child stores the same bytes as in a fresh child (tfjs training on wasm, real components)', async () => {
    const lm = join(FIXTURES, 'experiments-real/tiny-lm/experiment.ts');
    const real = join(FIXTURES, 'experiments-real/tiny-real/experiment.ts');
    // The language model trains with EmbedlabEmbedding on tfjs; tiny-real loads vectors and evaluates them.
    const configs: [string, ExperimentConfig][] = [
      ['lm-5', await configOf(lm, wiredRegistries, 5)],
      ['real-3', await configOf(real, wiredRegistries, 3)],
      ['lm-6', await configOf(lm, wiredRegistries, 6)],
    ];
    const env = {...b.env, EMBEDLAB_BACKEND: 'wasm'};
    const fresh = join(b.dir, 'store-fresh');
    const reused = join(b.dir, 'store-reused');
    const one = await runPool(
      configs.map(([n, c]) => job(fresh, n, c)),
      {width: 1, recycle: 1, env: {...env, EMBEDLAB_CACHE_DIR: join(b.dir, 'cache-fresh')}, cwd: b.dir},
    );
    const many = await runPool(
      configs.map(([n, c]) => job(reused, n, c)),
      {width: 1, env: {...env, EMBEDLAB_CACHE_DIR: join(b.dir, 'cache-reused')}, cwd: b.dir},
    );
    expect([...one, ...many].filter((o) => !o.ok)).to.deep.equal([]);
    const ids = configs.map(([n]) => n);
    expect(new Set(ids.map((id) => pidOf(fresh, id))).size).to.equal(3); // one child per run
    expect(new Set(ids.map((id) => pidOf(reused, id))).size).to.equal(1); // one child for all three
    for (const id of ids) {
      for (const f of ['config.resolved.json', 'identity.json', 'metrics.jsonl', 'summary.json']) {
        const a = readFileSync(join(fresh, id, f), 'utf8');
        expect(readFileSync(join(reused, id, f), 'utf8'), `${id}/${f}`).to.equal(a);
      }
    }
    const rows = readFileSync(join(reused, 'lm-6', 'metrics.jsonl'), 'utf8');
    expect(rows).to.match(/perplexity/); // the trained model's numbers are among the compared bytes
    expect(readFileSync(join(reused, 'lm-6', 'metrics.jsonl'), 'utf8')).to.not.equal(readFileSync(join(reused, 'lm-5', 'metrics.jsonl'), 'utf8'));
    const meta = JSON.parse(readFileSync(join(reused, 'lm-6', 'meta.json'), 'utf8')) as {backend: {name: string}};
    expect(meta.backend.name).to.equal('wasm');
  });

  it('a run that throws is reported and its child goes on; a child killed or crashing mid-run is replaced, its run failed with its stderr', async () => {
    const storeDir = join(b.dir, 'store');
    const reg = poolRegistries();
    const fixture = (name: string) => join(HERE, `fixtures/experiments/${name}/experiment.ts`);
    const table = (seed: number) => configOf(fixture('tiny-sweep'), reg, seed);
    const explode = await configOf(fixture('tiny-sweep'), reg, 1, (raw) => (raw.arms[0]!.vectors = {type: 'explode'}));
    const slow = await configOf(fixture('slow'), reg, 1);
    const crash = await configOf(fixture('tiny-sweep'), reg, 1, (raw) => (raw.arms[0]!.vectors = {type: 'crash'}));
    const jobs = [
      job(storeDir, 'ok-1', await table(1)),
      job(storeDir, 'explode', explode),
      job(storeDir, 'ok-2', await table(2)),
      job(storeDir, 'slow', slow),
      job(storeDir, 'ok-3', await table(3)),
      job(storeDir, 'crash', crash),
      job(storeDir, 'ok-4', await table(4)),
    ];
    const killer = (async () => {
      // The slow run's temporary folder is named .tmp-<id>-<pid>-<n>: kill the child that writes it.
      for (let i = 0; i < 4000; i++) {
        const tmp = existsSync(storeDir) ? readdirSync(storeDir).find((d) => d.startsWith('.tmp-slow-')) : undefined;
        const pid = tmp ? Number(/-(\d+)-\d+$/.exec(tmp)?.[1]) : 0;
        if (pid) {
          process.kill(pid, 'SIGKILL');
          return pid;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return 0;
    })();
    const outcomes = await runPool(jobs, {width: 1, env: {...b.env, EMBEDLAB_REGISTRIES_MODULE: POOL_REGISTRIES_MODULE}, cwd: b.dir});
    const killed = await killer;
    expect(killed).to.be.greaterThan(0);
    expect(outcomes.map((o) => `${o.id} ${o.ok}`)).to.deep.equal([
      'ok-1 true',
      'explode false',
      'ok-2 true',
      'slow false',
      'ok-3 true',
      'crash false',
      'ok-4 true',
    ]);
    expect(outcomes[1]!.error).to.equal('boom: simulated failure midway');
    expect(outcomes[3]!.error).to.match(/^the sweep child process died \(killed by SIGKILL\)/);
    expect(pidOf(storeDir, 'ok-1')).to.equal(pidOf(storeDir, 'ok-2')); // the throw did not cost the child
    expect(pidOf(storeDir, 'ok-2')).to.equal(killed);
    expect(pidOf(storeDir, 'ok-3')).to.not.equal(killed); // a new child took the next run
    expect(outcomes[5]!.error).to.equal('the sweep child process died (exit code 3); its last stderr lines:\nFATAL ERROR: simulated crash');
    expect(pidOf(storeDir, 'ok-4')).to.not.equal(pidOf(storeDir, 'ok-3'));
    expect(new RunStore(storeDir).list().sort()).to.deep.equal(['ok-1', 'ok-2', 'ok-3', 'ok-4']);
    expect(readdirSync(storeDir).filter((d) => d.startsWith('.'))).to.deep.equal([]); // no partial run
  });

  it('a reused child puts back process.env and the cwd after a run; one that leaked a tfjs tensor is replaced', async () => {
    const storeDir = join(b.dir, 'store');
    const reg = poolRegistries();
    const state = (leak: boolean) =>
      configOf(join(HERE, 'fixtures/experiments/tiny-sweep/experiment.ts'), reg, 1, (raw) => (raw.arms[0]!.vectors = {type: 'state', leak}));
    const ids = ['first', 'second', 'leaks', 'after-leak'];
    const configs = [await state(false), await state(false), await state(true), await state(false)];
    const outcomes = await runPool(
      ids.map((id, i) => job(storeDir, id, configs[i]!)),
      {width: 1, env: {...b.env, EMBEDLAB_REGISTRIES_MODULE: POOL_REGISTRIES_MODULE}, cwd: b.dir},
    );
    expect(outcomes.filter((o) => !o.ok)).to.deep.equal([]);
    const numbers = ids.map((id) => JSON.stringify(new RunStore(storeDir).read(id).summary.numbers));
    // Each run saw the env and cwd of a fresh child (a leaked EMBEDLAB_TEST_STATE or chdir would change king's vector).
    expect(new Set(numbers).size, numbers.join('\n')).to.equal(1);
    expect(numbers[0]).to.include('0.7071067'); // cos(king [1, 0], man [1, 1]): the state was clean
    const pids = ids.map((id) => pidOf(storeDir, id));
    expect(pids[1]).to.equal(pids[0]);
    expect(pids[2]).to.equal(pids[0]);
    expect(pids[3]).to.not.equal(pids[2]); // the tensor left by "leaks" retired its child
  });
});
