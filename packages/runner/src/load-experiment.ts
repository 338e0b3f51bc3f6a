/**
 * Finds and imports `experiments/<name>/experiment.ts`. The CLI runs under tsx, so the TypeScript module is
 * imported directly; its default export is the raw (unvalidated) config.
 */
import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {ConfigError} from '@embedlab/core';
import {didYouMean} from './did-you-mean.js';
import {messages} from './messages.js';

export const EXPERIMENT_FILE = 'experiment.ts';

/** Names of the experiments under `dir` (folders holding experiment.ts), sorted. */
export function listExperiments(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir, {withFileTypes: true})
      // `_template` and other `_` folders are scaffolding, not experiments.
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(dir, d.name, EXPERIMENT_FILE)))
      .map((d) => d.name)
      .sort()
  );
}

export interface LoadedExperiment {
  name: string;
  file: string;
  /** The default export, before validation. */
  raw: unknown;
}

export async function loadExperiment(dir: string, name: string): Promise<LoadedExperiment> {
  const names = listExperiments(dir);
  if (!names.includes(name)) {
    if (!existsSync(dir)) throw new ConfigError('', messages.noExperimentsDir(dir));
    throw new ConfigError('', messages.unknownExperiment(name) + didYouMean(name, names));
  }
  const file = join(dir, name, EXPERIMENT_FILE);
  const mod = (await import(pathToFileURL(file).href)) as {default?: unknown};
  if (mod.default === undefined) throw new ConfigError('', messages.experimentNoDefault(file));
  return {name, file, raw: mod.default};
}
