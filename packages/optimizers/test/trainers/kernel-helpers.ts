/** Test helper: a tiny kernel memory with hand-set vectors, run by either kernel. */
import type {KernelLayout, Word2VecKernel} from '../../src/trainers/kernel.js';
import {allocateWord2VecMemory} from '../../src/trainers/memory-layout.js';
import {cumulativeBuckets, negLogSigmoidTable, sigmoidTable} from '../../src/trainers/tables.js';
import {TsWord2VecKernel} from '../../src/trainers/ts-kernel.js';
import {WasmWord2VecKernel, word2vecKernelModule} from '../../src/trainers/wasm-kernel.js';

export interface Toy {
  V: number;
  dim: number;
  window: number;
  negative: number;
  table: number[];
  syn0: number[][];
  syn1: number[][];
  keep?: number[];
  lock?: number[];
  cbow?: boolean;
  cumulative?: boolean;
  skipSaturated?: boolean;
  /** skip-gram with negatives shared by the window */
  shared?: boolean;
}

export function makeKernel(kind: 'ts' | 'wasm', toy: Toy, sentence: number[]) {
  const mem = allocateWord2VecMemory({
    vocabSize: toy.V,
    dim: toy.dim,
    tableSize: toy.table.length,
    corpusLength: sentence.length,
    sentences: 1,
    chunks: 1,
    maxSentenceLength: sentence.length,
    threads: 1,
    ...(toy.shared ? {sharedNegatives: {window: toy.window, negative: toy.negative}} : {}),
  });
  const buf = mem.memory.buffer;
  new Float32Array(buf, mem.exp, 1000).set(sigmoidTable());
  new Float32Array(buf, mem.lossTable, 1000).set(negLogSigmoidTable());
  new Int32Array(buf, mem.table, toy.table.length).set(toy.table);
  if (toy.cumulative) new Int32Array(buf, mem.buckets, 65537).set(cumulativeBuckets(Int32Array.from(toy.table)));
  if (toy.keep) new Float32Array(buf, mem.keep, toy.V).set(toy.keep);
  if (toy.lock) new Uint8Array(buf, mem.lock, toy.V).set(toy.lock);
  const syn0 = new Float32Array(buf, mem.syn0, toy.V * toy.dim);
  const syn1 = new Float32Array(buf, mem.syn1, toy.V * toy.dim);
  toy.syn0.forEach((r, i) => syn0.set(r, i * toy.dim));
  toy.syn1.forEach((r, i) => syn1.set(r, i * toy.dim));
  new Int32Array(buf, mem.corpus, sentence.length).set(sentence);
  const layout: KernelLayout = {
    dim: toy.dim,
    window: toy.window,
    negative: toy.negative,
    syn0: mem.syn0,
    syn1: mem.syn1,
    table: mem.table,
    tableSize: toy.table.length,
    keep: toy.keep ? mem.keep : 0,
    exp: mem.exp,
    lossTable: mem.lossTable,
    lock: toy.lock ? mem.lock : 0,
    neu1: mem.scratch[0]!.neu1,
    neu1e: mem.scratch[0]!.neu1e,
    sen: mem.scratch[0]!.sen,
    cbow: toy.cbow ?? false,
    cumulative: toy.cumulative ?? false,
    skipSaturated: toy.skipSaturated ?? false,
    buckets: toy.cumulative ? mem.buckets : 0,
    batch: mem.scratch[0]!.batch,
  };
  const kernel: Word2VecKernel = kind === 'wasm' ? new WasmWord2VecKernel(word2vecKernelModule()!, mem.memory) : new TsWord2VecKernel(buf);
  kernel.configure(layout);
  kernel.setRng(12345n);
  const row = (m: Float32Array, i: number) => Array.from(m.subarray(i * toy.dim, (i + 1) * toy.dim));
  return {
    kernel,
    train: (alpha: number) => kernel.trainSentence(mem.corpus, sentence.length, alpha),
    syn0: (i: number) => row(syn0, i),
    syn1: (i: number) => row(syn1, i),
  };
}

/** word2vec's table sigmoid, from its definition (not from the table code): sigma((floor((f+6)*83)/1000*2-1)*6), clipped. */
export function tableSigmoid(f: number): number {
  if (f > 6) return 1;
  if (f < -6) return 0;
  const i = Math.floor((f + 6) * 83);
  return 1 / (1 + Math.exp(-((i / 1000) * 2 - 1) * 6));
}

export const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
export const axpy = (g: number, x: number[], y: number[]) => y.map((v, i) => v + g * x[i]!);
