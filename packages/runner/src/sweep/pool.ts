/**
 * The local executor: a pool of `width` long-lived child processes (`worker.ts --serve`, forked with an IPC
 * channel), each loading tsx, tfjs and the registries once and then running jobs one at a time, so the
 * start-up (~2.4 s on 2 cores) is paid once per slot, not once per run. A run that throws is reported
 * failed and its child takes the next job; a child that dies (crash, OOM, killed) fails its run with its last
 * stderr lines (not retried) and is replaced for the next job; a child whose run left tfjs tensors or
 * variables behind is replaced too. `recycle` replaces a child after that many runs. `abort()` (Ctrl-C)
 * kills the children; their temporary folders are removed, so no partial run is left in the store.
 */
import {type ChildProcess, fork, spawn} from 'node:child_process';
import {writeFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {SweepJob} from './execute-one.js';
import {RunStore} from './store.js';
import type {ChildMessage, JobMessage} from './worker.js';

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
const EXEC_ARGV = ['--conditions=@embedlab/source', '--import', import.meta.resolve('tsx')];
/** Bytes of a child's stderr kept for the error of a run it dies in. */
const STDERR_KEEP = 16384;

const lastLines = (text: string, n: number) => text.trim().split('\n').slice(-n).join('\n');

/** One long-lived child (`worker.ts --serve`). */
class PoolChild {
  readonly process: ChildProcess;
  runs = 0;
  /** Why it takes no more runs (it died, left state behind, or reached `recycle`). */
  retired: string | undefined;
  #stderr = '';
  readonly #exited: Promise<string>;
  readonly #ready: Promise<boolean>;

  constructor(options: {env: NodeJS.ProcessEnv; cwd: string}) {
    this.process = fork(WORKER, ['--serve'], {
      execArgv: EXEC_ARGV,
      cwd: options.cwd,
      env: {...options.env, EMBEDLAB_SWEEP_PARENT: String(process.pid)},
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.process.stderr?.on('data', (d: Buffer) => (this.#stderr = (this.#stderr + d.toString()).slice(-STDERR_KEEP)));
    this.process.stdout?.resume();
    this.#exited = new Promise((resolve) =>
      this.process.once('exit', (code, signal) => {
        this.retired ??= 'exited';
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        // Let the pipe deliver the last stderr lines a dying run's error quotes; not 'close': a grandchild
        // that inherited stderr (tsx's esbuild) can hold the pipe open after the child is gone.
        const stderr = this.process.stderr;
        if (!stderr || stderr.readableEnded) return resolve(how);
        const timer = setTimeout(() => resolve(how), 200);
        stderr.once('end', () => {
          clearTimeout(timer);
          resolve(how);
        });
      }),
    );
    this.process.on('error', () => {}); // a send to a child that just died; its exit reports it
    const ready = new Promise<boolean>((resolve) => {
      const onMessage = (m: ChildMessage) => {
        if (m?.type !== 'ready') return;
        this.process.off('message', onMessage);
        resolve(true);
      };
      this.process.on('message', onMessage);
    });
    this.#ready = Promise.race([ready, this.#exited.then(() => false)]);
  }

  /** Runs one job; never rejects. */
  async run(job: SweepJob): Promise<JobOutcome> {
    const id = job.identity.id;
    const died = async () => {
      const how = await this.#exited;
      const tail = lastLines(this.#stderr, 5);
      return {id, ok: false, error: `the sweep child process died (${how})${tail ? `; its last stderr lines:\n${tail}` : ', no stderr'}`};
    };
    if (!(await this.#ready)) return died();
    this.#stderr = ''; // this run's lines only
    this.runs++;
    let onMessage: ((m: ChildMessage) => void) | undefined;
    const answered = new Promise<JobOutcome>((resolve) => {
      onMessage = (m: ChildMessage) => {
        if (m?.type !== 'result' || m.id !== id) return;
        if (m.retire) this.retired = m.retire;
        resolve(m.ok ? {id, ok: true} : {id, ok: false, error: m.error ?? 'failed'});
      };
      this.process.on('message', onMessage);
    });
    this.process.send({type: 'job', job} satisfies JobMessage);
    try {
      return await Promise.race([answered, died()]);
    } finally {
      if (onMessage) this.process.off('message', onMessage);
    }
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }

  /** Closes the channel (the child exits on its own); SIGKILL if it has not within 5 s. */
  async close(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    if (this.process.connected) this.process.disconnect();
    const timer = setTimeout(() => this.kill(), 5000);
    await this.#exited;
    clearTimeout(timer);
  }
}

export async function runPool(
  jobs: readonly SweepJob[],
  options: {
    width: number;
    env: NodeJS.ProcessEnv;
    cwd: string;
    onProgress?: (p: PoolProgress) => void;
    signal?: AbortSignal;
    /** A fresh child after this many runs (1: one run per process). __Default:__ `EMBEDLAB_SWEEP_RECYCLE` in `env`, else never (0). */
    recycle?: number;
  },
): Promise<JobOutcome[]> {
  const width = Math.max(1, Math.min(options.width, jobs.length || 1));
  const recycle = options.recycle ?? (Number(options.env.EMBEDLAB_SWEEP_RECYCLE) || 0);
  const outcomes: JobOutcome[] = [];
  const children = new Set<PoolChild>();
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  let running = 0;
  let aborted = options.signal?.aborted ?? false;
  const report = () => {
    const done = outcomes.length;
    const per = done ? (performance.now() - t0) / 1000 / done : undefined;
    options.onProgress?.({done: done - failed, running, failed, total: jobs.length, eta: per === undefined ? undefined : per * (jobs.length - done)});
  };
  const onAbort = () => {
    aborted = true;
    for (const c of children) c.kill();
  };
  options.signal?.addEventListener('abort', onAbort);
  const slot = async () => {
    let child: PoolChild | undefined;
    try {
      while (!aborted && next < jobs.length) {
        const job = jobs[next++] as SweepJob;
        if (!child || child.retired) {
          if (child) {
            children.delete(child);
            await child.close();
          }
          child = new PoolChild({env: options.env, cwd: options.cwd});
          children.add(child);
          if (aborted) child.kill(); // abort came while the previous one closed
        }
        running++;
        report();
        const outcome = await child.run(job);
        running--;
        outcomes.push(outcome);
        if (!outcome.ok) failed++;
        if (recycle && child.runs >= recycle) child.retired ??= `recycled after ${child.runs} runs`;
        report();
      }
    } finally {
      if (child) {
        children.delete(child);
        await child.close();
      }
    }
  };
  try {
    await Promise.all(Array.from({length: width}, slot));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    // Children killed mid-run leave temporary folders; their pids are gone now.
    for (const storeDir of new Set(jobs.map((j) => j.storeDir))) new RunStore(storeDir).removeStale();
  }
  return outcomes;
}

/**
 * One run in a fresh child process (`worker.ts <job.json>`; the Redis worker's executor: the child dies with
 * its parent); `done` resolves with its outcome (never rejects).
 */
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
