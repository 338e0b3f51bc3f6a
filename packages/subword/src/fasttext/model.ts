/**
 * A fastText model in memory: vectors for any string, in-vocabulary or not, computed as
 * `FastText::getWordVector` does (fastText 0.9.2 src/fasttext.cc):
 *
 * - an in-vocabulary word averages its own input row and the rows of its character n-grams;
 * - any other string averages the rows of its n-grams only, and is the zero vector when it has none;
 * - `</s>` has no n-grams; no L2 normalisation anywhere.
 *
 * The mean is computed in float32 exactly as the tool does it (rows added in order, then multiplied by
 * `float(1 / count)`), so the values are the tool's bit for bit.
 */
import {ArgumentError, WordVectors} from '@embedlab/core/data';
import {messages} from '../messages.js';
import {fastTextHash, utf8} from './hash.js';
import {EOS, ngramRow, ngramRows, ngramStrings, type SubwordOptions} from './ngrams.js';
import {
  expectedShapes,
  readFastTextModelData,
  parseFastTextModelBytes,
  serializeFastTextModel,
  writeFastTextModelData,
  type FastTextArgs,
  type FastTextDictionary,
  type DenseMatrix,
  type FastTextModelData,
} from './model-file.js';

export class FastTextModel implements FastTextModelData {
  readonly version: number;
  readonly args: FastTextArgs;
  readonly dictionary: FastTextDictionary;
  readonly input: DenseMatrix;
  readonly output: DenseMatrix;
  /** Where the model was read from, if anywhere. */
  readonly file: string | undefined;
  readonly #ids = new Map<string, number>();
  readonly #subwordOptions: SubwordOptions;

