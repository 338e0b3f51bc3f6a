/**
 * Renders `reports/<experiment>/` from a completed run: README.md (tables), summary.json (the numbers
 * `exp reproduce` checks). The folder is built beside the old one and swapped in by renames, so a
 * reader never sees half of it.
 */
import {existsSync, mkdirSync, renameSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {writeFileAtomic} from '@embedlab/core';
import type {ExperimentConfig} from './experiment.js';
import type {RunMeta} from './meta.js';
import type {MetricRow} from './metric-row.js';
import type {Summary} from './summary.js';
import {resultsTable} from './table.js';

export interface ReportInput {
  config: ExperimentConfig;
  summary: Summary;
  rows: readonly MetricRow[];
  meta: RunMeta;
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
  const target = join(reportsDir, input.config.name);
  const staged = join(reportsDir, `.${input.config.name}.staging-${process.pid}`);
  rmSync(staged, {recursive: true, force: true});
  mkdirSync(staged, {recursive: true});
  try {
    writeFileAtomic(join(staged, SUMMARY_FILE), JSON.stringify(input.summary, null, 2) + '\n');
    const arms = input.config.arms.map((a) => a.name);
    const readme = [
      `# ${input.config.name}`,
      '',
      input.config.description,
      '',
      `Run \`${input.meta.runId}\` (git ${input.meta.git.commit?.slice(0, 10) ?? 'unknown'}${input.meta.git.dirty ? ', dirty' : ''}), ` +
        `backend ${input.meta.backend.name}, protocol ${input.meta.protocol.name} (hash ${input.meta.protocol.hash}), seed ${input.config.seed}.`,
      '',
      '```',
      resultsTable(input.rows, arms).trimEnd(),
      '```',
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
