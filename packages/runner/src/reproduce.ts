/**
 * `exp reproduce`: re-run an experiment from the config stored in its committed
 * `reports/<experiment>/summary.json` and compare every number: evaluation of frozen vectors exactly,
 * numbers that depend on training within the committed tolerance. The report is not touched.
 */
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {ConfigError} from '@embedlab/core';
import {messages} from './messages.js';
import {SUMMARY_FILE} from './report.js';
import {runExperiment} from './run.js';
import type {Runtime} from './runtime.js';
import {compareSummaries, type Drift, type Summary} from './summary.js';

export interface ReproduceResult {
  experiment: string;
  runId: string;
  compared: number;
  drifts: Drift[];
}

/** Experiments that have a committed summary under reportsDir. */
export function committedExperiments(reportsDir: string): string[] {
  if (!existsSync(reportsDir)) return [];
  return readdirSync(reportsDir, {withFileTypes: true})
    .filter((d) => d.isDirectory() && existsSync(join(reportsDir, d.name, SUMMARY_FILE)))
    .map((d) => d.name)
    .sort();
}

export function readCommittedSummary(reportsDir: string, experiment: string): Summary {
  const file = join(reportsDir, experiment, SUMMARY_FILE);
  if (!existsSync(file)) throw new ConfigError('', messages.noCommittedSummary(file));
  return JSON.parse(readFileSync(file, 'utf8')) as Summary;
}

export async function reproduceExperiment(rt: Runtime, experiment: string, options: {quiet?: boolean} = {}): Promise<ReproduceResult> {
  const committed = readCommittedSummary(rt.reportsDir, experiment);
  const result = await runExperiment(rt, experiment, {config: committed.config, force: true, report: false, table: false, quiet: options.quiet ?? false});
  const drifts = compareSummaries(committed, result.summary);
  return {experiment, runId: result.runId, compared: Object.keys(committed.numbers).length, drifts};
}

/** One line per drifted number: `key: committed 0.6349 -> fresh 0.6351 (exact)`. */
export function formatDrift(d: Drift): string {
  const f = (v: number | undefined) => (v === undefined ? 'missing' : String(v));
  return `  ${d.key}: committed ${f(d.committed)} -> fresh ${f(d.fresh)} (${d.tolerance === 0 ? 'exact' : `tolerance ${d.tolerance}`})`;
}
