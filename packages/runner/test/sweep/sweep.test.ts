import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'chai';
import {aggregate, pairedAcrossSeeds, type SweepRunResult} from '../../src/sweep/aggregate.js';
import {runPool} from '../../src/sweep/pool.js';
import {parseGrid, parseSeeds} from '../../src/sweep/spec.js';
import {RunStore} from '../../src/sweep/store.js';
import {studentTQuantile} from '../../src/lm/stats.js';
import {sandbox, type Sandbox} from '../helpers/run-cli.js';
import {sweepRegistries} from './registries-module.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const EXPERIMENTS = resolve(HERE, 'fixtures/experiments');
const REGISTRIES_MODULE = resolve(HERE, 'registries-module.ts');

function box(): Sandbox {
  return sandbox({registries: sweepRegistries(), experimentsDir: EXPERIMENTS, env: {EMBEDLAB_DATA_DIR: '', EMBEDLAB_REGISTRIES_MODULE: REGISTRIES_MODULE}});
}

const storeOf = (b: Sandbox) => join(b.resultsDir, 'store');
const sweepJson = (b: Sandbox, name = 'tiny-sweep') =>
  JSON.parse(readFileSync(join(b.resultsDir, 'sweeps', name, 'sweep.json'), 'utf8')) as {
    runs: {id: string; seed: number; settingKey: string; reused: boolean; numbers: Record<string, number>}[];
    aggregates: {metric: string; settingKey: string; mean: number; sd: number; n: number}[];
  };

describe('exp sweep: parsing', () => {
  it('parses seeds and grid values', () => {
    expect(parseSeeds('1-5')).to.deep.equal([1, 2, 3, 4, 5]);
    expect(parseSeeds('1-3,10,2')).to.deep.equal([1, 2, 3, 10]);
    expect(() => parseSeeds('a-b')).to.throw(/bad seeds/);
    expect(parseGrid('optimizer.lr=0.01,0.025')).to.deep.equal({path: 'optimizer.lr', values: [0.01, 0.025]});
    expect(parseGrid('arms.0.vectors.corpora=["sotu"],["sotu","moby-dick"]').values).to.deep.equal([['sotu'], ['sotu', 'moby-dick']]);
    expect(parseGrid('x=adam,sgd').values).to.deep.equal(['adam', 'sgd']);
  });
});

