/**
 * This machine's ceilings, measured: what the hot loops of the other benches are a share of.
 *
 *   pnpm bench bench/limits.ts [--json]
 *
 * - wasm f32x4 multiply-add (f32x4.mul then f32x4.add, what the kernels' GEMM issues), one thread and two
 *   (worker threads, run at once): 12 independent register-only chains, so the number is the issue rate;
 * - wasm i32x4.dot_i16x8_s (standard SIMD's widest integer dot: 8 multiply-adds per instruction);
 * - relaxed SIMD (f32x4.relaxed_madd, i32x4 int8 dot): Node 20's V8 11.3 validates it only behind
 *   --experimental-wasm-relaxed-simd, so it is measured in a child process with that flag and reported as
 *   not usable without flags;
 * - memory read bandwidth (wasm v128 loads over 256 MB, one thread and two);
 * - tfjs-wasm matMul and @embedlab/kernels' gemm at the analogy search's shape [900, 100] x [100, 8192].
 * Rates are the best of 3 runs of ~0.2 s (wall); single-thread rows also give the rate per CPU second.
 * The loops are bench/wasm/limits*.wat (rebuilt by bench/wasm/build.sh).
 */
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {gemm} from '../packages/kernels/src/index.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const PLAIN = readFileSync(here('./wasm/limits.wasm'));
const RELAXED = readFileSync(here('./wasm/limits-relaxed.wasm'));

/** Operations per loop iteration: 12 chains x 4 lanes x 2 (mul + add), or x 8 lanes... x 2 for the dots. */
const OPS: Record<string, number> = {madd: 12 * 4 * 2, rmadd: 12 * 4 * 2, dot16: 12 * 8 * 2, rdot8: 12 * 16 * 2};

export interface Ceiling {
  /** What was measured, and the unit of `rate`. */
  name: string;
  unit: 'GFLOP/s' | 'Gop/s' | 'GB/s';
  /** Best wall rate. */
  rate: number;
  /** Rate per CPU second (single-thread rows only). */
  perCpu?: number;
  note?: string;
}

export interface Limits {
  node: string;
  v8: string;
  load: number[];
  relaxedSimdWithoutFlags: boolean;
  ceilings: Ceiling[];
}

// The measuring loop, as plain JavaScript so worker threads and the flagged child can run it too.
const RUNNER = `
const run = (bytes, fn, arg, rounds) => {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const e = inst.exports;
  let best = Infinity, bestCpu = Infinity;
  if (fn === 'read') {
    const mb = arg;
    e.memory.grow(Math.ceil((mb * 1048576 + 65536) / 65536));
    new Uint8Array(e.memory.buffer).fill(1); // touch every page before timing
    e.read_run(65536, 16 * 65536, 1);
    for (let r = 0; r < rounds; r++) {
      const c0 = process.cpuUsage(), t0 = performance.now();
      e.read_run(65536, mb * 1048576, 2);
      const t = (performance.now() - t0) / 1000, c = process.cpuUsage(c0);
      best = Math.min(best, t); bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6);
    }
    return {seconds: best, cpu: bestCpu, work: 2 * mb * 1048576};
  }
  e[fn + '_run'](1000);
  let n = 1 << 16;
  for (;;) { const t0 = performance.now(); e[fn + '_run'](n); if (performance.now() - t0 > 60 || n > 1 << 28) break; n *= 2; }
  n = Math.max(1, Math.round(n * 3));
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    e[fn + '_run'](n);
    const t = (performance.now() - t0) / 1000, c = process.cpuUsage(c0);
    best = Math.min(best, t); bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6);
  }
  return {seconds: best, cpu: bestCpu, work: n};
};
`;

const runHere = new Function('bytes', 'fn', 'arg', 'rounds', `${RUNNER}; return run(bytes, fn, arg, rounds);`) as (
  bytes: Uint8Array,
  fn: string,
  arg: number,
  rounds: number,
) => {seconds: number; cpu: number; work: number};

