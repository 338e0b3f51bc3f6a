/**
 * `exp eval <vectors>`: evaluate a vector file or named source on chosen datasets without an experiment
 * file. The same components as experiments run (so numbers are identical to a run's), nothing is written.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {basename, extname, resolve} from 'node:path';
import {ConfigError, initBackend} from '@embedlab/core';
import {listDatasets} from '@embedlab/evaluators';
import {didYouMean} from './did-you-mean.js';
import type {ExperimentConfig} from './experiment.js';
import type {MetricRow} from './metric-row.js';
import {protocolInfo, type ProtocolInfo} from './protocol.js';
import {resolveConfig} from './resolve-config.js';
import {executeConfig} from './run.js';
import type {Runtime} from './runtime.js';

export interface EvalOptions {
  /** Dataset ids, or `all` (Google analogy, BATS and every available similarity set). */
  datasets: readonly string[] | 'all';
  protocol: string;
  restrict?: number;
  seed?: number;
  resamples?: number;
  quiet?: boolean;
  /** Where progress lines go (stderr, so `--json` output stays clean). */
  log: (line: string) => void;
}

export interface EvalResult {
  vectors: string;
  config: ExperimentConfig;
  protocol: ProtocolInfo;
  rows: MetricRow[];
}

/** A kebab-case arm name for a source or file path. */
export function armNameFor(source: string): string {
  const stem = basename(source, extname(source))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem || 'vectors';
}

/** A dataset file's kind: Google-format analogies start with a `: section` line, anything else is pairs. */
export function sniffDatasetFile(path: string): 'analogy' | 'similarity' {
  const first =
    readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  return first.startsWith(':') ? 'analogy' : 'similarity';
}

/**
 * Evaluator refs for dataset ids or dataset files (unknown ids: did-you-mean over the registered
 * datasets).
 */
export function evaluatorsFor(datasets: readonly string[] | 'all'): Record<string, unknown>[] {
  if (datasets === 'all') return [{type: 'google-analogy'}, {type: 'bats'}, {type: 'similarity', datasets: 'all'}];
  const all = listDatasets();
  const refs: Record<string, unknown>[] = [];
  const similarity: string[] = [];
  const similarityFiles: string[] = [];
  datasets.forEach((id, i) => {
    if (existsSync(id) && statSync(id).isFile()) {
      const file = resolve(id);
      if (sniffDatasetFile(file) === 'analogy') refs.push({type: 'google-analogy', file});
      else similarityFiles.push(file);
      return;
    }
    const entry = all.find((d) => d.id === id);
    if (!entry)
      throw new ConfigError(
        `--datasets[${i}]`,
        `unknown dataset "${id}"${didYouMean(
          id,
          all.map((d) => d.id),
        )}`,
      );
    if (entry.task === 'similarity') similarity.push(id);
    else if (entry.format.kind === 'bats') refs.push({type: 'bats', dataset: id});
    else refs.push({type: 'google-analogy', dataset: id});
  });
  if (similarity.length || similarityFiles.length) {
    refs.push({type: 'similarity', datasets: similarity, files: similarityFiles});
  }
  return refs;
}

export async function evaluateVectors(rt: Runtime, source: string, options: EvalOptions): Promise<EvalResult> {
  const raw = {
    name: 'eval',
    description: `ad-hoc evaluation of ${source}`,
    seed: options.seed ?? 1337,
    arms: [{name: armNameFor(source), vectors: {type: 'pretrained', source}}],
    evaluators: evaluatorsFor(options.datasets),
    evaluation: {
      protocol: options.protocol,
      ...(options.restrict !== undefined ? {restrict: options.restrict} : {}),
      ...(options.resamples !== undefined ? {bootstrapSamples: options.resamples} : {}),
    },
  };
  const config = resolveConfig(raw, rt.registries);
  await initBackend(rt.env.EMBEDLAB_BACKEND ?? rt.env.TF_BACKEND);
  const {rows} = await executeConfig(rt, config, {say: options.log, quiet: options.quiet ?? false});
  return {vectors: source, config, protocol: protocolInfo(config.evaluation), rows};
}
