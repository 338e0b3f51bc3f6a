/**
 * Analogy evaluation: a : b :: c : ? under a recorded protocol.
 *
 * Pipeline: fold + restrict the vocabulary (vocabView) -> map questions to rows, mark OOV -> stage 1, the
 * blocked search over S = words x candidates (analogy-engine.ts) keeps the few candidates within a margin
 * of each question's best -> stage 2 re-scores those in the protocol's arithmetic (gensim's float32
 * operations by default) and picks the winner, lowest row on a tie -> counts per section and overall.
 */
import {ArgumentError, checkArrayField, checkInstance, WordVectors} from '@embedlab/core';
import {searchAnalogies, type EngineOutput, type EngineQuestions} from './analogy-engine.js';
import {bootstrapProportion, type Interval, type BootstrapOptions} from './bootstrap.js';
import {foldCase, type VocabView, vocabView} from './fold.js';
import {dotF64, gensimQuery, numpySumSquaresF32} from './gensim-arith.js';
import {selectHelper, selectProducer, type EngineChoice} from './matmul.js';
import {messages} from './messages.js';
import {protocolHash, resolveAnalogyProtocol, type AnalogyProtocol, type AnalogyProtocolSpec, type CaseFolding} from './protocol.js';
import type {AnalogyDataset, AnalogySection, FileRecord} from './types.js';

export interface AnalogyItem {
  a: string;
  b: string;
  c: string;
  answers: readonly string[];
  section: number;
}

export interface AnalogyRecord {
  section: string;
  a: string;
  b: string;
  c: string;
  answers: readonly string[];
  /** Skipped for OOV (protocol oov 'skip'), counted wrong for OOV ('wrong'), or answered. */
  status: 'answered' | 'oov';
  predicted: string | null;
  correct: boolean;
  /**
   * With `ranks: true`: 1 when correct, else 1 + allowed candidates scoring above the best-placed answer
   * (stage-1 arithmetic, so a near-tie may count either way).
   */
  goldRank?: number;
}

export interface Counts {
  correct: number;
  evaluated: number;
  accuracy: number;
  /** Bootstrap percentile interval of the accuracy (unless bootstrap: false). */
  interval?: Interval;
}

export interface AnalogyResult {
  dataset: string;
  files: FileRecord[];
  protocol: AnalogyProtocol;
  protocolHash: string;
  /** Effective number of candidate rows. */
  restrict: number;
  overall: Counts & {total: number; oov: number; coverage: number};
  semantic?: Counts;
  syntactic?: Counts;
  sections: (Counts & {section: string; total: number; oov: number})[];
  engine: {name: string; seconds: number; matmulSeconds: number; gflop: number; blocksScannedPct: number; shortlistMean: number};
  records?: AnalogyRecord[];
}

export interface AnalogyOptions {
  engine?: EngineChoice;
  /** Keep per-question records. __Default:__ true. */
  records?: boolean;
  /** Compute each gold answer's rank (the scan then also visits blocks that could beat the answer). __Default:__ false. */
  ranks?: boolean;
  /** Bootstrap interval for the overall accuracy; false to skip. __Default:__ 1000 resamples, seed 1, 95%. */
  bootstrap?: BootstrapOptions | false;
  /** Candidates per stage-1 chunk (tuning and tests). __Default:__ about 4 MB of similarities (1e6 / question words, in whole blocks of 32). */
  chunk?: number;
}

/**
 * Evaluate one protocol on one analogy dataset.
 * @throws {ArgumentError} vectors is not a WordVectors, dataset not an AnalogyDataset or has no questions.
 * @throws {ConfigError} a bad protocol key or value (named by its path).
 */
export async function evaluateAnalogy(
  vectors: WordVectors,
  dataset: AnalogyDataset,
  protocol: AnalogyProtocolSpec = 'gensim',
  options: AnalogyOptions = {},
): Promise<AnalogyResult> {
  const p = resolveAnalogyProtocol(protocol);
  return (await evaluateAnalogyRestricts(vectors, dataset, p, [p.restrict], options))[0]!;
}

/**
 * Evaluate several restricts in one scan (candidates are row prefixes, so the best within the first N rows
 * is known when the scan passes row N). Returns one result per restrict, in the order given.
 */
