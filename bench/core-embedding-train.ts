/**
 * Training speed of @embedlab/core's embedding layer: steps/s of `trainOnBatch` for
 * [embedding(50000, 100), globalAveragePooling1d, dense(2, softmax)] on a 64 x 100 batch of ids, per
 * backend and stock tfjs optimizer, plus the row-sparse path (gatherRows -> tf.grad -> sparseGradient ->
 * in-place SGD on the host table -> setTable) and what stock `tf.layers.embedding` does on wasm.
 *
 *   node --conditions=@embedlab/source --import tsx bench/core-embedding-train.ts [--backends wasm,cpu]
 *     [--optimizers sgd,adam] [--steps 20] [--vocab 50000] [--dim 100]
 *
 * Prints one JSON line per measurement, then a summary table.
 */
import {cpus, loadavg} from 'node:os';
import type * as TF from '@tensorflow/tfjs';
// The root package does not depend on the workspace packages, so import core's source by path; `tf` is the
// namespace core itself uses, as returned by initBackend.
import {createRng, embeddingLayer, initBackend} from '../packages/core/src/index.js';

let tf!: typeof TF; // set by the first initBackend below

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const backends = arg('backends', 'wasm,cpu').split(',');
const optimizers = arg('optimizers', 'sgd,adam').split(',');
const steps = Number(arg('steps', '20'));
const vocab = Number(arg('vocab', '50000'));
const dim = Number(arg('dim', '100'));
const [batch, seqLen] = [64, 100];

const rng = createRng(2024);
const idsData = Float32Array.from({length: batch * seqLen}, () => rng.int(vocab));
const labelsData = Float32Array.from({length: batch}, () => rng.int(2));

interface Row {
  backend: string;
  path: string;
  optimizer: string;
  steps: number;
  msPerStep: number;
  stepsPerSec: number;
  examplesPerSec: number;
  note?: string;
}
const rows: Row[] = [];
const record = (r: Omit<Row, 'stepsPerSec' | 'examplesPerSec'>) => {
  const row = {...r, stepsPerSec: 1000 / r.msPerStep, examplesPerSec: (1000 / r.msPerStep) * batch};
  rows.push(row);
  console.log(JSON.stringify(row));
};

function makeOptimizer(name: string): TF.Optimizer {
  if (name === 'sgd') return tf.train.sgd(0.1);
  if (name === 'adam') return tf.train.adam(0.001);
  throw new Error(`unknown optimizer ${name}`);
}

async function denseSteps(backend: string, optimizer: string): Promise<void> {
  const layer = embeddingLayer({inputDim: vocab, outputDim: dim, seed: 1, inputShape: [seqLen]});
  const model = tf.sequential({layers: [layer, tf.layers.globalAveragePooling1d(), tf.layers.dense({units: 2, activation: 'softmax'})]});
  const opt = makeOptimizer(optimizer);
  model.compile({optimizer: opt, loss: 'sparseCategoricalCrossentropy'});
  const x = tf.tensor2d(idsData, [batch, seqLen]); // [64, 100]
  const y = tf.tensor1d(labelsData); // [64]
  for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y); // warm-up: kernels, optimizer slots
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  record({backend, path: 'dense (model.trainOnBatch)', optimizer, steps, msPerStep: (performance.now() - t0) / steps});
  tf.dispose([x, y]);
  model.dispose();
  opt.dispose();
}

/**
 * The row-sparse path with plain SGD written inline (the lazy optimizers live in @embedlab/optimizers): one
 * tf.grads pass gives the gradient of the looked-up rows and of the head's kernel and bias.
 */
