/**
 * Where scanners put rows: a growing float32 matrix plus the words, with the rules every format shares:
 * which words to keep (vocabulary filter), what a repeated word does (keep the first, like gensim), how
 * many rows at most (`limit`).
 */
import {DataError} from '@embedlab/core/data';
import {messages} from './messages.js';

export type DuplicateRule = 'keep-first' | 'error';

export interface StoreRules {
  /** Keep only these words (membership test). */
  keep?: {has(word: string): boolean; readonly size?: number};
  duplicates: DuplicateRule;
  /** Read at most this many data rows of the file (kept or not). */
  limit: number;
}

/** Growth factor when an estimate was too small; the copy briefly holds old + new. */
const GROWTH = 1.25;

export class RowStore {
  dim = 0;
  data: Float32Array = new Float32Array(0);
  capacity = 0;
  rows = 0;
  words: string[] = [];
  /** Data rows seen in the file (kept, filtered out, or duplicate). */
  rowsSeen = 0;
  duplicates = 0;
  readonly duplicateExamples: string[] = [];
  skipped = 0;
  readonly #first = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly rules: StoreRules,
  ) {}

  /** Fix the dimension and allocate room for about `estimatedRows` rows (clamped by limit and filter). */
  init(dim: number, estimatedRows: number, exactUpperBound = false): void {
    this.dim = dim;
    let rows = Math.min(estimatedRows, this.rules.limit);
    const filterSize = this.rules.keep?.size;
    if (filterSize !== undefined) rows = Math.min(rows, filterSize);
    this.capacity = Math.max(exactUpperBound ? 0 : 16, Math.ceil(rows));
    this.data = new Float32Array(this.capacity * dim);
  }

  /**
   * Decide whether the row of `word` (at `where`, a line or row number) is kept. Counts it as seen.
   * Returns the float offset to write the values at, or -1 to skip the row.
   */
  admit(word: string, where: number): number {
    this.rowsSeen++;
    const {keep} = this.rules;
    if (keep !== undefined && !keep.has(word)) {
      this.skipped++;
      return -1;
    }
    if (this.rules.duplicates === 'error') {
      // Only the strict rule needs the line of the first occurrence; keep-first finds repeats at the end.
      const first = this.#first.get(word);
      if (first !== undefined) throw new DataError(this.file, where, messages.duplicateWord(word, first));
      this.#first.set(word, where);
    }
    if (this.rows === this.capacity) this.#grow();
    this.words.push(word);
    return this.rows++ * this.dim;
  }

  /** Take back the row the last `admit` accepted (the fast path hands that line to the slow path). */
  unadmit(): void {
    this.rowsSeen--;
    this.rows--;
    const word = this.words.pop() as string;
    if (this.rules.duplicates === 'error') this.#first.delete(word);
  }

  /** True once `limit` data rows were read. */
  get done(): boolean {
    return this.rowsSeen >= this.rules.limit;
  }

  #grow(): void {
    const cap = Math.max(16, Math.ceil(this.capacity * GROWTH));
    const next = new Float32Array(cap * this.dim);
    next.set(this.data.subarray(0, this.rows * this.dim));
    this.data = next;
    this.capacity = cap;
  }

  /**
   * Drop every repeat of a word, keeping its first row (gensim's rule), and count the repeats. Scanning
   * does not look words up (a Map lookup per row costs ~10% of the scan); this runs once at the end and
   * only compacts when there are repeats.
   */
  dropRepeats(): void {
    const seen = new Set<string>();
    const {dim, words} = this;
    let w = 0;
    for (let r = 0; r < this.rows; r++) {
      const word = words[r] as string;
      if (seen.has(word)) {
        this.duplicates++;
        if (this.duplicateExamples.length < 20) this.duplicateExamples.push(word);
        continue;
      }
      seen.add(word);
      if (w !== r) {
        words[w] = word;
        this.data.copyWithin(w * dim, r * dim, (r + 1) * dim);
      }
      w++;
    }
    words.length = w;
    this.rows = w;
  }

  /** The matrix with exactly `rows` rows. Keeps a view when the unused tail is small (no copy, no 2x peak). */
  finish(): Float32Array {
    const used = this.rows * this.dim;
    this.#first.clear();
    if (used === this.data.length) return this.data;
    // A view keeps the spare rows allocated; copy only when that waste is large.
    if (this.data.length - used <= Math.max(1 << 16, used * 0.05)) return this.data.subarray(0, used);
    return this.data.slice(0, used);
  }
}
