/**
 * The fast analogy search (stage 1 of 2). Every scoring rule here is a function of three cosines, so instead
 * of one query x candidate product per question we compute S = W * C^T once per chunk of candidates, where
 * W holds the unit vectors of the distinct question words (~900 for Google) and C the unit candidate rows:
 *
 *   3CosAdd        s = S_b - S_a + S_c                       (= |b-a+c| cos(q, x): same ranking as gensim)
 *   3CosMul        s = (1+S_b) / ((1+S_a) + 2 eps) * (1+S_c)  (= 2 x gensim's most_similar_cosmul score)
 *   PairDirection  s = (S_b - S_a - k) / sqrt(2 - 2 S_c)      (= cos(x - c, b - a) on unit vectors, k = c.(b-a))
 *
 * Each chunk's candidates are grouped by nearest of K spread-out centroids, so a block of 32 holds similar
 * vectors. Per block we keep the max of each word's similarity and of each (a, b) pair's shared term
 * (S_b - S_a, or (1+S_b)/((1+S_a)+2 eps)); a question skips a block whose upper bound (pair max combined
 * with the max of S_c; every rule is monotone in each term) is below its best score so far minus a margin. Candidates scan in row order, so the best within the first N rows is the
 * running best when the scan passes row N: one scan serves every restrict.
 *
 * Stage 1 keeps, per question and restrict, every allowed candidate within the margin of the best; stage 2
 * (analogy.ts) re-scores those few in the protocol's exact arithmetic, which decides near-ties.
 */
import type {AnalogyMethod} from './protocol.js';

import {BLOCK, pool, transposeRows, type ChunkProduct, type ChunkProducer} from './chunk-product.js';

export interface EngineQuestion {
  /** Indices into the word matrix W (not vector rows). */
  wa: number;
  wb: number;
  wc: number;
  /** Vector rows that may not be predicted, ascending (may be filled in by `beforeScan`). */
  excluded: readonly number[];
  /** Index of the first restrict at which the question is answerable (all its words inside). */
  from: number;
  /** PairDirection's constant k = c . (b - a) on unit vectors. */
  k?: number;
  /** Stage-1 score of the best-placed answer: the engine counts allowed candidates above it (gold rank). */
  goldScore?: number;
}

export interface EngineInput {
  /** Unit candidate rows, row-major, at least restricts[last] rows. */
  unit: Float32Array;
  dim: number;
  /** Unit vectors of the question words, row-major [words, dim]. */
  words: Float32Array;
  wordCount: number;
  /** Ascending candidate counts. */
  restricts: readonly number[];
  questions: readonly EngineQuestion[];
  method: AnalogyMethod;
  epsilon: number;
  /** Computes each chunk's similarities (same thread, or a worker so it overlaps the scan). */
  producer: ChunkProducer;
  /** A same-thread producer that computes chunks while the scan would otherwise wait for `producer`. */
  helper?: ChunkProducer;
  /** Relative margin kept below the best score. __Default:__ 1e-4. */
  margin?: number;
  /**
   * Called once, after the first chunks are handed to the producer and before the first scan: the caller's
   * remaining preparation (the questions' `excluded` rows) then overlaps the worker's first products.
   */
  beforeScan?: () => void;
  /** Candidates per chunk. __Default:__ chosen so a chunk of S is about 16 MB (cache-friendly summaries, small pooled buffers, and enough chunks at restrict 30k for both threads to share the product). */
  chunk?: number;
}

export interface EngineOutput {
  /** shortlist[r][q]: candidate rows within the margin of question q's best at restricts[r] (or null). Indexed by restrict first: two arrays per restrict, not per question. */
  shortlist: (readonly number[] | null)[][];
  /** goldAbove[r][q]: allowed candidates scoring above goldScore within restricts[r] (-1 without goldScore). */
  goldAbove: Float64Array[];
  /** matmulSeconds: time inside the matrix products (in the worker when one runs); waitSeconds: main thread waiting for chunks. */
  stats: {
    chunks: number;
    helperChunks: number;
    blocks: number;
    blocksScanned: number;
    candidatesKept: number;
    matmulSeconds: number;
    waitSeconds: number;
    scanSeconds: number;
    flops: number;
  };
}

const SUPER = 16;

