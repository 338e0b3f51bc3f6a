/**
 * Language-model training speed, embedlab (@embedlab/transformer on tfjs-wasm) vs PyTorch (issue 10):
 * vocab 20,000, 4 layers, dModel 128, 4 heads, context 128, batch 16 (2,048 tokens a step), tied head,
 * dropout 0, AdamW lr 6e-4 (constant; betas 0.9/0.95, wd 0.1 on matmul weights, clip 1.0, as trainLm).
 *
 * Both sides start from the same weights (embedlab's `saveCheckpoint` of a seeded model, loaded by
 * bench/lm_train_torch.py) and read the same windows (`sampleBatch` of a seeded Zipf(1) token stream, the
 * windows trainLm would draw, written to a file), so their losses after the same steps should agree. Each
 * run is its own process (so peak RSS is per run); runs alternate embedlab (1 thread), embedlab-2t (the
 * batch as two micro-batches of 8 sequences, one on a worker thread: ParallelGradients), PyTorch, ...; each
 * does `--warmup` untimed steps then `--steps` timed ones. PyTorch uses torch.set_num_threads(2); tfjs-wasm
 * is single-threaded per Node thread. Then one more embedlab process profiles one step with tf.profile.
 *
 * Debian's python3-torch 1.13 is built with BLAS_INFO=generic: its matmuls go to whatever libblas.so.3
 * is, by default the netlib reference BLAS (a [2048,128] x [128,20000] product takes seconds). With
 * `apt-get install libopenblas0-pthread` the PyTorch runs get LD_LIBRARY_PATH=<openblas-pthread dir>
 * (the system-wide alternative need not change); `--blas system` keeps the system's libblas.
 *
 *   pnpm bench bench/lm-train.ts [--runs 3] [--steps 5] [--warmup 1] [--no-profile] [--blas openblas|system]
 *     [--sides embedlab,embedlab-2t,pytorch]
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {cpus, loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {createRng, deriveSeed, initBackend} from '@embedlab/core';
import {
  AdamW,
  addGradients,
  clipGradients,
  type GptConfig,
  GptModel,
  type Gradients,
  type LmBatch,
  loadCheckpoint,
  ParallelGradients,
  readSafetensors,
  sampleBatch,
  saveCheckpoint,
  scaleGradients,
  type SafeTensor,
  writeSafetensors,
} from '@embedlab/transformer';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const CONFIG: GptConfig = {vocabSize: 20000, context: 128, dModel: 128, nLayers: 4, nHeads: 4, tie: true, dropout: 0, positions: 'learned'};
const BATCH = 16,
  LENGTH = 128,
  LR = 6e-4,
  SEED = 7;
const TOKENS_PER_STEP = BATCH * LENGTH;
/** Debian's python3-torch calls libblas.so.3, which is the slow reference BLAS unless OpenBLAS is chosen. */
const OPENBLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-pthread';

interface RunResult {
  who: 'embedlab' | 'embedlab-2t' | 'pytorch';
  stepMs: number[];
  /** CPU time (user + system, all threads of the process) of each timed step. */
  cpuMs: number[];
  /** embedlab: lossAndGradients part of each step. */
  gradMs?: number[];
  losses: number[];
  peakRssMiB: number;
  setupSeconds: number;
  version: string;
  loadBefore: number[];
  loadAfter: number[];
}

const batchesOf = (file: string): LmBatch[] => {
  const {tensors} = readSafetensors(file);
  const inputs = tensors.get('inputs')!.data as Int32Array,
    targets = tensors.get('targets')!.data as Int32Array;
  const [steps] = tensors.get('inputs')!.shape as [number];
  return Array.from({length: steps}, (_, s) => ({
    inputs: inputs.subarray(s * TOKENS_PER_STEP, (s + 1) * TOKENS_PER_STEP),
    targets: targets.subarray(s * TOKENS_PER_STEP, (s + 1) * TOKENS_PER_STEP),
    batch: BATCH,
    length: LENGTH,
  }));
};

