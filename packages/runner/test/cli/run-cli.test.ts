import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect} from 'chai';
import {deriveSeed} from '@embedlab/core';
import {RUN_ID_PATTERN} from '../../src/run-id.js';
import {sandbox, type Sandbox} from '../helpers/run-cli.js';

const cos = (a: number[], b: number[]) => (a[0]! * b[0]! + a[1]! * b[1]!) / (Math.hypot(a[0]!, a[1]!) * Math.hypot(b[0]!, b[1]!));

describe('exp CLI (in-process)', () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.cleanup());

  describe('list / validate', () => {
    it('lists experiments and every registered component with its summary', async () => {
      const {code, stdout} = await box.cli(['list']);
      expect(code).to.equal(0);
      expect(stdout).to.match(/tiny\s+fixture: two arms/);
      expect(stdout).to.match(/vectors components:\n(.|\n)*table\s+three fixed 2-d vectors/);
      expect(stdout).to.match(/pair-cosine\s+cosine of one word pair/);
      expect(stdout).to.match(/arm-count\s+number of arms/);
    });

    it('validate prints the resolved config with defaults filled in', async () => {
      const {code, stdout} = await box.cli(['validate', 'tiny']);
      expect(code).to.equal(0);
      const config = JSON.parse(stdout);
      expect(config.seed).to.equal(7);
      expect(config.arms[0].vectors).to.deep.equal({type: 'table', noise: 0, trained: false});
      expect(config.evaluation).to.deep.equal({protocol: 'gensim', confidence: 0.95, bootstrapSamples: 1000});
    });

    it('applies --set (JSON, else string) and --seed, then re-validates', async () => {
      const ok = await box.cli(['validate', 'tiny', '--seed', '11', '--set', 'arms.1.vectors.noise=0.5', '--set', 'evaluation.protocol=glove']);
      expect(ok.code, ok.stderr).to.equal(0);
      const config = JSON.parse(ok.stdout);
      expect(config.seed).to.equal(11);
      expect(config.arms[1].vectors.noise).to.equal(0.5);
      expect(config.evaluation.protocol).to.equal('glove');
      const bad = await box.cli(['validate', 'tiny', '--set', 'arms.1.vectors.noise="high"']);
      expect(bad.code).to.equal(1);
      expect(bad.stderr).to.match(/^error: arms\.1\.vectors\.noise: /);
      const badSeed = await box.cli(['validate', 'tiny', '--seed', '1.5']);
      expect(badSeed.code).to.equal(2);
      expect(badSeed.stderr).to.include('--seed expects an integer');
    });

    it('an unknown experiment gets a did-you-mean', async () => {
      const {code, stderr} = await box.cli(['validate', 'tinny']);
      expect(code).to.equal(1);
      expect(stderr).to.include('unknown experiment "tinny"; did you mean "tiny"?');
    });

    it('an unknown config key is an error with its dotted path', async () => {
      const nested = await box.cli(['validate', 'broken-key']);
      expect(nested.code).to.equal(1);
      expect(nested.stderr).to.match(/^error: arms\.0\.vectors\.nosie: unknown key/);
      const top = await box.cli(['validate', 'tiny', '--set', 'evaluation.restrcit=5']);
      expect(top.stderr).to.match(/^error: evaluation\.restrcit: unknown key/);
    });

    it('an unknown component gets a did-you-mean with its path', async () => {
      const {code, stderr} = await box.cli(['validate', 'tiny', '--set', 'arms.0.vectors.type=tabel']);
      expect(code).to.equal(1);
      expect(stderr).to.include('arms.0.vectors.type: unknown vectors "tabel"; did you mean "table"?');
    });

    it('prints help for the program and each command', async () => {
      const top = await box.cli(['--help']);
      expect(top.code).to.equal(0);
      for (const c of ['run', 'list', 'validate', 'report', 'reproduce']) expect(top.stdout).to.include(c);
      const run = await box.cli(['run', '--help']);
      expect(run.stdout).to.include('--set <path=value>');
      const unknown = await box.cli(['frobnicate']);
      expect(unknown.code).to.equal(2);
    });
  });

  describe('run', () => {
    it('writes a complete run folder and a report; numbers match hand-computed cosines', async () => {
      const {code, stdout, stderr} = await box.cli(['run', 'tiny']);
      expect(code, stderr).to.equal(0);
      expect(stdout.split('\n')[0]).to.match(/^exp run tiny: backend cpu .*; data .*; run \d{8}-\d{6}-[0-9a-f]{8}$/);
      const runs = readdirSync(join(box.resultsDir, 'tiny'));
      expect(runs).to.have.length(1);
      expect(runs[0]).to.match(RUN_ID_PATTERN);
      const runDir = join(box.resultsDir, 'tiny', runs[0]!);
      expect(readdirSync(runDir).sort()).to.deep.equal(['artifacts', 'config.resolved.json', 'meta.json', 'metrics.jsonl', 'summary.json']);
      expect(readdirSync(join(runDir, 'artifacts')).sort()).to.deep.equal(['pca.jsonl', 'similarity-pairs.jsonl']);
      expect(readdirSync(join(box.reportsDir, 'tiny')).sort()).to.include.members([
        'README.md',
        'index.html',
        'report.json',
        'meta.json',
        'summary.json',
        'similarity-scatter-fixed.svg',
        'similarity-scatter-fixed.vl.json',
        'pca-fixed.svg',
      ]);
      // Rendered through @embedlab/reports: offline page with the charts' specs inlined, README links the SVGs.
      const html = readFileSync(join(box.reportsDir, 'tiny', 'index.html'), 'utf8');
      expect(html).to.include(`default-src 'none'`).and.include('id="vis-similarity-scatter-fixed"');
      expect(readFileSync(join(box.reportsDir, 'tiny', 'README.md'), 'utf8')).to.include('(similarity-scatter-fixed.svg)');
      // Leads with the question (no experiment README here: the description), folds the full tables.
      const readme = readFileSync(join(box.reportsDir, 'tiny', 'README.md'), 'utf8');
      expect(readme).to.match(/^# tiny\n\n\*\*fixture: two arms of three 2-d vectors, one pair cosine\.\*\*\n/);
      expect(readme.indexOf('](similarity-scatter-fixed.svg)')).to.be.lessThan(readme.indexOf('<details><summary>All results'));
      expect(readme).to.include('<details><summary>Inputs (corpora, vectors, datasets; versions and checksums)</summary>');
      expect(JSON.parse(readFileSync(join(box.reportsDir, 'tiny', 'meta.json'), 'utf8')).runId).to.equal(runs[0]);
      // No staging or old folders left beside the report.
      expect(readdirSync(box.reportsDir)).to.deep.equal(['tiny']);
      expect(readFileSync(join(box.reportsDir, 'tiny', 'similarity-scatter-fixed.svg'), 'utf8')).to.match(/^<svg/);
      const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8'));
      expect(summary.numbers['fixed/similarity/pair/cosine']).to.be.closeTo(cos([1, 0], [1, 1]), 1e-7); // 1/sqrt(2)
      expect(summary.numbers['all/downstream/none/arms']).to.equal(2);
      expect(summary.tolerances).to.deep.equal({'all/downstream/none/arms': 0.02}); // tasks are training numbers
      const committed = readFileSync(join(box.reportsDir, 'tiny', 'summary.json'), 'utf8');
      expect(JSON.parse(committed).numbers).to.deep.equal(summary.numbers);
      expect(stdout).to.match(/similarity pair cosine\s+0\.7071 \[0\.6071, 0\.8071\]/);
    });

    it('meta.json has the required provenance fields', async () => {
      await box.cli(['run', 'tiny', '--seed', '3']);
      const [runId] = readdirSync(join(box.resultsDir, 'tiny'));
      const meta = JSON.parse(readFileSync(join(box.resultsDir, 'tiny', runId!, 'meta.json'), 'utf8'));
      for (const key of ['git', 'node', 'tfjs', 'packages', 'backend', 'seeds', 'inputs', 'protocol', 'startedAt', 'endedAt', 'argv']) {
        expect(meta, key).to.have.property(key);
      }
      expect(meta.git).to.have.keys(['commit', 'dirty']);
      expect(meta.node).to.equal(process.version);
      expect(meta.backend.name).to.equal('cpu');
      expect(meta.seeds.run).to.equal(3);
      expect(meta.seeds.components['arms.1.vectors']).to.equal(deriveSeed(3, 'arm:noisy')); // arms seed by name
      expect(meta.protocol.name).to.equal('gensim');
      expect(meta.protocol.hash).to.match(/^[0-9a-f]{16}$/);
      expect(meta.argv).to.deep.equal(['exp', 'run', 'tiny', '--seed', '3']);
      expect(meta.packages['@tensorflow/tfjs']).to.equal(meta.tfjs);
      expect(Date.parse(meta.endedAt)).to.be.at.least(Date.parse(meta.startedAt));
    });

    it('same seed gives the same numbers; another seed other noise', async () => {
      // The run printed by the last `run` call (run ids in the same second sort by hash, not time).
      let last = '';
      const run = async (...argv: string[]) => {
        const r = await box.cli(['run', 'tiny', ...argv]);
        expect(r.code, r.stderr).to.equal(0);
        last = /run complete in [\d.]+s: (.*)/.exec(r.stdout)![1]!;
      };
      const read = () => JSON.parse(readFileSync(join(last, 'summary.json'), 'utf8')).numbers;
      await run('--seed', '5', '--no-report');
      const first = read();
      await run('--seed', '5', '--no-report', '--force');
      expect(read()).to.deep.equal(first);
      await run('--seed', '6', '--no-report');
      expect(read()['noisy/similarity/pair/cosine']).not.to.equal(first['noisy/similarity/pair/cosine']);
    });

    it('seeds arms by name: the same arm gives the same numbers at another position (compare = single runs)', async () => {
      const numbers = async (name: string) => {
        const r = await box.cli(['run', name, '--quiet']);
        expect(r.code, r.stderr).to.equal(0);
        return JSON.parse(readFileSync(join(box.reportsDir, name, 'summary.json'), 'utf8')).numbers;
      };
      const a = await numbers('tiny');
      const b = await numbers('tiny-swapped');
      expect(b['noisy/similarity/pair/cosine']).to.equal(a['noisy/similarity/pair/cosine']);
      expect(b).to.deep.equal(a);
    });

    it('refuses to repeat an identical config without --force', async () => {
      expect((await box.cli(['run', 'tiny', '--quiet'])).code).to.equal(0);
      const again = await box.cli(['run', 'tiny', '--quiet']);
      expect(again.code).to.equal(1);
      expect(again.stderr).to.include('pass --force to run it again');
    });

    it('a run that throws midway leaves no run folder and the old report untouched', async () => {
      expect((await box.cli(['run', 'tiny', '--quiet'])).code).to.equal(0);
      const reportFile = join(box.reportsDir, 'tiny', 'summary.json');
      const before = readFileSync(reportFile, 'utf8');
      const runsBefore = readdirSync(join(box.resultsDir, 'tiny'));
      const failed = await box.cli(['run', 'tiny', '--set', 'arms.1.vectors={"type":"explode"}']);
      expect(failed.code).to.equal(1);
      expect(failed.stderr).to.include('boom: simulated failure midway');
      expect(failed.stdout).to.include('arm fixed: done'); // it did fail midway, after the first arm
      expect(readdirSync(join(box.resultsDir, 'tiny'))).to.deep.equal(runsBefore);
      expect(readFileSync(reportFile, 'utf8')).to.equal(before);
      expect(readdirSync(box.reportsDir)).to.deep.equal(['tiny']);
    });
  });

  describe('report', () => {
    it('re-renders the report of the latest or a named run', async () => {
      await box.cli(['run', 'tiny', '--quiet', '--no-report']);
      expect(existsSync(join(box.reportsDir, 'tiny'))).to.equal(false);
      const [runId] = readdirSync(join(box.resultsDir, 'tiny'));
      const r = await box.cli(['report', 'tiny', runId!]);
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(readFileSync(join(box.reportsDir, 'tiny', 'summary.json'), 'utf8')).runId).to.equal(runId);
      expect(existsSync(join(box.reportsDir, 'tiny', 'similarity-scatter-noisy.svg'))).to.equal(true); // artifacts read back
      const missing = await box.cli(['report', 'tiny', '20990101-000000-deadbeef']);
      expect(missing.code).to.equal(1);
      expect(missing.stderr).to.include('no complete run "20990101-000000-deadbeef"');
    });
  });

  describe('reproduce', () => {
    it('passes on an untouched report and fails, naming the number, when a committed number is edited', async () => {
      expect((await box.cli(['run', 'tiny', '--quiet'])).code).to.equal(0);
      const ok = await box.cli(['reproduce', 'tiny', '--quiet']);
      expect(ok.code, ok.stderr).to.equal(0);
      expect(ok.stdout).to.match(/tiny: all \d+ numbers match/);

      const file = join(box.reportsDir, 'tiny', 'summary.json');
      const summary = JSON.parse(readFileSync(file, 'utf8'));
      summary.numbers['fixed/similarity/pair/cosine'] += 1e-12; // exact numbers: any change is drift
      writeFileSync(file, JSON.stringify(summary, null, 2));
      const bad = await box.cli(['reproduce', 'tiny', '--quiet']);
      expect(bad.code).to.equal(1);
      expect(bad.stderr).to.include('fixed/similarity/pair/cosine');
      expect(bad.stderr).to.include('(exact)');
    });

    it('allows training numbers to move within the committed tolerance', async () => {
      expect((await box.cli(['run', 'tiny', '--quiet'])).code).to.equal(0);
      const file = join(box.reportsDir, 'tiny', 'summary.json');
      const summary = JSON.parse(readFileSync(file, 'utf8'));
      summary.numbers['all/downstream/none/arms'] = 2.01; // tolerance 0.02
      writeFileSync(file, JSON.stringify(summary));
      expect((await box.cli(['reproduce', 'tiny', '--quiet'])).code).to.equal(0);
      summary.numbers['all/downstream/none/arms'] = 2.05;
      writeFileSync(file, JSON.stringify(summary));
      const bad = await box.cli(['reproduce', 'tiny', '--quiet']);
      expect(bad.code).to.equal(1);
      expect(bad.stderr).to.include('all/downstream/none/arms: committed 2.05 -> fresh 2 (tolerance 0.02)');
    });
  });
});