export async function searchAnalogies(input: EngineInput): Promise<EngineOutput> {
  const {unit, dim, wordCount, restricts, questions, method, producer} = input;
  let beforeScan = input.beforeScan;
  const eps2 = 2 * input.epsilon;
  const margin = input.margin ?? 1e-4;
  const chunk = input.chunk ?? Math.max(BLOCK, Math.min(65536, Math.floor(4e6 / Math.max(1, wordCount) / BLOCK) * BLOCK));
  const nq = questions.length;
  const best = new Float64Array(nq).fill(-Infinity);
  const listRows: number[][] = questions.map(() => []);
  const listScores: number[][] = questions.map(() => []);
  const shortlist: (readonly number[] | null)[][] = restricts.map(() => new Array<readonly number[] | null>(nq).fill(null));
  const above = new Float64Array(nq);
  const goldAbove: Float64Array[] = restricts.map(() => new Float64Array(nq).fill(-1));
  const stats = {chunks: 0, helperChunks: 0, blocks: 0, blocksScanned: 0, candidatesKept: 0, matmulSeconds: 0, waitSeconds: 0, scanSeconds: 0, flops: 0};
  // Distinct (a, b) word pairs.
  const pairKey = new Map<number, number>();
  const pairs: [number, number][] = [];
  const pairOf = new Int32Array(nq);
  questions.forEach((q, i) => {
    const key = q.wa * 1048576 + q.wb;
    let pi = pairKey.get(key);
    if (pi === undefined) {
      pi = pairs.length;
      pairKey.set(key, pi);
      pairs.push([q.wa, q.wb]);
    }
    pairOf[i] = pi;
  });
  const pairFlat = new Int32Array(pairs.length * 2);
  pairs.forEach(([wa, wb], i) => {
    pairFlat[2 * i] = wa;
    pairFlat[2 * i + 1] = wb;
  });
  await producer.setWords(input.words, wordCount, dim, {pairs: pairFlat, method, eps2});
  // The 3CosAdd scan visits questions grouped by c word: a question's scanned blocks lie mostly where S_c is
  // high, so consecutive questions read the same lines of S (the scan is bound by memory latency, not by its
  // adds: -25% scan time at restrict 30k, same blocks scanned).
  const order = byWordC(questions, wordCount);
  const minFrom = questions.reduce((m, q) => Math.min(m, q.from), Infinity);

  // Chunk boundaries: every restrict is a boundary.
  const bounds: number[] = [0];
  for (const r of restricts) {
    let lo = bounds[bounds.length - 1]!;
    while (lo < r) {
      lo = Math.min(r, lo + chunk);
      bounds.push(lo);
    }
  }
  const active = nq > 0 && minFrom < restricts.length;
  // Chunks are scanned in order, but their products may be computed out of order: the (worker) producer
  // always has the next two unassigned chunks; when the scan would wait for it, the main thread computes the
  // next unassigned chunk itself with the `helper` producer instead of idling.
  const nChunks = bounds.length - 1;
  const products = new Map<number, {promise: Promise<ChunkProduct>; done: boolean; via: ChunkProducer}>();
  let nextUnassigned = 0,
    outstanding = 0;
  const assign = (ci: number, via: ChunkProducer) => {
    const lo = bounds[ci]!,
      len = bounds[ci + 1]! - lo;
    const entry = {promise: via.produce(transposeRows(unit, lo, len, dim), len), done: false, via};
    entry.promise.then(
      () => (entry.done = true),
      () => (entry.done = true),
    );
    products.set(ci, entry);
  };
  const feedProducer = () => {
    while (outstanding < 2 && nextUnassigned < nChunks) {
      outstanding++;
      const ci = nextUnassigned++;
      assign(ci, producer);
      products.get(ci)!.promise.then(
        () => outstanding--,
        () => outstanding--,
      );
    }
  };
  const helper = input.helper;
  if (helper) await helper.setWords(input.words, wordCount, dim, {pairs: pairFlat, method, eps2});
  let ri = 0;
  for (let ci = 0; ci + 1 < bounds.length; ci++) {
    const lo = bounds[ci]!,
      hi = bounds[ci + 1]!,
      len = hi - lo;
    if (len > 0 && active) {
      let t0 = performance.now();
      feedProducer();
      if (beforeScan) {
        beforeScan();
        beforeScan = undefined;
      }
      if (!products.has(ci)) {
        // Defensive: every earlier chunk is consumed, so ci is the next one to assign.
        nextUnassigned = ci + 1;
        assign(ci, helper ?? producer);
      }
      // While chunk ci is not ready, compute later chunks here rather than wait.
      while (helper && !products.get(ci)?.done && nextUnassigned < nChunks) {
        await new Promise((r) => setImmediate(r)); // let worker replies that arrived be processed
        if (products.get(ci)?.done) break;
        const cj = nextUnassigned++;
        assign(cj, helper);
        await products.get(cj)!.promise;
        stats.helperChunks++;
        feedProducer();
      }
      const {promise, via} = products.get(ci)!;
      const product = await promise;
      products.delete(ci);
      feedProducer();
      const {S, perm, flops} = product;
      stats.waitSeconds += (performance.now() - t0) / 1000;
      stats.matmulSeconds += product.matmulSeconds;
      stats.flops += flops;
      t0 = performance.now();
      const nb = Math.ceil(len / BLOCK);
      const {bmax, bmin} = product;
      const dmax = product.dmax;
      // Second level: groups of SUPER blocks, so most of a question's blocks are dismissed 16 at a time.
      const nsb = Math.ceil(nb / SUPER);
      const bmax2 = upMax(bmax, wordCount, nb, nsb),
        bmin2 = method === 'PairDirection' ? upMin(bmin, wordCount, nb, nsb) : NO_D;
      const dmax2 = dmax ? upMax(dmax, pairs.length, nb, nsb) : undefined;
      // Every level in float64 arrays (float32 maxima convert exactly): one element type in blockBounds keeps
      // its optimized code monomorphic, which mattered most in the first runs.
      // Pooled (a fresh 1 MB array per chunk costs page faults and external-memory GCs on the main thread).
      const lv1: Level = {n: nb, bmax: toF64(bmax), bmin: method === 'PairDirection' ? toF64(bmin) : NO_D, dmax: dmax ?? NO_D};
      const lv2: Level = {n: nsb, bmax: bmax2, bmin: bmin2, dmax: dmax2 ?? NO_D};
      const scan: ChunkScan = {S, perm, lo, len, nb, nsb, lv1, lv2, questions, order, pairOf, method, eps2, margin, best, above, listRows, listScores};
      stats.blocksScanned += method === '3CosAdd' ? scanChunkAdd(scan) : scanChunk(scan);
      // The input block was made on this thread: it goes back to this thread's pool, the rest to its maker.
      pool.give(product.cT?.buffer, lv1.bmax.buffer, lv1.bmin.buffer);
      delete product.cT;
      via.recycle(product);
      stats.blocks += nb * nq;
      stats.scanSeconds += (performance.now() - t0) / 1000;
      stats.chunks++;
    }
    // Snapshot the shortlists at each restrict boundary reached.
    while (ri < restricts.length && restricts[ri] === hi) {
      stats.candidatesKept += snapshot(ri, questions, best, above, listRows, listScores, margin, shortlist, goldAbove, ri === restricts.length - 1);
      ri++;
    }
  }
  beforeScan?.();
  return {shortlist, goldAbove, stats};
}

