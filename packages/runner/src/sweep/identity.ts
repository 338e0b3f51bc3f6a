/**
 * Run identity for the run store: sha256 of the resolved config, the code (git commit plus a hash of the
 * uncommitted diff of tracked files, or the package versions outside git), the checksums of every file in
 * the data folder, and the backend. Two runs with the same identity would produce the same numbers, so the
 * store keeps one.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {gitInfo, packageVersions} from '../meta.js';
import {sha256, stableJson} from '../run-id.js';

export interface CodeIdentity {
  commit: string | null;
  /** sha256 of `git diff HEAD` (tracked files, reports/ and results/ excluded); null when clean. */
  diff: string | null;
  /** Only outside git. */
  packages?: Record<string, string | null>;
}

export interface IdentityInputs {
  code: CodeIdentity;
  /** data-folder-relative path -> sha256. */
  datasets: Record<string, string>;
  backend: string;
}

export function codeIdentity(cwd: string): CodeIdentity {
  const git = gitInfo(cwd);
  if (git.commit === null) return {commit: null, diff: null, packages: packageVersions()};
  let diff: string | null = null;
  if (git.dirty) {
    try {
      const text = execFileSync('git', ['diff', 'HEAD', '--', ':(top)', ':(top,exclude)reports', ':(top,exclude)results'], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      diff = sha256(text);
    } catch {
      diff = 'unknown';
    }
  }
  return {commit: git.commit, diff};
}

/** sha256 of every file under the data folder (none when there is no data folder). */
export function datasetChecksums(dir: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!dir || !existsSync(dir)) return out;
  const files = readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const f of files) out[relative(dir, f).split('\\').join('/')] = sha256(readFileSync(f));
  return out;
}

export function runIdentity(config: unknown, inputs: IdentityInputs): string {
  return sha256(stableJson({config, code: inputs.code, datasets: inputs.datasets, backend: inputs.backend}));
}

/** Store folder name: experiment + first 16 hex of the identity. */
export function storeRunId(experiment: string, identity: string): string {
  return `${experiment}-${identity.slice(0, 16)}`;
}
