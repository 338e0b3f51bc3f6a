/**
 * Paths in a run record (meta.json, the report) that read the same on every clone: a committed record
 * never carries one machine's absolute paths. An absolute path under a known folder is rewritten:
 *
 *   the project root (the CLI's cwd)   -> relative to it: `node_modules/...`, `packages/...`
 *   the data folder                    -> `$EMBEDLAB_DATA_DIR/...`
 *   the cache folder                   -> `$EMBEDLAB_CACHE_DIR/...`
 *   the home folder                    -> `~/...`
 *
 * The deepest folder wins (a cache inside the project or the home folder is `$EMBEDLAB_CACHE_DIR`). Paths
 * inside longer strings (an error message that names a file) are rewritten too. Any other absolute path
 * (a vector file the user named elsewhere) is kept as given.
 */
import {isAbsolute, relative, resolve, sep} from 'node:path';

export interface PathRoots {
  /** The project (repository) root: paths under it become relative. */
  project: string;
  dataDir?: string | undefined;
  cacheDir?: string | undefined;
  home?: string | undefined;
}

export const DATA_DIR_TOKEN = '$EMBEDLAB_DATA_DIR';
export const CACHE_DIR_TOKEN = '$EMBEDLAB_CACHE_DIR';

interface Root {
  dir: string;
  /** What replaces the folder itself ('' for the project root: its contents become relative paths). */
  token: string;
}

function rootsOf(roots: PathRoots): Root[] {
  const list: Root[] = [];
  const add = (dir: string | undefined, token: string) => {
    if (!dir) return;
    const d = resolve(dir).replace(/[\\/]+$/, '');
    if (d.length > 1 && !list.some((r) => r.dir === d)) list.push({dir: d, token});
  };
  add(roots.dataDir, DATA_DIR_TOKEN);
  add(roots.cacheDir, CACHE_DIR_TOKEN);
  add(roots.project, '');
  add(roots.home, '~');
  return list.sort((a, b) => b.dir.length - a.dir.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A rewriter for strings: every occurrence of a root folder (optionally as a file:// URL) is replaced. */
function rewriter(roots: PathRoots): (text: string) => string {
  const list = rootsOf(roots);
  if (!list.length) return (text) => text;
  // A root counts only as a whole path: not preceded by a path character, followed by a separator or a
  // character that cannot continue a file name in a message (space, quote, bracket, punctuation, a full
  // stop that ends a sentence, the end).
  const pattern = new RegExp(
    `(?<![\\w.~/\\\\-])(?:file://)?(${list.map((r) => escapeRegExp(r.dir)).join('|')})(?:([\\\\/])|(?=[\\s'"\`),:;\\]]|\\.(?:\\s|$)|$))`,
    'g',
  );
  return (text) =>
    text.replace(pattern, (_match, dir: string, slash: string | undefined) => {
      const token = list.find((r) => r.dir === dir)!.token;
      if (token === '') return slash ? '' : '.';
      return slash ? `${token}/` : token;
    });
}

/** One path, portable (see the module comment). */
export function portablePath(path: string, roots: PathRoots): string {
  return rewriter(roots)(path);
}

/** A deep copy of a JSON-like value with every string's paths made portable. */
export function portablePaths<T>(value: T, roots: PathRoots): T {
  const rewrite = rewriter(roots);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return rewrite(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * The data folder itself, as meta.json records it: relative to the project root (`../shared/datasets`),
 * or `$EMBEDLAB_DATA_DIR` when no relative path exists (another drive).
 */
export function portableDataDir(dataDir: string, project: string): string {
  const rel = relative(resolve(project), resolve(dataDir));
  if (rel === '') return '.';
  return isAbsolute(rel) ? DATA_DIR_TOKEN : rel.split(sep).join('/');
}