/** Question indices ordered by c word, stable (a counting sort: linear, once per search). */
function byWordC(questions: readonly EngineQuestion[], wordCount: number): Int32Array {
  const start = new Int32Array(wordCount + 1);
  for (const q of questions) start[q.wc + 1]!++;
  for (let w = 0; w < wordCount; w++) start[w + 1]! += start[w]!;
  const order = new Int32Array(questions.length);
  for (let i = 0; i < questions.length; i++) order[start[questions[i]!.wc]!++] = i;
  return order;
}

/** A pooled float64 copy (the values convert exactly). */
function toF64(src: Float32Array): Float64Array {
  const out = pool.f64(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i]!;
  return out;
}

/** Second-level maxima: rows x nsb groups of SUPER first-level values (NaN propagates: such a group is scanned). */
function upMax(src: Float32Array | Float64Array, rows: number, nb: number, nsb: number): Float64Array {
  const out = new Float64Array(rows * nsb);
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < nsb; g++) {
      let v = src[r * nb + g * SUPER]!;
      for (let k = r * nb + g * SUPER + 1, e = r * nb + Math.min(nb, (g + 1) * SUPER); k < e; k++) {
        const x = src[k]!;
        if (x > v || Number.isNaN(x)) v = x;
      }
      out[r * nsb + g] = v;
    }
  }
  return out;
}

