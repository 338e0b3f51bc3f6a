/**
 * Word vectors: a V x D float32 matrix (row-major) with its words and a word -> row index. This is the
 * shape every loader returns and every evaluator takes.
 *
 * Rows keep the file order (for pretrained files that is frequency order, which `restrict` relies on).
 * Words are unique: loaders resolve duplicates before building one.
 */
import {checkArgument, checkInteger} from './arguments.js';
import {ArgumentError} from './errors.js';
import {messages} from './messages.js';
import {StringIndex} from './string-index.js';

export interface Neighbour {
  word: string;
  index: number;
  score: number;
}

export interface NearestOptions {
  /** How many neighbours. __Default:__ 10. */
  k?: number;
  /** Words or row indices that may not be returned (the query words of an analogy, say). */
  exclude?: Iterable<string | number>;
  /** Consider only the first N rows as candidates (gensim's `restrict_vocab`). __Default:__ all rows. */
  restrict?: number;
}

/** Provenance of a vector set: where it came from, recorded in every result that uses it. */
export type VectorsMeta = Record<string, unknown>;

function checkNearestOptions(options: NearestOptions): void {
  if (options.k !== undefined) checkInteger(options.k, 'k');
  if (options.restrict !== undefined) checkInteger(options.restrict, 'restrict');
}

/**
 * A word -> row table a loader can give WordVectors instead of a words array, so that nothing per word
 * happens at load time (the binary cache looks words up in its file bytes and makes strings only when
 * `words` is read). Its maker vouches that the words are unique: WordVectors does not check.
 */
export interface WordTable {
  readonly size: number;
  /** Row of `word`, or -1. */
  indexOf(word: string): number;
  /** The words in row order; called once, on the first read of `WordVectors.words`. */
  words(): readonly string[];
}

export class WordVectors {
  readonly dim: number;
  /** Row-major [size, dim]. */
  readonly data: Float32Array;
  readonly meta: VectorsMeta;
  readonly #size: number;
  #words: readonly string[] | undefined;
  readonly #index: StringIndex | WordTable;
  #norms: Float32Array | undefined;
  #unit: Float32Array | undefined;

