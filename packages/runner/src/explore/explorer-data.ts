/**
 * The data behind the explorer page (`exp explore`): the top N words of the first arm, each arm's rows for
 * those words quantised to int8 with one float32 scale per row (a quarter of float32's size; the page and
 * the tests use the same dequantised float32 values, so the page's neighbours equal `WordVectors.nearest`
 * on them), and 2D maps (UMAP with a fixed seed, and PCA) of the first `map` words per arm, computed here
 * in Node so the page does no heavy work before its first paint.
 */
import {ArgumentError, createRng, WordVectors} from '@embedlab/core';
import {pca2d, type WordGroup} from '@embedlab/reports';
import {UMAP} from 'umap-js';
import {silentProgress, type ProgressReporter} from '../progress.js';

export interface ExplorerArmInput {
  name: string;
  vectors: WordVectors;
  /** Where the vectors came from (a source name, a file, a run folder's arm), shown in the page. */
  source: string;
}

export interface ExplorerOptions {
  /** Words searchable and used as candidates (the first arm's first N rows). __Default:__ 20000. */
  top?: number;
  /** Words drawn on the map (the first M of the top N, plus any group word). __Default:__ 5000. */
  map?: number;
  /** UMAP seed. __Default:__ 1337. */
  seed?: number;
  /** Colour the map by these word lists (as well as by frequency bucket). */
  groups?: readonly WordGroup[];
  /** Skip UMAP (PCA only): for quick pages. __Default:__ false. */
  noUmap?: boolean;
  /** UMAP settings. __Default:__ 15 neighbours, min distance 0.1, 200 epochs. */
  umap?: {nNeighbors?: number; minDist?: number; nEpochs?: number};
  title?: string;
  /** Shown in the page's provenance line (versions, command). */
  provenance?: Record<string, string>;
  progress?: ProgressReporter;
}

export interface ExplorerArmData {
  name: string;
  source: string;
  /** Rows of the top N words this arm lacks (zero rows in `q`; never returned as neighbours). */
  missing: number[];
  /** base64 of the int8 rows (N x dim). */
  q: string;
  /** base64 of the float32 scale per row (value = q * scale). */
  scales: string;
  /** base64 of float32 [x, y] per map point, or null when UMAP was skipped. */
  umap: string | null;
  /** base64 of float32 [x, y] per map point. */
  pca: string;
  pcaExplained: [number, number];
}

export interface ExplorerData {
  title: string;
  dim: number;
  words: string[];
  arms: ExplorerArmData[];
  /** Row (into `words`) of each map point. */
  mapRows: number[];
  /** Frequency buckets by row: rows [from, to) get `label`. */
  buckets: {label: string; from: number; to: number}[];
  /** Group names and, per map point, its group index or -1. */
  groups: {names: string[]; ofPoint: number[]} | null;
  settings: {
    top: number;
    map: number;
    seed: number;
    umap: {nNeighbors: number; minDist: number; nEpochs: number} | null;
    quantization: string;
    analogy: string;
  };
  provenance: Record<string, string>;
}

/** int8 per row with a float32 scale (max |value| / 127), rounded to nearest. A zero row gets scale 0. */
export function quantizeRows(data: Float32Array, rows: number, dim: number): {q: Int8Array; scales: Float32Array} {
  if (data.length !== rows * dim) throw new ArgumentError(`quantizeRows: data has ${data.length} values, expected ${rows} x ${dim}`);
  const q = new Int8Array(rows * dim);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = r * dim, end = j + dim; j < end; j++) max = Math.max(max, Math.abs(data[j] as number));
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    if (scale === 0) continue;
    for (let j = r * dim, end = j + dim; j < end; j++) q[j] = Math.max(-127, Math.min(127, Math.round((data[j] as number) / scale)));
  }
  return {q, scales};
}

/** The float32 values the page computes from the quantised rows (q * scale rounded to float32). */
export function dequantizeRows(q: Int8Array, scales: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let r = 0; r < scales.length; r++) {
    const s = scales[r] as number;
    for (let j = r * dim, end = j + dim; j < end; j++) out[j] = (q[j] as number) * s;
  }
  return out;
}

/** The vectors an arm has in the page, as a WordVectors (dequantised; missing rows dropped). */
export function explorerArmVectors(data: ExplorerData, arm: number): WordVectors {
  const a = data.arms[arm];
  if (!a) throw new ArgumentError(`explorer arm ${arm} is out of range [0, ${data.arms.length})`);
  const q = new Int8Array(fromBase64(a.q).buffer);
  const scales = new Float32Array(fromBase64(a.scales).buffer);
  const full = dequantizeRows(q, scales, data.dim);
  const missing = new Set(a.missing);
  const keep = data.words.map((_, i) => i).filter((i) => !missing.has(i));
  const out = new Float32Array(keep.length * data.dim);
  keep.forEach((r, i) => out.set(full.subarray(r * data.dim, (r + 1) * data.dim), i * data.dim));
  return new WordVectors(
    keep.map((r) => data.words[r] as string),
    out,
    data.dim,
    {checkFinite: false},
  );
}

const toBase64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromBase64(s: string): Uint8Array {
  const b = Buffer.from(s, 'base64');
  // A fresh, aligned copy: typed-array views over it need 4-byte alignment.
  return new Uint8Array(b);
}

