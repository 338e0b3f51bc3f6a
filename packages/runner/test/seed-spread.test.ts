import {expect} from 'chai';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {MetricRow} from '../src/metric-row.js';
import {SEED_SPREAD_TITLE, seedSpreadTable} from '../src/seed-spread.js';

describe('seed spread next to item intervals', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'embedlab-spread-'))));
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  const rows: MetricRow[] = [
    {arm: 'tuned', task: 'analogy', dataset: 'google-analogy', section: 'overall', metric: 'accuracy', value: 0.6, lo: 0.58, hi: 0.62},
    {arm: 'tuned', task: 'similarity', dataset: 'simlex-999', metric: 'spearman', value: 0.35, lo: 0.3, hi: 0.4},
    {arm: 'tuned', task: 'similarity', dataset: 'simlex-999', metric: 'coverage', value: 1},
    {arm: 'frozen', task: 'similarity', dataset: 'simlex-999', metric: 'spearman', value: 0.3, lo: 0.25, hi: 0.35},
  ];
  const sweep = (experiment: string, axes: string[] = []) => ({
    format: 'embedlab-sweep',
    experiment,
    level: 0.95,
    sweepId: 'sweep-abc',
    axes,
    aggregates: [
      {settingKey: '', metric: 'tuned/analogy/google-analogy/overall/accuracy', n: 5, mean: 0.601, sd: 0.002, lo: 0.5985, hi: 0.6035, seeds: [1, 2, 3, 4, 5]},
      {settingKey: '', metric: 'tuned/similarity/simlex-999/spearman', n: 5, mean: 0.349, sd: 0.004, lo: 0.344, hi: 0.354, seeds: [1, 2, 3, 4, 5]},
      {settingKey: '', metric: 'tuned/similarity/simlex-999/coverage', n: 5, mean: 1, sd: 0, lo: 1, hi: 1, seeds: [1, 2, 3, 4, 5]},
    ],
  });
  const put = (name: string, json: object) => {
    mkdirSync(join(dir, name), {recursive: true});
    writeFileSync(join(dir, name, 'sweep.json'), JSON.stringify(json));
  };

  it('one row per primary metric of a swept arm: the run with its item interval, the seeds with theirs', () => {
    put('sweep-tuned', sweep('tuned'));
    const t = seedSpreadTable(dir, rows)!;
    expect(t.title.startsWith(SEED_SPREAD_TITLE)).to.equal(true);
    expect(t.title).to.include('reports/sweep-tuned (sweep-abc, 95% t interval over seeds)');
    const lines = t.markdown.replace(/\\/g, '').trim().split('\n').slice(2); // markdown escapes the brackets
    expect(lines).to.have.length(2); // coverage is not primary; the frozen arm has no sweep
    expect(lines[0]).to.match(/\| tuned \| google-analogy accuracy \| .*\| 0\.0200 \| 0\.6010 \[0\.5985, 0\.6035\] \| 0\.0020 \| 5 \(1,2,3,4,5\) \|/);
    expect(lines[1]).to.match(/\| tuned \| simlex-999 spearman \| .*\| 0\.0500 \| 0\.3490 \[0\.3440, 0\.3540\] \| 0\.0040 \|/);
  });

  it('nothing without a seeds-only sweep of an experiment named like the arm', () => {
    expect(seedSpreadTable(dir, rows)).to.equal(undefined);
    put('sweep-tuned', sweep('other'));
    expect(seedSpreadTable(dir, rows)).to.equal(undefined);
    put('sweep-tuned', sweep('tuned', ['arms.0.vectors.dim']));
    expect(seedSpreadTable(dir, rows)).to.equal(undefined);
  });
});