export async function evaluateAnalogyRestricts(
  vectors: WordVectors,
  dataset: AnalogyDataset,
  protocol: AnalogyProtocolSpec,
  restricts: readonly (number | null)[],
  options: AnalogyOptions = {},
): Promise<AnalogyResult[]> {
  checkInstance(vectors, WordVectors, 'vectors');
  checkArrayField(dataset, 'questions', 'dataset', 'an AnalogyDataset (from loadAnalogyDataset or loadAnalogyFile)');
  const p = resolveAnalogyProtocol(protocol);
  if (dataset.questions.length === 0) throw new ArgumentError(messages.noAnalogyQuestions(dataset.id));
  const t0 = performance.now();
  const solved = await solveAnalogies(vectors, dataset.questions, p, restricts, options);
  const seconds = (performance.now() - t0) / 1000;
  return solved.perRestrict.map((res, ri) =>
    summarize(
      dataset.id,
      dataset.files,
      dataset.sections,
      dataset.questions,
      vectors.words,
      {...p, restrict: restricts[ri] ?? null},
      solved.ns[ri]!,
      res,
      {
        name: solved.engine,
        seconds,
        matmulSeconds: solved.stats.matmulSeconds,
        gflop: solved.stats.flops / 1e9,
        blocksScannedPct: solved.stats.blocks ? (100 * solved.stats.blocksScanned) / solved.stats.blocks : 0,
        shortlistMean: solved.shortlistMean,
      },
      options,
    ),
  );
}

export interface SolvedItem {
  oov: boolean;
  /** Predicted vector row, or -1 (none allowed, or gensim's search depth ran out). */
  predicted: number;
  correct: boolean;
  goldRank?: number;
}

export interface Solved {
  engine: string;
  /** Effective candidate counts, in the order of the restricts asked for. */
  ns: number[];
  perRestrict: SolvedItem[][];
  stats: {matmulSeconds: number; waitSeconds: number; flops: number; blocks: number; blocksScanned: number; helperChunks: number; chunks: number};
  shortlistMean: number;
}

let engineQueue: Promise<unknown> = Promise.resolve();