  constructor(words: readonly string[] | WordTable, data: Float32Array, dim: number, options: {meta?: VectorsMeta; checkFinite?: boolean} = {}) {
    const size = Array.isArray(words) ? words.length : (words as WordTable).size;
    if (!Number.isInteger(dim) || dim <= 0) throw new ArgumentError(`dim must be a positive integer (got ${dim})`);
    if (data.length !== size * dim) throw new ArgumentError(messages.wrongDataLength(data.length, size, dim));
    if (options.checkFinite ?? true) {
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i] as number)) throw new ArgumentError(messages.nonFinite('vector data', i));
      }
    }
    this.dim = dim;
    this.data = data;
    this.meta = options.meta ?? {};
    this.#size = size;
    if (Array.isArray(words)) {
      const list = words as readonly string[];
      this.#words = list;
      const index = new StringIndex(list);
      const dup = index.duplicate;
      if (dup) throw new ArgumentError(messages.duplicateWord(list[dup[0]] as string, dup[0], dup[1]));
      this.#index = index;
    } else {
      this.#index = words as WordTable;
    }
  }

  /** The words, row order (made on first use when a WordTable was given). */
  get words(): readonly string[] {
    if (this.#words === undefined) {
      const got = (this.#index as WordTable).words();
      if (got.length !== this.#size) throw new ArgumentError(`word table gave ${got.length} words for ${this.#size} rows`);
      this.#words = got;
    }
    return this.#words;
  }

  /** Build from `[word, values]` pairs (tests, small tables). */
  static fromEntries(entries: Iterable<readonly [string, ArrayLike<number>]>, meta?: VectorsMeta): WordVectors {
    const list = [...entries];
    const dim = list[0]?.[1].length ?? 0;
    const data = new Float32Array(list.length * dim);
    list.forEach(([word, values], i) => {
      if (values.length !== dim) throw new ArgumentError(`vector for ${JSON.stringify(word)} has ${values.length} values, expected ${dim}`);
      data.set(values, i * dim);
    });
    return new WordVectors(
      list.map(([w]) => w),
      data,
      dim,
      meta === undefined ? {} : {meta},
    );
  }

  get size(): number {
    return this.#size;
  }

  /** Row index of a word, or -1. */
  indexOf(word: string): number {
    return this.#find(word);
  }

  has(word: string): boolean {
    return this.#find(word) >= 0;
  }

  #find(word: string): number {
    const index = this.#index;
    return index instanceof StringIndex ? index.get(word) : index.indexOf(word);
  }

  /** A view of row i (no copy). */
  row(i: number): Float32Array {
    if (!Number.isInteger(i) || i < 0 || i >= this.size) throw new ArgumentError(`row ${i} is out of range [0, ${this.size})`);
    return this.data.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** The vector of a word (a view), or undefined when the word is unknown. */
  vector(word: string): Float32Array | undefined {
    const i = this.#find(word);
    return i < 0 ? undefined : this.row(i);
  }

  /** L2 norm of every row, computed once (float64 sums, stored as float32). */
  norms(): Float32Array {
    if (!this.#norms) {
      const {data, dim} = this;
      const norms = new Float32Array(this.size);
      for (let r = 0; r < this.size; r++) {
        let s = 0;
        for (let j = r * dim, end = j + dim; j < end; j++) s += (data[j] as number) * (data[j] as number);
        norms[r] = Math.sqrt(s);
      }
      this.#norms = norms;
    }
    return this.#norms;
  }

  /**
   * A cached unit-normalized copy of the matrix (row / ||row||; an all-zero row stays zero). Computed in
   * float64 per element then rounded to float32, like numpy's float32 division.
   */
  unitNormalized(): Float32Array {
    if (!this.#unit) {
      const {data, dim} = this;
      const norms = this.norms();
      const unit = new Float32Array(data.length);
      for (let r = 0; r < this.size; r++) {
        const n = norms[r] as number;
        if (n === 0) continue;
        for (let j = r * dim, end = j + dim; j < end; j++) unit[j] = (data[j] as number) / n;
      }
      this.#unit = unit;
    }
    return this.#unit;
  }

  /** Unit-normalized copy as a new WordVectors (same words). */
  normalized(): WordVectors {
    return new WordVectors(this.words, this.unitNormalized(), this.dim, {meta: {...this.meta, normalized: true}, checkFinite: false});
  }

  /** The first n rows (shares memory), like gensim's restrict_vocab. */
  head(n: number): WordVectors {
    const m = Math.min(n, this.size);
    return new WordVectors(this.words.slice(0, m), this.data.subarray(0, m * this.dim), this.dim, {meta: {...this.meta, restrict: m}, checkFinite: false});
  }

  /** Cosine similarity of two words (throws on an unknown word). */
  similarity(a: string, b: string): number {
    return cosine(this.#required(a), this.#required(b));
  }

  /**
   * Top-k rows by cosine similarity to a word or a vector, highest first; ties go to the lower row.
   * @throws {ArgumentError} an unknown word, a vector of the wrong length, k or restrict not a positive integer.
   */
  nearest(query: string | ArrayLike<number>, options: NearestOptions = {}): Neighbour[] {
    checkNearestOptions(options);
    const exclude = new Set<number>();
    let target: ArrayLike<number>;
    if (typeof query === 'string') {
      exclude.add(this.#indexRequired(query));
      target = this.#required(query);
    } else {
      checkArgument(typeof query === 'object' && query !== null && typeof query.length === 'number', 'query', 'a word or a vector (array of numbers)', query);
      if (query.length !== this.dim) throw new ArgumentError(messages.wrongMatrixShape('query vector', [query.length], [this.dim]));
      target = query;
    }
    for (const e of options.exclude ?? []) {
      const i = typeof e === 'number' ? e : this.indexOf(e);
      if (i >= 0) exclude.add(i);
    }
    return this.#topK(unitCopy(target), options.k ?? 10, options.restrict ?? this.size, exclude);
  }

  /**
   * `a : b :: c : ?` by 3CosAdd over unit vectors (b - a + c, normalized), excluding a, b and c.
   * For benchmark evaluation with a recorded protocol use @embedlab/evaluators.
   */
  analogy(a: string, b: string, c: string, options: Omit<NearestOptions, 'exclude'> = {}): Neighbour[] {
    checkNearestOptions(options);
    const [va, vb, vc] = [a, b, c].map((w) => unitCopy(this.#required(w))) as [Float64Array, Float64Array, Float64Array];
    const q = new Float64Array(this.dim);
    for (let j = 0; j < this.dim; j++) q[j] = (vb[j] as number) - (va[j] as number) + (vc[j] as number);
    const exclude = new Set([a, b, c].map((w) => this.#indexRequired(w)));
    return this.#topK(unitCopy(q), options.k ?? 10, options.restrict ?? this.size, exclude);
  }

  #topK(unitQuery: Float64Array, k: number, restrict: number, exclude: Set<number>): Neighbour[] {
    const unit = this.unitNormalized();
    const {dim} = this;
    const n = Math.min(restrict, this.size);
    const best: Neighbour[] = [];
    for (let r = 0; r < n; r++) {
      if (exclude.has(r)) continue;
      let s = 0;
      for (let j = 0, o = r * dim; j < dim; j++, o++) s += (unit[o] as number) * (unitQuery[j] as number);
      if (best.length < k || s > (best[best.length - 1] as Neighbour).score) {
        // Insert after equal scores so the lower row wins ties.
        let pos = best.length;
        while (pos > 0 && (best[pos - 1] as Neighbour).score < s) pos--;
        best.splice(pos, 0, {word: this.words[r] as string, index: r, score: s});
        if (best.length > k) best.pop();
      }
    }
    return best;
  }

  #indexRequired(word: string): number {
    const i = this.#find(word);
    if (i < 0) throw new ArgumentError(messages.unknownWord(word));
    return i;
  }

  #required(word: string): Float32Array {
    return this.row(this.#indexRequired(word));
  }
}

/** Cosine similarity in float64; 0 when either vector is all zeros. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new ArgumentError(`cosine of vectors of different lengths ${a.length} and ${b.length}`);
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number,
      y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function unitCopy(v: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  const n = Math.sqrt(s);
  const out = new Float64Array(v.length);
  if (n > 0) for (let i = 0; i < v.length; i++) out[i] = (v[i] as number) / n;
  return out;
}