async function sparseSteps(backend: string, uploadEveryStep: boolean): Promise<void> {
  const layer = embeddingLayer({inputDim: vocab, outputDim: dim, seed: 1});
  layer.build([null, seqLen]);
  const rng2 = createRng(7);
  const kernel = tf.variable(
    tf.tensor2d(
      Float32Array.from({length: dim * 2}, () => 0.1 * rng2.normal()),
      [dim, 2],
    ),
  ); // [D, 2]
  const bias = tf.variable(tf.zeros([2])); // [2]
  const ids = Int32Array.from(idsData);
  const yOneHot = tf.oneHot(tf.tensor1d(labelsData, 'int32'), 2); // [64, 2]
  const lr = 0.1;
  const loss = (r: TF.Tensor, k: TF.Tensor, b: TF.Tensor) =>
    tf.losses.softmaxCrossEntropy(yOneHot, r.reshape([batch, seqLen, dim]).mean(1).matMul(k).add(b)) as TF.Scalar; // r: [6400, D]
  const step = () => {
    tf.tidy(() => {
      const rows = layer.gatherRows(ids); // [6400, D]
      const [dRows, dK, dB] = tf.grads(loss)([rows, kernel, bias]) as [TF.Tensor, TF.Tensor, TF.Tensor];
      kernel.assign(kernel.sub(dK.mul(lr)));
      bias.assign(bias.sub(dB.mul(lr)));
      const g = layer.sparseGradient(ids, dRows);
      const table = layer.table();
      for (let k = 0; k < g.rows.length; k++) {
        const base = (g.rows[k] as number) * dim,
          src = k * dim;
        for (let j = 0; j < dim; j++) table[base + j]! -= lr * (g.values[src + j] as number);
      }
      if (uploadEveryStep) layer.setTable(table);
    });
  };
  for (let i = 0; i < 2; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  record({
    backend,
    path: uploadEveryStep ? 'sparse, setTable every step' : 'sparse, host table only',
    optimizer: 'sgd (inline)',
    steps,
    msPerStep: (performance.now() - t0) / steps,
  });
  tf.dispose([kernel, bias, yOneHot]);
  layer.dispose();
}

/** Stock tf.layers.embedding: one step, to record whether it runs at all. */
async function stockStep(backend: string): Promise<void> {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({inputDim: vocab, outputDim: dim, inputLength: seqLen}),
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({units: 2, activation: 'softmax'}),
    ],
  });
  model.compile({optimizer: tf.train.sgd(0.1), loss: 'sparseCategoricalCrossentropy'});
  const x = tf.tensor2d(idsData, [batch, seqLen]),
    y = tf.tensor1d(labelsData);
  try {
    const t0 = performance.now();
    await model.trainOnBatch(x, y);
    record({backend, path: 'stock tf.layers.embedding', optimizer: 'sgd', steps: 1, msPerStep: performance.now() - t0, note: 'first step, includes warm-up'});
  } catch (error) {
    console.log(JSON.stringify({backend, path: 'stock tf.layers.embedding', error: (error as Error).message}));
    rows.push({
      backend,
      path: 'stock tf.layers.embedding',
      optimizer: 'sgd',
      steps: 0,
      msPerStep: NaN,
      stepsPerSec: NaN,
      examplesPerSec: NaN,
      note: `fails: ${(error as Error).message}`,
    });
  }
  tf.dispose([x, y]);
  model.dispose();
}

for (const backend of backends) {
  const info = await initBackend(backend);
  if (!tf) {
    tf = info.tf;
    console.log(JSON.stringify({vocab, dim, batch, seqLen, steps, node: process.version, tfjs: tf.version.tfjs, cpus: cpus().length, loadavg: loadavg()}));
  }
  for (const optimizer of optimizers) await denseSteps(info.name, optimizer);
  await sparseSteps(info.name, true);
  await sparseSteps(info.name, false);
  if (info.name === 'wasm') await stockStep(info.name); // stock on cpu at V=50000 takes minutes per step
}
console.log(
  `\nload average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log('backend | path | optimizer | ms/step | steps/s | examples/s');
for (const r of rows) {
  console.log(
    `${r.backend} | ${r.path} | ${r.optimizer} | ${r.msPerStep.toFixed(1)} | ${r.stepsPerSec.toFixed(2)} | ${r.examplesPerSec.toFixed(0)}${r.note ? ` | ${r.note}` : ''}`,
  );
}
