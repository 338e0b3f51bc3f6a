/**
 * The evaluators' protocol spec for an experiment's `evaluation` block: the preset, with `restrict`
 * overriding the preset's when the config sets it.
 */
import {cacheDir as defaultCacheDir} from '@embedlab/core';
import type {PresetName, ResolveOptions} from '@embedlab/evaluators';
import {join} from 'node:path';
import type {BuildContext} from '../context.js';
import type {EvaluationConfig} from '../experiment.js';

export type ProtocolSpec = PresetName | {base: PresetName; restrict: number | null};

export function protocolSpec(evaluation: EvaluationConfig): ProtocolSpec {
  return evaluation.restrict === undefined ? evaluation.protocol : {base: evaluation.protocol, restrict: evaluation.restrict};
}

/** Where datasets are looked up: the run's data dir, then its cache; never a download inside a run. */
export function datasetOptions(ctx: Pick<BuildContext, 'dataDir' | 'cacheDir'>): ResolveOptions {
  return {dataDir: ctx.dataDir ?? null, cacheDir: join(ctx.cacheDir ?? defaultCacheDir(), 'datasets'), download: false};
}