/** Core solver shared by the Google/MSR and BATS evaluators. */
export async function solveAnalogies(
  vectors: WordVectors,
  items: readonly AnalogyItem[],
  p: AnalogyProtocol,
  restrictsAsked: readonly (number | null)[],
  options: AnalogyOptions = {},
): Promise<Solved> {
  const {dim} = vectors;
  const ns = restrictsAsked.map((r) => Math.min(r ?? vectors.size, vectors.size));
  const restricts = [...new Set(ns)].sort((x, y) => x - y);
  const nMax = restricts[restricts.length - 1]!;
  const view = vocabView(vectors, nMax, p.caseFolding);

  // Map questions to rows; `from` = first restrict at which all four words are inside.
  const wordIndex = new Map<number, number>();
  const wordRows: number[] = [];
  const widx = (row: number) => {
    let i = wordIndex.get(row);
    if (i === undefined) {
      i = wordRows.length;
      wordIndex.set(row, i);
      wordRows.push(row);
    }
    return i;
  };
  const words = new WordCache(view, p.caseFolding);
  const prepared = prepareItems(items, words, restricts);
  // Engine question e is item itemOf[e]; engineOf[i] = e, or -1 for an item answerable at no restrict.
  const engineOf = new Int32Array(items.length).fill(-1);
  let ne = 0;
  for (let i = 0; i < items.length; i++) if (prepared.from[i]! < restricts.length) engineOf[i] = ne++;
  const itemOf = new Int32Array(ne);
  const engineQuestions: EngineQuestions = {
    n: ne,
    wa: new Int32Array(ne),
    wb: new Int32Array(ne),
    wc: new Int32Array(ne),
    from: new Int32Array(ne),
    excluded: {start: new Int32Array(ne + 1), rows: new Int32Array(0)},
  };
  for (let i = 0; i < items.length; i++) {
    const e = engineOf[i]!;
    if (e < 0) continue;
    itemOf[e] = i;
    engineQuestions.wa[e] = widx(prepared.ra[i]!);
    engineQuestions.wb[e] = widx(prepared.rb[i]!);
    engineQuestions.wc[e] = widx(prepared.rc[i]!);
    engineQuestions.from[e] = prepared.from[i]!;
  }
  // Each question's excluded rows; run by the engine while the worker computes the first chunks.
  const fillExcluded = () => (engineQuestions.excluded = excludedRows(prepared, itemOf, items, words, p.exclusion));

  const unit = vectors.unitNormalized();
  const W = new Float32Array(wordRows.length * dim);
  wordRows.forEach((r, i) => W.set(unit.subarray(r * dim, (r + 1) * dim), i * dim));
  if (p.method === 'PairDirection') {
    const {wa, wb, wc} = engineQuestions;
    const kk = (engineQuestions.k = new Float64Array(ne));
    for (let e = 0; e < ne; e++) {
      const oc = wc[e]! * dim;
      let k = 0;
      for (let j = 0; j < dim; j++) k += W[oc + j]! * (W[wb[e]! * dim + j]! - W[wa[e]! * dim + j]!);
      kk[e] = k;
    }
  }
  if (options.ranks) {
    fillExcluded(); // the gold scores below skip excluded rows
    // Stage-1 score of each question's best-placed answer (allowed rows inside the largest restrict); the
    // engine counts allowed candidates above it. A hair is added so an answer never counts above itself.
    const cos = (x: number, y: number) => dotF64(unit, x * dim, unit.subarray(y * dim, (y + 1) * dim), dim);
    const gold = (engineQuestions.goldScore = new Float64Array(ne).fill(Number.NaN));
    const ex = engineQuestions.excluded;
    for (let e = 0; e < ne; e++) {
      const i = itemOf[e]!;
      const ra = prepared.ra[i]!,
        rb = prepared.rb[i]!,
        rc = prepared.rc[i]!;
      const excluded = ex.rows.subarray(ex.start[e]!, ex.start[e + 1]!);
      let g = -Infinity;
      for (const ans of items[i]!.answers) {
        for (const row of words.variants(ans)) {
          if (excluded.includes(row)) continue;
          const sa = cos(row, ra),
            sb = cos(row, rb),
            sc = cos(row, rc);
          const s =
            p.method === '3CosAdd'
              ? sb - sa + sc
              : p.method === '3CosMul'
                ? ((1 + sb) / (Math.max(0, 1 + sa) + 2 * p.cosMulEpsilon)) * Math.max(0, 1 + sc)
                : (sb - sa - (engineQuestions.k?.[e] ?? 0)) / Math.sqrt(Math.max(1e-12, 2 - 2 * sc));
          if (s > g) g = s;
        }
      }
      if (g > -Infinity) gold[e] = g + 1e-6 * Math.max(1, Math.abs(g));
    }
  }
  const producer = await selectProducer(options.engine ?? 'auto');
  const helper = await selectHelper(producer);
  // One search at a time per process: the worker producer holds one question-word matrix.
  const run = engineQueue.then(() =>
    searchAnalogies({
      unit,
      dim,
      words: W,
      wordCount: wordRows.length,
      restricts,
      questions: engineQuestions,
      method: p.method,
      epsilon: p.cosMulEpsilon,
      producer,
      ...(helper ? {helper} : {}),
      ...(options.chunk ? {chunk: options.chunk} : {}),
      ...(options.ranks ? {} : {beforeScan: fillExcluded}),
    }),
  );
  engineQueue = run.catch(() => undefined);
  const out = await run;

  // Stage 2: exact re-scoring of the shortlists.
  const exact = exactScorer(vectors, p);
  const perRestrictSorted: SolvedItem[][] = restricts.map(() => []);
  const {kept, lists} = rescore(
    prepared,
    engineOf,
    engineQuestions,
    out,
    exact,
    restricts,
    items,
    words,
    vectors.words,
    p,
    options.ranks === true,
    perRestrictSorted,
  );
  return {
    engine: producer.name,
    ns,
    perRestrict: ns.map((n) => perRestrictSorted[restricts.indexOf(n)]!),
    stats: out.stats,
    shortlistMean: lists ? kept / lists : 0,
  };
}

/** Per item (index i of each array): the rows of its words and of its best-placed answer (-1: unknown). */
interface PreparedItems {
  ra: Int32Array;
  rb: Int32Array;
  rc: Int32Array;
  gold: Int32Array;
  /** First restrict index at which all four words are inside (restricts.length: never). */
  from: Int32Array;
}

