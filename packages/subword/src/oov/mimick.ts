/**
 * Vectors for unseen words from their spelling, in the spirit of Mimick (Pinter, Guthrie & Eisenstein,
 * EMNLP 2017): a character model is trained to regress the pretrained vectors of frequent words, then
 * predicts a vector for any string. Mimick uses a char BiLSTM; this is the bag-of-n-grams variant (as
 * fastText's subword model): the prediction is the mean of the rows of the word's hashed character
 * n-grams (fastText's n-grams of `<word>` and FNV hash) plus a bias,
 *
 *   y(w) = b + (1/|G(w)|) sum_{g in G(w)} E[g]
 *
 * trained with row-wise AdaGrad (one accumulator per n-gram row, as sparse embedding tables are usually
 * trained: a per-element one would double the memory for no measured gain) on the squared Euclidean loss
 * 0.5 ||y - t||^2 or the cosine loss 1 - cos(y, t). Single-threaded and deterministic by seed.
 */
import {ArgumentError, createRng, DataError, writeFileAtomic, type WordVectors} from '@embedlab/core/data';
import {readFileSync} from 'node:fs';
import {fastTextHashBytes} from '../fasttext/hash.js';
import {bracketed, forEachNgram} from '../fasttext/ngrams.js';

export type MimickLoss = 'l2' | 'cosine';

export interface MimickOptions {
  /** Shortest and longest n-gram, in characters (fastText's defaults). __Default:__ 3, 6. */
  minn?: number;
  maxn?: number;
  /** Hash buckets (n-gram rows). __Default:__ 200,000. */
  bucket?: number;
  /** Lowercase words before taking n-grams (GloVe 6B is uncased). __Default:__ true. */
  lowercase?: boolean;
}

export interface MimickTrainOptions extends MimickOptions {
  /** Required: the initial rows and the shuffling come from it. */
  seed: number;
  /** Passes over the training words. __Default:__ 10. */
  epochs?: number;
  /** AdaGrad learning rate. __Default:__ 0.5 for l2, 2 for cosine. */
  lr?: number;
  /** __Default:__ `l2` (Mimick's squared Euclidean distance). */
  loss?: MimickLoss;
  /** Initial n-gram rows: uniform in [-init, init]. __Default:__ 0.01. */
  init?: number;
  /** Called after each epoch (progress, loss curves). */
  onEpochEnd?: (record: MimickEpochRecord) => void;
}

export interface MimickEpochRecord {
  epoch: number;
  /** Mean loss over the epoch's words (measured before each update). */
  loss: number;
  words: number;
  seconds: number;
}

/** What the model was trained on (recorded with it). */
export interface MimickTrainInfo {
  words: number;
  epochs: number;
  lr: number;
  loss: MimickLoss;
  seed: number;
  history: MimickEpochRecord[];
}

interface Resolved {
  minn: number;
  maxn: number;
  bucket: number;
  lowercase: boolean;
}

const FORMAT = 'embedlab-mimick-ngram';
const FORMAT_VERSION = 1;

export class MimickModel {
  readonly dim: number;
  readonly minn: number;
  readonly maxn: number;
  readonly bucket: number;
  readonly lowercase: boolean;
  /** [bucket, dim] n-gram rows. */
  readonly rows: Float32Array;
  /** [dim]. */
  readonly bias: Float32Array;
  info: MimickTrainInfo | undefined;

  constructor(dim: number, options: MimickOptions = {}, parts?: {rows: Float32Array; bias: Float32Array}) {
    const o = resolve(options);
    if (!(Number.isInteger(dim) && dim > 0)) throw new ArgumentError(`dim must be a positive integer (got ${dim})`);
    this.dim = dim;
    this.minn = o.minn;
    this.maxn = o.maxn;
    this.bucket = o.bucket;
    this.lowercase = o.lowercase;
    this.rows = parts?.rows ?? new Float32Array(o.bucket * dim);
    this.bias = parts?.bias ?? new Float32Array(dim);
    if (this.rows.length !== o.bucket * dim || this.bias.length !== dim) throw new ArgumentError(`rows must be ${o.bucket} x ${dim} and bias ${dim} long`);
  }

  /** The n-gram rows of a word (repeats kept, as fastText averages them); empty for the empty string. */
  ngramIds(word: string): Int32Array {
    const w = this.lowercase ? word.toLowerCase() : word;
    const ids: number[] = [];
    if (w.length === 0) return new Int32Array(0);
    const bytes = bracketed(w);
    forEachNgram(bytes, this.minn, this.maxn, (s, e) => ids.push(fastTextHashBytes(bytes, s, e) % this.bucket));
    return Int32Array.from(ids);
  }

  /** The predicted vector of any string (the bias alone when it has no n-gram). */
  predict(word: string, out: Float32Array = new Float32Array(this.dim)): Float32Array {
    return this.forward(this.ngramIds(word), out);
  }

  private forward(ids: Int32Array, out: Float32Array): Float32Array {
    const {dim, rows} = this;
    out.set(this.bias);
    const k = ids.length;
    if (k === 0) return out;
    const inv = 1 / k;
    for (let i = 0; i < k; i++) {
      const o = (ids[i] as number) * dim;
      for (let j = 0; j < dim; j++) out[j] = (out[j] as number) + inv * (rows[o + j] as number);
    }
    return out;
  }

