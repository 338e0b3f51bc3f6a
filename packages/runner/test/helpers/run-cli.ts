/**
 * In-process CLI calls with captured output, against fixture experiments and temporary results/reports
 * folders (hardhat's useFixtureProject, oclif/test's runCommand).
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {runCli} from '../../src/cli/run-cli.js';
import type {Registries} from '../../src/registries-type.js';
import {fixtureRegistries} from './fixture-registries.js';

export const FIXTURES = resolve(fileURLToPath(new URL('../fixtures', import.meta.url)));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  dir: string;
  resultsDir: string;
  reportsDir: string;
  env: NodeJS.ProcessEnv;
  cli(argv: string[], registries?: Registries): Promise<CliResult>;
  cleanup(): void;
}

/** A temp results/reports sandbox using test/fixtures/experiments and the fixture registries. */
export function sandbox(options: {registries?: Registries; experimentsDir?: string; env?: NodeJS.ProcessEnv} = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-runner-'));
  const resultsDir = join(dir, 'results');
  const reportsDir = join(dir, 'reports');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    EMBEDLAB_EXPERIMENTS_DIR: options.experimentsDir ?? join(FIXTURES, 'experiments'),
    EMBEDLAB_RESULTS_DIR: resultsDir,
    EMBEDLAB_REPORTS_DIR: reportsDir,
    EMBEDLAB_CACHE_DIR: join(dir, 'cache'),
    EMBEDLAB_BACKEND: 'cpu',
    ...options.env,
  };
  return {
    dir,
    resultsDir,
    reportsDir,
    env,
    async cli(argv, registries) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, {
        cwd: dir,
        env,
        registries: registries ?? options.registries ?? fixtureRegistries(),
        stdout: {write: (s: string) => (stdout += s)},
        stderr: {write: (s: string) => (stderr += s)},
      });
      return {code, stdout, stderr};
    },
    cleanup() {
      rmSync(dir, {recursive: true, force: true});
    },
  };
}
