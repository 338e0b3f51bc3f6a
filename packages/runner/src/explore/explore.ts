/**
 * `exp explore`, `exp neighbours`, `exp analogy`: look at vectors. Inputs are `default` (GloVe 6B 100d
 * embedded), a named source, a vector file, or a run folder (`results/<experiment>/<runId>`): its arms
 * whose vectors can be had again without training (pretrained, no post-processing) or were saved under
 * `vectors/<arm>.{txt,vec,bin}`.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import {basename, join, relative, resolve} from 'node:path';
import {ConfigError, DataError, cacheDir, writeFileAtomic, type Neighbour, type WordVectors} from '@embedlab/core';
import {listVectorSources, loadVectorSource} from '@embedlab/pretrained';
import type {WordGroup} from '@embedlab/reports';
import {armNameFor} from '../ad-hoc-eval.js';
import {closest, didYouMean} from '../did-you-mean.js';
import type {ProgressReporter} from '../progress.js';
import type {Runtime} from '../runtime.js';
import {buildExplorerData, type ExplorerArmInput, type ExplorerOptions} from './explorer-data.js';
import {explorerHtml} from './explorer-page.js';

export const DEFAULT_SOURCE = 'glove-6b-100d';
const SAVED_VECTOR_FILES = ['txt', 'vec', 'bin'];

interface ResolvedArmConfig {
  name: string;
  vectors: {type: string; source?: string; [k: string]: unknown};
  postprocess?: unknown[];
}

/** Load one vectors argument: `default`, a named source or a file (not a run folder). */
export async function loadVectorsArg(rt: Runtime, arg: string): Promise<WordVectors> {
  const name = arg === 'default' ? DEFAULT_SOURCE : arg;
  const path = resolve(rt.cwd, name);
  const known = listVectorSources().map((s) => s.name);
  if (!known.includes(name) && !(existsSync(path) && statSync(path).isFile())) {
    throw new ConfigError('', `vectors "${arg}": neither a named source, 'default' nor a file${didYouMean(arg, ['default', ...known])}`);
  }
  return loadVectorSource(known.includes(name) ? name : path, {cacheDir: cacheDir(rt.env), download: false});
}

function isRunFolder(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && existsSync(join(dir, 'config.resolved.json'));
}

/** The arms of a run folder whose vectors can be loaded, and why the others cannot. */
export function runFolderArms(dir: string): {name: string; load: string | undefined; why?: string}[] {
  const configFile = join(dir, 'config.resolved.json');
  let arms: ResolvedArmConfig[];
  try {
    arms = (JSON.parse(readFileSync(configFile, 'utf8')) as {arms: ResolvedArmConfig[]}).arms;
  } catch (error) {
    throw new DataError(configFile, undefined, `cannot read the resolved config: ${(error as Error).message}`);
  }
  return arms.map((a) => {
    const saved = SAVED_VECTOR_FILES.map((ext) => join(dir, 'vectors', `${a.name}.${ext}`)).find((f) => existsSync(f));
    if (saved) return {name: a.name, load: saved};
    if (a.vectors.type === 'pretrained' && !a.postprocess?.length && typeof a.vectors.source === 'string') return {name: a.name, load: a.vectors.source};
    return {
      name: a.name,
      load: undefined,
      why: `${a.vectors.type}${a.postprocess?.length ? ' + post-processing' : ''}: not saved in the run folder (vectors/${a.name}.txt) and not loadable without re-running`,
    };
  });
}

export interface LoadedArms {
  arms: ExplorerArmInput[];
  skipped: string[];
}

/** Arms for the explorer from its positional inputs; `--arms` picks (run folder) or names (files) them. */
export async function loadExplorerArms(rt: Runtime, inputs: readonly string[], armNames?: readonly string[]): Promise<LoadedArms> {
  const arms: ExplorerArmInput[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    const dir = resolve(rt.cwd, input);
    if (isRunFolder(dir)) {
      const available = runFolderArms(dir);
      const wanted = armNames?.length ? armNames : available.map((a) => a.name);
      for (const [i, name] of wanted.entries()) {
        const a = available.find((x) => x.name === name);
        if (!a)
          throw new ConfigError(
            `--arms[${i}]`,
            `no arm "${name}" in ${relative(rt.cwd, dir) || '.'}${didYouMean(
              name,
              available.map((x) => x.name),
            )}`,
          );
        if (a.load === undefined) {
          skipped.push(`${a.name}: ${a.why}`);
          continue;
        }
        const source = a.load.startsWith(dir) ? relative(rt.cwd, a.load) : a.load;
        arms.push({name: a.name, source: `${basename(dir)} arm ${a.name}: ${source}`, vectors: await loadVectorsArg(rt, a.load)});
      }
    } else {
      const vectors = await loadVectorsArg(rt, input);
      const i = arms.length;
      arms.push({
        name: armNames?.[i] ?? (input === 'default' ? DEFAULT_SOURCE : armNameFor(input)),
        source: input === 'default' ? `${DEFAULT_SOURCE} (embedded default)` : input,
        vectors,
      });
    }
  }
  if (!arms.length) throw new ConfigError('', `nothing to explore: ${skipped.join('; ') || 'no inputs'}`);
  return {arms, skipped};
}

