/**
 * Where the CLI reads and writes, and what it talks to: one object so tests can point everything at
 * temporary folders and capture output, and `runCli` stays in-process (oclif/test style).
 */
import {join, resolve} from 'node:path';
import {isCi} from '@embedlab/core';
import type {OutputStream} from './progress.js';
import type {Registries} from './registries-type.js';

export interface Runtime {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: OutputStream;
  stderr: OutputStream;
  registries: Registries;
  /** `experiments/` (EMBEDLAB_EXPERIMENTS_DIR overrides). */
  experimentsDir: string;
  /** `results/` (EMBEDLAB_RESULTS_DIR overrides). */
  resultsDir: string;
  /** `reports/` (EMBEDLAB_REPORTS_DIR overrides). */
  reportsDir: string;
  /** The command line, recorded in meta.json. */
  argv: string[];
  ci: boolean;
}

export function createRuntime(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: OutputStream;
  stderr: OutputStream;
  registries: Registries;
  argv: string[];
}): Runtime {
  const {cwd, env} = options;
  const dir = (name: string, fallback: string) => resolve(cwd, env[name] || fallback);
  return {
    ...options,
    experimentsDir: dir('EMBEDLAB_EXPERIMENTS_DIR', join(cwd, 'experiments')),
    resultsDir: dir('EMBEDLAB_RESULTS_DIR', join(cwd, 'results')),
    reportsDir: dir('EMBEDLAB_REPORTS_DIR', join(cwd, 'reports')),
    ci: isCi(env),
  };
}
