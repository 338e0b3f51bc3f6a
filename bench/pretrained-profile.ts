/**
 * Where the time of a GloVe text load goes (issue 19): per-stage CPU and wall milliseconds of
 * readVectors(PATH, {threads}) from the block reader's stage clock, in fresh child processes, plus the
 * machine's floor for the same size of fresh memory (first touch of a new Float32Array of rows x dim).
 *
 *   pnpm bench bench/pretrained-profile.ts [PATH] [--threads 1,2] [--runs 3] [--cpu-prof DIR]
 *
 * PATH as in pretrained-load.ts ($TMPDIR/embedlab-bench/glove.6B.100d.wink.txt; run that bench once to
 * write it). CPU per stage is process-wide (process.cpuUsage), so it is the stage's own cost with 1 thread;
 * with 2 threads the main thread's stages show wall time, and the worker's CPU shows in the total.
 * --cpu-prof DIR also writes V8 CPU profiles of each child (all threads) into DIR.
 */
import {execFileSync} from 'node:child_process';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {readVectors} from '../packages/pretrained/src/index.js';
import {stageClock} from '../packages/pretrained/src/parallel-text.js';
import {median} from './lib/compare.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] as string) : fallback;
};

type Stages = Record<string, {cpuMs: number; wallMs: number}>;

async function child(path: string, threads: number): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const clock = stageClock();
  const v = await readVectors(path, {threads, clock});
  v.indexOf('king');
  clock.tick('first lookup');
  const c = process.cpuUsage(c0);
  const total = {cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0, sysMs: c.system / 1000};
  // The floor: the same bytes of fresh memory, touched once per 4 KiB page (what the matrix costs at least).
  const f0 = process.cpuUsage();
  const w0 = performance.now();
  const fresh = new Float32Array(v.data.length);
  for (let i = 0; i < fresh.length; i += 1024) fresh[i] = 1;
  const f = process.cpuUsage(f0);
  const floor = {cpuMs: (f.user + f.system) / 1000, wallMs: performance.now() - w0};
  console.log(JSON.stringify({threads, total, floor, stages: Object.fromEntries(clock.stages), matrixMB: v.data.byteLength / 1e6}));
}

async function main(): Promise<void> {
  const path = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--')) ?? join(tmpdir(), 'embedlab-bench', 'glove.6B.100d.wink.txt');
  if (args[0] === '--child') return child(args[1] as string, Number(args[2]));
  const runs = Number(opt('--runs', '3'));
  const prof = opt('--cpu-prof', '');
  console.log(
    `${new Date().toISOString()} load average before ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  for (const threads of opt('--threads', '1,2').split(',').map(Number)) {
    const got: {total: {cpuMs: number; wallMs: number; sysMs: number}; floor: {cpuMs: number; wallMs: number}; stages: Stages; matrixMB: number}[] = [];
    for (let r = 0; r < runs; r++) {
      const nodeArgs = [
        '--conditions=@embedlab/source',
        '--import',
        'tsx',
        ...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []),
        process.argv[1] as string,
        '--child',
        path,
        String(threads),
      ];
      got.push(JSON.parse(execFileSync(process.execPath, nodeArgs, {encoding: 'utf8'}).trim().split('\n').pop() as string));
    }
    const med = (f: (g: (typeof got)[number]) => number) => median(got.map(f));
    console.log(
      `\n${threads} thread(s), ${runs} runs, medians (ms): total CPU ${med((g) => g.total.cpuMs).toFixed(0)} (sys ${med((g) => g.total.sysMs).toFixed(0)}), wall ${med((g) => g.total.wallMs).toFixed(0)}`,
    );
    console.log('| stage (this thread) | CPU ms | wall ms | calls |');
    console.log('|---|---|---|---|');
    for (const stage of Object.keys(got[0]?.stages ?? {})) {
      const m = (k: 'cpuMs' | 'wallMs') => med((g) => g.stages[stage]?.[k] ?? 0).toFixed(0);
      console.log(`| ${stage} | ${m('cpuMs')} | ${m('wallMs')} | ${(got[0]!.stages[stage] as unknown as {calls: number}).calls} |`);
    }
    console.log(
      `floor: first touch of ${got[0]?.matrixMB.toFixed(0)} MB of fresh memory: CPU ${med((g) => g.floor.cpuMs).toFixed(0)} ms, wall ${med((g) => g.floor.wallMs).toFixed(0)} ms`,
    );
  }
  console.log(
    `\nload average after ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

await main();
