/**
 * `exp report <experiment> --from-committed`: re-render reports/<experiment>/ in the current layout from
 * what is committed there, when the run folder is gone and re-running costs too much. Reads
 * report.json (charts, table titles), README.md (the tables' Markdown), the charts' `.vl.json` and
 * `.svg` (reused, not re-rendered), summary.json (the numbers) and meta.json (the run record).
 * summary.json and meta.json are written back byte for byte; only README.md, index.html, report.json
 * and the chart files are rewritten.
 *
 * What a fresh render computes from metrics.jsonl is rebuilt here from summary.json: the headline table
 * goes through the same `primaryCells`, from rows parsed out of the summary keys. summary.json drops the
 * rows' `detail` flag; `isPrimary` only keeps sectionless / `overall` rows and downstream settings, and
 * no component writes a detail row with a primary metric there, so the table comes out the same. The
 * other tables need rows that summary.json does not keep (detail flags, artifacts), so their committed
 * Markdown is reused; the inputs table is rebuilt from meta.json (versions resolved as a fresh render does).
 */
import {SEED_SPREAD_TITLE, seedSpreadTable} from './seed-spread.js';
import {existsSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {ConfigError} from '@embedlab/core';
import {markdownTable, writeReport, type ReportChart, type ReportTable} from '@embedlab/reports';
import {escapeHtml, escapeMarkdown} from '@embedlab/reports/internal';
import type {RunMeta} from './meta.js';
import type {MetricRow} from './metric-row.js';
import {HEADLINE_TITLE, INPUTS_TITLE, SUMMARY_FILE, inputRows, inputsTable, reportMeta, reportSubtitle, swapDir} from './report.js';
import {experimentQuestion, exploreNote, headlineFirst, primaryCells} from './report-headline.js';
import type {Summary} from './summary.js';
import {didYouMean} from './did-you-mean.js';

/** Tables renamed since older reports were written: old title -> current title. */
const RENAMED_TABLES: Readonly<Record<string, string>> = {
  'Results (95% bootstrap intervals in brackets; coverage = share of items scored)':
    'All results (95% bootstrap intervals in brackets; coverage = share of items scored)',
};
const REBUILT_TABLES = new Set([HEADLINE_TITLE, INPUTS_TITLE, 'Inputs']);

interface CommittedManifest {
  format?: unknown;
  charts?: {id: string; title: string; caption?: string; svg?: string; spec?: string}[];
  tables?: string[];
}

/**
 * Rows from summary.json keys (`arm/task/dataset[/section]/metric`, `:lo` / `:hi` for interval ends), in
 * the summary's key order, which is the order of the run's rows.
 */
export function rowsFromSummary(summary: Pick<Summary, 'numbers'>, where = SUMMARY_FILE): MetricRow[] {
  const rows = new Map<string, MetricRow>();
  for (const [key, value] of Object.entries(summary.numbers)) {
    const [base, end] = key.split(':') as [string, string | undefined];
    const parts = base.split('/');
    if ((parts.length !== 4 && parts.length !== 5) || (end !== undefined && end !== 'lo' && end !== 'hi')) {
      throw new ConfigError(where, `numbers: key "${key}" is not arm/task/dataset[/section]/metric[:lo|:hi]`);
    }
    let row = rows.get(base);
    if (!row) {
      const [arm, task, dataset] = parts as [string, string, string];
      row = {arm, task, dataset, ...(parts.length === 5 ? {section: parts[3] as string} : {}), metric: parts[parts.length - 1] as string, value: Number.NaN};
      rows.set(base, row);
    }
    // JSON has no NaN: a NaN number is committed as null.
    const v = typeof value === 'number' ? value : Number.NaN;
    if (end === 'lo') row.lo = v;
    else if (end === 'hi') row.hi = v;
    else row.value = v;
  }
  return [...rows.values()];
}

/**
 * The Markdown tables of a committed README.md by title, in either layout: `## <title>` followed by the
 * table (older reports) or `<details><summary><title></summary>` then the table (folded).
 */
export function readmeTables(readme: string): Map<string, string> {
  const tables = new Map<string, string>();
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heading = /^## (.*)$/.exec(line)?.[1] ?? /^<details><summary>(.*)<\/summary>$/.exec(line)?.[1];
    if (heading === undefined) continue;
    let j = i + 1;
    while (j < lines.length && (lines[j] as string).trim() === '') j++;
    const body: string[] = [];
    while (j < lines.length && (lines[j] as string).startsWith('|')) body.push(lines[j++] as string);
    if (body.length) tables.set(heading, `${body.join('\n')}\n`);
  }
  return tables;
}

function committedTable(tables: Map<string, string>, title: string, where: string): string {
  const markdown = tables.get(escapeMarkdown(title)) ?? tables.get(escapeHtml(title));
  if (markdown === undefined) throw new ConfigError(where, `report.json lists the table "${title}" but README.md has no such table`);
  return markdown;
}