  constructor(data: FastTextModelData, file?: string) {
    const {args, dictionary: d} = data;
    const shapes = expectedShapes(args, d);
    for (const [which, m, want, why] of [
      ['input', data.input, shapes.input, shapes.inputWhy],
      ['output', data.output, shapes.output, shapes.outputWhy],
    ] as const) {
      if (m.rows !== want[0] || m.cols !== want[1]) throw new ArgumentError(messages.badMatrixShape(which, [m.rows, m.cols], want, why));
      if (m.data.length !== m.rows * m.cols) throw new ArgumentError(messages.badMatrix(`${which} matrix`, m.data.length, m.rows, m.cols));
    }
    this.version = data.version;
    this.args = args;
    this.dictionary = d;
    this.input = data.input;
    this.output = data.output;
    this.file = file;
    // Entries keep their first id on a (lossy-decoding) repeat, as fastText's open-addressing find does.
    for (let i = 0; i < d.entries.length; i++) if (!this.#ids.has(d.entries[i] as string)) this.#ids.set(d.entries[i] as string, i);
    let pruneidx: Map<number, number> | undefined;
    if (d.pruneidx !== undefined) {
      pruneidx = new Map();
      for (let i = 0; i < d.pruneidx.length; i += 2) pruneidx.set(d.pruneidx[i] as number, d.pruneidx[i + 1] as number);
    }
    this.#subwordOptions = {minn: args.minn, maxn: this.effectiveMaxn, bucket: args.bucket, nwords: d.nwords, pruneidx};
  }

  /** Reads a `.bin` written by `fasttext` (skipgram, cbow or supervised; not quantized). */
  static read(path: string): FastTextModel {
    return new FastTextModel(readFastTextModelData(path), path);
  }

  /** Parses a `.bin` held in memory. */
  static fromBytes(bytes: Uint8Array, file = '<bytes>'): FastTextModel {
    return new FastTextModel(parseFastTextModelBytes(bytes, file), file);
  }

  /** Writes the model as a `.bin` that `fasttext` loads; a model read from a file is written back byte for byte. */
  write(path: string): void {
    writeFastTextModelData(path, this);
  }

  toBytes(): Uint8Array {
    return serializeFastTextModel(this);
  }

  get dim(): number {
    return this.args.dim;
  }

  get nwords(): number {
    return this.dictionary.nwords;
  }

  /** The in-vocabulary words in id order (`</s>` included), without labels. */
  get words(): string[] {
    return this.dictionary.entries.slice(0, this.dictionary.nwords);
  }

  /** maxn as fastText uses it: version-11 supervised models had no n-grams whatever their args say. */
  get effectiveMaxn(): number {
    return this.version === 11 && this.args.model === 'sup' ? 0 : this.args.maxn;
  }

  /** Id of an in-vocabulary word, or -1 (labels are not words). */
  wordId(word: string): number {
    const id = this.#ids.get(word);
    return id !== undefined && id < this.dictionary.nwords ? id : -1;
  }

  /**
   * The input rows a word's vector averages (`Dictionary::getSubwords`): `[id, ...n-gram rows]` for an
   * in-vocabulary word, the n-gram rows for any other string, `[id]` for `</s>`.
   */
  subwordRows(word: string): number[] {
    const id = this.wordId(word);
    return id >= 0 ? this.#rowsOfId(id) : word === EOS ? [] : ngramRows(word, this.#subwordOptions);
  }

  /** `[id, ...n-gram rows]` of dictionary entry `id` (its stored bytes, so also for non-UTF-8 entries). */
  #rowsOfId(id: number): number[] {
    const word = this.dictionary.entries[id] as string;
    if (word === EOS) return [id];
    return [id, ...ngramRows(this.dictionary.rawEntries?.get(id) ?? utf8(word), this.#subwordOptions)];
  }

  /** The n-gram strings of a word, brackets included, in the order `fasttext print-ngrams` lists them. */
  ngrams(word: string): string[] {
    return word === EOS ? [] : ngramStrings(word, this.args.minn, this.effectiveMaxn);
  }

  /** Mean of the given input rows in float32, as fastText computes it; zero when `rows` is empty. */
  meanOfRows(rows: ArrayLike<number>, out: Float32Array = new Float32Array(this.dim)): Float32Array {
    const dim = this.dim;
    if (out.length !== dim) throw new ArgumentError(messages.badOutput(out.length, dim));
    out.fill(0);
    const data = this.input.data;
    for (let k = 0; k < rows.length; k++) {
      const base = (rows[k] as number) * dim;
      for (let j = 0; j < dim; j++) out[j]! += data[base + j] as number; // float32 store rounds each sum
    }
    if (rows.length > 0) {
      const scale = Math.fround(1 / rows.length);
      for (let j = 0; j < dim; j++) out[j]! *= scale;
    }
    return out;
  }

  /** The vector of any string: what `fasttext print-word-vectors` prints for it. */
  wordVector(word: string, out: Float32Array = new Float32Array(this.dim)): Float32Array {
    return this.meanOfRows(this.subwordRows(word), out);
  }

  /** The single row of one n-gram (`getSubwordVector`): `nwords + hash(ngram) % bucket`; zero if pruned away. */
  subwordVector(ngram: string, out: Float32Array = new Float32Array(this.dim)): Float32Array {
    const row = this.args.bucket > 0 ? ngramRow(fastTextHash(ngram), this.#subwordOptions) : -1;
    return this.meanOfRows(row >= 0 ? [row] : [], out);
  }

  /** Whether a string has a vector other than zero (in the vocabulary, or at least one n-gram). */
  hasVector(word: string): boolean {
    return this.subwordRows(word).length > 0;
  }

  /**
   * The in-vocabulary words with their vectors (the mean of word and n-gram rows), in dictionary order:
   * the rows of the `.vec` file fastText writes next to the `.bin`.
   */
  toWordVectors(): WordVectors {
    const n = this.dictionary.nwords;
    const dim = this.dim;
    const data = new Float32Array(n * dim);
    const words = this.words;
    for (let i = 0; i < n; i++) this.meanOfRows(this.#rowsOfId(i), data.subarray(i * dim, (i + 1) * dim));
    return new WordVectors(words, data, dim, {
      meta: {
        format: 'fasttext-bin',
        path: this.file,
        model: this.args.model,
        dim,
        nwords: n,
        bucket: this.args.bucket,
        minn: this.args.minn,
        maxn: this.effectiveMaxn,
      },
    });
  }
}