/**
 * Per-word lookups of one evaluation, each computed once per distinct word (Google: ~900 words in 19,544
 * questions). A class, not closures, so that V8's optimized code carries over from one evaluation to the next.
 */
class WordCache {
  private readonly rows = new Map<string, number>();
  private readonly foldedForms = new Map<string, string>();
  private readonly variantRows = new Map<string, readonly number[]>();
  constructor(
    private readonly view: VocabView,
    private readonly folding: CaseFolding,
  ) {}
  fold(w: string): string {
    return foldCase(w, this.folding);
  }
  row(w: string): number {
    let r = this.rows.get(w);
    if (r === undefined) this.rows.set(w, (r = this.view.lookup(w)));
    return r;
  }
  folded(w: string): string {
    let f = this.foldedForms.get(w);
    if (f === undefined) this.foldedForms.set(w, (f = this.fold(w)));
    return f;
  }
  variants(w: string): readonly number[] {
    let v = this.variantRows.get(w);
    if (v === undefined) this.variantRows.set(w, (v = this.view.variants(this.folded(w))));
    return v;
  }
}

// The loops below are module-level functions rather than closures inside the async solveAnalogies: V8 does
// not compile an async function's loops on stack replacement, and a function declared once keeps its
// optimized code from one evaluation to the next (a benchmark's second run is then as fast as its third).

/** Rows of each question's words and best-placed answer, and the first restrict that holds them all. */
function prepareItems(items: readonly AnalogyItem[], words: WordCache, restricts: readonly number[]): PreparedItems {
  const n = items.length;
  const out: PreparedItems = {ra: new Int32Array(n), rb: new Int32Array(n), rc: new Int32Array(n), gold: new Int32Array(n), from: new Int32Array(n)};
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    const ra = words.row(it.a),
      rb = words.row(it.b),
      rc = words.row(it.c);
    let gold = -1;
    for (let k = 0; k < it.answers.length; k++) {
      const r = words.row(it.answers[k]!);
      if (r >= 0 && (gold < 0 || r < gold)) gold = r;
    }
    const need = ra < 0 || rb < 0 || rc < 0 || gold < 0 ? Infinity : Math.max(ra, rb, rc, gold);
    let from = 0;
    while (from < restricts.length && !(need < restricts[from]!)) from++;
    out.ra[i] = ra;
    out.rb[i] = rb;
    out.rc[i] = rc;
    out.gold[i] = gold;
    out.from[i] = from;
  }
  return out;
}

/** Each engine question's excluded rows, ascending: its three rows (exclusion by index) or every case variant of its words. */
function excludedRows(
  prepared: PreparedItems,
  itemOf: Int32Array,
  items: readonly AnalogyItem[],
  words: WordCache,
  exclusion: AnalogyProtocol['exclusion'],
): {start: Int32Array; rows: Int32Array} {
  const ne = itemOf.length;
  const start = new Int32Array(ne + 1);
  let rows = new Int32Array(3 * ne + 16);
  const one: number[] = []; // one question's rows, reused
  for (let e = 0; e < ne; e++) {
    const i = itemOf[e]!;
    one.length = 0;
    if (exclusion === 'index') one.push(prepared.ra[i]!, prepared.rb[i]!, prepared.rc[i]!);
    else {
      const it = items[i]!;
      for (const w of [it.a, it.b, it.c]) for (const r of words.variants(w)) one.push(r);
    }
    sortedUnique(one);
    const at = start[e]!;
    if (at + one.length > rows.length) {
      const grown = new Int32Array(2 * rows.length + one.length);
      grown.set(rows);
      rows = grown;
    }
    for (let k = 0; k < one.length; k++) rows[at + k] = one[k]!;
    start[e + 1] = at + one.length;
  }
  return {start, rows: rows.subarray(0, start[ne]!)};
}