  /**
   * Loss of one example and its gradient with respect to the prediction (written to `grad`). Exposed for the
   * gradient check.
   */
  static lossAndGrad(y: Float32Array, t: Float32Array | ArrayLike<number>, loss: MimickLoss, grad: Float64Array): number {
    const dim = y.length;
    if (loss === 'l2') {
      let l = 0;
      for (let j = 0; j < dim; j++) {
        const d = (y[j] as number) - (t[j] as number);
        grad[j] = d;
        l += d * d;
      }
      return 0.5 * l;
    }
    let yy = 0,
      tt = 0,
      yt = 0;
    for (let j = 0; j < dim; j++) {
      const a = y[j] as number,
        b = t[j] as number;
      yy += a * a;
      tt += b * b;
      yt += a * b;
    }
    const ny = Math.sqrt(yy),
      nt = Math.sqrt(tt);
    if (ny === 0 || nt === 0) {
      // cos undefined at 0: push y toward t (the direction the loss decreases in from any nearby point)
      for (let j = 0; j < dim; j++) grad[j] = nt === 0 ? 0 : -(t[j] as number) / nt;
      return 1;
    }
    const cos = yt / (ny * nt);
    // d(1 - cos)/dy = -(t / (|y||t|) - cos y / |y|^2)
    for (let j = 0; j < dim; j++) grad[j] = -((t[j] as number) / (ny * nt) - (cos * (y[j] as number)) / yy);
    return 1 - cos;
  }

  /** The loss of `word` against `target` (for tests and measurements). */
  loss(word: string, target: ArrayLike<number>, loss: MimickLoss = 'l2'): number {
    return MimickModel.lossAndGrad(this.predict(word), target, loss, new Float64Array(this.dim));
  }

