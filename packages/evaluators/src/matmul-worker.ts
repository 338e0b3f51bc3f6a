/** Worker side of the analogy search: computes chunk products with its own tfjs (wasm) instance. */
import {parentPort} from 'node:worker_threads';
import {initBackend} from '@embedlab/core';
import {produceChunk, type SummarySpec} from './chunk-product.js';
import {tfjsMatmul} from './tfjs-matmul.js';

const info = await initBackend();
const matmul = tfjsMatmul(info.tf);
let words: Float32Array = new Float32Array(0), wordCount = 0, dim = 0;
let spec: SummarySpec = {pairs: new Int32Array(0), method: '3CosAdd', eps2: 0};
parentPort!.on('message', async (m: {id: number; kind: 'words' | 'chunk'; words?: Float32Array; wordCount?: number; dim?: number; spec?: SummarySpec; cT?: Float32Array; len?: number}) => {
  try {
    if (m.kind === 'words') {
      words = m.words!;
      wordCount = m.wordCount!;
      dim = m.dim!;
      spec = m.spec!;
      parentPort!.postMessage({id: m.id, backend: info.name});
      return;
    }
    const r = await produceChunk(m.cT!, m.len!, dim, words, wordCount, spec, matmul);
    const transfer = [r.S.buffer, r.perm.buffer, r.bmax.buffer, r.bmin.buffer, ...(r.dmax ? [r.dmax.buffer] : [])] as ArrayBuffer[];
    parentPort!.postMessage({id: m.id, ...r}, transfer);
  } catch (error) {
    parentPort!.postMessage({id: m.id, error: String((error as Error).stack ?? error)});
  }
});
parentPort!.postMessage({id: 0, ready: true, backend: info.name});
