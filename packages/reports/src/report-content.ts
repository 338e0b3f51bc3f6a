/**
 * Builds every file of a report in memory: charts rendered to SVG, specs as JSON, the offline
 * index.html, README.md for GitHub and a report.json manifest. No IO besides reading the vendored
 * scripts, so a failure here never touches an existing report (see write-report.ts).
 */
import {ArgumentError} from '@embedlab/core';
import type {TopLevelSpec} from 'vega-lite';
import {escapeHtml, inlineScriptCode, markdownTableHtml, scriptSafeJson} from './html.js';
import {escapeMarkdown, fencedBlock, markdownTable} from './markdown.js';
import {messages} from './messages.js';
import {renderSvg} from './render-svg.js';
import {vendorScripts} from './vendor-scripts.js';

/** One chart: `id` names its files (`<id>.svg`, `<id>.vl.json`) and its element in index.html. */
export interface ReportChart {
  id: string;
  title: string;
  spec: TopLevelSpec;
  /** Plain text shown under the chart. */
  caption?: string;
}

/** A Markdown table (e.g. from `markdownTable`), shown as-is in README.md and as an HTML table in index.html. */
export interface ReportTable {
  title: string;
  markdown: string;
  /** Shown folded (`<details>`, in index.html and README.md) after the charts: per-section detail. */
  collapsed?: boolean;
}

/** Provenance shown at the top of the report. Extra keys are shown too (objects as JSON). */
export interface ReportMeta {
  runId?: string;
  backend?: string;
  /** Evaluation protocol, e.g. `gensim-4.2 evaluate_word_pairs, restrict_vocab=300000`. */
  protocol?: string;
  /** The resolved config, shown as JSON. */
  config?: unknown;
  /** Dataset id -> checksum (as given, e.g. `sha256:...`). */
  datasets?: Readonly<Record<string, string>>;
  [key: string]: unknown;
}

export interface ReportInput {
  title: string;
  /** One sentence: what the experiment asks. Shown first, above the headline chart. */
  question?: string;
  subtitle?: string;
  /** Plain-text lines shown after the headline table (e.g. how to explore the vectors). */
  notes?: readonly string[];
  charts: readonly ReportChart[];
  tables?: readonly ReportTable[];
  meta?: ReportMeta;
}

export interface ReportBuildOptions {
  /** Renders one spec to SVG. __Default:__ `renderSvg`. */
  render?: (spec: TopLevelSpec) => Promise<string>;
  /**
   * More files to write into the report folder as-is, name -> content (e.g. the numbers a run stands
   * for), swapped in with the rest. Names are plain file names and may not replace a report file.
   */
  extraFiles?: Readonly<Record<string, string>>;
}

export const REPORT_MANIFEST = 'report.json';
const CHART_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const EXTRA_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkChartIds(charts: readonly ReportChart[]): void {
  const seen = new Set<string>();
  for (const {id} of charts) {
    if (typeof id !== 'string' || !CHART_ID.test(id)) throw new ArgumentError(messages.badChartId(id));
    // Lower-cased: `A.svg` and `a.svg` are one file on case-insensitive file systems.
    if (seen.has(id.toLowerCase())) throw new ArgumentError(messages.duplicateChartId(id));
    seen.add(id.toLowerCase());
  }
}

/** Meta as [label, value] pairs: named fields first, then the rest in the caller's key order. */
function metaFields(meta: ReportMeta): [string, string][] {
  const fields: [string, string][] = [];
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (meta.runId !== undefined) fields.push(['Run id', show(meta.runId)]);
  if (meta.backend !== undefined) fields.push(['Backend', show(meta.backend)]);
  if (meta.protocol !== undefined) fields.push(['Protocol', show(meta.protocol)]);
  for (const [key, value] of Object.entries(meta)) {
    if (['runId', 'backend', 'protocol', 'config', 'datasets'].includes(key) || value === undefined) continue;
    fields.push([key, show(value)]);
  }
  return fields;
}