/** Stage 2: each shortlist re-scored in the protocol's arithmetic; the best row wins, the lowest row on a tie. */
function rescore(
  prepared: PreparedItems,
  engineOf: Int32Array,
  engineQuestions: EngineQuestions,
  out: EngineOutput,
  exact: ExactScorer,
  restricts: readonly number[],
  items: readonly AnalogyItem[],
  words: WordCache,
  rowWords: readonly string[],
  p: AnalogyProtocol,
  ranks: boolean,
  perRestrictSorted: SolvedItem[][],
): {kept: number; lists: number} {
  let kept = 0,
    lists = 0;
  const ex = engineQuestions.excluded;
  for (let i = 0; i < engineOf.length; i++) {
    const e = engineOf[i]!;
    const ra = prepared.ra[i]!,
      rb = prepared.rb[i]!,
      rc = prepared.rc[i]!;
    let answersFolded: string[] | undefined;
    for (let ri = 0; ri < restricts.length; ri++) {
      if (e < 0 || prepared.from[i]! > ri) {
        perRestrictSorted[ri]![i] = {oov: true, predicted: -1, correct: false};
        continue;
      }
      const n = restricts[ri]!;
      const {start, rows: list} = out.shortlist[ri]!;
      const l0 = start[e]!,
        l1 = start[e + 1]!;
      kept += l1 - l0;
      lists++;
      const score = exact.prepare(ra, rb, rc);
      let bestRow = -1,
        bestScore = -Infinity;
      for (let li = l0; li < l1; li++) {
        const row = list[li]!;
        const s = score(row);
        if (s > bestScore || (s === bestScore && row < bestRow)) {
          bestScore = s;
          bestRow = row;
        }
      }
      if (bestRow >= 0 && p.searchDepth !== null && p.exclusion === 'string') {
        // gensim drops the three query rows, then reads its top `searchDepth`; case variants of the query
        // words that outrank the winner use up those slots.
        let above = 0;
        for (let xi = ex.start[e]!; xi < ex.start[e + 1]!; xi++) {
          const row = ex.rows[xi]!;
          if (row >= n || row === ra || row === rb || row === rc) continue;
          const s = score(row);
          if (s > bestScore || (s === bestScore && row < bestRow)) above++;
        }
        if (above >= p.searchDepth) bestRow = -1;
      }
      answersFolded ??= items[i]!.answers.map((w) => words.folded(w));
      const correct = bestRow >= 0 && answersFolded.includes(words.fold(rowWords[bestRow]!));
      const item: SolvedItem = {oov: false, predicted: bestRow, correct};
      const above = out.goldAbove[ri]![e]!;
      if (ranks && above >= 0) item.goldRank = correct ? 1 : Math.max(2, above + 1);
      perRestrictSorted[ri]![i] = item;
    }
  }
  return {kept, lists};
}

/** Ascending distinct values, in place (the few rows a question excludes: an insertion sort allocates nothing). */
function sortedUnique(rows: number[]): number[] {
  for (let i = 1; i < rows.length; i++) {
    const v = rows[i]!;
    let j = i - 1;
    for (; j >= 0 && rows[j]! > v; j--) rows[j + 1] = rows[j]!;
    rows[j + 1] = v;
  }
  let o = 0;
  for (let i = 0; i < rows.length; i++) if (i === 0 || rows[i] !== rows[o - 1]) rows[o++] = rows[i]!;
  rows.length = o;
  return rows;
}

/** Stage-2 scoring in the protocol's arithmetic; `prepare` builds the per-question query once. */
interface ExactScorer {
  /** Builds question (ra, rb, rc)'s query once; the returned function scores a candidate row. */
  prepare(ra: number, rb: number, rc: number): (row: number) => number;
}

