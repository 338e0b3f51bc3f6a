/**
 * Provenance of a run (meta.json): code version (git commit + dirty flag), runtime versions, backend,
 * seeds, inputs with their checksums, protocol hash, times and the command line (allennlp meta.json).
 */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';

export interface GitInfo {
  commit: string | null;
  /**
   * True when tracked source files differ from the commit. Untracked files and the generated `reports/`
   * and `results/` folders are ignored: a run that rewrites a committed report does not make the code dirty.
   */
  dirty: boolean | null;
}

export function gitInfo(cwd: string): GitInfo {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', ':(top)', ':(top,exclude)reports', ':(top,exclude)results'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return {commit, dirty: status.trim().length > 0};
  } catch {
    return {commit: null, dirty: null};
  }
}

const require = createRequire(import.meta.url);

/** `version` from a dependency's package.json, or null when it cannot be resolved. */
export function packageVersion(name: string): string | null {
  try {
    const file = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as {version?: string}).version ?? null;
  } catch {
    return null;
  }
}

export const RECORDED_PACKAGES = [
  '@embedlab/core',
  '@embedlab/pretrained',
  '@embedlab/evaluators',
  '@embedlab/corpora',
  '@embedlab/optimizers',
  '@embedlab/reports',
  '@tensorflow/tfjs',
  'zod',
] as const;

export function packageVersions(): Record<string, string | null> {
  const out: Record<string, string | null> = {'@embedlab/runner': packageVersion('@embedlab/runner')};
  for (const name of RECORDED_PACKAGES) out[name] = packageVersion(name);
  return out;
}

export interface RunMeta {
  experiment: string;
  runId: string;
  configHash: string;
  git: GitInfo;
  node: string;
  tfjs: string;
  packages: Record<string, string | null>;
  backend: {name: string; skipped: string[]};
  seeds: {run: number; components: Record<string, number>};
  /**
   * Dataset files (path, sha256) and vector sources. A `vectors` input carries the reader's meta, always with
   * `duplicates` (repeated words dropped, the first row kept) and `duplicateExamples` (the first few).
   */
  inputs: {kind: string; name: string; [key: string]: unknown}[];
  protocol: {name: string; hash: string; [key: string]: unknown};
  dataDir: string | null;
  /** Per arm: where its vectors came from, vocabulary size, whether trained, seconds. */
  arms: Record<string, unknown>;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  argv: string[];
  platform: {os: string; arch: string; cpus: number};
}