/** Frequency buckets by rank (file order is frequency order for pretrained files). */
export function frequencyBuckets(n: number): {label: string; from: number; to: number}[] {
  const edges = [0, 1000, 5000, 20000, 100000, Infinity];
  const fmt = (x: number) => (x >= 1000 ? `${x / 1000}k` : String(x));
  const out: {label: string; from: number; to: number}[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i] as number;
    const to = Math.min(edges[i + 1] as number, n);
    if (from >= n) break;
    out.push({label: `rank ${fmt(from + 1)}-${fmt(to)}`, from, to});
  }
  return out;
}

function unitRows(data: Float32Array, rows: readonly number[], dim: number): Float64Array {
  const out = new Float64Array(rows.length * dim);
  rows.forEach((r, i) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += (data[r * dim + j] as number) ** 2;
    const n = Math.sqrt(s);
    if (n > 0) for (let j = 0; j < dim; j++) out[i * dim + j] = (data[r * dim + j] as number) / n;
  });
  return out;
}

export async function buildExplorerData(arms: readonly ExplorerArmInput[], options: ExplorerOptions = {}): Promise<ExplorerData> {
  if (!arms.length) throw new ArgumentError('explorer: no arms to show');
  const first = arms[0] as ExplorerArmInput;
  const dim = first.vectors.dim;
  for (const a of arms) {
    if (a.vectors.dim !== dim)
      throw new ArgumentError(`explorer: arm "${a.name}" has ${a.vectors.dim}-d vectors, "${first.name}" has ${dim}-d; arms must have one width`);
  }
  const names = new Set<string>();
  for (const a of arms) {
    if (names.has(a.name)) throw new ArgumentError(`explorer: two arms are named "${a.name}"`);
    names.add(a.name);
  }
  const top = Math.min(options.top ?? 20000, first.vectors.size);
  const mapN = Math.min(options.map ?? 5000, top);
  const seed = options.seed ?? 1337;
  const progress = options.progress ?? silentProgress;
  const umapSettings = options.noUmap
    ? null
    : {nNeighbors: options.umap?.nNeighbors ?? 15, minDist: options.umap?.minDist ?? 0.1, nEpochs: options.umap?.nEpochs ?? 200};
  const words = first.vectors.words.slice(0, top) as string[];

  // Map points: the first `map` words, then group words found among the top N.
  const mapRows: number[] = [];
  for (let i = 0; i < mapN; i++) mapRows.push(i);
  let groups: ExplorerData['groups'] = null;
  if (options.groups?.length) {
    const rowOf = new Map(words.map((w, i) => [w, i]));
    const groupOfRow = new Map<number, number>();
    options.groups.forEach((g, gi) => {
      for (const w of g.words) {
        const r = rowOf.get(w);
        if (r === undefined || groupOfRow.has(r)) continue;
        groupOfRow.set(r, gi);
        if (r >= mapN) mapRows.push(r);
      }
    });
    groups = {names: options.groups.map((g) => g.group), ofPoint: mapRows.map((r) => groupOfRow.get(r) ?? -1)};
  }

  const armData: ExplorerArmData[] = [];
  for (const [ai, a] of arms.entries()) {
    const rows = new Float32Array(top * dim);
    const missing: number[] = [];
    words.forEach((w, i) => {
      const v = ai === 0 ? a.vectors.row(i) : a.vectors.vector(w);
      if (v) rows.set(v, i * dim);
      else missing.push(i);
    });
    const {q, scales} = quantizeRows(rows, top, dim);
    const deq = dequantizeRows(q, scales, dim);
    const unit = unitRows(deq, mapRows, dim);
    const p = pca2d(unit, mapRows.length, dim);
    const pca = Float32Array.from(p.scores);
    let umap: string | null = null;
    if (umapSettings) {
      const rng = createRng(seed);
      const u = new UMAP({nComponents: 2, ...umapSettings, random: () => rng.float()});
      const points: number[][] = mapRows.map((_, i) => Array.from(unit.subarray(i * dim, (i + 1) * dim)));
      const knn = progress.start(`umap ${a.name}: neighbour graph`, points.length, 'words');
      const epochs = u.initializeFit(points);
      knn.update(points.length);
      knn.done();
      const task = progress.start(`umap ${a.name}: layout`, epochs, 'epochs');
      for (let e = 0; e < epochs; e++) {
        u.step();
        task.tick();
      }
      task.done();
      umap = toBase64(Float32Array.from(u.getEmbedding().flat()));
    }
    armData.push({
      name: a.name,
      source: a.source,
      missing,
      q: toBase64(q),
      scales: toBase64(scales),
      umap,
      pca: toBase64(pca),
      pcaExplained: [p.explained[0] ?? 0, p.explained[1] ?? 0],
    });
  }
  return {
    title: options.title ?? `Explore ${arms.map((a) => a.name).join(' vs ')}`,
    dim,
    words,
    arms: armData,
    mapRows,
    buckets: frequencyBuckets(top),
    groups,
    settings: {
      top,
      map: mapN,
      seed,
      umap: umapSettings,
      quantization: 'int8 per row, scale = max|value|/127 (float32); neighbours and analogies use the dequantised float32 values',
      analogy: '3CosAdd: unit(a) - unit(b) + unit(c), normalised; the nearest unit rows by cosine among the top N words; a, b and c excluded',
    },
    provenance: options.provenance ?? {},
  };
}
