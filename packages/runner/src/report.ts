/**
 * Renders `reports/<experiment>/` from a completed run through @embedlab/reports' `writeReport`:
 * index.html (offline, interactive), `<chart>.svg` rendered in Node + `<chart>.vl.json`, README.md
 * (tables and the SVGs), report.json, plus the runner's meta.json (provenance) and summary.json (the
 * numbers `exp reproduce` checks). writeReport builds everything in memory and writes a fresh folder;
 * that folder is then swapped in by renames, so a reader never sees half of it and a failed render leaves
 * the old report as it was.
 */
import {seedSpreadTable} from './seed-spread.js';
import {existsSync, renameSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {markdownTable, writeReport, type ReportMeta, type ReportTable} from '@embedlab/reports';
import type {ExperimentConfig} from './experiment.js';
import type {RunMeta} from './meta.js';
import type {MetricRow} from './metric-row.js';
import {reportCharts} from './report-charts.js';
import type {Summary} from './summary.js';
import {contextualModelCells} from './lm/contextual-tables.js';
import {lmRunCells, lmSampleCells} from './lm/report-tables.js';
import {detailCells, lmPairedCells, pairedCells, resultsCells, type Cells} from './table.js';
import {experimentQuestion, exploreNote, headlineFirst, primaryCells} from './report-headline.js';

export interface ReportInput {
  config: ExperimentConfig;
  summary: Summary;
  rows: readonly MetricRow[];
  meta: RunMeta;
  artifacts?: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  /** Where the experiment's README is (its `**Question.**` opens the report). */
  experimentsDir?: string;
}

export const SUMMARY_FILE = 'summary.json';

/** Swap `staged` into `target` (old target removed after the rename). */
export function swapDir(staged: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  rmSync(old, {recursive: true, force: true});
  if (existsSync(target)) renameSync(target, old);
  renameSync(staged, target);
  rmSync(old, {recursive: true, force: true});
}

const table = (title: string, cells: Cells): ReportTable => ({title, markdown: markdownTable(cells.header, cells.body), collapsed: true});

/** The description without the question when it starts with it (the question is already shown above). */
function restOf(description: string, question: string): string {
  return description.startsWith(question) && description.length > question.length ? description.slice(question.length).trim() : description;
}

/**
 * The inputs of a run as table rows, and the dataset checksums. Vectors record `packageVersion`, corpora
 * `version`; an input from a workspace package (the WordNet synonym lexicon) records neither, so its
 * version comes from the run's package list.
 */
export function inputRows(meta: RunMeta): {datasets: Record<string, string>; inputs: string[][]} {
  const datasets: Record<string, string> = {};
  const inputs: string[][] = [];
  for (const i of meta.inputs) {
    const files = Array.isArray(i.files) ? (i.files as {sha256?: string}[]) : [];
    const sha = typeof i.sha256 === 'string' ? i.sha256 : typeof i.jsonSha256 === 'string' ? i.jsonSha256 : files.length === 1 ? files[0]?.sha256 : undefined;
    const version = typeof i.package === 'string' ? (i.packageVersion ?? i.version ?? meta.packages[i.package] ?? '?') : undefined;
    const what = files.length > 1 ? `${files.length} files` : typeof i.package === 'string' ? `npm ${i.package}@${String(version)}` : '';
    if (i.kind === 'dataset' && sha) datasets[i.name] = `sha256:${sha}`;
    inputs.push([i.kind, i.name, what, sha ? `${sha.slice(0, 16)}…` : files.length > 1 ? 'per file in meta.json' : '']);
  }
  return {datasets, inputs};
}

export const INPUTS_TITLE = 'Inputs (corpora, vectors, datasets; versions and checksums)';

export function inputsTable(inputs: readonly string[][]): ReportTable {
  return {title: INPUTS_TITLE, markdown: markdownTable(['kind', 'name', 'what', 'sha256'], inputs, {align: 'left'}), collapsed: true};
}

export const HEADLINE_TITLE = 'Headline numbers (95% intervals in brackets)';

export function reportSubtitle(config: ExperimentConfig, question: string): string {
  return `${restOf(config.description, question)}. Reproduce: pnpm exp reproduce ${config.name}. Every number is in summary.json; versions, checksums and seeds in meta.json.`;
}

/** The run table of a report (provenance: run id, backend, protocol, commit, seed, packages with versions). */
export function reportMeta(config: ExperimentConfig, meta: RunMeta, datasets: Record<string, string>): ReportMeta {
  return {
    runId: meta.runId,
    backend: `${meta.backend.name} (tfjs ${meta.tfjs}, node ${meta.node})`,
    protocol: `${meta.protocol.name} (hash ${meta.protocol.hash})`,
    git: `${meta.git.commit?.slice(0, 10) ?? 'unknown'}${meta.git.dirty ? ' (dirty)' : ''}`,
    seed: String(config.seed),
    duration: `${meta.durationSeconds?.toFixed(0) ?? '?'} s`,
    packages: Object.entries(meta.packages)
      .map(([name, v]) => `${name}@${v ?? '?'}`)
      .join(', '),
    config,
    datasets,
  };
}

export async function writeExperimentReport(reportsDir: string, input: ReportInput): Promise<string> {
  const {config, meta, rows} = input;
  const target = join(reportsDir, config.name);
  const staged = join(reportsDir, `.${config.name}.staging-${process.pid}`);
  rmSync(staged, {recursive: true, force: true});
  try {
    const subtitle = `run ${meta.runId} · protocol ${meta.protocol.name} (${meta.protocol.hash}) · seed ${config.seed}`;
    const charts = headlineFirst(reportCharts(rows, input.artifacts ?? new Map(), subtitle));
    const arms = config.arms.map((a) => a.name);
    const {datasets, inputs} = inputRows(meta);
    const tables: ReportTable[] = [];
    const primary = primaryCells(rows, arms);
    if (primary.body.length) tables.push({title: HEADLINE_TITLE, markdown: markdownTable(primary.header, primary.body)});
    const spread = seedSpreadTable(reportsDir, rows);
    if (spread) tables.push(spread);
    tables.push(table('All results (95% bootstrap intervals in brackets; coverage = share of items scored)', resultsCells(rows, arms)));
    const paired = pairedCells(rows);
    if (paired.body.length)
      tables.push(table('Paired comparisons between arms (same items; difference A - B, 95% paired-bootstrap CI; McNemar exact p for analogies)', paired));
    const lmPaired = lmPairedCells(rows);
    if (lmPaired.body.length) {
      tables.push(
        table(
          'Paired comparisons of validation loss (A - B in nats per token, negative = A predicts better; same documents, same seeds: paired bootstrap over documents per seed and for the mean of the seeds, Student t over the per-seed differences)',
          lmPaired,
        ),
      );
    }
    const details = detailCells(rows, arms);
    if (details.body.length) tables.push(table('Details (per section / category)', details));
    const lmRuns = lmRunCells(meta.arms, arms, `${meta.backend.name} (tfjs ${meta.tfjs})`);
    if (lmRuns.body.length) tables.push(table('Language-model runs (per arm; every seed trains the same steps)', lmRuns));
    const samples = input.artifacts?.get('lm-samples') ?? [];
    if (samples.length)
      tables.push(table('Sample generations (first seed; prompts after an end-of-text token; ¶ = end of text)', lmSampleCells(samples, arms)));
    const contextual = input.artifacts?.get('contextual-models') ?? [];
    if (contextual.length)
      tables.push(
        table(
          'Contextual vs static: models and how their static vectors were made (contexts sampled with one seed: the same places for every model)',
          contextualModelCells(contextual),
        ),
      );
    tables.push(inputsTable(inputs));
    const question = (input.experimentsDir && experimentQuestion(input.experimentsDir, config.name)) || `${config.description}.`;
    const note = exploreNote(config, meta.runId);
    await writeReport(
      staged,
      {
        title: config.name,
        question,
        ...(note ? {notes: [note]} : {}),
        subtitle: reportSubtitle(config, question),
        charts: charts.map((c) => ({id: c.name, title: c.title, spec: c.spec, ...(c.caption ? {caption: c.caption} : {})})),
        tables,
        meta: reportMeta(config, meta, datasets),
      },
      {
        extraFiles: {
          [SUMMARY_FILE]: JSON.stringify(input.summary, null, 2) + '\n',
          'meta.json': JSON.stringify(meta, null, 2) + '\n',
        },
      },
    );
    swapDir(staged, target);
  } catch (error) {
    rmSync(staged, {recursive: true, force: true});
    throw error;
  }
  return target;
}
