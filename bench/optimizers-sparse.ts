/**
 * Steps/s of one training step of lookup -> mean pool -> dense(2) (sigmoid / softmax) at a large vocabulary,
 * three ways:
 *   sparse   @embedlab/optimizers trainTextClassifier: core EmbedlabEmbedding gatherRows/sparseGradient +
 *            row-sparse SGD/Adam on the host table, tfjs head (wasm). Cost grows with the batch.
 *   dense    core EmbedlabEmbedding in tf.sequential + trainOnBatch with stock tf.train.sgd/adam: dense
 *            [V, D] gradient (JS scatter-add) and a dense optimizer update every step (wasm).
 *   stock    tf.layers.embedding + globalAveragePooling1d + dense, trainOnBatch. On wasm its gradient kernel
 *            (UnsortedSegmentSum) is not registered; on cpu the kernel loops over all V rows with n x D
 *            temporaries that live until the end of the op (memory ~ V x n x D x 4 bytes: 256 GB for a
 *            64 x 100 batch at V = 100k). So it runs in a child process with a time cap, on a tiny batch.
 *
 *   node --conditions=@embedlab/source --import tsx bench/optimizers-sparse.ts [--vocabs 100000,400000]
 *     [--dim 100] [--steps 20] [--optimizers sgd,adam] [--stock-cap-s 240] [--stock-tokens 4] [--no-stock]
 *
 * Batch: 64 documents x 100 token ids, uniform over the vocabulary (the worst case for the sparse path:
 * ~6.4k distinct rows per step). Prints one JSON line per measurement and a summary table.
 */
import {spawnSync} from 'node:child_process';
import {loadavg} from 'node:os';
import {fileURLToPath} from 'node:url';
import type * as TF from '@tensorflow/tfjs';
import {createRng, embeddingLayer, initBackend} from '../packages/core/src/index.js';
import {trainTextClassifier} from '../packages/optimizers/src/index.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const [batch, seqLen] = [64, 100];

async function stockChild(): Promise<void> {
  // Child mode: one stock trainOnBatch step on the cpu backend; prints {ms}.
  const vocab = Number(arg('vocab', '100000')),
    dim = Number(arg('dim', '100')),
    tokens = Number(arg('stock-tokens', '4'));
  const {tf} = await initBackend('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({inputDim: vocab, outputDim: dim, inputLength: tokens}),
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({units: 2, activation: 'softmax'}),
    ],
  });
  model.compile({optimizer: tf.train.sgd(0.1), loss: 'sparseCategoricalCrossentropy'});
  const rng = createRng(3);
  const x = tf.tensor2d(
    Float32Array.from({length: tokens}, () => rng.int(vocab)),
    [1, tokens],
  );
  const y = tf.tensor2d([1], [1, 1]);
  const t0 = performance.now();
  await model.trainOnBatch(x, y);
  console.log(JSON.stringify({ms: performance.now() - t0, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20)}));
}

interface Row {
  path: string;
  vocab: number;
  optimizer: string;
  steps: number;
  msPerStep: number;
  stepsPerSec: number;
  note?: string;
}