function upMin(src: Float32Array | Float64Array, rows: number, nb: number, nsb: number): Float64Array {
  const out = new Float64Array(rows * nsb);
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < nsb; g++) {
      let v = src[r * nb + g * SUPER]!;
      for (let k = r * nb + g * SUPER + 1, e = r * nb + Math.min(nb, (g + 1) * SUPER); k < e; k++) {
        const x = src[k]!;
        if (x < v || Number.isNaN(x)) v = x;
      }
      out[r * nsb + g] = v;
    }
  }
  return out;
}

interface ChunkScan {
  S: Float32Array;
  perm: Int32Array;
  lo: number;
  len: number;
  nb: number;
  nsb: number;
  lv1: Level;
  lv2: Level;
  questions: readonly EngineQuestion[];
  /** The order in which questions are scanned. */
  order: Int32Array;
  pairOf: Int32Array;
  method: AnalogyMethod;
  eps2: number;
  margin: number;
  best: Float64Array;
  above: Float64Array;
  listRows: number[][];
  listScores: number[][];
}

/**
 * Every question against one chunk: blocks whose bound can beat the question's threshold are scanned.
 * A plain (not async) function so that V8 optimizes its loops on the first run (an async function's
 * loops are not compiled on stack replacement, and this one is entered once per chunk). Returns the
 * number of blocks scanned.
 */
function scanChunk(c: ChunkScan): number {
  const {S, perm, lo, len, nb, nsb, lv1, lv2, questions, pairOf, method, eps2, margin, best, above, listRows, listScores} = c;
  const bnd = new Float64Array(nb),
    bnd2 = new Float64Array(nsb);
  const st: ScanState = {best: 0, thr: 0, rows: [], scores: [], ex: [], gold: Infinity, above: 0};
  let scanned = 0;
  for (let q = 0; q < questions.length; q++) {
    const Q = questions[q]!;
    const sa = Q.wa * len,
      sb = Q.wb * len,
      sc = Q.wc * len;
    const k0 = Q.k ?? 0;
    blockBounds(method, lv2, bnd2, 0, nsb, Q, pairOf[q]!, eps2, k0);
    // The group with the highest bound is scanned first so the threshold is near its final value
    // before the rest are tested.
    let top = 0;
    for (let g = 1; g < nsb; g++) if (bnd2[g]! > bnd2[top]!) top = g;
    st.best = best[q]!;
    st.rows = listRows[q]!;
    st.scores = listScores[q]!;
    st.ex = Q.excluded;
    st.gold = Q.goldScore ?? Infinity;
    st.above = above[q]!;
    st.thr = st.best - margin * Math.max(1, Math.abs(st.best));
    for (let i = -1; i < nsb; i++) {
      const g = i < 0 ? top : i;
      if (i === top || bnd2[g]! < Math.min(st.thr, st.gold)) continue;
      const k1 = Math.min(nb, (g + 1) * SUPER);
      blockBounds(method, lv1, bnd, g * SUPER, k1, Q, pairOf[q]!, eps2, k0);
      for (let k = g * SUPER; k < k1; k++) {
        if (bnd[k]! < Math.min(st.thr, st.gold)) continue;
        scanned++;
        const x0 = k * BLOCK,
          x1 = Math.min(len, x0 + BLOCK);
        if (method === '3CosAdd') scanAdd(S, sa, sb, sc, x0, x1, lo, perm, st, margin);
        else if (method === '3CosMul') scanMul(S, sa, sb, sc, x0, x1, lo, perm, st, margin, eps2);
        else scanPair(S, sa, sb, sc, x0, x1, lo, perm, st, margin, k0);
      }
    }
    best[q] = st.best;
    above[q] = st.above;
  }
  return scanned;
}

/**
 * scanChunk for 3CosAdd (the common case, and the one where the scan is the largest share of a search): the
 * same blocks and scores, with the bounds and the threshold test inlined and kept in locals, so the hot loop
 * is three loads, two adds and one compare per candidate; the rare candidate at or above the threshold takes
 * the shared slow path (`keepOrCount`).
 */
