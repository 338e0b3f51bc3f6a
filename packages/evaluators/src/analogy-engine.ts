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

/**
 * The questions, one typed array per field (question q is index q of each): a search keeps no object per
 * question, so the young generation has little to copy and nothing is promoted (per-question objects and
 * arrays cost ~11 MB of old space and 20-50 ms of scavenges per Google evaluation).
 */
export interface EngineQuestions {
  n: number;
  /** Indices into the word matrix W (not vector rows). */
  wa: Int32Array;
  wb: Int32Array;
  wc: Int32Array;
  /** Index of the first restrict at which the question is answerable (all its words inside). */
  from: Int32Array;
  /** Rows question q may not predict: excluded.rows[excluded.start[q] .. excluded.start[q + 1]), ascending (may be set by `beforeScan`). */
  excluded: RowLists;
  /** PairDirection's constant k = c . (b - a) on unit vectors. */
  k?: Float64Array;
  /** Stage-1 score of each question's best-placed answer (NaN: none): the engine counts allowed candidates above it (gold rank). */
  goldScore?: Float64Array;
}

/** Lists of rows in one array: list q is rows[start[q] .. start[q + 1]). */
export interface RowLists {
  start: Int32Array;
  rows: Int32Array;
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
  questions: EngineQuestions;
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
  /**
   * Candidates per chunk. __Default:__ chosen so a chunk of S is about 4 MB: the maxima and the scan then read S
   * from cache, the kernels' memory stays small (its fresh pages are the first evaluation's largest cost), and
   * the two threads share the product in fine steps. Measured against 16 MB chunks (Google 3CosAdd, GloVe 100d,
   * 7 runs in one process): warm 0.24-0.26 s vs 0.29-0.33 s at restrict 30k, 1.52 vs 2.00 s at 300k, first
   * evaluation 0.43-0.54 s vs 0.63-0.71 s.
   */
  chunk?: number;
}

export interface EngineOutput {
  /** shortlist[r]: list q holds the candidate rows within the margin of question q's best at restricts[r] (empty when the question is not answerable there). */
  shortlist: RowLists[];
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
  const chunk = input.chunk ?? Math.max(BLOCK, Math.min(65536, Math.floor(1e6 / Math.max(1, wordCount) / BLOCK) * BLOCK));
  const nq = questions.n;
  const best = new Float64Array(nq).fill(-Infinity);
  const kept = new KeptLists(nq);
  const shortlist: RowLists[] = [];
  const above = new Float64Array(nq);
  const goldAbove: Float64Array[] = restricts.map(() => new Float64Array(nq).fill(-1));
  const stats = {chunks: 0, helperChunks: 0, blocks: 0, blocksScanned: 0, candidatesKept: 0, matmulSeconds: 0, waitSeconds: 0, scanSeconds: 0, flops: 0};
  // Distinct (a, b) word pairs.
  const pairKey = new Map<number, number>();
  const pairs: [number, number][] = [];
  const pairOf = new Int32Array(nq);
  for (let i = 0; i < nq; i++) {
    const key = questions.wa[i]! * 1048576 + questions.wb[i]!;
    let pi = pairKey.get(key);
    if (pi === undefined) {
      pi = pairs.length;
      pairKey.set(key, pi);
      pairs.push([questions.wa[i]!, questions.wb[i]!]);
    }
    pairOf[i] = pi;
  }
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
  let minFrom = Infinity;
  for (let i = 0; i < nq; i++) minFrom = Math.min(minFrom, questions.from[i]!);

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
    if (producer.isReady && !producer.isReady()) return; // still starting: the main thread computes meanwhile
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
      const scan: ChunkScan = {S, perm, lo, len, nb, nsb, lv1, lv2, questions, order, pairOf, method, eps2, margin, best, above, kept};
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
      const list = snapshot(ri, questions, best, above, kept, margin, goldAbove);
      stats.candidatesKept += list.rows.length;
      shortlist.push(list);
      ri++;
    }
  }
  beforeScan?.();
  return {shortlist, goldAbove, stats};
}

/** Question indices ordered by c word, stable (a counting sort: linear, once per search). */
function byWordC(questions: EngineQuestions, wordCount: number): Int32Array {
  const {wc, n} = questions;
  const start = new Int32Array(wordCount + 1);
  for (let i = 0; i < n; i++) start[wc[i]! + 1]!++;
  for (let w = 0; w < wordCount; w++) start[w + 1]! += start[w]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[start[wc[i]!]!++] = i;
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
  questions: EngineQuestions;
  /** The order in which questions are scanned. */
  order: Int32Array;
  pairOf: Int32Array;
  method: AnalogyMethod;
  eps2: number;
  margin: number;
  best: Float64Array;
  above: Float64Array;
  kept: KeptLists;
}