/** Words of a `--groups` file: `group: word word ...` per line (# comments). */
export function readGroupsFile(path: string): WordGroup[] {
  const groups: WordGroup[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const text = line.replace(/#.*$/, '').trim();
      if (!text) return;
      const m = /^([^:]+):(.*)$/.exec(text);
      if (!m) throw new DataError(path, i + 1, `expected "group: word word ..." (got ${JSON.stringify(line)})`);
      const words = (m[2] as string).split(/[\s,]+/).filter(Boolean);
      if (!words.length) throw new DataError(path, i + 1, `group "${(m[1] as string).trim()}" lists no words`);
      groups.push({group: (m[1] as string).trim(), words});
    });
  if (!groups.length) throw new DataError(path, undefined, 'no groups (expected lines "group: word word ...")');
  return groups;
}

export interface ExploreResult {
  file: string;
  bytes: number;
  words: number;
  mapPoints: number;
  arms: string[];
  skipped: string[];
  seconds: {load: number; build: number};
}

export async function explore(
  rt: Runtime,
  inputs: readonly string[],
  options: Omit<ExplorerOptions, 'groups' | 'progress'> & {
    arms?: string[];
    out?: string;
    groups?: string;
    progress: ProgressReporter;
    provenance?: Record<string, string>;
  },
): Promise<ExploreResult> {
  const t0 = performance.now();
  const {arms, skipped} = await loadExplorerArms(rt, inputs, options.arms);
  const t1 = performance.now();
  const groups = options.groups === undefined ? undefined : readGroupsFile(resolve(rt.cwd, options.groups));
  const {groups: _file, arms: _arms, out: _out, ...rest} = options;
  const data = await buildExplorerData(arms, {...rest, ...(groups ? {groups} : {})});
  const html = explorerHtml(data);
  const file = resolve(rt.cwd, options.out ?? 'explore.html');
  writeFileAtomic(file, html);
  return {
    file,
    bytes: Buffer.byteLength(html),
    words: data.words.length,
    mapPoints: data.mapRows.length,
    arms: arms.map((a) => a.name),
    skipped,
    seconds: {load: (t1 - t0) / 1000, build: (performance.now() - t1) / 1000},
  };
}

/**
 * The unknown words among `words`, each with a suggestion when one is close (Levenshtein over words of
 * similar length only, so 400k-word vocabularies answer at once).
 */
export function unknownWords(vectors: WordVectors, words: readonly string[]): {word: string; suggestion?: string}[] {
  return words
    .filter((w) => !vectors.has(w))
    .map((word) => {
      if (vectors.has(word.toLowerCase())) return {word, suggestion: word.toLowerCase()};
      const limit = Math.max(2, Math.floor(word.length / 3));
      const candidates = vectors.words.filter((c) => Math.abs(c.length - word.length) <= limit);
      const suggestion = closest(word, candidates);
      return suggestion === undefined ? {word} : {word, suggestion};
    });
}

export function unknownWordsMessage(vectorsName: string, unknown: readonly {word: string; suggestion?: string}[]): string {
  return unknown.map((u) => `unknown word "${u.word}" in ${vectorsName}${u.suggestion ? `; did you mean "${u.suggestion}"?` : ''}`).join('\n');
}

export const ANALOGY_PROTOCOL = '3CosAdd: unit(a) - unit(b) + unit(c), normalised; nearest rows by cosine; a, b and c excluded';

/** a - b + c by 3CosAdd (`WordVectors.analogy(b, a, c)` computes unit(a) - unit(b) + unit(c)). */
export function analogyOf(vectors: WordVectors, a: string, b: string, c: string, options: {k?: number; restrict?: number} = {}): Neighbour[] {
  return vectors.analogy(b, a, c, options);
}