function scanChunkAdd(c: ChunkScan): number {
  const {S, perm, lo, len, nb, nsb, lv1, lv2, questions, order, pairOf, margin, best, above, listRows, listScores} = c;
  const d1 = lv1.dmax,
    m1 = lv1.bmax,
    d2 = lv2.dmax,
    m2 = lv2.bmax;
  const bnd2 = new Float64Array(nsb);
  const st: ScanState = {best: 0, thr: 0, rows: [], scores: [], ex: [], gold: Infinity, above: 0};
  let scanned = 0;
  for (let i = 0; i < order.length; i++) {
    const q = order[i]!;
    const Q = questions[q]!;
    const sa = Q.wa * len,
      sb = Q.wb * len,
      sc = Q.wc * len;
    const pair = pairOf[q]!;
    // Second-level bounds; the group with the highest is scanned first so the threshold is near its final
    // value before the rest are tested.
    let top = 0;
    for (let g = 0, pd = pair * nsb, pc = Q.wc * nsb; g < nsb; g++) {
      const v = d2[pd + g]! + m2[pc + g]!;
      bnd2[g] = v;
      if (v > bnd2[top]!) top = g;
    }
    st.best = best[q]!;
    st.rows = listRows[q]!;
    st.scores = listScores[q]!;
    st.ex = Q.excluded;
    st.gold = Q.goldScore ?? Infinity;
    st.above = above[q]!;
    st.thr = st.best - margin * Math.max(1, Math.abs(st.best));
    let lim = Math.min(st.thr, st.gold);
    const pd = pair * nb,
      pc = Q.wc * nb;
    for (let i = -1; i < nsb; i++) {
      const g = i < 0 ? top : i;
      if (i === top || bnd2[g]! < lim) continue;
      for (let k = g * SUPER, k1 = Math.min(nb, k + SUPER); k < k1; k++) {
        if (d1[pd + k]! + m1[pc + k]! < lim) continue;
        scanned++;
        if (st.best === -Infinity) {
          // The question's first block: its best allowed score becomes the threshold first, so the pass below
          // keeps only the candidates near it (not every rising score of the block, each a push).
          let m = -Infinity;
          for (let x = k * BLOCK, x1 = Math.min(len, x + BLOCK); x < x1; x++) {
            const s = S[sb + x]! - S[sa + x]! + S[sc + x]!;
            if (s > m && !(st.ex.length && st.ex.includes(lo + perm[x]!))) m = s;
          }
          if (m > -Infinity) {
            st.best = m;
            st.thr = m - margin * Math.max(1, Math.abs(m));
            lim = Math.min(st.thr, st.gold);
          }
        }
        for (let x = k * BLOCK, x1 = Math.min(len, x + BLOCK); x < x1; x++) {
          const s = S[sb + x]! - S[sa + x]! + S[sc + x]!;
          if (s < lim) continue; // NaN goes on, as in scanAdd (it is neither kept nor counted)
          keepOrCount(st, s, lo + perm[x]!, margin);
          lim = Math.min(st.thr, st.gold);
        }
      }
    }
    best[q] = st.best;
    above[q] = st.above;
  }
  return scanned;
}

function keepOrCount(st: ScanState, s: number, row: number, margin: number): void {
  if (s >= st.thr) keep(st, s, row, margin);
  if (s > st.gold) countAbove(st, row);
}

/** Shortlists at restrict ri: each answerable question's candidates within the margin of its best. Returns the number kept. */
function snapshot(
  ri: number,
  questions: readonly EngineQuestion[],
  best: Float64Array,
  above: Float64Array,
  listRows: number[][],
  listScores: number[][],
  margin: number,
  shortlist: (readonly number[] | null)[][],
  goldAbove: Float64Array[],
  last: boolean,
): number {
  let kept = 0;
  for (let q = 0; q < questions.length; q++) {
    if (questions[q]!.from > ri) continue;
    const b = best[q]!;
    const thr = b - margin * Math.max(1, Math.abs(b));
    const rows = listRows[q]!,
      scores = listScores[q]!;
    compact(rows, scores, thr);
    // The last restrict takes the list itself (no copy); earlier ones a copy, since the scan goes on.
    shortlist[ri]![q] = last ? rows : rows.slice();
    if (questions[q]!.goldScore !== undefined) goldAbove[ri]![q] = above[q]!;
    kept += rows.length;
  }
  return kept;
}

