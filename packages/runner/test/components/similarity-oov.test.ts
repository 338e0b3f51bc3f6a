/**
 * The `similarity-oov` evaluator on a hand-made fixture (the evaluators' test/similarity-oov.test.ts): every
 * treatment's Spearman derived by hand, coverage, the filled treatment only for an arm with a filler, the
 * frequency buckets of the rarer word's rank in a reference table, and the charts.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'chai';
import {WordVectors} from '@embedlab/core';
import {similarityOov} from '../../src/components/similarity-oov.js';
import type {BuildContext} from '../../src/context.js';
import {silentProgress} from '../../src/progress.js';
import {bucketOrder, oovCharts} from '../../src/report-charts-oov.js';
import type {MetricRow} from '../../src/metric-row.js';

function context(): BuildContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    seed: 7,
    runSeed: 5,
    path: 'evaluators.0',
    dataDir: undefined,
    cacheDir: tmpdir(),
    env: {},
    evaluation: {protocol: 'gensim', confidence: 0.95, bootstrapSamples: 100},
    progress: silentProgress,
    log: () => {},
    memo: <T>(k: string, make: () => Promise<T>) => {
      if (!memo.has(k)) memo.set(k, make());
      return memo.get(k) as Promise<T>;
    },
    recordInput: () => {},
    addArtifact: () => {},
  };
}

describe('similarity-oov evaluator (skip / zeros / mean / filled, frequency buckets)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-oov-'));
    // cos(a,b) = 0.894, cos(b,c) = 0.447, cos(a,c) = 0; x and y unknown (see the evaluators' test)
    writeFileSync(join(dir, 'pairs.tsv'), 'a\tb\t4\nb\tc\t3\na\tc\t1\na\tx\t2\nc\ty\t5\n');
    writeFileSync(join(dir, 'ranks.txt'), 'a 1 0\nb 2 1\nc 0 1\nd -1 1\n'); // frequency order a, b, c, d
  });
  after(() => rmSync(dir, {recursive: true, force: true}));

  const vectors = WordVectors.fromEntries([
    ['a', [1, 0]],
    ['b', [2, 1]],
    ['c', [0, 1]],
    ['d', [-1, 1]],
  ]);

  it('gives the hand-derived Spearman per treatment, coverage 0.6, buckets by the rarer word', async () => {
    const p = similarityOov.params.parse({
      datasets: [],
      files: [join(dir, 'pairs.tsv')],
      rankSource: join(dir, 'ranks.txt'),
      bucketEdges: [1, 3],
      minBucketPairs: 3,
    });
    const evaluator = await similarityOov.create(p, context());
    const filler = {name: 'fixture', vector: (w: string) => (w === 'x' ? [1, 0.1] : w === 'y' ? [0, 1] : null)};
    const rows = await evaluator.evaluate({vectors, trained: false, filler}, context());
    const get = (section: string, metric: string) => rows.find((r) => r.section === section && r.metric === metric && r.task === 'similarity-oov')!;
    expect(get('skip', 'spearman').value).to.be.closeTo(1, 1e-12);
    expect(get('skip', 'spearman').n).to.equal(3);
    expect(get('zeros', 'spearman').value).to.be.closeTo(3 / Math.sqrt(80), 1e-12);
    expect(get('mean', 'spearman').value).to.be.closeTo(0.8, 1e-12);
    expect(get('filled', 'spearman').value).to.be.closeTo(0.7, 1e-12);
    for (const s of ['skip', 'zeros', 'mean', 'filled']) expect(get(s, 'coverage').value).to.equal(0.6);
    // buckets: the three known pairs have their rarer word at rank 1-2 (bucket `rank 1-3`); the two with
    // x or y are `not in ...` and have too few pairs (2 < 3) for a Spearman
    const freq = rows.filter((r) => r.task === 'similarity-frequency');
    expect(freq.map((r) => r.section)).to.deep.equal(['skip rank 1-3', 'zeros rank 1-3', 'mean rank 1-3', 'filled rank 1-3']);
    for (const r of freq) expect([r.value, r.n, r.detail]).to.deep.equal([1, 3, true]);
    // without a filler there is no filled treatment
    const plain = await evaluator.evaluate({vectors, trained: false}, context());
    expect([...new Set(plain.filter((r) => r.task === 'similarity-oov').map((r) => r.section))]).to.deep.equal(['skip', 'zeros', 'mean']);
    const charts = oovCharts(
      rows.map((r) => ({...r, arm: 'glove'}) as MetricRow),
      'sub',
    );
    expect(charts.map((c) => c.name)).to.deep.equal(['similarity-oov', 'similarity-frequency']);
  });

  it('orders bucket labels by their lower rank', () => {
    const labels = ['not in glove-6b-100d', 'rank >=100k', 'rank 10k-50k', 'rank <10k', 'rank 50k-100k'];
    expect([...labels].sort((a, b) => bucketOrder(a) - bucketOrder(b))).to.deep.equal([
      'rank <10k',
      'rank 10k-50k',
      'rank 50k-100k',
      'rank >=100k',
      'not in glove-6b-100d',
    ]);
  });

  it('refuses an unknown dataset id with a did-you-mean', () => {
    const r = similarityOov.params.safeParse({datasets: ['rw2']});
    expect(r.success).to.equal(false);
    expect(JSON.stringify(r.error?.issues)).to.match(/unknown similarity dataset \\"rw2\\".*rw/);
  });
});
