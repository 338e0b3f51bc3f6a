#!/usr/bin/env node
/**
 * Child process of the sweep executors. Two modes:
 * - `worker.ts <job.json>`: one run (the Redis worker's child), exit 0 or 1 (error message on stderr).
 * - `worker.ts --serve` (forked with an IPC channel by the local pool, `pool.ts`): loads the modules once,
 *   answers `{type: 'ready'}`, then runs `{type: 'job', job}` messages one at a time, answering each with
 *   `{type: 'result', id, ok, error?, retire?}`; exits when the channel closes (the pool is done, or died).
 *   Between runs it restores process.env and the cwd, and asks to be replaced (`retire`) when a run left
 *   tfjs tensors or variables behind, so a reused child starts every run as a fresh one would.
 * Registries come from `EMBEDLAB_REGISTRIES_MODULE` (a module whose `registries` or default export is a
 * Registries object or a function returning one; tests use fixture registries) or the wired ones.
 */
import {readFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import {initBackend} from '@embedlab/core';
import type {Registries} from '../registries-type.js';
import {createRuntime} from '../runtime.js';
import {executeJob, type SweepJob} from './execute-one.js';

/** Parent -> child (serve mode). */
export interface JobMessage {
  type: 'job';
  job: SweepJob;
}

/** Child -> parent (serve mode). `retire`: why this child should not take another run. */
export type ChildMessage = {type: 'ready'} | {type: 'result'; id: string; ok: boolean; error?: string; retire?: string};

async function loadRegistries(): Promise<Registries> {
  const module = process.env.EMBEDLAB_REGISTRIES_MODULE;
  if (!module) return (await import('../registries.js')).registries;
  const m = (await import(pathToFileURL(module).href)) as {registries?: unknown; default?: unknown};
  const r = m.registries ?? m.default;
  return (typeof r === 'function' ? (r as () => Registries)() : r) as Registries;
}

const runtimeFor = (registries: Registries, what: string) =>
  createRuntime({cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, registries, argv: ['exp', 'sweep-worker', what]});

async function serve(): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  const registries = await loadRegistries();
  const backend = await initBackend(process.env.EMBEDLAB_BACKEND ?? process.env.TF_BACKEND);
  const env0 = {...process.env};
  const cwd0 = process.cwd();
  let queue = Promise.resolve();
  process.on('message', (m: JobMessage) => {
    if (m?.type !== 'job') return;
    // One run at a time: the pool sends the next job only after the result, the chain just makes sure.
    queue = queue.then(async () => {
      const {tf} = backend;
      const tensors0 = tf.memory().numTensors;
      const variables0 = Object.keys(tf.engine().registeredVariables).length;
      let result: ChildMessage;
      try {
        await executeJob(runtimeFor(registries, m.job.identity.id), m.job);
        result = {type: 'result', id: m.job.identity.id, ok: true};
      } catch (error) {
        result = {type: 'result', id: m.job.identity.id, ok: false, error: (error as Error)?.message ?? String(error)};
      }
      // Put back what a run may change for the next one (a fresh child would start from these).
      for (const k of Object.keys(process.env)) if (!(k in env0)) delete process.env[k];
      Object.assign(process.env, env0);
      if (process.cwd() !== cwd0) process.chdir(cwd0);
      const tensors = tf.memory().numTensors - tensors0;
      const variables = Object.keys(tf.engine().registeredVariables).length - variables0;
      if (tensors > 0 || variables > 0) result.retire = `the run left ${tensors} tfjs tensors and ${variables} variables`;
      send(result);
    });
  });
  send({type: 'ready'});
}

// Ctrl-C goes to the whole process group: the parent decides; the child just dies (its temp folder is removed by the parent).
process.on('SIGINT', () => process.exit(130));
// Die with the parent (a Redis worker killed with SIGKILL): its run is retried elsewhere, so this one must not finish.
const parent = Number(process.env.EMBEDLAB_SWEEP_PARENT);
if (parent) {
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 200).unref();
}
if (process.argv[2] === '--serve') {
  if (!process.send) {
    process.stderr.write('worker.ts --serve needs an IPC channel (child_process.fork)\n');
    process.exit(2);
  }
  // The channel closes when the pool is done or its process dies: a run in progress must not finish then.
  process.on('disconnect', () => process.exit(1));
  try {
    await serve();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
} else {
  const jobFile = process.argv[2];
  if (!jobFile) {
    process.stderr.write('usage: worker.ts <job.json> | worker.ts --serve\n');
    process.exit(2);
  }
  try {
    const job = JSON.parse(readFileSync(jobFile, 'utf8')) as SweepJob;
    const dir = await executeJob(runtimeFor(await loadRegistries(), jobFile), job);
    process.stdout.write(JSON.stringify({ok: true, dir}) + '\n');
    process.exitCode = 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
