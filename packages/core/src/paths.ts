/**
 * Where embedlab reads benchmark data and keeps caches. One place, so every package and the CLI agree.
 *
 * - `EMBEDLAB_DATA_DIR`: a folder laid out like ../shared/datasets (one sub-folder per dataset id).
 * - `EMBEDLAB_CACHE_DIR`: downloads and converted vector caches. __Default:__ `$XDG_CACHE_HOME/embedlab`
 *   or `~/.cache/embedlab`.
 */
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';

export const DATA_DIR_ENV = 'EMBEDLAB_DATA_DIR';
export const CACHE_DIR_ENV = 'EMBEDLAB_CACHE_DIR';

/** The configured data directory, or undefined when none is set. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const d = env[DATA_DIR_ENV];
  return d ? resolve(d) : undefined;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const d = env[CACHE_DIR_ENV];
  if (d) return resolve(d);
  return join(env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache'), 'embedlab');
}

/** True when running under CI (no progress bars, no prompts). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
}
