import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import type {TopLevelSpec} from 'vega-lite';
import {buildReportFiles, renderSvg, writeReport} from '../src/index.js';
import {NASTY_WORDS, sampleReport} from './fixtures/sample-report.js';

/** name -> content of every file in a folder. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

describe('writeReport', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'embedlab-reports-'));
  });
  afterEach(() => rmSync(work, {recursive: true, force: true}));

  it('writes index.html, README.md, report.json and an svg + vl.json per chart', async () => {
    const report = sampleReport();
    const dir = join(work, 'nested', 'report');
    const written = await writeReport(dir, report);
    expect(written.dir).to.equal(dir);
    const expected = [...report.charts.flatMap((c) => [`${c.id}.svg`, `${c.id}.vl.json`]), 'index.html', 'README.md', 'report.json'];
    expect(written.files).to.deep.equal(expected);
    expect(readdirSync(dir).sort()).to.deep.equal([...expected].sort());
    for (const chart of report.charts) {
      expect(JSON.parse(readFileSync(join(dir, `${chart.id}.vl.json`), 'utf8'))).to.deep.equal(chart.spec);
      expect(readFileSync(join(dir, `${chart.id}.svg`), 'utf8')).to.equal(`${await renderSvg(chart.spec)}\n`);
    }
    // Only the report folder itself is left in the parent: no staging or old folders.
    expect(readdirSync(join(work, 'nested'))).to.deep.equal(['report']);
  });

  it('embeds the specs so no word can break out of a script element', async () => {
    const report = sampleReport();
    const files = await buildReportFiles(report);
    const html = files.get('index.html')!;
    // 3 vendored libraries + the spec JSON + the bootstrap: every script element is ours, opened and closed once.
    expect(html.match(/<script\b/gi)).to.have.length(5);
    expect(html.match(/<\/script/gi)).to.have.length(5);
    const json = /<script type="application\/json" id="embedlab-charts">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(json).to.not.match(/[<>]/);
    const embedded = JSON.parse(json) as {id: string; spec: TopLevelSpec}[];
    expect(embedded).to.deep.equal(report.charts.map((c) => ({id: c.id, spec: c.spec})));
    // Titles, subtitle, captions and meta are escaped text, never markup.
    expect(html).to.include('<h1>Sample &lt;report&gt; &amp; &quot;friends&quot;</h1>');
    expect(html).to.include('<p class="subtitle">run &lt;/script&gt; test</p>');
    // (`</script>` alone is covered by the tag count above.)
    for (const word of NASTY_WORDS.filter((w) => w.includes('<') && w !== '</script>')) expect(html.includes(word), word).to.equal(false);
    // Offline: no http(s) source of any kind is referenced by an attribute.
    expect(html).to.not.match(/\s(src|href)="https?:/);
    expect(html).to.include(`default-src 'none'`);
  });

  it('writes a README with the title, meta, tables and an image per chart', async () => {
    const report = sampleReport();
    const readme = (await buildReportFiles(report)).get('README.md')!;
    expect(readme.startsWith('# Sample &lt;report&gt; &amp; "friends"\n')).to.equal(true);
    expect(readme).to.include('| Run id | r-2024-01-01-abc |');
    expect(readme).to.include('| Backend | wasm |');
    expect(readme).to.include('| Protocol | gensim-4.2 evaluate\\_word\\_pairs &lt;/script&gt; |');
    expect(readme).to.include('| seed | 42 |');
    expect(readme).to.include('| ws353\\|rel | sha256:4567ef01 |');
    // The config holds ``` so the fence is four backticks.
    expect(readme).to.include('````json\n{\n  "epochs": 3,');
    expect(readme).to.include(`## Headline \\| numbers\n\n${report.tables![0]!.markdown}`);
    for (const chart of report.charts) expect(readme).to.include(`## ${chart.title}\n\n![${chart.title}](${chart.id}.svg)`);
    expect(readme).to.include('Bars are point estimates; &lt;/script&gt; rules are intervals.');
    // Results before provenance: tables, then charts, then run, checksums and config.
    const at = (s: string) => readme.indexOf(s);
    const lastChart = report.charts[report.charts.length - 1]!;
    expect(at('## Headline')).to.be.lessThan(at(`## ${lastChart.title}`));
    expect(at(`## ${lastChart.title}`)).to.be.lessThan(at('## Run'));
    expect(at('## Run')).to.be.lessThan(at('### Dataset checksums'));
    expect(at('### Dataset checksums')).to.be.lessThan(at('### Config'));
  });

  it('leads with the question, the headline chart and the open tables; folded tables follow the charts in <details>', async () => {
    const base = sampleReport();
    const report = {
      ...base,
      question: 'Does <b>this</b> help?',
      notes: ['Explore: pnpm exp explore results/x/<run>'],
      tables: [...base.tables!, {title: 'Per <section>', markdown: '| a | b |\n| --- | --- |\n| 1 | 2 |\n', collapsed: true}],
    };
    const files = await buildReportFiles(report);
    const headline = report.charts[0]!;
    const second = report.charts[1]!;
    for (const [name, text, marks] of [
      [
        'README.md',
        files.get('README.md')!,
        {
          question: '**Does &lt;b&gt;this&lt;/b&gt; help?**',
          headline: `## ${headline.title}`,
          table: '## Headline',
          note: 'Explore: pnpm exp explore results/x/&lt;run&gt;',
          second: `## ${second.title}`,
          folded: '<details><summary>Per &lt;section&gt;</summary>\n\n| a | b |',
          run: '## Run',
        },
      ],
      [
        'index.html',
        files.get('index.html')!,
        {
          question: '<p class="question">Does &lt;b&gt;this&lt;/b&gt; help?</p>',
          headline: `id="chart-${headline.id}"`,
          table: '<h2>Headline',
          note: '<p class="note">Explore: pnpm exp explore results/x/&lt;run&gt;</p>',
          second: `id="chart-${second.id}"`,
          folded: '<details class="table"><summary>Per &lt;section&gt;</summary>',
          run: '<h2>Run</h2>',
        },
      ],
    ] as const) {
      const order = Object.entries(marks).map(([k, m]) => [k, text.indexOf(m)] as const);
      for (const [k, i] of order) expect(i, `${name}: ${k}`).to.be.greaterThan(-1);
      expect(
        order.map(([k]) => k),
        name,
      ).to.deep.equal([...order].sort((x, y) => x[1] - y[1]).map(([k]) => k));
    }
  });

  it('gives byte-identical files when written twice', async () => {
    await writeReport(join(work, 'a'), sampleReport());
    await writeReport(join(work, 'b'), sampleReport());
    expect(snapshot(join(work, 'a'))).to.deep.equal(snapshot(join(work, 'b')));
  });

  it('replaces an earlier report completely', async () => {
    const dir = join(work, 'report');
    await writeReport(dir, sampleReport());
    const report = sampleReport();
    const written = await writeReport(dir, {...report, title: 'Second', charts: report.charts.slice(0, 1)});
    expect(readdirSync(dir).sort()).to.deep.equal([...written.files].sort());
    expect(readFileSync(join(dir, 'README.md'), 'utf8').startsWith('# Second\n')).to.equal(true);
    expect(readdirSync(work)).to.deep.equal(['report']);
  });

  it('leaves the old report intact when a chart fails to render', async () => {
    const dir = join(work, 'report');
    await writeReport(dir, sampleReport());
    const before = snapshot(dir);
    const report = sampleReport();
    const broken = {...report, charts: [...report.charts, {id: 'broken', title: 'Broken', spec: {mark: 'no-such-mark'} as unknown as TopLevelSpec}]};
    await expectThrows(() => writeReport(dir, broken), 'chart "broken" failed to render, nothing was written');
    expect(snapshot(dir)).to.deep.equal(before);
    expect(readdirSync(work)).to.deep.equal(['report']);
  });

  it('leaves the old report intact when the renderer fails midway', async () => {
    const dir = join(work, 'report');
    await writeReport(dir, sampleReport());
    const before = snapshot(dir);
    let calls = 0;
    const render = async (spec: TopLevelSpec) => {
      if (++calls === 3) throw new Error('out of memory (simulated)');
      return renderSvg(spec);
    };
    await expectThrows(() => writeReport(dir, {...sampleReport(), title: 'New'}, {render}), 'out of memory (simulated)');
    expect(snapshot(dir)).to.deep.equal(before);
    expect(readdirSync(work)).to.deep.equal(['report']);
  });

  it('refuses to replace a folder that holds something other than a report', async () => {
    const dir = join(work, 'results');
    mkdirSync(dir);
    writeFileSync(join(dir, 'rows.jsonl'), '{}\n');
    await expectThrows(() => writeReport(dir, sampleReport()), 'refusing to replace');
    expect(readdirSync(dir)).to.deep.equal(['rows.jsonl']);
    // An empty folder is fine.
    const empty = join(work, 'empty');
    mkdirSync(empty);
    await writeReport(empty, sampleReport());
    expect(existsSync(join(empty, 'index.html'))).to.equal(true);
  });

  it('rejects chart ids that are not safe file names, or repeat', async () => {
    const report = sampleReport();
    const chart = report.charts[0]!;
    await expectThrows(() => writeReport(join(work, 'r'), {...report, charts: [{...chart, id: '../evil'}]}), '"../evil"');
    await expectThrows(() => writeReport(join(work, 'r'), {...report, charts: [chart, {...chart, id: chart.id.toUpperCase()}]}), 'used twice');
    expect(existsSync(join(work, 'r'))).to.equal(false);
  });

  it('writes extra files beside the report, swapped in with it, and refuses unsafe or reserved names', async () => {
    const dir = join(work, 'r');
    await writeReport(dir, sampleReport(), {extraFiles: {'summary.json': '{"a":1}\n', 'meta.json': '{}\n'}});
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).to.equal('{"a":1}\n');
    expect(readFileSync(join(dir, 'meta.json'), 'utf8')).to.equal('{}\n');
    // A later report without them replaces the folder, extra files included.
    await writeReport(dir, sampleReport());
    expect(existsSync(join(dir, 'summary.json'))).to.equal(false);
    await expectThrows(() => writeReport(join(work, 's'), sampleReport(), {extraFiles: {'../x.json': ''}}), '"../x.json"');
    await expectThrows(() => writeReport(join(work, 's'), sampleReport(), {extraFiles: {'INDEX.html': ''}}), 'would overwrite a report file');
    expect(existsSync(join(work, 's'))).to.equal(false);
  });
});