function exactScorer(vectors: WordVectors, p: AnalogyProtocol): ExactScorer {
  const {dim, data} = vectors;
  const f32 = Math.fround;
  if (p.arithmetic === 'gensim' && p.method !== 'PairDirection') {
    // gensim norms and unit rows, computed once per row that reaches stage 2 (the question words and the
    // shortlisted candidates), into flat buffers: no allocation per question.
    const slotOf = new Map<number, number>();
    let norms = new Float32Array(1024),
      units = new Float32Array(1024 * dim),
      used = 0;
    const slot = (r: number) => {
      let k = slotOf.get(r);
      if (k !== undefined) return k;
      if (used === norms.length) {
        const n2 = new Float32Array(2 * used),
          u2 = new Float32Array(2 * used * dim);
        n2.set(norms);
        u2.set(units);
        norms = n2;
        units = u2;
      }
      k = used++;
      slotOf.set(r, k);
      const n = Math.sqrt(numpySumSquaresF32(data, r * dim, dim));
      norms[k] = n;
      const nf = norms[k]!; // gensim's norms are float32
      // float32 division as numpy's vectors / norms; a zero row stays 0 (gensim's 0/0 is NaN and never wins).
      if (nf > 0) for (let j = 0, o = r * dim, u = k * dim; j < dim; j++) units[u + j] = data[o + j]! / nf;
      return k;
    };
    const q = new Float32Array(dim);
    if (p.method === '3CosAdd') {
      const score = (row: number) => {
        const k = slot(row); // first: it may grow (replace) `norms`
        return f32(f32(dotF64(data, row * dim, q, dim)) / norms[k]!);
      };
      return {
        prepare(ra, rb, rc) {
          const ka = slot(ra),
            kb = slot(rb),
            kc = slot(rc);
          gensimQuery(units, dim, ka, kb, kc, q);
          return score;
        },
      };
    }
    // 3CosMul as gensim's most_similar_cosmul formula in float32 (cosines of unit rows).
    const eps = f32(p.cosMulEpsilon);
    let ka = 0,
      kb = 0,
      kc = 0;
    const half = (kx: number, k: number) => f32(f32(1 + f32(dotF64(units, kx * dim, units.subarray(k * dim, (k + 1) * dim), dim))) / 2);
    const score = (row: number) => {
      const kx = slot(row);
      return f32(f32(half(kx, kb) * half(kx, kc)) / f32(half(kx, ka) + eps));
    };
    return {
      prepare(ra, rb, rc) {
        ka = slot(ra);
        kb = slot(rb);
        kc = slot(rc);
        return score;
      },
    };
  }
  const unit = vectors.unitNormalized();
  if (p.arithmetic === 'float32' && p.method !== 'PairDirection') {
    const dotSeq = (x: Float32Array, ox: number, y: ArrayLike<number>) => {
      let s = 0;
      for (let j = 0; j < dim; j++) s = f32(s + f32(x[ox + j]! * (y[j] as number)));
      return s;
    };
    return {
      prepare(ra, rb, rc) {
        if (p.method === '3CosAdd') {
          const q = new Float32Array(dim);
          for (let j = 0; j < dim; j++) q[j] = f32(f32(unit[rb * dim + j]! - unit[ra * dim + j]!) + unit[rc * dim + j]!);
          const len = f32(Math.sqrt(dotSeq(q, 0, q)));
          if (len > 0) for (let j = 0; j < dim; j++) q[j] = q[j]! / len;
          return (row) => dotSeq(unit, row * dim, q);
        }
        const ua = unit.subarray(ra * dim, (ra + 1) * dim),
          ub = unit.subarray(rb * dim, (rb + 1) * dim),
          uc = unit.subarray(rc * dim, (rc + 1) * dim);
        const eps = f32(p.cosMulEpsilon);
        return (row) => {
          const half = (u: Float32Array) => f32(f32(1 + dotSeq(unit, row * dim, u)) / 2);
          return f32(f32(half(ub) * half(uc)) / f32(half(ua) + eps));
        };
      },
    };
  }
  // float64 (and PairDirection under any arithmetic).
  return {
    prepare(ra, rb, rc) {
      const oa = ra * dim,
        ob = rb * dim,
        oc = rc * dim;
      const cos = (row: number, o: number) => dotF64(unit, row * dim, unit.subarray(o, o + dim), dim);
      if (p.method === '3CosAdd') {
        const q = new Float64Array(dim);
        for (let j = 0; j < dim; j++) q[j] = unit[ob + j]! - unit[oa + j]! + unit[oc + j]!;
        return (row) => dotF64(unit, row * dim, q, dim);
      }
      if (p.method === '3CosMul') {
        return (row) => (((1 + cos(row, ob)) / 2) * ((1 + cos(row, oc)) / 2)) / ((1 + cos(row, oa)) / 2 + p.cosMulEpsilon);
      }
      // PairDirection: cos(x - c, b - a) on unit vectors.
      const d = new Float64Array(dim);
      let dn = 0;
      for (let j = 0; j < dim; j++) {
        d[j] = unit[ob + j]! - unit[oa + j]!;
        dn += d[j]! * d[j]!;
      }
      return (row) => {
        let num = 0,
          xn = 0;
        for (let j = 0; j < dim; j++) {
          const v = unit[row * dim + j]! - unit[oc + j]!;
          num += v * d[j]!;
          xn += v * v;
        }
        return xn === 0 || dn === 0 ? -Infinity : num / Math.sqrt(xn * dn);
      };
    },
  };
}