describe('exp sweep: expansion, validation, store (in-process runs)', () => {
  let b: Sandbox;
  beforeEach(() => (b = box()));
  afterEach(() => b.cleanup());

  it('expands the config sweep block: 2 settings x 3 seeds, one resolved config each', async () => {
    const r = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0']);
    expect(r.code, r.stderr).to.equal(0);
    const s = sweepJson(b);
    expect(s.runs).to.have.length(6);
    expect(new Set(s.runs.map((x) => x.id)).size).to.equal(6);
    expect(s.runs.map((x) => `${x.settingKey}/${x.seed}`)).to.deep.equal([
      'arms.0.vectors.noise=0.1/1',
      'arms.0.vectors.noise=0.1/2',
      'arms.0.vectors.noise=0.1/3',
      'arms.0.vectors.noise=0.5/1',
      'arms.0.vectors.noise=0.5/2',
      'arms.0.vectors.noise=0.5/3',
    ]);
    const run = new RunStore(storeOf(b)).read(s.runs[4]!.id);
    const config = JSON.parse(readFileSync(join(run.dir, 'config.resolved.json'), 'utf8')) as {
      seed: number;
      arms: {vectors: {noise: number}}[];
      sweep?: unknown;
    };
    expect(config.seed).to.equal(2);
    expect(config.arms[0]!.vectors.noise).to.equal(0.5);
    expect(config.sweep).to.equal(undefined);
    expect(readFileSync(join(b.resultsDir, 'sweeps', 'tiny-sweep', 'README.md'), 'utf8')).to.match(/\| arms\.0\.vectors\.noise=0\.1 \| 3 \|/);
    for (const f of ['index.html', 'report.json', 'vs-arms-0-vectors-noise.svg', 'vs-arms-0-vectors-noise.vl.json'])
      expect(existsSync(join(b.resultsDir, 'sweeps', 'tiny-sweep', f)), f).to.equal(true);
  });

  it('an unknown grid key fails before any run with its path and a did-you-mean', async () => {
    const r = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--grid', 'arms.0.vectors.nosie=0.1,0.2']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('arms.0.vectors.nosie: unknown grid key; did you mean "arms.0.vectors.noise"?');
    const r2 = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--grid', 'evaluaton.restrict=10']);
    expect(r2.stderr).to.include('did you mean "evaluation"?');
    expect(existsSync(join(storeOf(b)))).to.equal(false);
  });

  it('a wrongly typed grid value fails before any run, naming the path and the setting', async () => {
    const r = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--grid', 'arms.0.vectors.noise=0.1,"big"']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/arms\.0\.vectors\.noise: .*\(grid setting arms\.0\.vectors\.noise="big", seed 1\)/);
    expect(existsSync(storeOf(b))).to.equal(false);
  });

  it('more runs than maxRuns asks for --yes', async () => {
    const r = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--seeds', '1-6']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/12 runs: .*more than 10 runs; pass --yes/);
    const ok = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--seeds', '1-6', '--yes', '-q']);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(sweepJson(b).runs).to.have.length(12);
  });

  it('an identical run is reused; --force runs it again; a changed setting runs only what changed', async () => {
    expect((await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--seeds', '1-2'])).code).to.equal(0);
    const ids = sweepJson(b).runs.map((x) => x.id);
    const mtimes = ids.map((id) => statSync(join(storeOf(b), id, 'summary.json')).mtimeMs);
    const again = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--seeds', '1-2']);
    expect(again.stdout).to.include('4 reused, 0 to run');
    expect(sweepJson(b).runs.every((x) => x.reused)).to.equal(true);
    expect(ids.map((id) => statSync(join(storeOf(b), id, 'summary.json')).mtimeMs)).to.deep.equal(mtimes);
    const more = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--seeds', '1-2', '--grid', 'arms.0.vectors.noise=0.1,0.9']);
    expect(more.stdout).to.include('2 reused, 2 to run');
    const forced = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--seeds', '1-2', '--force']);
    expect(forced.stdout).to.include('0 reused, 4 to run');
    expect(new RunStore(storeOf(b)).list()).to.have.length(6);
  });
});

describe('exp sweep: local pool of child processes', function () {
  this.timeout(400000); // seconds on a quiet machine; child start-up took ~1 min each at load 40
  let b: Sandbox;
  beforeEach(() => (b = box()));
  afterEach(() => b.cleanup());

  it('the pool (2 processes) gives the same runs and numbers as one-by-one in-process runs', async () => {
    const pooled = await b.cli([
      'sweep',
      'tiny-sweep',
      '--jobs',
      '2',
      '--seeds',
      '1-2',
      '--grid',
      'arms.0.vectors.noise=0.3',
      '--store',
      'store-pool',
      '--out',
      'out-pool',
    ]);
    expect(pooled.code, pooled.stderr).to.equal(0);
    const serial = await b.cli([
      'sweep',
      'tiny-sweep',
      '--jobs',
      '0',
      '--seeds',
      '1-2',
      '--grid',
      'arms.0.vectors.noise=0.3',
      '--store',
      'store-serial',
      '--out',
      'out-serial',
    ]);
    expect(serial.code, serial.stderr).to.equal(0);
    const read = (dir: string) =>
      JSON.parse(readFileSync(join(b.dir, dir, 'sweep.json'), 'utf8')) as {runs: {id: string; numbers: unknown}[]; aggregates: unknown};
    const p = read('out-pool');
    const s = read('out-serial');
    expect(p.runs.map((r) => r.id)).to.deep.equal(s.runs.map((r) => r.id));
    expect(p.runs.map((r) => r.numbers)).to.deep.equal(s.runs.map((r) => r.numbers));
    expect(p.aggregates).to.deep.equal(s.aggregates);
    const meta = JSON.parse(readFileSync(join(b.dir, 'store-pool', p.runs[0]!.id, 'meta.json'), 'utf8')) as {pid: number};
    expect(meta.pid).to.not.equal(process.pid);
  });

  it('a run killed mid-way (SIGKILL) leaves nothing in the store; abort (Ctrl-C) kills the pool cleanly', async () => {
    const storeDir = join(b.dir, 'store');
    const store = new RunStore(storeDir);
    const config = (await import('../../src/resolve-config.js')).resolveConfig(
      (await import('./fixtures/experiments/slow/experiment.js')).default,
      sweepRegistries(),
    );
    const job = {
      storeDir,
      config,
      identity: {id: 'slow-0000', identity: '0'.repeat(64), experiment: 'slow', setting: {}, settingKey: '(base)', seed: 1, inputs: {}},
    };
    const tmpAppears = async () => {
      for (let i = 0; i < 4000 && !(existsSync(storeDir) && readdirSync(storeDir).some((d) => d.startsWith('.tmp-'))); i++)
        await new Promise((r) => setTimeout(r, 50));
      return existsSync(storeDir) && readdirSync(storeDir).some((d) => d.startsWith('.tmp-'));
    };
    const controller = new AbortController();
    const pool = runPool([job, {...job, identity: {...job.identity, id: 'slow-0001'}}], {width: 1, env: b.env, cwd: b.dir, signal: controller.signal});
    let midRun: boolean;
    try {
      midRun = await tmpAppears(); // the child is inside the run, writing its temporary folder (up to 200 s: child start-up at load 40 took ~80 s)
    } finally {
      controller.abort(); // what Ctrl-C does: SIGKILL to the running children
    }
    const outcomes = await pool;
    expect(midRun).to.equal(true);
    expect(outcomes).to.have.length(1); // the second job never started
    expect(outcomes[0]!.ok).to.equal(false);
    expect(store.list()).to.deep.equal([]);
    expect(readdirSync(storeDir)).to.deep.equal([]); // the killed child's temporary folder is gone too
  });
});

describe('sweep aggregation', () => {
  it('mean, sd, t interval per setting and paired differences across seeds match a hand computation', () => {
    const runs: SweepRunResult[] = [
      {settingKey: 'lr=1', setting: {lr: 1}, seed: 1, numbers: {m: 1, 'm:lo': 0}},
      {settingKey: 'lr=1', setting: {lr: 1}, seed: 2, numbers: {m: 2}},
      {settingKey: 'lr=1', setting: {lr: 1}, seed: 3, numbers: {m: 4}},
      {settingKey: 'lr=2', setting: {lr: 2}, seed: 1, numbers: {m: 2}},
      {settingKey: 'lr=2', setting: {lr: 2}, seed: 2, numbers: {m: 4}},
      {settingKey: 'lr=2', setting: {lr: 2}, seed: 3, numbers: {m: 5}},
    ];
    const agg = aggregate(runs);
    expect(agg.map((a) => a.metric)).to.deep.equal(['m', 'm']); // interval ends left out
    const a = agg[0]!;
    expect(a.n).to.equal(3);
    expect(a.mean).to.be.closeTo(7 / 3, 1e-12);
    expect(a.sd).to.be.closeTo(Math.sqrt(7 / 3), 1e-12); // ((4/3)^2 + (1/3)^2 + (5/3)^2) / 2 = 7/3
    expect(studentTQuantile(0.975, 2)).to.be.closeTo(4.302653, 1e-6);
    expect(a.hi).to.be.closeTo(7 / 3 + (4.302653 * Math.sqrt(7 / 3)) / Math.sqrt(3), 1e-5);
    expect(a.lo).to.be.closeTo(7 / 3 - (4.302653 * Math.sqrt(7 / 3)) / Math.sqrt(3), 1e-5);
    const [d] = pairedAcrossSeeds(runs);
    // differences lr=2 - lr=1 per seed: 1, 2, 1 -> mean 4/3, sd sqrt(1/3)
    expect(d!.difference).to.be.closeTo(4 / 3, 1e-12);
    expect(d!.n).to.equal(3);
    expect(d!.hi - d!.difference).to.be.closeTo((4.302653 * Math.sqrt(1 / 3)) / Math.sqrt(3), 1e-5);
    expect(d!.p).to.be.greaterThan(0.01).and.lessThan(0.1); // t = 4, df 2: p = 0.0572
    expect(d!.p).to.be.closeTo(0.0572, 1e-3);
  });
});
