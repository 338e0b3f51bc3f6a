/**
 * A Hogwild worker thread of trainFastText: attaches its own kernel instance to the shared memory and runs
 * the training loop from its start position, without locks (as fastText's threads). Posts its per-epoch sums.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {createRng} from '@embedlab/core/data';
import {attachKernel, type KernelLayout} from './kernel.js';
import {runTrainingLoop, type LoopParams, type LoopTables} from './train-loop.js';

interface WorkerInput {
  kind: 'wasm' | 'ts';
  module: object | null;
  memory: object | undefined;
  buffer: SharedArrayBuffer;
  layout: KernelLayout;
  tables: LoopTables;
  params: LoopParams;
  seed: number;
}

const input = workerData as WorkerInput;
const kernel = attachKernel(input.kind, input.layout, input.buffer, input.memory, input.params.thread, input.module);
const sums = runTrainingLoop(input.tables, input.params, kernel, new Int32Array(input.buffer), createRng(input.seed));
parentPort!.postMessage(sums);