/** Split a batch into `parts` micro-batches of whole sequences (the data-parallel side). */
function split(batch: LmBatch, parts: number): LmBatch[] {
  const per = batch.batch / parts,
    n = per * batch.length;
  return Array.from({length: parts}, (_, k) => ({
    inputs: batch.inputs.slice(k * n, (k + 1) * n),
    targets: batch.targets.slice(k * n, (k + 1) * n),
    batch: per,
    length: batch.length,
  }));
}

async function child(dir: string, warmup: number, threads: number): Promise<void> {
  const began = performance.now();
  const info = await initBackend('wasm');
  const {model} = loadCheckpoint(join(dir, 'init.safetensors'));
  const batches = batchesOf(join(dir, 'batches.safetensors'));
  const optimizer = new AdamW({learningRate: LR, weightDecay: 0.1, beta1: 0.9, beta2: 0.95});
  // threads > 1: the batch as `threads` micro-batches, one per thread (a worker holds a replica), gradients averaged
  const parallel = threads > 1 ? await ParallelGradients.start(model, threads) : undefined;
  const setupSeconds = (performance.now() - began) / 1000;
  const stepMs: number[] = [],
    cpuMs: number[] = [],
    gradMs: number[] = [],
    losses: number[] = [];
  for (const [s, batch] of batches.entries()) {
    const t0 = performance.now(),
      c0 = process.cpuUsage();
    let grads: Gradients;
    if (parallel) {
      const parts = await parallel.compute(
        model,
        split(batch, threads).map((b) => ({batch: b, dropoutSeed: 0})),
      );
      grads = parts[0] as Gradients;
      for (const g of parts.slice(1)) addGradients(grads, g);
      scaleGradients(grads, 1 / threads);
    } else grads = model.lossAndGradients(batch, {training: true});
    const t1 = performance.now();
    clipGradients(grads, 1.0);
    optimizer.apply(model.specs, model.params, grads, model.table, model.config.embeddingDim);
    const t2 = performance.now();
    if (s >= warmup) {
      stepMs.push(t2 - t0);
      const c = process.cpuUsage(c0);
      cpuMs.push((c.user + c.system) / 1000);
      gradMs.push(t1 - t0);
    }
    losses.push(grads.loss.sum / grads.loss.count);
  }
  await parallel?.close();
  const out = {
    stepMs,
    cpuMs,
    gradMs,
    losses,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    setupSeconds,
    version: `tfjs ${info.tfjsVersion} ${info.name}`,
  };
  console.log(JSON.stringify(out));
}

/** One profiled step (after one warm-up step): kernel times by name, BatchMatMul by shapes. */
async function profileChild(dir: string): Promise<void> {
  const info = await initBackend('wasm');
  const tf = info.tf;
  const {model} = loadCheckpoint(join(dir, 'init.safetensors'));
  const batches = batchesOf(join(dir, 'batches.safetensors'));
  const optimizer = new AdamW({learningRate: LR, weightDecay: 0.1, beta1: 0.9, beta2: 0.95});
  const step = (b: LmBatch) => {
    const g = model.lossAndGradients(b, {training: true});
    clipGradients(g, 1.0);
    optimizer.apply(model.specs, model.params, g, model.table, model.config.embeddingDim);
  };
  step(batches[0]!);
  const batch = batches[1 % batches.length]!;
  let grads: ReturnType<GptModel['lossAndGradients']> | undefined;
  const t0 = performance.now();
  const prof = await tf.profile(() => {
    grads = model.lossAndGradients(batch, {training: true});
    return [];
  });
  const t1 = performance.now();
  clipGradients(grads!, 1.0);
  const t2 = performance.now();
  optimizer.apply(model.specs, model.params, grads!, model.table, model.config.embeddingDim);
  const t3 = performance.now();
  const V = model.config.vocabSize;
  const rows = new Map<string, {ms: number; calls: number; registered: boolean; head: boolean}>();
  for (const k of prof.kernels) {
    const registered = tf.getKernel(k.name, tf.getBackend()) != null;
    const shapes = [...k.inputShapes, ...k.outputShapes].filter((s): s is number[] => Array.isArray(s));
    const head = shapes.some((s) => s.includes(V));
    const key =
      k.name === 'BatchMatMul' || k.name === '_FusedMatMul' || k.name === 'Transpose'
        ? `${k.name} ${k.inputShapes.map((s) => `[${(s ?? []).join(',')}]`).join(' x ')}`
        : `${k.name}${head ? ` (with a ${V} dim)` : ''}`;
    const r = rows.get(key) ?? {ms: 0, calls: 0, registered, head};
    r.ms += k.kernelTimeMs as number;
    r.calls++;
    r.head ||= head;
    rows.set(key, r);
  }
  console.log(JSON.stringify({lossAndGradientsMs: t1 - t0, clipMs: t2 - t1, applyMs: t3 - t2, rows: [...rows].map(([key, r]) => ({key, ...r}))}));
}