/** Per-section tallies of solved items, and the hit flags (overall and per section) the intervals resample. */
export interface SectionTally {
  counts: {correct: number; evaluated: number; total: number; oov: number}[];
  flags: boolean[];
  sectionFlags: boolean[][];
}

/** Count solved items by `items[i].section`; an OOV item is skipped or scored as a miss, as the protocol says. */
export function tallySections(solved: readonly SolvedItem[], items: readonly AnalogyItem[], sections: number, oov: AnalogyProtocol['oov']): SectionTally {
  const counts = Array.from({length: sections}, () => ({correct: 0, evaluated: 0, total: 0, oov: 0}));
  const flags: boolean[] = [];
  const sectionFlags: boolean[][] = counts.map(() => []);
  solved.forEach((r, i) => {
    const k = items[i]!.section;
    const c = counts[k]!;
    c.total++;
    if (r.oov) {
      c.oov++;
      if (oov === 'skip') return;
    }
    c.evaluated++;
    if (r.correct) c.correct++;
    flags.push(r.correct);
    sectionFlags[k]!.push(r.correct);
  });
  return {counts, flags, sectionFlags};
}

function summarize(
  id: string,
  files: FileRecord[],
  sections: AnalogySection[],
  items: readonly AnalogyItem[],
  words: readonly string[],
  p: AnalogyProtocol,
  n: number,
  solved: SolvedItem[],
  engine: AnalogyResult['engine'],
  options: AnalogyOptions,
): AnalogyResult {
  const {counts, flags, sectionFlags} = tallySections(solved, items, sections.length, p.oov);
  const per = sections.map((s, i) => ({section: s.name, kind: s.kind, ...counts[i]!}));
  const acc = (c: number, e: number) => (e ? c / e : 0);
  const boot = options.bootstrap === false ? undefined : (options.bootstrap ?? {});
  const sum = (list: typeof per): Counts => {
    const c = list.reduce((x, s) => x + s.correct, 0),
      e = list.reduce((x, s) => x + s.evaluated, 0);
    const out: Counts = {correct: c, evaluated: e, accuracy: acc(c, e)};
    if (boot)
      out.interval = bootstrapProportion(
        list.flatMap((s) => sectionFlags[per.indexOf(s)]!),
        boot,
      );
    return out;
  };
  const total = per.reduce((x, s) => x + s.total, 0),
    oov = per.reduce((x, s) => x + s.oov, 0);
  const overall = {...sum(per), total, oov, coverage: total ? (total - oov) / total : 0};
  const result: AnalogyResult = {
    dataset: id,
    files,
    protocol: p,
    protocolHash: protocolHash(p),
    restrict: n,
    overall,
    sections: per.map(({kind: _k, ...s}, i) => ({
      ...s,
      accuracy: acc(s.correct, s.evaluated),
      ...(boot ? {interval: bootstrapProportion(sectionFlags[i]!, boot)} : {}),
    })),
    engine,
  };
  if (boot) result.overall.interval = bootstrapProportion(flags, boot);
  if (per.some((s) => s.kind === 'semantic')) result.semantic = sum(per.filter((s) => s.kind === 'semantic'));
  if (per.some((s) => s.kind === 'syntactic')) result.syntactic = sum(per.filter((s) => s.kind === 'syntactic'));
  if (options.records ?? true) {
    result.records = solved.map((r, i) => {
      const it = items[i]!;
      const rec: AnalogyRecord = {
        section: sections[it.section]!.name,
        a: it.a,
        b: it.b,
        c: it.c,
        answers: it.answers,
        status: r.oov ? 'oov' : 'answered',
        predicted: r.predicted >= 0 ? words[r.predicted]! : null,
        correct: r.correct,
      };
      if (r.goldRank !== undefined) rec.goldRank = r.goldRank;
      return rec;
    });
  }
  return result;
}
