/**
 * Renders `reports/<experiment>/` from a completed run: README.md (provenance, tables, charts),
 * `<chart>.vl.json` + `<chart>.svg`, meta.json (provenance) and summary.json (the numbers `exp reproduce`
 * checks). The folder is
 * built beside the old one and swapped in by renames, so a reader never sees half of it and a failed
 * render leaves the old report as it was.
 */
import {existsSync, mkdirSync, renameSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {writeFileAtomic} from '@embedlab/core';
import {renderSvg} from '@embedlab/reports';
import type {ExperimentConfig} from './experiment.js';
import type {RunMeta} from './meta.js';
import type {MetricRow} from './metric-row.js';
import {reportCharts} from './report-charts.js';
import type {Summary} from './summary.js';
import {detailTable, resultsTable} from './table.js';

export interface ReportInput {
  config: ExperimentConfig;
  summary: Summary;
  rows: readonly MetricRow[];
  meta: RunMeta;
  artifacts?: ReadonlyMap<string, readonly Record<string, unknown>[]>;
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

export async function writeExperimentReport(reportsDir: string, input: ReportInput): Promise<string> {
  const {config, meta, rows} = input;
  const target = join(reportsDir, config.name);
  const staged = join(reportsDir, `.${config.name}.staging-${process.pid}`);
  rmSync(staged, {recursive: true, force: true});
  mkdirSync(staged, {recursive: true});
  try {
    writeFileAtomic(join(staged, SUMMARY_FILE), JSON.stringify(input.summary, null, 2) + '\n');
    writeFileAtomic(join(staged, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
    const subtitle = `run ${meta.runId} · protocol ${meta.protocol.name} (${meta.protocol.hash}) · seed ${config.seed}`;
    const charts = reportCharts(rows, input.artifacts ?? new Map(), subtitle);
    for (const chart of charts) {
      writeFileAtomic(join(staged, `${chart.name}.vl.json`), JSON.stringify(chart.spec, null, 2) + '\n');
      writeFileAtomic(join(staged, `${chart.name}.svg`), await renderSvg(chart.spec));
    }
    const arms = config.arms.map((a) => a.name);
    const inputs = meta.inputs.map((i) => {
      const files = Array.isArray(i.files) ? (i.files as {sha256?: string}[]) : [];
      const sha = typeof i.sha256 === 'string' ? i.sha256 : typeof i.jsonSha256 === 'string' ? i.jsonSha256 : files.length === 1 ? files[0]?.sha256 : undefined;
      const what = files.length > 1 ? `${files.length} files` : typeof i.package === 'string' ? `npm ${i.package}@${String(i.packageVersion ?? '?')}` : '';
      return `- ${i.kind} \`${i.name}\`${what ? `: ${what}` : ''}${sha ? `, sha256 \`${sha.slice(0, 16)}…\`` : ''}`;
    });
    const readme = [
      `# ${config.name}`,
      '',
      config.description,
      '',
      `Run \`${meta.runId}\`: git ${meta.git.commit?.slice(0, 10) ?? 'unknown'}${meta.git.dirty ? ' (dirty)' : ''}, ` +
        `node ${meta.node}, tfjs ${meta.tfjs} (${meta.backend.name}), protocol \`${meta.protocol.name}\` (hash ${meta.protocol.hash}), ` +
        `seed ${config.seed}, ${meta.durationSeconds?.toFixed(0) ?? '?'} s. Reproduce: \`pnpm exp reproduce ${config.name}\`.`,
      '',
      'Values are point estimates with 95% bootstrap intervals in brackets where computed; coverage is the fraction of items scored.',
      '',
      '## Results',
      '',
      '```',
      resultsTable(rows, arms).trimEnd(),
      '```',
      '',
      ...(rows.some((r) => r.detail && r.step === undefined && r.epoch === undefined)
        ? ['## Details', '', '```', detailTable(rows, arms).trimEnd(), '```', '']
        : []),
      ...(charts.length ? ['## Charts', '', ...charts.flatMap((c) => [`### ${c.title}`, '', `![${c.title}](${c.name}.svg)`, ''])] : []),
      '## Inputs',
      '',
      ...inputs,
      '',
      'Full checksums, versions, seeds and the resolved protocol are in `meta.json`; every number is in `summary.json`. The run folder',
      '(config.resolved.json, metrics.jsonl, artifacts) is under `results/` on the machine that ran it.',
      '',
    ].join('\n');
    writeFileAtomic(join(staged, 'README.md'), readme);
    swapDir(staged, target);
  } catch (error) {
    rmSync(staged, {recursive: true, force: true});
    throw error;
  }
  return target;
}
