/** Worker side of the analogy search: computes chunk products with the kernels' GEMM or its own tfjs (wasm). */
import {parentPort, workerData} from 'node:worker_threads';
import {gemm} from '@embedlab/kernels';
import {kernelMatmulMaxima, pool, produceChunk, productBuffers, type MatmulFn, type MatmulMaximaFn, type SummarySpec} from './chunk-product.js';
import {tfjsMatmul} from './tfjs-matmul.js';

const kind = (workerData as {kind?: 'kernel' | 'tfjs'} | undefined)?.kind ?? 'tfjs';
let backend = 'kernel';
let matmul: MatmulFn = (w, rowsW, cT, n, dim, out) => gemm(w, cT, rowsW, dim, n, {out});
let maxima: MatmulMaximaFn | undefined = kernelMatmulMaxima;
if (kind === 'tfjs') {
  // Loaded only here: the kernel worker never pays tfjs's start-up.
  const {initBackend} = await import('@embedlab/core');
  const info = await initBackend();
  backend = `tfjs-${info.name}`;
  matmul = tfjsMatmul(info.tf);
  maxima = undefined;
}
let words: Float32Array = new Float32Array(0),
  wordCount = 0,
  dim = 0;
let spec: SummarySpec = {pairs: new Int32Array(0), method: '3CosAdd', eps2: 0};
parentPort!.on(
  'message',
  async (m: {
    id: number;
    kind: 'words' | 'chunk' | 'recycle';
    words?: Float32Array;
    wordCount?: number;
    dim?: number;
    spec?: SummarySpec;
    cT?: Float32Array;
    len?: number;
    buffers?: ArrayBuffer[];
  }) => {
    if (m.kind === 'recycle') {
      pool.give(...m.buffers!);
      return;
    }
    try {
      if (m.kind === 'words') {
        words = m.words!;
        wordCount = m.wordCount!;
        dim = m.dim!;
        spec = m.spec!;
        parentPort!.postMessage({id: m.id, backend});
        return;
      }
      const r = await produceChunk(m.cT!, m.len!, dim, words, wordCount, spec, matmul, maxima);
      const transfer = productBuffers(r);
      parentPort!.postMessage({id: m.id, ...r}, transfer);
    } catch (error) {
      parentPort!.postMessage({id: m.id, error: String((error as Error).stack ?? error)});
    }
  },
);
parentPort!.postMessage({id: 0, ready: true, backend});