/** The same loop on `threads` worker threads started together (a barrier); the slowest one's time counts. */
async function onThreads(threads: number, bytes: Uint8Array, fn: string, arg: number): Promise<{seconds: number; work: number}> {
  const barrier = new Int32Array(new SharedArrayBuffer(4));
  const code = `
    const {parentPort, workerData} = require('node:worker_threads');
    ${RUNNER}
    const {bytes, fn, arg, barrier} = workerData;
    Atomics.add(barrier, 0, 1);
    while (Atomics.load(barrier, 0) < workerData.threads) {}
    parentPort.postMessage(run(bytes, fn, arg, 3));`;
  const results = await Promise.all(
    Array.from(
      {length: threads},
      () =>
        new Promise<{seconds: number; work: number}>((resolve, reject) => {
          const w = new Worker(code, {eval: true, workerData: {bytes, fn, arg, barrier, threads}});
          w.once('message', (m) => {
            resolve(m);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  return {seconds: Math.max(...results.map((r) => r.seconds)), work: results.reduce((s, r) => s + r.work, 0)};
}

function relaxedInChild(): {rmadd?: {seconds: number; cpu: number; work: number}; rdot8?: {seconds: number; cpu: number; work: number}; error?: string} {
  const code = `${RUNNER}
    const bytes = require('node:fs').readFileSync(${JSON.stringify(here('./wasm/limits-relaxed.wasm'))});
    console.log(JSON.stringify({rmadd: run(bytes, 'rmadd', 0, 3), rdot8: run(bytes, 'rdot8', 0, 3)}));`;
  const out = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '-e', code], {encoding: 'utf8'});
  if (out.status !== 0) return {error: out.stderr.split('\n').find((l) => l.trim()) ?? `exit ${out.status}`};
  return JSON.parse(out.stdout.trim().split('\n').pop()!);
}

/** Measures every ceiling (about 15 s). */
export async function measureLimits(): Promise<Limits> {
  const ceilings: Ceiling[] = [];
  const g = (ops: number, s: number) => ops / s / 1e9;
  for (const [fn, label, unit] of [
    ['madd', 'wasm f32x4 mul+add', 'GFLOP/s'],
    ['dot16', 'wasm i32x4.dot_i16x8_s (multiply-adds x 2)', 'Gop/s'],
  ] as const) {
    const one = runHere(PLAIN, fn, 0, 3);
    ceilings.push({name: `${label}, 1 thread`, unit, rate: g(one.work * OPS[fn]!, one.seconds), perCpu: g(one.work * OPS[fn]!, one.cpu)});
    const two = await onThreads(2, PLAIN, fn, 0);
    ceilings.push({name: `${label}, 2 threads`, unit, rate: g(two.work * OPS[fn]!, two.seconds)});
  }
  const relaxed = relaxedInChild();
  if (relaxed.rmadd && relaxed.rdot8) {
    ceilings.push({
      name: 'wasm f32x4.relaxed_madd, 1 thread',
      unit: 'GFLOP/s',
      rate: g(relaxed.rmadd.work * OPS.rmadd!, relaxed.rmadd.seconds),
      perCpu: g(relaxed.rmadd.work * OPS.rmadd!, relaxed.rmadd.cpu),
      note: 'needs --experimental-wasm-relaxed-simd',
    });
    ceilings.push({
      name: 'wasm i32x4 int8 dot (relaxed; multiply-adds x 2), 1 thread',
      unit: 'Gop/s',
      rate: g(relaxed.rdot8.work * OPS.rdot8!, relaxed.rdot8.seconds),
      perCpu: g(relaxed.rdot8.work * OPS.rdot8!, relaxed.rdot8.cpu),
      note: 'needs --experimental-wasm-relaxed-simd',
    });
  } else ceilings.push({name: 'wasm relaxed SIMD', unit: 'GFLOP/s', rate: NaN, note: `not measured: ${relaxed.error}`});
  const MB = 256;
  const r1 = runHere(PLAIN, 'read', MB, 3);
  ceilings.push({name: `memory read (${MB} MB, wasm v128 loads), 1 thread`, unit: 'GB/s', rate: r1.work / r1.seconds / 1e9, perCpu: r1.work / r1.cpu / 1e9});
  const r2 = await onThreads(2, PLAIN, 'read', MB);
  ceilings.push({name: `memory read (${MB} MB each), 2 threads`, unit: 'GB/s', rate: r2.work / r2.seconds / 1e9});
  // Products at the analogy search's shape.
  const [M, K, N] = [900, 100, 8192];
  const a = Float32Array.from({length: M * K}, (_, i) => Math.sin(i)),
    b = Float32Array.from({length: K * N}, (_, i) => Math.cos(i));
  const flop = 2 * M * K * N;
  const out = new Float32Array(M * N);
  const best = (f: () => void) => {
    f();
    let s = Infinity,
      c = Infinity;
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage(),
        t0 = performance.now();
      f();
      s = Math.min(s, (performance.now() - t0) / 1000);
      const d = process.cpuUsage(c0);
      c = Math.min(c, (d.user + d.system) / 1e6);
    }
    return {s, c};
  };
  const k = best(() => gemm(a, b, M, K, N, {out}));
  ceilings.push({name: `@embedlab/kernels gemm [${M},${K}]x[${K},${N}], 1 thread`, unit: 'GFLOP/s', rate: flop / k.s / 1e9, perCpu: flop / k.c / 1e9});
  const {initBackend} = await import('../packages/core/src/index.js');
  const info = await initBackend();
  const tf = info.tf;
  // Fresh input tensors per product, as the evaluators' tfjs engine does (a B tensor reused across calls
  // made tfjs-wasm's matMul ~100x slower here).
  const t = best(() => tf.tidy(() => tf.matMul(tf.tensor2d(a, [M, K]), tf.tensor2d(b, [K, N])).dataSync()));
  ceilings.push({name: `tfjs-${info.name} matMul [${M},${K}]x[${K},${N}], 1 thread`, unit: 'GFLOP/s', rate: flop / t.s / 1e9, perCpu: flop / t.c / 1e9});
  return {
    node: process.versions.node,
    v8: process.versions.v8,
    load: loadavg(),
    relaxedSimdWithoutFlags: (globalThis as unknown as {WebAssembly: {validate(b: Uint8Array): boolean}}).WebAssembly.validate(RELAXED),
    ceilings,
  };
}

/** The ceiling a bench's rate is compared with (first whose name starts with `prefix`). */
export function ceiling(limits: Limits, prefix: string): Ceiling | undefined {
  return limits.ceilings.find((c) => c.name.startsWith(prefix));
}

export function formatLimits(l: Limits): string[] {
  const lines = [
    `node ${l.node}, V8 ${l.v8}; relaxed SIMD without flags: ${l.relaxedSimdWithoutFlags ? 'yes' : 'no'}; load average ${l.load.map((x) => x.toFixed(2)).join(' ')}`,
    '',
    '| ceiling | best wall rate | per CPU second | note |',
    '|---|---|---|---|',
  ];
  for (const c of l.ceilings)
    lines.push(
      `| ${c.name} | ${Number.isFinite(c.rate) ? `${c.rate.toFixed(1)} ${c.unit}` : '-'} | ${c.perCpu ? `${c.perCpu.toFixed(1)} ${c.unit}` : '-'} | ${c.note ?? ''} |`,
    );
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(
    `load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (2 cores)`,
  );
  const l = await measureLimits();
  for (const line of formatLimits(l)) console.log(line);
  if (process.argv.includes('--json')) console.log(JSON.stringify(l));
}
