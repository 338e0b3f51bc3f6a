/**
 * Where embedlab reads benchmark data and keeps caches. One place, so every package and the CLI agree.
 *
 * - `EMBEDLAB_DATA_DIR`: a folder laid out like ../shared/datasets (one sub-folder per dataset id).
 *   __Default:__ `../shared/datasets` beside the embedlab checkout (the folder that holds
 *   pnpm-workspace.yaml), when that folder exists; none otherwise. Set it empty to use no data folder.
 * - `EMBEDLAB_CACHE_DIR`: downloads and converted vector caches. __Default:__ `$XDG_CACHE_HOME/embedlab`
 *   or `~/.cache/embedlab`.
 */
import {existsSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export const DATA_DIR_ENV = 'EMBEDLAB_DATA_DIR';
export const CACHE_DIR_ENV = 'EMBEDLAB_CACHE_DIR';

/** Where the data folder is looked for when EMBEDLAB_DATA_DIR is unset, relative to the checkout root. */
export const DEFAULT_DATA_DIR = '../shared/datasets';

/**
 * The embedlab checkout this module runs from (packages/core/{src,dist}/ three levels down, beside
 * pnpm-workspace.yaml), or undefined when core is installed as a package elsewhere.
 */
export function checkoutRoot(): string | undefined {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  return existsSync(join(root, 'pnpm-workspace.yaml')) && existsSync(join(root, 'packages', 'core', 'package.json')) ? resolve(root) : undefined;
}

/**
 * The data directory: EMBEDLAB_DATA_DIR resolved; when it is unset, ../shared/datasets beside the checkout
 * if that folder exists; undefined when there is none (or EMBEDLAB_DATA_DIR is set empty).
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const d = env[DATA_DIR_ENV];
  if (d !== undefined) return d ? resolve(d) : undefined;
  const root = checkoutRoot();
  const beside = root && resolve(root, DEFAULT_DATA_DIR);
  return beside && existsSync(beside) && statSync(beside).isDirectory() ? beside : undefined;
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