  /**
   * Trains on `words[i]` -> row i of `targets` ([words.length, dim]). Each epoch visits the words in a
   * seeded random order, one AdaGrad step per word.
   */
  static train(words: readonly string[], targets: Float32Array, dim: number, options: MimickTrainOptions): MimickModel {
    const {seed, epochs = 10, loss = 'l2', init = 0.01, onEpochEnd} = options;
    const lr = options.lr ?? (loss === 'l2' ? 0.5 : 2);
    if (!Number.isInteger(seed)) throw new ArgumentError('MimickModel.train needs an integer seed');
    if (targets.length !== words.length * dim) throw new ArgumentError(`targets has ${targets.length} values, expected ${words.length} x ${dim}`);
    if (!(Number.isInteger(epochs) && epochs >= 0)) throw new ArgumentError(`epochs must be a non-negative integer (got ${epochs})`);
    if (!(lr > 0)) throw new ArgumentError(`lr must be positive (got ${lr})`);
    if (loss !== 'l2' && loss !== 'cosine') throw new ArgumentError(`loss must be 'l2' or 'cosine' (got ${String(loss)})`);
    const model = new MimickModel(dim, options);
    const rng = createRng(seed);
    const {rows, bias} = model;
    for (let i = 0; i < rows.length; i++) rows[i] = (2 * rng.float() - 1) * init;
    // The bias starts at the targets' mean vector, so the n-gram rows only learn what a spelling adds to it.
    for (let w = 0; w < words.length; w++) for (let j = 0; j < dim; j++) bias[j] = (bias[j] as number) + (targets[w * dim + j] as number) / words.length;
    const rowAcc = new Float32Array(model.bucket); // per-row sum of mean squared gradients
    const biasAcc = new Float64Array(dim);
    const ids = words.map((w) => model.ngramIds(w));
    const order = Int32Array.from(words, (_, i) => i);
    const y = new Float32Array(dim);
    const g = new Float64Array(dim);
    const history: MimickEpochRecord[] = [];
    const EPS = 1e-8;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const t0 = performance.now();
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const tmp = order[i] as number;
        order[i] = order[j] as number;
        order[j] = tmp;
      }
      let total = 0;
      for (let n = 0; n < order.length; n++) {
        const w = order[n] as number;
        const wid = ids[w] as Int32Array;
        model.forward(wid, y);
        total += MimickModel.lossAndGrad(y, targets.subarray(w * dim, (w + 1) * dim), loss, g);
        // bias: per-dimension AdaGrad
        for (let j = 0; j < dim; j++) {
          const gj = g[j] as number;
          biasAcc[j] = (biasAcc[j] as number) + gj * gj;
          bias[j] = (bias[j] as number) - (lr * gj) / (Math.sqrt(biasAcc[j] as number) + EPS);
        }
        const k = wid.length;
        if (k === 0) continue;
        // each n-gram row gets g / k (a row repeated in the word gets it once per occurrence)
        let gg = 0;
        for (let j = 0; j < dim; j++) gg += (g[j] as number) * (g[j] as number);
        const rowMeanSq = gg / (k * k) / dim;
        for (let i = 0; i < k; i++) {
          const r = wid[i] as number;
          rowAcc[r] = (rowAcc[r] as number) + rowMeanSq;
          const step = lr / k / (Math.sqrt(rowAcc[r] as number) + EPS);
          const o = r * dim;
          for (let j = 0; j < dim; j++) rows[o + j] = (rows[o + j] as number) - step * (g[j] as number);
        }
      }
      const record = {epoch, loss: order.length ? total / order.length : 0, words: order.length, seconds: (performance.now() - t0) / 1000};
      history.push(record);
      onEpochEnd?.(record);
    }
    model.info = {words: words.length, epochs, lr, loss, seed, history};
    return model;
  }

  /**
   * Trains on the first `top` rows of a pretrained table (frequent words first, as GloVe and word2vec files
   * are sorted), skipping rows that `keep` rejects (e.g. punctuation).
   */
  static fromVectors(vectors: WordVectors, options: MimickTrainOptions & {top?: number; keep?: (word: string) => boolean}): MimickModel {
    const {top = 100_000, keep = () => true} = options;
    const words: string[] = [];
    const n = Math.min(top, vectors.size);
    const targets = new Float32Array(n * vectors.dim);
    for (let r = 0; r < n; r++) {
      const w = vectors.words[r] as string;
      if (!keep(w)) continue;
      targets.set(vectors.row(r), words.length * vectors.dim);
      words.push(w);
    }
    return MimickModel.train(words, targets.subarray(0, words.length * vectors.dim), vectors.dim, options);
  }

  /** A self-describing file: a JSON header line, then the bias and the rows as little-endian float32. */
  toBytes(): Uint8Array {
    const header = JSON.stringify({
      format: FORMAT,
      version: FORMAT_VERSION,
      dim: this.dim,
      minn: this.minn,
      maxn: this.maxn,
      bucket: this.bucket,
      lowercase: this.lowercase,
      info: this.info ?? null,
    });
    const head = new TextEncoder().encode(header + '\n');
    const pad = (4 - (head.length % 4)) % 4;
    const out = new Uint8Array(head.length + pad + 4 * (this.dim + this.rows.length));
    out.set(head, 0);
    out.fill(0x20, head.length, head.length + pad); // spaces keep the floats 4-byte aligned
    const f = new Float32Array(out.buffer, head.length + pad, this.dim + this.rows.length);
    f.set(this.bias, 0);
    f.set(this.rows, this.dim);
    return out;
  }

  /** Atomic write of `toBytes()`. */
  save(path: string): void {
    writeFileAtomic(path, this.toBytes());
  }

  static fromBytes(bytes: Uint8Array, name = '<bytes>'): MimickModel {
    const nl = bytes.indexOf(10);
    if (nl < 0) throw new DataError(name, undefined, `not a Mimick model: no header line (expected a JSON line with format "${FORMAT}")`);
    let h: Record<string, unknown>;
    try {
      h = JSON.parse(new TextDecoder().decode(bytes.subarray(0, nl))) as Record<string, unknown>;
    } catch (e) {
      throw new DataError(name, undefined, `not a Mimick model: the header line is not JSON (${(e as Error).message})`);
    }
    if (h.format !== FORMAT || h.version !== FORMAT_VERSION)
      throw new DataError(
        name,
        undefined,
        `not a Mimick model: format ${String(h.format)} version ${String(h.version)}, expected ${FORMAT} version ${FORMAT_VERSION}`,
      );
    const dim = h.dim as number,
      bucket = h.bucket as number;
    let start = nl + 1;
    while (start % 4 !== 0 && bytes[start] === 0x20) start++;
    const need = 4 * (dim + dim * bucket);
    if (bytes.length - start !== need)
      throw new DataError(
        name,
        undefined,
        `Mimick model body is ${bytes.length - start} bytes after the header, expected ${need} (dim ${dim}, bucket ${bucket})`,
      );
    const body = new Uint8Array(need); // a copy: a Buffer's own .buffer may be a shared pool at any offset
    body.set(bytes.subarray(start));
    const f = new Float32Array(body.buffer);
    const model = new MimickModel(
      dim,
      {minn: h.minn as number, maxn: h.maxn as number, bucket, lowercase: h.lowercase as boolean},
      {bias: f.slice(0, dim), rows: f.slice(dim)},
    );
    if (h.info) model.info = h.info as MimickTrainInfo;
    return model;
  }

  static load(path: string): MimickModel {
    return MimickModel.fromBytes(readFileSync(path), path);
  }
}

function resolve(o: MimickOptions): Resolved {
  const r = {minn: o.minn ?? 3, maxn: o.maxn ?? 6, bucket: o.bucket ?? 200_000, lowercase: o.lowercase ?? true};
  if (!(Number.isInteger(r.minn) && r.minn >= 1 && Number.isInteger(r.maxn) && r.maxn >= r.minn))
    throw new ArgumentError(`n-gram lengths must satisfy 1 <= minn <= maxn (got minn ${r.minn}, maxn ${r.maxn})`);
  if (!(Number.isInteger(r.bucket) && r.bucket >= 1)) throw new ArgumentError(`bucket must be a positive integer (got ${r.bucket})`);
  return r;
}
