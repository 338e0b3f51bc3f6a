/**
 * CI sharding (`exp sweep --shard i/n`), `exp sweep-merge` and the rendered sweep report (HTML, SVG,
 * `exp sweep-report` from sweep.json), with in-process runs of the fixture experiment.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'chai';
import {parseShard} from '../../src/sweep/sweep.js';
import {RunStore} from '../../src/sweep/store.js';
import {sandbox, type Sandbox} from '../helpers/run-cli.js';
import {sweepRegistries} from './registries-module.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const EXPERIMENTS = resolve(HERE, 'fixtures/experiments');
const REGISTRIES_MODULE = resolve(HERE, 'registries-module.ts');

describe('exp sweep --shard, exp sweep-merge, sweep report', function () {
  this.timeout(60000);
  let b: Sandbox;
  beforeEach(
    () =>
      (b = sandbox({registries: sweepRegistries(), experimentsDir: EXPERIMENTS, env: {EMBEDLAB_DATA_DIR: '', EMBEDLAB_REGISTRIES_MODULE: REGISTRIES_MODULE}})),
  );
  afterEach(() => b.cleanup());

  const summaries = (dir: string) => {
    const store = new RunStore(join(b.dir, dir));
    return Object.fromEntries(store.list().map((id) => [id, readFileSync(join(store.path(id), 'summary.json'), 'utf8')]));
  };

  it('parses i/n and refuses a bad shard', () => {
    expect(parseShard('1/3')).to.deep.equal({index: 1, count: 3});
    expect(() => parseShard('3/3')).to.throw(/--shard: bad shard "3\/3"/);
    expect(() => parseShard('a')).to.throw(/expected i\/n/);
  });

  it('2 shards merged = the unsharded store (same ids, same summaries); a conflicting record is refused', async () => {
    const s0 = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--shard', '0/2', '--store', 's0', '--out', 'o0']);
    const s1 = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--shard', '1/2', '--store', 's1', '--out', 'o1']);
    expect(s0.code, s0.stderr).to.equal(0);
    expect(s1.code, s1.stderr).to.equal(0);
    const all = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--store', 'whole', '--out', 'ow']);
    expect(all.code, all.stderr).to.equal(0);
    const a = Object.keys(summaries('s0'));
    const c = Object.keys(summaries('s1'));
    expect(a).to.have.length(3); // indexes 0, 2, 4 of 6
    expect(c).to.have.length(3);
    expect(a.filter((id) => c.includes(id))).to.deep.equal([]);

    const m = await b.cli(['sweep-merge', 's0', 's1', '--into', 'merged']);
    expect(m.code, m.stderr).to.equal(0);
    expect(m.stdout).to.match(/6 runs copied, 0 already there/);
    expect(summaries('merged')).to.deep.equal(summaries('whole'));
    expect(readdirSync(join(b.dir, 'merged')).filter((d) => d.startsWith('.'))).to.deep.equal([]);
    // Merging again changes nothing; the report from the merged store equals the unsharded one.
    expect((await b.cli(['sweep-merge', 's0', 's1', '--into', 'merged'])).stdout).to.match(/0 runs copied, 6 already there/);
    const fromMerged = await b.cli(['sweep', 'tiny-sweep', '--jobs', '0', '--store', 'merged', '--out', 'om']);
    expect(fromMerged.stdout).to.match(/6 reused, 0 to run/);
    const agg = (dir: string) => (JSON.parse(readFileSync(join(b.dir, dir, 'sweep.json'), 'utf8')) as {aggregates: unknown}).aggregates;
    expect(agg('om')).to.deep.equal(agg('ow'));

    // A store whose copy of an id says something else: refused, nothing copied.
    const id = a[0]!;
    const file = join(b.dir, 's0', id, 'summary.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"numbers": \{/, '"numbers": {"tampered": 1,'));
    const bad = await b.cli(['sweep-merge', 's0', 's1', '--into', 'fresh-and-merged', 'merged']);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.contain(`run ${id} differs between`);
    expect(new RunStore(join(b.dir, 'fresh-and-merged')).list()).to.deep.equal([]);
  });

  it('the report: offline index.html, an SVG per swept setting with seed points and band, table sorted by the headline; sweep-report re-renders it', async () => {
    const r = await b.cli([
      'sweep',
      'tiny-sweep',
      '--jobs',
      '0',
      '--grid',
      'arms.0.vectors.noise=0.1,0.5',
      '--grid',
      'arms.0.vectors.trained=false,true',
      '--seeds',
      '1-2',
      '--out',
      'rep',
    ]);
    expect(r.code, r.stderr).to.equal(0);
    const dir = join(b.dir, 'rep');
    const files = readdirSync(dir).sort();
    expect(files).to.include.members(['README.md', 'index.html', 'report.json', 'sweep.json', 'vs-arms-0-vectors-noise.svg', 'vs-arms-0-vectors-trained.svg']);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).to.not.match(/<script[^>]+src=/); // vendor scripts inlined: works offline
    const sweep = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')) as {
      headline: string;
      runs: {numbers: Record<string, number>}[];
      aggregates: {metric: string; settingKey: string; mean: number}[];
    };
    // One point per run in each chart's spec; the README's first table is sorted by the headline mean.
    const spec = JSON.parse(readFileSync(join(dir, 'vs-arms-0-vectors-noise.vl.json'), 'utf8')) as {layer: {data: {values: unknown[]}}[]};
    expect(spec.layer[2]!.data.values).to.have.length(8);
    expect(spec.layer[0]!.data.values).to.have.length(4);
    const svg = readFileSync(join(dir, 'vs-arms-0-vectors-noise.svg'), 'utf8');
    expect(svg).to.match(/^<svg/);
    expect(svg).to.contain('arms.0.vectors.noise');
    const means = sweep.aggregates
      .filter((x) => x.metric === sweep.headline)
      .sort((x, y) => y.mean - x.mean)
      .map((x) => x.settingKey);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const order = means.map((k) => readme.indexOf(`| ${k} |`));
    expect(order.every((i) => i > 0)).to.equal(true);
    expect([...order].sort((x, y) => x - y)).to.deep.equal(order);

    const again = await b.cli(['sweep-report', 'rep/sweep.json', '--out', 'rep2']);
    expect(again.code, again.stderr).to.equal(0);
    expect(readFileSync(join(b.dir, 'rep2', 'README.md'), 'utf8')).to.equal(readme);
    expect(readFileSync(join(b.dir, 'rep2', 'vs-arms-0-vectors-noise.svg'), 'utf8')).to.equal(svg);
  });
});