/**
 * Every question against one chunk: blocks whose bound can beat the question's threshold are scanned.
 * A plain (not async) function so that V8 optimizes its loops on the first run (an async function's
 * loops are not compiled on stack replacement, and this one is entered once per chunk). Returns the
 * number of blocks scanned.
 */
function scanChunk(c: ChunkScan): number {
  const {S, perm, lo, len, nb, nsb, lv1, lv2, questions, pairOf, method, eps2, margin, best, above, kept} = c;
  const bnd = new Float64Array(nb),
    bnd2 = new Float64Array(nsb);
  const st = scanState(questions, kept);
  let scanned = 0;
  for (let q = 0; q < questions.n; q++) {
    const wa = questions.wa[q]!,
      wb = questions.wb[q]!,
      wc = questions.wc[q]!;
    const sa = wa * len,
      sb = wb * len,
      sc = wc * len;
    const k0 = questions.k ? questions.k[q]! : 0;
    blockBounds(method, lv2, bnd2, 0, nsb, wa, wb, wc, pairOf[q]!, k0);
    // The group with the highest bound is scanned first so the threshold is near its final value
    // before the rest are tested.
    let top = 0;
    for (let g = 1; g < nsb; g++) if (bnd2[g]! > bnd2[top]!) top = g;
    beginQuestion(st, q, best[q]!, above[q]!, margin);
    for (let i = -1; i < nsb; i++) {
      const g = i < 0 ? top : i;
      if (i === top || bnd2[g]! < Math.min(st.thr, st.gold)) continue;
      const k1 = Math.min(nb, (g + 1) * SUPER);
      blockBounds(method, lv1, bnd, g * SUPER, k1, wa, wb, wc, pairOf[q]!, k0);
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
  const {S, perm, lo, len, nb, nsb, lv1, lv2, questions, order, pairOf, margin, best, above, kept} = c;
  const d1 = lv1.dmax,
    m1 = lv1.bmax,
    d2 = lv2.dmax,
    m2 = lv2.bmax;
  const bnd2 = new Float64Array(nsb);
  const st = scanState(questions, kept);
  const exRows = questions.excluded.rows;
  let scanned = 0;
  for (let i = 0; i < order.length; i++) {
    const q = order[i]!;
    const wc = questions.wc[q]!;
    const sa = questions.wa[q]! * len,
      sb = questions.wb[q]! * len,
      sc = wc * len;
    const pair = pairOf[q]!;
    // Second-level bounds; the group with the highest is scanned first so the threshold is near its final
    // value before the rest are tested.
    let top = 0;
    for (let g = 0, pd = pair * nsb, pc = wc * nsb; g < nsb; g++) {
      const v = d2[pd + g]! + m2[pc + g]!;
      bnd2[g] = v;
      if (v > bnd2[top]!) top = g;
    }
    beginQuestion(st, q, best[q]!, above[q]!, margin);
    let lim = Math.min(st.thr, st.gold);
    const pd = pair * nb,
      pc = wc * nb;
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
            if (s > m && !isExcluded(exRows, st.exLo, st.exHi, lo + perm[x]!)) m = s;
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

/** Shortlists at restrict ri: each answerable question's candidates within the margin of its best. */
function snapshot(
  ri: number,
  questions: EngineQuestions,
  best: Float64Array,
  above: Float64Array,
  kept: KeptLists,
  margin: number,
  goldAbove: Float64Array[],
): RowLists {
  const {n, from, goldScore} = questions;
  const start = new Int32Array(n + 1);
  for (let q = 0; q < n; q++) {
    let size = 0;
    if (from[q]! <= ri) {
      const b = best[q]!;
      size = kept.compact(q, b - margin * Math.max(1, Math.abs(b)));
      if (goldScore && !Number.isNaN(goldScore[q]!)) goldAbove[ri]![q] = above[q]!;
    }
    start[q + 1] = start[q]! + size;
  }
  const rows = new Int32Array(start[n]!);
  for (let q = 0; q < n; q++) if (start[q + 1]! > start[q]!) kept.copyRows(q, rows, start[q]!);
  return {start, rows};
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
  wa: number,
  wb: number,
  wc: number,
  pair: number,
  k0: number,
): void {
  const {n, bmax, bmin, dmax} = lv;
  const bc = wc * n;
  if (method === '3CosAdd') {
    const bd = pair * n;
    for (let k = from; k < to; k++) out[k] = dmax[bd + k]! + bmax[bc + k]!;
  } else if (method === '3CosMul') {
    const bd = pair * n;
    for (let k = from; k < to; k++) out[k] = dmax[bd + k]! * Math.max(0, 1 + bmax[bc + k]!);
  } else {
    const ba = wa * n,
      bb = wb * n;
    for (let k = from; k < to; k++) {
      const num = bmax[bb + k]! - bmin[ba + k]! - k0;
      out[k] = num > 0 ? num / Math.sqrt(Math.max(1e-12, 2 - 2 * bmax[bc + k]!)) : num / 2;
    }
  }
}

/** The question being scanned: its running best, threshold, excluded rows and gold count. */
interface ScanState {
  q: number;
  best: number;
  thr: number;
  /** Its excluded rows: exRows[exLo .. exHi). */
  exRows: Int32Array;
  exLo: number;
  exHi: number;
  /** Gold score (Infinity when ranks are off) and the allowed candidates counted above it. */
  gold: number;
  above: number;
  kept: KeptLists;
  exStart: Int32Array;
  goldScore: Float64Array | undefined;
}

function scanState(questions: EngineQuestions, kept: KeptLists): ScanState {
  const {rows, start} = questions.excluded;
  return {q: 0, best: 0, thr: 0, exRows: rows, exLo: 0, exHi: 0, gold: Infinity, above: 0, kept, exStart: start, goldScore: questions.goldScore};
}

function beginQuestion(st: ScanState, q: number, best: number, above: number, margin: number): void {
  st.q = q;
  st.best = best;
  st.thr = best - margin * Math.max(1, Math.abs(best));
  st.exLo = st.exStart[q]!;
  st.exHi = st.exStart[q + 1]!;
  const g = st.goldScore ? st.goldScore[q]! : Number.NaN;
  st.gold = Number.isNaN(g) ? Infinity : g;
  st.above = above;
}

/** Whether `row` is among rows[lo .. hi) (a question excludes 3 rows, rarely a few more: a linear scan). */
function isExcluded(rows: Int32Array, lo: number, hi: number, row: number): boolean {
  for (let i = lo; i < hi; i++) if (rows[i] === row) return true;
  return false;
}

function keep(st: ScanState, s: number, row: number, margin: number): void {
  if (isExcluded(st.exRows, st.exLo, st.exHi, row)) return;
  st.kept.push(st.q, row, s, st.thr);
  if (s > st.best) {
    st.best = s;
    st.thr = s - margin * Math.max(1, Math.abs(s));
  }
}

function countAbove(st: ScanState, row: number): void {
  if (!isExcluded(st.exRows, st.exLo, st.exHi, row)) st.above++;
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

/**
 * Each question's kept candidates (row, stage-1 score), in two shared typed arrays: question q's list is a
 * segment [off[q], off[q] + len[q]) of capacity cap[q]. A full segment first drops the candidates below the
 * question's threshold (they can never come back: the threshold only rises); a segment still full moves to
 * the end with twice the capacity, and the arrays double when that end is reached.
 */
export class KeptLists {
  private readonly off: Int32Array;
  private readonly cap: Int32Array;
  private readonly len: Int32Array;
  private rows: Int32Array;
  private scores: Float64Array;
  private used: number;
  constructor(n: number, initial = 4) {
    this.off = new Int32Array(n);
    this.cap = new Int32Array(n).fill(initial);
    this.len = new Int32Array(n);
    for (let q = 0; q < n; q++) this.off[q] = q * initial;
    this.used = n * initial;
    this.rows = new Int32Array(Math.max(64, 2 * this.used));
    this.scores = new Float64Array(this.rows.length);
  }
  /** Appends (row, score) to list q; `thr`: q's current threshold (what a full list may drop). */
  push(q: number, row: number, score: number, thr: number): void {
    if (this.len[q] === this.cap[q] && this.compact(q, thr) === this.cap[q]) this.grow(q);
    const at = this.off[q]! + this.len[q]!++;
    this.rows[at] = row;
    this.scores[at] = score;
  }
  /** Drops list q's candidates scoring below thr (order kept); returns its length. */
  compact(q: number, thr: number): number {
    const o0 = this.off[q]!,
      e = o0 + this.len[q]!;
    let o = o0;
    for (let i = o0; i < e; i++) {
      if (this.scores[i]! >= thr) {
        this.rows[o] = this.rows[i]!;
        this.scores[o] = this.scores[i]!;
        o++;
      }
    }
    return (this.len[q] = o - o0);
  }
  /** Copies list q's rows into out at `at`. */
  copyRows(q: number, out: Int32Array, at: number): void {
    out.set(this.rows.subarray(this.off[q]!, this.off[q]! + this.len[q]!), at);
  }
  private grow(q: number): void {
    const cap = 2 * this.cap[q]!;
    if (this.used + cap > this.rows.length) {
      const size = Math.max(2 * this.rows.length, this.used + cap);
      const rows = new Int32Array(size),
        scores = new Float64Array(size);
      rows.set(this.rows.subarray(0, this.used));
      scores.set(this.scores.subarray(0, this.used));
      this.rows = rows;
      this.scores = scores;
    }
    this.rows.copyWithin(this.used, this.off[q]!, this.off[q]! + this.len[q]!);
    this.scores.copyWithin(this.used, this.off[q]!, this.off[q]! + this.len[q]!);
    this.off[q] = this.used;
    this.cap[q] = cap;
    this.used += cap;
  }
}