describe('exp run interrupted (Ctrl-C)', () => {
  it('removes the partial run folder, says so, exits 130, and leaves the report alone', async () => {
    const {gate} = await import('../helpers/fixture-registries.js');
    const box = sandbox();
    const realExit = process.exit;
    const exits: (number | string | null | undefined)[] = [];
    try {
      expect((await box.cli(['run', 'tiny', '--quiet'])).code).to.equal(0);
      const reportBefore = readFileSync(join(box.reportsDir, 'tiny', 'summary.json'), 'utf8');
      gate.reset();
      process.exit = ((code?: number | string | null) => void exits.push(code)) as typeof process.exit;
      const running = box.cli(['run', 'tiny', '--set', 'arms.1.vectors={"type":"wait"}']);
      await gate.entered;
      const partial = readdirSync(join(box.resultsDir, 'tiny')).filter((d) => d.endsWith('.incomplete'));
      expect(partial).to.have.length(1); // the run is in progress
      process.emit('SIGINT', 'SIGINT');
      expect(exits).to.deep.equal([130]);
      expect(readdirSync(join(box.resultsDir, 'tiny')).filter((d) => d.endsWith('.incomplete'))).to.deep.equal([]);
      gate.release(); // (exit was stubbed, so the run goes on and fails: its folder is gone)
      const result = await running;
      expect(result.stderr).to.include('interrupted by SIGINT; the partial run folder was removed and no report was touched');
      expect(result.code).to.equal(1);
      expect(readdirSync(join(box.resultsDir, 'tiny'))).to.have.length(1); // only the first, complete run
      expect(readFileSync(join(box.reportsDir, 'tiny', 'summary.json'), 'utf8')).to.equal(reportBefore);
    } finally {
      process.exit = realExit;
      box.cleanup();
    }
  });
});

describe('exp (subprocess)', () => {
  it('cli.ts --help exits 0 and lists the commands', async () => {
    const {execFileSync} = await import('node:child_process');
    const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--conditions=@embedlab/source', '--import', 'tsx', cli, '--help'], {encoding: 'utf8'});
    for (const c of ['run', 'validate', 'list', 'report', 'reproduce', 'eval', 'datasets', 'vectors']) expect(out).to.include(c);
  });
});