interface Level {
  n: number;
  bmax: Float64Array;
  bmin: Float64Array;
  /** Empty for PairDirection. */
  dmax: Float64Array;
}

const NO_D = new Float64Array(0);

/** Upper bounds of blocks [from, to) of one level for question Q (see the module comment). */
function blockBounds(
  method: AnalogyMethod,
  lv: Level,
  out: Float64Array,
  from: number,
  to: number,
  Q: EngineQuestion,
  pair: number,
  _eps2: number,
  k0: number,
): void {
  const {n, bmax, bmin, dmax} = lv;
  const bc = Q.wc * n;
  if (method === '3CosAdd') {
    const bd = pair * n;
    for (let k = from; k < to; k++) out[k] = dmax[bd + k]! + bmax[bc + k]!;
  } else if (method === '3CosMul') {
    const bd = pair * n;
    for (let k = from; k < to; k++) out[k] = dmax[bd + k]! * Math.max(0, 1 + bmax[bc + k]!);
  } else {
    const ba = Q.wa * n,
      bb = Q.wb * n;
    for (let k = from; k < to; k++) {
      const num = bmax[bb + k]! - bmin[ba + k]! - k0;
      out[k] = num > 0 ? num / Math.sqrt(Math.max(1e-12, 2 - 2 * bmax[bc + k]!)) : num / 2;
    }
  }
}

interface ScanState {
  best: number;
  thr: number;
  rows: number[];
  scores: number[];
  ex: readonly number[];
  /** Gold score (Infinity when ranks are off) and the allowed candidates counted above it. */
  gold: number;
  above: number;
}

function keep(st: ScanState, s: number, row: number, margin: number): void {
  if (st.ex.length && st.ex.includes(row)) return;
  st.rows.push(row);
  st.scores.push(s);
  if (s > st.best) {
    st.best = s;
    st.thr = s - margin * Math.max(1, Math.abs(s));
    if (st.rows.length > 32) compact(st.rows, st.scores, st.thr);
  }
}

function countAbove(st: ScanState, row: number): void {
  if (!(st.ex.length && st.ex.includes(row))) st.above++;
}

// One scan loop per rule keeps the hot loop free of branches on the method.
function scanAdd(
  S: Float32Array,
  sa: number,
  sb: number,
  sc: number,
  x0: number,
  x1: number,
  lo: number,
  perm: Int32Array,
  st: ScanState,
  margin: number,
): void {
  for (let x = x0; x < x1; x++) {
    const s = S[sb + x]! - S[sa + x]! + S[sc + x]!;
    if (s >= st.thr) keep(st, s, lo + perm[x]!, margin);
    if (s > st.gold) countAbove(st, lo + perm[x]!);
  }
}

function scanMul(
  S: Float32Array,
  sa: number,
  sb: number,
  sc: number,
  x0: number,
  x1: number,
  lo: number,
  perm: Int32Array,
  st: ScanState,
  margin: number,
  eps2: number,
): void {
  for (let x = x0; x < x1; x++) {
    // Same operations as the pair bound, so bound >= score holds in floating point too.
    const s = ((1 + S[sb + x]!) / (Math.max(0, 1 + S[sa + x]!) + eps2)) * Math.max(0, 1 + S[sc + x]!);
    if (s >= st.thr) keep(st, s, lo + perm[x]!, margin);
    if (s > st.gold) countAbove(st, lo + perm[x]!);
  }
}

function scanPair(
  S: Float32Array,
  sa: number,
  sb: number,
  sc: number,
  x0: number,
  x1: number,
  lo: number,
  perm: Int32Array,
  st: ScanState,
  margin: number,
  k0: number,
): void {
  for (let x = x0; x < x1; x++) {
    const s = (S[sb + x]! - S[sa + x]! - k0) / Math.sqrt(Math.max(1e-12, 2 - 2 * S[sc + x]!));
    if (s >= st.thr) keep(st, s, lo + perm[x]!, margin);
    if (s > st.gold) countAbove(st, lo + perm[x]!);
  }
}

function compact(rows: number[], scores: number[], thr: number): void {
  let o = 0;
  for (let i = 0; i < rows.length; i++) {
    if (scores[i]! >= thr) {
      rows[o] = rows[i]!;
      scores[o] = scores[i]!;
      o++;
    }
  }
  rows.length = o;
  scores.length = o;
}
