/**
 * The local executor: a pool of child processes (`worker.ts`), at most `jobs` at a time, one run per
 * process. `abort()` (Ctrl-C) kills the running children and removes their temporary folders, so no
 * partial run is left in the store.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {SweepJob} from './execute-one.js';
import {RunStore} from './store.js';

export interface PoolProgress {
  done: number;
  running: number;
  failed: number;
  total: number;
  /** Seconds, from the mean time per finished run and the pool width; undefined before the first. */
  eta: number | undefined;
}

export interface JobOutcome {
  id: string;
  ok: boolean;
  error?: string;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export async function runPool(
  jobs: readonly SweepJob[],
  options: {width: number; env: NodeJS.ProcessEnv; cwd: string; onProgress?: (p: PoolProgress) => void; signal?: AbortSignal},
): Promise<JobOutcome[]> {
  const width = Math.max(1, Math.min(options.width, jobs.length || 1));
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-sweep-'));
  const outcomes: JobOutcome[] = [];
  const children = new Set<ChildProcess>();
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  let aborted = false;
  const report = () => {
    const done = outcomes.length;
    const per = done ? (performance.now() - t0) / 1000 / done : undefined;
    options.onProgress?.({
      done: done - failed,
      running: children.size,
      failed,
      total: jobs.length,
      eta: per === undefined ? undefined : per * (jobs.length - done),
    });
  };
  const runOne = (job: SweepJob, index: number) => {
    const {child, done} = spawnRun(job, {dir, index, env: options.env, cwd: options.cwd});
    children.add(child);
    report();
    return done.finally(() => children.delete(child));
  };
  const onAbort = () => {
    aborted = true;
    for (const c of children) c.kill('SIGKILL');
  };
  options.signal?.addEventListener('abort', onAbort);
  try {
    await Promise.all(
      Array.from({length: width}, async () => {
        while (!aborted && next < jobs.length) {
          const i = next++;
          const outcome = await runOne(jobs[i] as SweepJob, i);
          outcomes.push(outcome);
          if (!outcome.ok) failed++;
          report();
        }
      }),
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    rmSync(dir, {recursive: true, force: true});
    // Children killed mid-run leave temporary folders; their pids are gone now.
    for (const storeDir of new Set(jobs.map((j) => j.storeDir))) new RunStore(storeDir).removeStale();
  }
  return outcomes;
}

/** One run in a child process (`worker.ts`); `done` resolves with its outcome (never rejects). */
export function spawnRun(
  job: SweepJob,
  options: {dir: string; index: number | string; env: NodeJS.ProcessEnv; cwd: string},
): {child: ChildProcess; done: Promise<JobOutcome>} {
  const file = join(options.dir, `job-${options.index}.json`);
  writeFileSync(file, JSON.stringify(job));
  const child = spawn(process.execPath, ['--conditions=@embedlab/source', '--import', import.meta.resolve('tsx'), WORKER, file], {
    cwd: options.cwd,
    env: {...options.env, EMBEDLAB_SWEEP_PARENT: String(process.pid)},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  const done = new Promise<JobOutcome>((resolvePromise) => {
    child.on('close', (code, sig) => {
      rmSync(file, {force: true});
      resolvePromise(
        code === 0
          ? {id: job.identity.id, ok: true}
          : {id: job.identity.id, ok: false, error: stderr.trim().split('\n').slice(-3).join('\n') || `exit ${code ?? sig}`},
      );
    });
  });
  return {child, done};
}
