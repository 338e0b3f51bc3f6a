/**
 * `exp report <experiment> [runId]`: re-render the report from a completed run folder, without running.
 */
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {ConfigError} from '@embedlab/core';
import type {ExperimentConfig} from './experiment.js';
import {messages} from './messages.js';
import type {RunMeta} from './meta.js';
import type {MetricRow} from './metric-row.js';
import {writeExperimentReport} from './report.js';
import {listRuns} from './run-folder.js';
import type {Runtime} from './runtime.js';
import type {Summary} from './summary.js';
import {didYouMean} from './did-you-mean.js';

export async function reportFromRun(rt: Runtime, experiment: string, runId?: string): Promise<string> {
  const experimentDir = join(rt.resultsDir, experiment);
  const runs = listRuns(experimentDir);
  if (!runs.length) throw new ConfigError('', messages.noRuns(experiment, rt.resultsDir));
  const id = runId ?? (runs[runs.length - 1] as string);
  if (!runs.includes(id)) throw new ConfigError('', messages.unknownRun(experiment, id) + didYouMean(id, runs));
  const dir = join(experimentDir, id);
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
  const jsonl = <T>(file: string): T[] =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as T);
  const rows = jsonl<MetricRow>(join(dir, 'metrics.jsonl'));
  const artifacts = new Map<string, Record<string, unknown>[]>();
  const artifactDir = join(dir, 'artifacts');
  if (existsSync(artifactDir)) {
    for (const f of readdirSync(artifactDir).filter((n) => n.endsWith('.jsonl'))) artifacts.set(f.replace(/\.jsonl$/, ''), jsonl(join(artifactDir, f)));
  }
  return writeExperimentReport(rt.reportsDir, {
    config: read<ExperimentConfig>('config.resolved.json'),
    summary: read<Summary>('summary.json'),
    meta: read<RunMeta>('meta.json'),
    rows,
    artifacts,
    experimentsDir: rt.experimentsDir,
  });
}