export interface FromCommittedOptions {
  /** Where the experiment READMEs are (the `**Question.**` opens the report). */
  experimentsDir?: string;
}

export async function reportFromCommitted(reportsDir: string, experiment: string, options: FromCommittedOptions = {}): Promise<string> {
  const target = join(reportsDir, experiment);
  const file = (name: string) => join(target, name);
  if (!existsSync(target)) {
    const committed = existsSync(reportsDir) ? readdirSync(reportsDir).filter((d) => existsSync(join(reportsDir, d, SUMMARY_FILE))) : [];
    throw new ConfigError(target, `no committed report${didYouMean(experiment, committed)}`);
  }
  for (const name of ['report.json', SUMMARY_FILE, 'meta.json', 'README.md']) {
    if (!existsSync(file(name)))
      throw new ConfigError(
        file(name),
        `no committed ${name}: --from-committed re-renders a report folder that holds report.json, summary.json, meta.json and README.md`,
      );
  }
  const summaryText = readFileSync(file(SUMMARY_FILE), 'utf8');
  const metaText = readFileSync(file('meta.json'), 'utf8');
  const manifest = JSON.parse(readFileSync(file('report.json'), 'utf8')) as CommittedManifest;
  if (manifest.format !== 'embedlab-report') throw new ConfigError(file('report.json'), 'format: expected "embedlab-report"');
  const summary = JSON.parse(summaryText) as Summary;
  const meta = JSON.parse(metaText) as RunMeta;
  const config = summary.config;
  if (config?.name !== experiment)
    throw new ConfigError(file(SUMMARY_FILE), `config.name: "${String(config?.name)}" is not the report folder's "${experiment}"`);

  // Charts: committed specs and SVGs, headline chart first.
  const svgs = new Map<object, string>();
  const charts: ReportChart[] = headlineFirst((manifest.charts ?? []).map((c) => ({...c, name: c.id}))).map((c) => {
    const spec = JSON.parse(readFileSync(file(c.spec ?? `${c.id}.vl.json`), 'utf8')) as ReportChart['spec'];
    svgs.set(spec, readFileSync(file(c.svg ?? `${c.id}.svg`), 'utf8'));
    return {id: c.id, title: c.title, spec, ...(c.caption ? {caption: c.caption} : {})};
  });

  // Tables: the headline computed as a fresh render does, the committed ones folded, inputs rebuilt.
  const committed = readmeTables(readFileSync(file('README.md'), 'utf8'));
  const tables: ReportTable[] = [];
  const summaryRows = rowsFromSummary(summary, file(SUMMARY_FILE));
  const primary = primaryCells(
    summaryRows,
    config.arms.map((a) => a.name),
  );
  if (primary.body.length) tables.push({title: HEADLINE_TITLE, markdown: markdownTable(primary.header, primary.body)});
  const spread = seedSpreadTable(reportsDir, summaryRows);
  if (spread) tables.push(spread);
  for (const title of manifest.tables ?? []) {
    if (REBUILT_TABLES.has(title) || title.startsWith(SEED_SPREAD_TITLE)) continue;
    tables.push({title: RENAMED_TABLES[title] ?? title, markdown: committedTable(committed, title, file('README.md')), collapsed: true});
  }
  const {datasets, inputs} = inputRows(meta);
  tables.push(inputsTable(inputs));

  // Nothing in the folder may be lost: every committed file is one the render writes again.
  const written = new Set(['README.md', 'index.html', 'report.json', SUMMARY_FILE, 'meta.json', ...charts.flatMap((c) => [`${c.id}.svg`, `${c.id}.vl.json`])]);
  const stray = readdirSync(target).filter((f) => !written.has(f));
  if (stray.length) throw new ConfigError(target, `holds files the re-render would drop: ${stray.join(', ')}`);

  const question = (options.experimentsDir && experimentQuestion(options.experimentsDir, config.name)) || `${config.description}.`;
  const note = exploreNote(config, meta.runId);
  const staged = join(reportsDir, `.${experiment}.staging-${process.pid}`);
  rmSync(staged, {recursive: true, force: true});
  try {
    await writeReport(
      staged,
      {
        title: config.name,
        question,
        ...(note ? {notes: [note]} : {}),
        subtitle: reportSubtitle(config, question),
        charts,
        tables,
        meta: reportMeta(config, meta, datasets),
      },
      {
        // The committed SVG of each spec; a spec without one is a bug here, not something to re-render silently.
        render: async (spec) => {
          const svg = svgs.get(spec);
          if (svg === undefined) throw new Error('no committed SVG for this chart');
          return svg;
        },
        extraFiles: {[SUMMARY_FILE]: summaryText, 'meta.json': metaText},
      },
    );
    swapDir(staged, target);
  } catch (error) {
    rmSync(staged, {recursive: true, force: true});
    throw error;
  }
  return target;
}
