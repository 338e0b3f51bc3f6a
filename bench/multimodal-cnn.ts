/**
 * Training speed of @embedlab/multimodal's small CNN (tfjs-wasm, one thread; convolutions as im2col +
 * matMul with our own gradient) against the same CNN in PyTorch 1.13 (`/usr/bin/python3`,
 * torch.set_num_threads(2), bench/multimodal_cnn_torch.py), issue 18. Both train the supervised head
 * (softmax over 10 classes, Adam 1e-3, batch 64) on the same Fashion-MNIST batches, in order.
 *
 * Runs alternate embedlab, PyTorch, embedlab, ... each in its own process with `--warmup` untimed steps
 * then `--steps` timed ones; the table gives medians over runs of each run's median step, as images/s
 * (wall) and images per CPU-second (all threads of the process; the fairer number on a shared machine).
 * The load average is printed before and after every run. PyTorch gets LD_LIBRARY_PATH=<OpenBLAS> when
 * libopenblas0-pthread is installed (Debian's torch otherwise calls the reference BLAS).
 *
 * `--accuracy N` also trains embedlab's CNN for N epochs on all 60,000 training images and reports its
 * test accuracy (10,000 images) next to the published small-CNN results of the Fashion-MNIST README.
 *
 *   pnpm bench bench/multimodal-cnn.ts [--runs 3] [--steps 10] [--warmup 2] [--accuracy 0]
 */
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {loadavg} from 'node:os';
import {join} from 'node:path';
import {initBackend} from '@embedlab/core';
import {FASHION_MNIST, argmaxRows, embedImages, loadFashionMnist, locateFashionMnist, trainImageModel} from '../packages/multimodal/src/index.js';

let backendVersion = '';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const RUNS = Number(arg('runs', '3')),
  STEPS = Number(arg('steps', '10')),
  WARMUP = Number(arg('warmup', '2'));
const BATCH = 64,
  ACCURACY_EPOCHS = Number(arg('accuracy', '0'));
const OPENBLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
/** Published Fashion-MNIST test accuracies of small CNNs without augmentation (the dataset's README table). */
const PUBLISHED = [
  {what: '2 Conv+pooling (Kashif Rasul)', accuracy: 0.876},
  {what: '2 Conv+pooling (TensorFlow tutorial, benchmark/convnet.py)', accuracy: 0.916},
  {what: '2 Conv+pooling+ELU (PyTorch)', accuracy: 0.903},
  {what: '2 Conv <100K parameters', accuracy: 0.925},
  {what: '3 Conv+pooling+BN', accuracy: 0.903},
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b),
    m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function child(): Promise<void> {
  backendVersion = (await initBackend()).tfjsVersion;
  const data = loadFashionMnist();
  const n = (WARMUP + STEPS) * BATCH;
  const stepMs: number[] = [],
    cpuMs: number[] = [],
    losses: number[] = [];
  let t = performance.now(),
    c = process.cpuUsage();
  // one epoch over the first n images = WARMUP + STEPS steps; the callback after every step times it
  trainImageModel(data.train, {
    objective: 'supervised',
    indices: Array.from({length: n}, (_, i) => i),
    classes: Array.from({length: 10}, (_, i) => i),
    epochs: 1,
    batchSize: BATCH,
    seed: 7,
    progressEvery: 1,
    onProgress: (p) => {
      const now = performance.now(),
        cu = process.cpuUsage(c);
      if (p.step > WARMUP) {
        stepMs.push(now - t);
        cpuMs.push((cu.user + cu.system) / 1000);
      }
      losses.push(p.loss);
      t = performance.now();
      c = process.cpuUsage();
    },
  });
  console.log(JSON.stringify({who: 'embedlab', stepMs, cpuMs, losses, version: `tfjs-wasm ${backendVersion}`}));
}

