#!/usr/bin/env node
/**
 * Child process of the local sweep pool: reads one job (JSON file path in argv[2]), runs it into the store,
 * exits 0 or 1 (error message on stderr). Registries come from `EMBEDLAB_REGISTRIES_MODULE` (a module whose
 * `registries` or default export is a Registries object or a function returning one; tests use fixture
 * registries) or the wired ones.
 */
import {readFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import type {Registries} from '../registries-type.js';
import {createRuntime} from '../runtime.js';
import {executeJob, type SweepJob} from './execute-one.js';

async function loadRegistries(): Promise<Registries> {
  const module = process.env.EMBEDLAB_REGISTRIES_MODULE;
  if (!module) return (await import('../registries.js')).registries;
  const m = (await import(pathToFileURL(module).href)) as {registries?: unknown; default?: unknown};
  const r = m.registries ?? m.default;
  return (typeof r === 'function' ? (r as () => Registries)() : r) as Registries;
}

const jobFile = process.argv[2];
if (!jobFile) {
  process.stderr.write('usage: worker.ts <job.json>\n');
  process.exit(2);
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
try {
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as SweepJob;
  const registries = await loadRegistries();
  const rt = createRuntime({
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    registries,
    argv: ['exp', 'sweep-worker', jobFile],
  });
  const dir = await executeJob(rt, job);
  process.stdout.write(JSON.stringify({ok: true, dir}) + '\n');
  process.exitCode = 0;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