function zipfStream(vocab: number, length: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const cdf = new Float64Array(vocab);
  let z = 0;
  for (let i = 0; i < vocab; i++) z += 1 / (i + 1);
  let c = 0;
  for (let i = 0; i < vocab; i++) cdf[i] = c += 1 / (i + 1) / z;
  return Int32Array.from({length}, () => {
    const u = rng.float();
    let lo = 0,
      hi = vocab - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if ((cdf[m] as number) < u) lo = m + 1;
      else hi = m;
    }
    return lo;
  });
}

/** Sides, interleaved in this order each run: embedlab on 1 thread, on 2 (data-parallel micro-batches), PyTorch. */
const SIDES = (process.argv.includes('--sides') ? arg('sides', '') : 'embedlab,embedlab-2t,pytorch').split(',') as ('embedlab' | 'embedlab-2t' | 'pytorch')[];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
};
const load = () => loadavg().map((x) => Number(x.toFixed(2)));

async function main(): Promise<void> {
  const runs = Number(arg('runs', '3')),
    steps = Number(arg('steps', '5')),
    warmup = Number(arg('warmup', '1'));
  const startLoad = load();
  console.log(
    `lm-train: vocab ${CONFIG.vocabSize}, ${CONFIG.nLayers} layers, dModel ${CONFIG.dModel}, ${CONFIG.nHeads} heads, context ${CONFIG.context}, batch ${BATCH} (${TOKENS_PER_STEP} tokens/step), tied, dropout 0, AdamW lr ${LR}; ${runs} runs each, ${warmup} warm-up + ${steps} timed steps`,
  );
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model}, node ${process.version}, ${new Date().toISOString()}, load average ${startLoad.join(' ')}`);
  if ((startLoad[0] as number) > 0.5)
    console.log(`WARNING: 1-minute load ${startLoad[0]} > 0.5 at the start: other work shares the CPUs, the numbers below are pessimistic and noisy`);
  const openblas = arg('blas', 'openblas') === 'openblas' && existsSync(join(OPENBLAS_DIR, 'libblas.so.3'));
  console.log(
    `PyTorch BLAS: ${openblas ? `OpenBLAS (LD_LIBRARY_PATH=${OPENBLAS_DIR})` : 'the system libblas.so.3 (Debian default: the reference BLAS; apt-get install libopenblas0-pthread for OpenBLAS)'}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'lm-train-'));
  // the shared start: weights and windows
  await initBackend('wasm');
  const model = new GptModel(CONFIG, {seed: SEED});
  saveCheckpoint(join(dir, 'init.safetensors'), model, null, {});
  model.dispose();
  const stream = zipfStream(CONFIG.vocabSize, 400_000, SEED);
  const total = warmup + steps;
  const inputs = new Int32Array(total * TOKENS_PER_STEP),
    targets = new Int32Array(total * TOKENS_PER_STEP);
  for (let s = 0; s < total; s++) {
    const b = sampleBatch(stream, BATCH, LENGTH, deriveSeed(SEED, `batch:${s}:0`));
    inputs.set(b.inputs, s * TOKENS_PER_STEP);
    targets.set(b.targets, s * TOKENS_PER_STEP);
  }
  writeSafetensors(
    join(dir, 'batches.safetensors'),
    new Map<string, SafeTensor>([
      ['inputs', {dtype: 'I32', shape: [total, BATCH, LENGTH], data: inputs}],
      ['targets', {dtype: 'I32', shape: [total, BATCH, LENGTH], data: targets}],
    ]),
  );
  const results: RunResult[] = [];
  for (let r = 0; r < runs; r++) {
    for (const who of SIDES) {
      const loadBefore = load();
      const cmd =
        who !== 'pytorch'
          ? ([
              process.execPath,
              [
                '--conditions=@embedlab/source',
                '--import',
                'tsx',
                import.meta.filename,
                '--child',
                dir,
                '--warmup',
                String(warmup),
                '--threads',
                who === 'embedlab-2t' ? '2' : '1',
              ],
            ] as const)
          : ([
              '/usr/bin/python3',
              [join(import.meta.dirname, 'lm_train_torch.py'), dir, '--warmup', String(warmup), '--threads', '2', '--lr', String(LR)],
            ] as const);
      const env = who === 'pytorch' && openblas ? {...process.env, LD_LIBRARY_PATH: OPENBLAS_DIR, OPENBLAS_NUM_THREADS: '2'} : process.env;
      const line = execFileSync(cmd[0], [...cmd[1]], {encoding: 'utf8', maxBuffer: 1 << 26, env})
        .trim()
        .split('\n')
        .pop() as string;
      const res = {who, ...(JSON.parse(line) as Omit<RunResult, 'who' | 'loadBefore' | 'loadAfter'>), loadBefore, loadAfter: load()};
      results.push(res);
      const ms = median(res.stepMs);
      console.log(
        `run ${r + 1} ${who.padEnd(11)}: ${res.stepMs.map((x) => x.toFixed(0)).join(' ')} ms/step, median ${ms.toFixed(0)} ms = ${(TOKENS_PER_STEP / (ms / 1000)).toFixed(0)} tokens/s (CPU ${median(res.cpuMs).toFixed(0)} ms/step); loss ${res.losses.map((x) => x.toFixed(4)).join(' ')}; peak RSS ${res.peakRssMiB.toFixed(0)} MiB; setup ${res.setupSeconds.toFixed(1)} s; load ${loadBefore[0]} -> ${res.loadAfter[0]}`,
      );
    }
  }
  console.log('');
  const summary: Record<string, number> = {};
  console.log(
    '| side | runs | tokens/s median (range of run medians) | ms/step median (range) | CPU ms/step median | loss after ' + total + ' steps | peak RSS MiB |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const who of SIDES) {
    const rs = results.filter((r) => r.who === who);
    const runMs = rs.map((r) => median(r.stepMs));
    const tps = runMs.map((ms) => TOKENS_PER_STEP / (ms / 1000));
    summary[who] = median(tps);
    const losses = rs.map((r) => r.losses[r.losses.length - 1] as number);
    console.log(
      `| ${who} (${rs[0]?.version}) | ${rs.length} | ${median(tps).toFixed(0)} (${Math.min(...tps).toFixed(0)}-${Math.max(...tps).toFixed(0)}) | ${median(runMs).toFixed(0)} (${Math.min(...runMs).toFixed(0)}-${Math.max(...runMs).toFixed(0)}) | ${median(rs.flatMap((r) => r.cpuMs)).toFixed(0)} | ${losses.map((x) => x.toFixed(4)).join(', ')} | ${median(rs.map((r) => r.peakRssMiB)).toFixed(0)} |`,
    );
  }
  const e0 = results.find((r) => r.who === 'embedlab'),
    p0 = results.find((r) => r.who === 'pytorch');
  if (e0 && p0)
    console.log(
      `same start, same windows: max |loss diff| embedlab vs PyTorch over the ${total} steps ${Math.max(...e0.losses.map((x, i) => Math.abs(x - (p0.losses[i] as number)))).toExponential(1)}`,
    );
  for (const who of SIDES.filter((w) => w !== 'pytorch' && summary[w] !== undefined)) {
    if (summary.pytorch !== undefined) console.log(`ratio ${who} / PyTorch tokens/s: ${((summary[who] as number) / summary.pytorch).toFixed(3)}`);
  }
  const emb = results.filter((r) => r.who === 'embedlab');
  if (emb[0]?.gradMs) {
    const grad = median(emb.flatMap((r) => r.gradMs ?? [])),
      all = median(emb.flatMap((r) => r.stepMs));
    console.log(`embedlab step split: lossAndGradients ${grad.toFixed(0)} ms, clip + AdamW ${(all - grad).toFixed(0)} ms (medians)`);
  }
  console.log(`load average: start ${startLoad.join(' ')}, end ${load().join(' ')}`);

  if (!process.argv.includes('--no-profile')) {
    const line = execFileSync(process.execPath, ['--conditions=@embedlab/source', '--import', 'tsx', import.meta.filename, '--profile-child', dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    })
      .trim()
      .split('\n')
      .pop() as string;
    const p = JSON.parse(line) as {
      lossAndGradientsMs: number;
      clipMs: number;
      applyMs: number;
      rows: {key: string; ms: number; calls: number; registered: boolean; head: boolean}[];
    };
    const kernels = p.rows.filter((r) => r.registered).sort((a, b) => b.ms - a.ms);
    const scopes = p.rows.filter((r) => !r.registered);
    const kernelMs = kernels.reduce((s, r) => s + r.ms, 0);
    const headMs = kernels.filter((r) => r.head).reduce((s, r) => s + r.ms, 0);
    const stepMs = p.lossAndGradientsMs + p.clipMs + p.applyMs;
    console.log('');
    console.log(
      `profile of one embedlab step (tf.profile, after one warm-up step; load ${load().join(' ')}): lossAndGradients ${p.lossAndGradientsMs.toFixed(0)} ms (profiled), clip ${p.clipMs.toFixed(0)} ms, AdamW.apply ${p.applyMs.toFixed(0)} ms`,
    );
    console.log(
      `  sum of tfjs kernels ${kernelMs.toFixed(0)} ms; the rest of lossAndGradients, outside tfjs kernels ${(p.lossAndGradientsMs - kernelMs).toFixed(0)} ms (the attention products on transformer's own wasm kernel, attention-matmul.ts, which tf.profile does not see; uploads, host loops of the loss and the table gradient, readbacks)`,
    );
    console.log(
      `  kernels touching a ${CONFIG.vocabSize} dim (head matmuls, their transposes, Softmax, loss-gradient ops) ${headMs.toFixed(0)} ms = ${((100 * headMs) / kernelMs).toFixed(0)}% of kernel time, ${((100 * headMs) / stepMs).toFixed(0)}% of the step`,
    );
    console.log('  | kernel (BatchMatMul / Transpose by input shapes) | calls | ms | % of kernels | head |');
    console.log('  |---|---|---|---|---|');
    for (const r of kernels.slice(0, 25))
      console.log(`  | ${r.key} | ${r.calls} | ${r.ms.toFixed(1)} | ${((100 * r.ms) / kernelMs).toFixed(1)} | ${r.head ? 'yes' : ''} |`);
    const rest = kernels.slice(25);
    if (rest.length)
      console.log(
        `  | (${rest.length} more) | ${rest.reduce((s, r) => s + r.calls, 0)} | ${rest.reduce((s, r) => s + r.ms, 0).toFixed(1)} | ${((100 * rest.reduce((s, r) => s + r.ms, 0)) / kernelMs).toFixed(1)} | |`,
      );
    for (const r of scopes) console.log(`  custom-op scope '${r.key}' (wraps kernels above, not added): ${r.calls} calls, ${r.ms.toFixed(0)} ms`);
  }
  rmSync(dir, {recursive: true, force: true});
}

if (process.argv.includes('--child'))
  await child(process.argv[process.argv.indexOf('--child') + 1] as string, Number(arg('warmup', '1')), Number(arg('threads', '1')));
else if (process.argv.includes('--profile-child')) await profileChild(process.argv[process.argv.indexOf('--profile-child') + 1] as string);
else await main();