function readme(report: ReportInput): string {
  const meta = report.meta ?? {};
  const out: string[] = [`# ${escapeMarkdown(report.title)}`, ''];
  if (report.question) out.push(`**${escapeMarkdown(report.question)}**`, '');
  if (report.subtitle) out.push(escapeMarkdown(report.subtitle), '');
  out.push(
    'Open `index.html` for interactive charts (works offline). The headline chart and numbers first, then the other charts, the per-section tables (folded) and how it was made (run, dataset checksums, config).',
    '',
  );
  const {headline, rest, open, folded} = layout(report);
  const chart = (c: ReportChart) => {
    out.push(`## ${escapeMarkdown(c.title)}`, '', `![${escapeMarkdown(c.title)}](${c.id}.svg)`, '');
    if (c.caption) out.push(escapeMarkdown(c.caption), '');
    out.push(`Spec: [\`${c.id}.vl.json\`](${c.id}.vl.json)`, '');
  };
  const body = (t: ReportTable) => (t.markdown.endsWith('\n') ? t.markdown : `${t.markdown}\n`);
  if (headline) chart(headline);
  for (const table of open) out.push(`## ${escapeMarkdown(table.title)}`, '', body(table));
  for (const note of report.notes ?? []) out.push(escapeMarkdown(note), '');
  rest.forEach(chart);
  // GitHub renders <details> in Markdown; the blank lines around the table let it render as a table.
  for (const table of folded) out.push(`<details><summary>${escapeHtml(table.title)}</summary>`, '', body(table), '</details>', '');
  const fields = metaFields(meta);
  if (fields.length > 0) out.push('## Run', '', markdownTable(['Field', 'Value'], fields, {align: 'left'}));
  if (meta.datasets && Object.keys(meta.datasets).length > 0) {
    out.push('### Dataset checksums', '', markdownTable(['Dataset', 'Checksum'], Object.entries(meta.datasets), {align: 'left'}));
  }
  if (meta.config !== undefined) out.push('### Config', '', fencedBlock(JSON.stringify(meta.config, null, 2), 'json'));
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n*$/, '\n');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{margin-bottom:.2em}.question{font-size:1.15em;font-weight:600;margin:.3em 0}.subtitle{color:#555;margin-top:0}
details.table{margin:.6em 0}details.table summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em}th{background:#f4f4f4}
pre{background:#f6f8fa;padding:.8em;overflow:auto;font-size:12px}
.chart{margin:2em 0}.vis{overflow-x:auto}.caption{color:#444}.files{font-size:12px;color:#666}
footer{margin-top:3em;font-size:12px;color:#777}`;

/** Reading order: the headline (first) chart, the open tables, the other charts, the folded tables. */
function layout(report: ReportInput): {headline: ReportChart | undefined; rest: readonly ReportChart[]; open: ReportTable[]; folded: ReportTable[]} {
  const tables = report.tables ?? [];
  return {headline: report.charts[0], rest: report.charts.slice(1), open: tables.filter((t) => !t.collapsed), folded: tables.filter((t) => t.collapsed)};
}

/** The bootstrap script: embed each chart, mark it rendered (or failed), then mark the page done. */
const BOOTSTRAP = `
(function () {
  var charts = JSON.parse(document.getElementById('embedlab-charts').textContent);
  Promise.all(charts.map(function (chart) {
    var el = document.getElementById('vis-' + chart.id);
    return vegaEmbed(el, chart.spec, {actions: false, renderer: 'svg'}).then(function () {
      el.setAttribute('data-rendered', 'yes');
    }, function (error) {
      el.setAttribute('data-rendered', 'error');
      el.textContent = 'This chart failed to render: ' + error;
      console.error(error);
    });
  })).then(function () { document.body.setAttribute('data-embedlab-done', 'yes'); });
})();`;

function indexHtml(report: ReportInput): string {
  const meta = report.meta ?? {};
  const vendors = vendorScripts();
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load from the network; Vega compiles expressions with Function, hence 'unsafe-eval'.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:">`,
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(report.title)}</h1>`,
  ];
  if (report.question) parts.push(`<p class="question">${escapeHtml(report.question)}</p>`);
  if (report.subtitle) parts.push(`<p class="subtitle">${escapeHtml(report.subtitle)}</p>`);
  const {headline, rest, open, folded} = layout(report);
  const chartHtml = (chart: ReportChart) =>
    parts.push(
      `<section class="chart" id="chart-${chart.id}">`,
      `<h2>${escapeHtml(chart.title)}</h2>`,
      `<div class="vis" id="vis-${chart.id}"></div>`,
      ...(chart.caption ? [`<p class="caption">${escapeHtml(chart.caption)}</p>`] : []),
      `<p class="files"><a href="${chart.id}.svg">${chart.id}.svg</a> · <a href="${chart.id}.vl.json">${chart.id}.vl.json</a></p>`,
      '</section>',
    );
  if (headline) chartHtml(headline);
  for (const table of open) parts.push(`<h2>${escapeHtml(table.title)}</h2>`, markdownTableHtml(table.markdown));
  for (const note of report.notes ?? []) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  rest.forEach(chartHtml);
  for (const table of folded)
    parts.push(`<details class="table"><summary>${escapeHtml(table.title)}</summary>`, markdownTableHtml(table.markdown), '</details>');
  const fields = metaFields(meta);
  if (fields.length > 0) {
    parts.push('<h2>Run</h2>', '<table class="meta"><tbody>');
    for (const [k, v] of fields) parts.push(`<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`);
    parts.push('</tbody></table>');
  }
  if (meta.datasets && Object.keys(meta.datasets).length > 0) {
    parts.push('<h3>Dataset checksums</h3>', '<table class="datasets"><thead><tr><th>Dataset</th><th>Checksum</th></tr></thead><tbody>');
    for (const [k, v] of Object.entries(meta.datasets)) parts.push(`<tr><td>${escapeHtml(k)}</td><td><code>${escapeHtml(String(v))}</code></td></tr>`);
    parts.push('</tbody></table>');
  }
  if (meta.config !== undefined) {
    parts.push('<details><summary>Config</summary>', `<pre>${escapeHtml(JSON.stringify(meta.config, null, 2))}</pre>`, '</details>');
  }
  parts.push(`<footer>Charts by ${vendors.map((v) => `${escapeHtml(v.name)} ${escapeHtml(v.version)}`).join(', ')} (inlined).</footer>`);
  for (const vendor of vendors) parts.push(`<script>/* ${vendor.name} ${vendor.version} */\n${inlineScriptCode(vendor.code)}\n</script>`);
  parts.push(
    `<script type="application/json" id="embedlab-charts">${scriptSafeJson(report.charts.map((c) => ({id: c.id, spec: c.spec})))}</script>`,
    `<script>${BOOTSTRAP}\n</script>`,
    '</body>',
    '</html>',
    '',
  );
  return parts.join('\n');
}

/**
 * Every file of the report, name -> content, in a fixed order. Renders all charts first; throws (naming
 * the chart) if any fails.
 */
export async function buildReportFiles(report: ReportInput, options: ReportBuildOptions = {}): Promise<Map<string, string>> {
  checkChartIds(report.charts);
  const render = options.render ?? ((spec: TopLevelSpec) => renderSvg(spec));
  const files = new Map<string, string>();
  for (const chart of report.charts) {
    let svg: string;
    try {
      svg = await render(chart.spec);
    } catch (error) {
      throw new ArgumentError(messages.chartFailed(chart.id, error instanceof Error ? error.message : String(error)));
    }
    files.set(`${chart.id}.svg`, svg.endsWith('\n') ? svg : `${svg}\n`);
    files.set(`${chart.id}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
  }
  files.set('index.html', indexHtml(report));
  files.set('README.md', readme(report));
  const manifest = {
    format: 'embedlab-report',
    version: 1,
    title: report.title,
    question: report.question,
    subtitle: report.subtitle,
    charts: report.charts.map((c) => ({id: c.id, title: c.title, caption: c.caption, svg: `${c.id}.svg`, spec: `${c.id}.vl.json`})),
    tables: (report.tables ?? []).map((t) => t.title),
    notes: report.notes ?? [],
    meta: report.meta ?? {},
  };
  files.set(REPORT_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, content] of Object.entries(options.extraFiles ?? {})) {
    if (!EXTRA_FILE.test(name)) throw new ArgumentError(messages.badExtraFile(name));
    if ([...files.keys()].some((f) => f.toLowerCase() === name.toLowerCase())) throw new ArgumentError(messages.reservedExtraFile(name));
    files.set(name, content);
  }
  return files;
}
