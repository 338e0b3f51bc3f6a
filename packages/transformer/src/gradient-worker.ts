/**
 * A worker thread that computes a GPT model's loss and gradients for the micro-batches it is sent (see
 * parallel.ts). It keeps its own model replica, overwritten with the main thread's weights before each job.
 */
import {parentPort} from 'node:worker_threads';
import {initBackend} from '@embedlab/core';
import {GptModel, type LmBatch} from './model.js';
import type {ResolvedGptConfig} from './config.js';

interface InitMessage {
  kind: 'init';
  config: ResolvedGptConfig;
  freeze: 'none' | 'all' | 'pretrained-rows';
  lockMask: Uint8Array | null;
  table: Float32Array;
}
interface JobMessage {
  kind: 'job';
  id: number;
  params: [string, Float32Array][];
  table: Float32Array;
  batch: LmBatch;
  dropoutSeed: number;
}

let model: GptModel | undefined;
const port = parentPort;
if (!port) throw new Error('gradient-worker.ts runs only as a worker thread');
const info = await initBackend();
port.on('message', (m: InitMessage | JobMessage) => {
  try {
    if (m.kind === 'init') {
      model?.dispose();
      model = new GptModel(m.config, {seed: 0, table: {pretrained: m.table, freeze: m.freeze, ...(m.lockMask ? {pretrainedRows: m.lockMask} : {})}});
      port.postMessage({id: 0, ready: true});
      return;
    }
    const replica = model as GptModel;
    for (const [name, data] of m.params) (replica.params.get(name) as Float32Array).set(data);
    replica.table.set(m.table);
    const g = replica.lossAndGradients(m.batch, {training: true, dropoutSeed: m.dropoutSeed});
    const transfer: ArrayBuffer[] = [...g.dense.values()].map((a) => a.buffer as ArrayBuffer);
    if (g.table) transfer.push(g.table.buffer as ArrayBuffer);
    if (g.touched) transfer.push(g.touched.buffer as ArrayBuffer);
    port.postMessage({id: m.id, loss: g.loss, dense: [...g.dense], table: g.table, touched: g.touched}, transfer);
  } catch (error) {
    port.postMessage({id: (m as JobMessage).id ?? 0, error: (error as Error).stack ?? String(error)});
  }
});
port.postMessage({id: -1, backend: info.name});