async function accuracy(epochs: number): Promise<void> {
  await initBackend();
  const data = loadFashionMnist();
  const all = Array.from({length: 10}, (_, i) => i);
  console.log(`\naccuracy: embedlab CNN, ${epochs} epoch(s) on all 60,000 training images, load ${load()}`);
  const m = trainImageModel(data.train, {
    objective: 'supervised',
    indices: Array.from({length: data.train.n}, (_, i) => i),
    classes: all,
    epochs,
    seed: 1,
    progressEvery: 200,
    onProgress: (p) =>
      process.stderr.write(`  step ${p.step}/${p.steps} loss ${p.loss.toFixed(4)} ${p.imagesPerSecond.toFixed(0)} img/s ETA ${p.etaSeconds.toFixed(0)} s\n`),
  });
  const test = Array.from({length: data.test.n}, (_, i) => i);
  const pred = argmaxRows(embedImages(m, data.test, test), 10);
  const acc = test.filter((i) => pred[i] === data.test.labels[i]).length / test.length;
  console.log(`test accuracy ${acc.toFixed(4)} (${m.seconds.toFixed(0)} s, ${m.cpuSeconds.toFixed(0)} cpu-s, load ${load()})`);
  for (const p of PUBLISHED)
    console.log(`  published ${p.what}: ${p.accuracy.toFixed(3)} (ours ${acc - p.accuracy >= 0 ? '+' : ''}${((acc - p.accuracy) * 100).toFixed(1)} points)`);
}

if (process.argv.includes('--child')) {
  await child();
} else {
  const found = locateFashionMnist();
  if (!found) throw new Error('Fashion-MNIST not found: apt-get install dataset-fashion-mnist (or see packages/multimodal/README.md)');
  const images = join(found.dir, FASHION_MNIST.files[0]!.name),
    labels = join(found.dir, FASHION_MNIST.files[1]!.name);
  const torchEnv = existsSync(OPENBLAS_DIR) ? {...process.env, LD_LIBRARY_PATH: OPENBLAS_DIR} : process.env;
  console.log(
    `multimodal CNN training, batch ${BATCH}, ${STEPS} timed steps after ${WARMUP} warm-up, ${RUNS} interleaved runs; torch BLAS: ${existsSync(OPENBLAS_DIR) ? 'OpenBLAS (pthread)' : 'system libblas'}`,
  );
  const results: Record<string, {img: number[]; cpu: number[]; losses: number[][]; version: string}> = {};
  for (let r = 0; r < RUNS; r++) {
    for (const who of ['embedlab', 'pytorch'] as const) {
      const before = load();
      const outText =
        who === 'embedlab'
          ? execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, '--child', '--steps', String(STEPS), '--warmup', String(WARMUP)], {
              encoding: 'utf8',
              stdio: ['ignore', 'pipe', 'ignore'],
            })
          : execFileSync(
              '/usr/bin/python3',
              [
                'bench/multimodal_cnn_torch.py',
                images,
                labels,
                '--steps',
                String(STEPS),
                '--warmup',
                String(WARMUP),
                '--batch',
                String(BATCH),
                '--threads',
                '2',
              ],
              {encoding: 'utf8', env: torchEnv},
            );
      const res = JSON.parse(outText.trim().split('\n').pop() as string) as {stepMs: number[]; cpuMs: number[]; losses: number[]; version: string};
      const e = (results[who] ??= {img: [], cpu: [], losses: [], version: res.version});
      e.img.push((BATCH * 1000) / median(res.stepMs));
      e.cpu.push((BATCH * 1000) / median(res.cpuMs));
      e.losses.push(res.losses);
      console.log(
        `run ${r + 1} ${who.padEnd(8)}: ${((BATCH * 1000) / median(res.stepMs)).toFixed(0)} images/s, ${((BATCH * 1000) / median(res.cpuMs)).toFixed(0)} images/cpu-s (median step ${median(res.stepMs).toFixed(1)} ms); load before ${before}, after ${load()}`,
      );
    }
  }
  console.log('\n| side | version | images/s (median of runs) | images per CPU-second |');
  console.log('|---|---|---|---|');
  for (const [who, e] of Object.entries(results))
    console.log(
      `| ${who} | ${e.version} | ${median(e.img).toFixed(0)} [${Math.min(...e.img).toFixed(0)}-${Math.max(...e.img).toFixed(0)}] | ${median(e.cpu).toFixed(0)} |`,
    );
  const ratio = median(results.embedlab!.img) / median(results.pytorch!.img);
  console.log(
    `embedlab / PyTorch: ${ratio.toFixed(2)}x (wall), ${(median(results.embedlab!.cpu) / median(results.pytorch!.cpu)).toFixed(2)}x (per CPU-second); load now ${load()}`,
  );
  if (ACCURACY_EPOCHS > 0) await accuracy(ACCURACY_EPOCHS);
}