async function main(): Promise<void> {
  const vocabs = arg('vocabs', '100000,400000').split(',').map(Number);
  const dim = Number(arg('dim', '100'));
  const steps = Number(arg('steps', '20'));
  const optimizers = arg('optimizers', 'sgd,adam').split(',') as ('sgd' | 'adam')[];
  const capS = Number(arg('stock-cap-s', '240'));
  const stockTokens = Number(arg('stock-tokens', '4'));
  const info = await initBackend();
  const tf = info.tf as typeof TF;
  const rows: Row[] = [];
  const record = (r: Omit<Row, 'stepsPerSec'>) => {
    const row = {...r, stepsPerSec: 1000 / r.msPerStep};
    rows.push(row);
    console.log(JSON.stringify(row));
  };
  console.log(JSON.stringify({backend: info.name, tfjs: info.tfjsVersion, loadavg: loadavg(), node: process.version, batch, seqLen, dim, steps}));

  for (const vocab of vocabs) {
    const rng = createRng(vocab);
    const docs = Array.from({length: batch * steps}, () => Int32Array.from({length: seqLen}, () => rng.int(vocab)));
    const labels = Uint8Array.from({length: docs.length}, () => rng.int(2));
    const init = Float32Array.from({length: vocab * dim}, () => (rng.float() - 0.5) * 0.1);

    for (const type of optimizers) {
      // sparse: one epoch over `steps` batches; history[0].seconds covers exactly the step loop.
      // warm-up (JIT): 3 short runs
      for (let w = 0; w < 3; w++)
        await trainTextClassifier({
          docs: docs.slice(0, batch * 4),
          labels: labels.slice(0, batch * 4),
          vocabSize: vocab,
          dim,
          init,
          epochs: 1,
          batchSize: batch,
          seed: 1,
          optimizer: {type, learningRate: 0.01},
        });
      const clf = await trainTextClassifier({
        docs,
        labels,
        vocabSize: vocab,
        dim,
        init,
        epochs: 1,
        batchSize: batch,
        seed: 1,
        optimizer: {type, learningRate: 0.01},
      });
      const h = clf.history[0] as {seconds: number; rowsUpdated: number};
      record({path: 'sparse', vocab, optimizer: type, steps, msPerStep: (h.seconds * 1000) / steps, note: `${Math.round(h.rowsUpdated / steps)} rows/step`});

      // dense: core layer, stock optimizer, dense [V, D] gradient.
      const layer = embeddingLayer({inputDim: vocab, outputDim: dim, pretrained: init, inputShape: [seqLen]});
      const model = tf.sequential({layers: [layer, tf.layers.globalAveragePooling1d(), tf.layers.dense({units: 1, activation: 'sigmoid'})]});
      model.compile({optimizer: type === 'sgd' ? tf.train.sgd(0.01) : tf.train.adam(0.01), loss: 'binaryCrossentropy'});
      const xs = docs.slice(0, batch * Math.min(steps, 5));
      const batches = Array.from({length: xs.length / batch}, (_, s) => ({
        x: tf.tensor2d(Float32Array.from(xs.slice(s * batch, (s + 1) * batch).flatMap((d) => Array.from(d))), [batch, seqLen]),
        y: tf.tensor2d(Float32Array.from(labels.slice(s * batch, (s + 1) * batch)), [batch, 1]),
      }));
      await model.trainOnBatch((batches[0] as {x: TF.Tensor}).x, (batches[0] as {y: TF.Tensor}).y); // warm-up (allocates optimizer state)
      const t0 = performance.now();
      for (const b of batches) await model.trainOnBatch(b.x, b.y);
      record({path: 'dense', vocab, optimizer: type, steps: batches.length, msPerStep: (performance.now() - t0) / batches.length});
      for (const b of batches) tf.dispose([b.x, b.y]);
      model.dispose();
    }

    // stock tf.layers.embedding: wasm has no gradient kernel; cpu in a capped child process, tiny batch.
    try {
      const m = tf.sequential({
        layers: [
          tf.layers.embedding({inputDim: vocab, outputDim: dim, inputLength: 4}),
          tf.layers.globalAveragePooling1d(),
          tf.layers.dense({units: 2, activation: 'softmax'}),
        ],
      });
      m.compile({optimizer: tf.train.sgd(0.1), loss: 'sparseCategoricalCrossentropy'});
      await m.trainOnBatch(tf.tensor2d([[1, 2, 3, 4]]), tf.tensor2d([[1]]));
      record({path: 'stock-wasm', vocab, optimizer: 'sgd', steps: 1, msPerStep: NaN, note: 'ran (unexpected)'});
    } catch (error) {
      record({path: 'stock-wasm', vocab, optimizer: 'sgd', steps: 0, msPerStep: NaN, note: `fails: ${(error as Error).message.split('\n')[0]}`});
    }
    if (!process.argv.includes('--no-stock')) {
      const self = fileURLToPath(import.meta.url);
      const res = spawnSync(
        process.execPath,
        [
          '--conditions=@embedlab/source',
          '--import',
          'tsx',
          self,
          '--stock-child',
          '--vocab',
          String(vocab),
          '--dim',
          String(dim),
          '--stock-tokens',
          String(stockTokens),
        ],
        {timeout: capS * 1000, encoding: 'utf8', killSignal: 'SIGKILL'},
      );
      const line = (res.stdout ?? '').trim().split('\n').pop() ?? '';
      if (res.error || res.status !== 0 || !line.startsWith('{')) {
        record({
          path: 'stock-cpu',
          vocab,
          optimizer: 'sgd',
          steps: 0,
          msPerStep: NaN,
          note: `batch 1 x ${stockTokens} tokens: no step within ${capS} s (${res.error?.message ?? `exit ${res.status} ${res.signal ?? ''}`})`,
        });
      } else {
        const {ms, rssMiB} = JSON.parse(line) as {ms: number; rssMiB: number};
        record({
          path: 'stock-cpu',
          vocab,
          optimizer: 'sgd',
          steps: 1,
          msPerStep: ms,
          note: `batch 1 x ${stockTokens} tokens only (not 64 x 100); RSS ${rssMiB} MiB`,
        });
      }
    }
  }
  console.log(
    `\nbackend ${info.name}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log('path        vocab    opt   steps  ms/step    steps/s  note');
  for (const r of rows) {
    console.log(
      `${r.path.padEnd(11)} ${String(r.vocab).padEnd(8)} ${r.optimizer.padEnd(5)} ${String(r.steps).padStart(5)} ${r.msPerStep.toFixed(1).padStart(8)} ${r.stepsPerSec.toFixed(2).padStart(10)}  ${r.note ?? ''}`,
    );
  }
}

if (process.argv.includes('--stock-child')) await stockChild();
else await main();
