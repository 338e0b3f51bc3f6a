/**
 * `exp sweep-merge --into DEST STORE...`: copies the runs of several run stores (e.g. the shards of a CI
 * matrix) into one. The same id in two stores must hold the same record (identity.json and summary.json
 * equal; meta.json differs in times and is not compared): a conflict is refused before anything is copied.
 * Each run is copied into a temporary folder of DEST and renamed into place, so DEST never holds a partial run.
 */
import {cpSync, existsSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {ConfigError} from '@embedlab/core';
import {RunStore} from './store.js';

/** The parts of a stored run that must agree between copies of one id. */
function record(store: RunStore, id: string): string {
  const dir = store.path(id);
  return ['identity.json', 'summary.json', 'config.resolved.json'].map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '')).join('\n');
}

export interface MergeResult {
  copied: string[];
  /** Ids DEST (or an earlier source) already had with the same record. */
  same: string[];
}

export function mergeStores(dest: string, sources: readonly string[]): MergeResult {
  if (!sources.length) throw new ConfigError('', 'exp sweep-merge: give at least one store to merge');
  const into = new RunStore(dest);
  const seen = new Map<string, {store: RunStore; record: string}>();
  for (const id of into.list()) seen.set(id, {store: into, record: record(into, id)});
  const plan: {store: RunStore; id: string}[] = [];
  const same: string[] = [];
  for (const dir of sources) {
    if (!existsSync(dir)) throw new ConfigError('', `exp sweep-merge: no run store at ${dir}`);
    if (resolve(dir) === resolve(dest)) continue;
    const store = new RunStore(dir);
    for (const id of store.list()) {
      const r = record(store, id);
      const prior = seen.get(id);
      if (!prior) {
        seen.set(id, {store, record: r});
        plan.push({store, id});
      } else if (prior.record === r) same.push(id);
      else
        throw new ConfigError(
          '',
          `exp sweep-merge: run ${id} differs between ${prior.store.dir} and ${store.dir} (identity, config or summary); nothing merged`,
        );
    }
  }
  for (const {store, id} of plan) {
    const tmp = into.begin(id);
    cpSync(store.path(id), tmp, {recursive: true});
    into.commit(tmp, id);
  }
  return {copied: plan.map((p) => p.id), same};
}
