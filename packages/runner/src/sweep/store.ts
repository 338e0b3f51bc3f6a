/**
 * The run store: `<store>/<experiment>-<identity16>/` holding config.resolved.json, identity.json,
 * metrics.jsonl, summary.json and meta.json. A run is written into `<store>/.tmp-<id>-<pid>-<n>/` and renamed
 * into place only once complete, so a run is there complete or not at all; leftovers of killed writers are
 * removed when the store is opened (their pid is gone).
 */
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {MetricRow} from '../metric-row.js';
import type {Summary} from '../summary.js';

const TMP_PREFIX = '.tmp-';
let counter = 0;

export interface StoredRun {
  id: string;
  dir: string;
  summary: Summary;
  identity: StoredIdentity;
}

export interface StoredIdentity {
  id: string;
  identity: string;
  experiment: string;
  setting: Record<string, unknown>;
  settingKey: string;
  seed: number;
  inputs: unknown;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class RunStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, {recursive: true});
  }

  path(id: string): string {
    return join(this.dir, id);
  }

  has(id: string): boolean {
    return existsSync(join(this.dir, id, 'summary.json'));
  }

  read(id: string): StoredRun {
    const dir = this.path(id);
    return {
      id,
      dir,
      summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary,
      identity: JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as StoredIdentity,
    };
  }

  /** Complete run ids in the store. */
  list(): string[] {
    return readdirSync(this.dir)
      .filter((d) => !d.startsWith('.') && this.has(d))
      .sort();
  }

  /** Temporary folders whose writer process is gone. */
  removeStale(): string[] {
    const removed: string[] = [];
    for (const d of readdirSync(this.dir)) {
      const m = /^\.tmp-.*-(\d+)-\d+$/.exec(d);
      if (m && !alive(Number(m[1]))) {
        rmSync(join(this.dir, d), {recursive: true, force: true});
        removed.push(d);
      }
    }
    return removed;
  }

  /** A fresh temporary folder for run `id`, owned by this process. */
  begin(id: string): string {
    const tmp = join(this.dir, `${TMP_PREFIX}${id}-${process.pid}-${counter++}`);
    rmSync(tmp, {recursive: true, force: true});
    mkdirSync(tmp, {recursive: true});
    return tmp;
  }

  /** Move a finished temporary folder into place (replacing an older copy on --force). */
  commit(tmp: string, id: string): string {
    const target = this.path(id);
    if (existsSync(target)) {
      const old = join(this.dir, `${TMP_PREFIX}old-${id}-${process.pid}-${counter++}`);
      renameSync(target, old);
      renameSync(tmp, target);
      rmSync(old, {recursive: true, force: true});
    } else {
      renameSync(tmp, target);
    }
    return target;
  }
}

export function writeJson(dir: string, name: string, value: unknown): void {
  writeFileSync(join(dir, name), JSON.stringify(value, null, 2) + '\n');
}

export function writeRows(dir: string, name: string, rows: readonly MetricRow[]): void {
  writeFileSync(join(dir, name), rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
}
