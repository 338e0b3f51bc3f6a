/**
 * The results folder of one run: `results/<experiment>/<runId>/` with config.resolved.json, meta.json,
 * metrics.jsonl and summary.json. It is written as `<runId>.incomplete/` and renamed when the run
 * completes (huggingface datasets' incomplete_dir), so a crash never leaves something that looks done.
 */
import {appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {writeFileAtomic} from '@embedlab/core';
import {RUN_ID_PATTERN} from './run-id.js';

export const INCOMPLETE_SUFFIX = '.incomplete';

export class RunFolder {
  readonly incompleteDir: string;
  readonly finalDir: string;
  #closed = false;

  constructor(
    readonly experimentDir: string,
    readonly runId: string,
  ) {
    this.finalDir = join(experimentDir, runId);
    this.incompleteDir = this.finalDir + INCOMPLETE_SUFFIX;
    removeStaleIncomplete(experimentDir);
    rmSync(this.incompleteDir, {recursive: true, force: true});
    mkdirSync(this.incompleteDir, {recursive: true});
    writeFileAtomic(join(this.incompleteDir, OWNER_FILE), JSON.stringify({pid: process.pid, startedAt: new Date().toISOString()}) + '\n');
  }

  /** Refuse writes after discard() or complete(): a discarded run must not come back to life. */
  #open(): void {
    if (this.#closed) throw new Error(`run folder ${this.incompleteDir} was already ${existsSync(this.finalDir) ? 'completed' : 'discarded'}`);
  }

  writeJson(name: string, value: unknown): void {
    this.#open();
    writeFileAtomic(join(this.incompleteDir, name), JSON.stringify(value, null, 2) + '\n');
  }

  appendLines(name: string, rows: readonly unknown[]): void {
    if (!rows.length) return;
    this.#open();
    const file = join(this.incompleteDir, name);
    mkdirSync(dirname(file), {recursive: true});
    appendFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }

  /** Rename `<runId>.incomplete` to `<runId>`; returns the final folder. */
  complete(): string {
    this.#open();
    rmSync(join(this.incompleteDir, OWNER_FILE), {force: true});
    rmSync(this.finalDir, {recursive: true, force: true}); // only a --force rerun within the same second
    renameSync(this.incompleteDir, this.finalDir);
    this.#closed = true;
    return this.finalDir;
  }

  /** Remove the partial folder (after an error or Ctrl-C). Safe to call twice. */
  discard(): void {
    if (this.#closed) return;
    this.#closed = true;
    rmSync(this.incompleteDir, {recursive: true, force: true});
  }
}

const OWNER_FILE = '.owner.json';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove `<runId>.incomplete` folders whose process is gone (killed with SIGKILL, power loss): they never
 * held a result. Folders of live runs (another terminal) are left alone.
 */
export function removeStaleIncomplete(experimentDir: string): string[] {
  if (!existsSync(experimentDir)) return [];
  const removed: string[] = [];
  for (const d of readdirSync(experimentDir)) {
    if (!d.endsWith(INCOMPLETE_SUFFIX)) continue;
    const dir = join(experimentDir, d);
    let pid: number | undefined;
    try {
      pid = (JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as {pid?: number}).pid;
    } catch {
      pid = undefined; // no owner file: a folder from before owner files, or a crash before it was written
    }
    if (pid === undefined || !alive(pid)) {
      rmSync(dir, {recursive: true, force: true});
      removed.push(dir);
    }
  }
  return removed;
}

/** Complete run ids of an experiment, oldest first. */
export function listRuns(experimentDir: string): string[] {
  if (!existsSync(experimentDir)) return [];
  return readdirSync(experimentDir, {withFileTypes: true})
    .filter((d) => d.isDirectory() && RUN_ID_PATTERN.test(d.name))
    .map((d) => d.name)
    .sort();
}
