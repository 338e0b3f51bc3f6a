/**
 * Pure-TS twin of wasm/word2vec-kernel.wat. Same memory, same operation order, float32 rounding made
 * explicit with Math.fround, and the dot product split into the same 2 x 4 lanes as the SIMD code, so both give
 * bit-identical vectors. Used when WebAssembly SIMD is unavailable or dim is not a multiple of 4, and by
 * the test that checks the two agree.
 */
import type {KernelLayout, Word2VecKernel} from './kernel.js';
import {Lcg64} from './lcg.js';
import {EXP_INDEX_SCALE, MAX_EXP} from './tables.js';

const f = Math.fround;

export class TsWord2VecKernel implements Word2VecKernel {
  readonly kind = 'ts' as const;
  readonly #f32: Float32Array;
  readonly #i32: Int32Array;
  readonly #u8: Uint8Array;
  #L!: KernelLayout;
  #rng = new Lcg64(0, 0);
  #kept = 0;
  #pairs = 0;

  constructor(buffer: ArrayBufferLike) {
    this.#f32 = new Float32Array(buffer);
    this.#i32 = new Int32Array(buffer);
    this.#u8 = new Uint8Array(buffer);
  }

  configure(layout: KernelLayout): void {
    this.#L = {...layout};
  }
  setRng(state: bigint): void {
    this.#rng = Lcg64.fromBigInt(state);
  }
  getRng(): bigint {
    return this.#rng.toBigInt();
  }
  kept(): number {
    return this.#kept;
  }
  pairs(): number {
    return this.#pairs;
  }

  /**
   * sum a[i]*b[i] as the SIMD code does: 4-float chunks j go to accumulator (j even ? A : B), 4 lanes each;
   * then lanes A+B, then (l0 + l1) + (l2 + l3). a, b are float indices.
   */
  #dot(a: number, b: number): number {
    const m = this.#f32,
      dim = this.#L.dim;
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0,
      b0 = 0,
      b1 = 0,
      b2 = 0,
      b3 = 0;
    let i = 0;
    for (; i + 8 <= dim; i += 8) {
      a0 = f(a0 + f(m[a + i]! * m[b + i]!));
      a1 = f(a1 + f(m[a + i + 1]! * m[b + i + 1]!));
      a2 = f(a2 + f(m[a + i + 2]! * m[b + i + 2]!));
      a3 = f(a3 + f(m[a + i + 3]! * m[b + i + 3]!));
      b0 = f(b0 + f(m[a + i + 4]! * m[b + i + 4]!));
      b1 = f(b1 + f(m[a + i + 5]! * m[b + i + 5]!));
      b2 = f(b2 + f(m[a + i + 6]! * m[b + i + 6]!));
      b3 = f(b3 + f(m[a + i + 7]! * m[b + i + 7]!));
    }
    if (i < dim) {
      a0 = f(a0 + f(m[a + i]! * m[b + i]!));
      a1 = f(a1 + f(m[a + i + 1]! * m[b + i + 1]!));
      a2 = f(a2 + f(m[a + i + 2]! * m[b + i + 2]!));
      a3 = f(a3 + f(m[a + i + 3]! * m[b + i + 3]!));
    }
    return f(f(f(a0 + b0) + f(a1 + b1)) + f(f(a2 + b2) + f(a3 + b3)));
  }

  /** neu1e += g * out (old value); out += g * in. */
  #step(g: number, inp: number, out: number): void {
    const m = this.#f32,
      dim = this.#L.dim,
      e = this.#L.neu1e >> 2;
    for (let i = 0; i < dim; i++) {
      const o = m[out + i]!;
      m[e + i] = m[e + i]! + f(g * o);
      m[out + i] = o + f(g * m[inp + i]!);
    }
  }

  #nlogsig(z: number): number {
    if (z > MAX_EXP) return 0;
    if (z < -MAX_EXP) return -z;
    return this.#f32[(this.#L.lossTable >> 2) + Math.trunc(f(f(z + MAX_EXP) * EXP_INDEX_SCALE))]!;
  }

  /** One positive and `negative` negative updates; input vector at float index `inp`. */
  #update(inp: number, word: number, alpha: number): number {
    const L = this.#L,
      m = this.#f32,
      rng = this.#rng,
      dim = L.dim;
    const table = L.table >> 2,
      exp = L.exp >> 2;
    let loss = 0;
    for (let d = 0; d <= L.negative; d++) {
      let target: number, label: number;
      if (d === 0) {
        target = word;
        label = 1;
      } else {
        rng.next();
        target = L.cumulative ? this.#bisect(rng) : this.#i32[table + rng.shr16mod(L.tableSize)]!;
        if (target === word) continue;
        label = 0;
      }
      const l2 = (L.syn1 >> 2) + target * dim;
      const fx = this.#dot(inp, l2);
      loss += this.#nlogsig(d === 0 ? fx : -fx);
      if (L.skipSaturated && (fx >= MAX_EXP || fx <= -MAX_EXP)) continue;
      let g: number;
      if (fx > MAX_EXP) g = f(f(label - 1) * alpha);
      else if (fx < -MAX_EXP) g = f(label * alpha);
      else g = f(f(label - m[exp + Math.trunc(f(f(fx + MAX_EXP) * EXP_INDEX_SCALE))]!) * alpha);
      this.#step(g, inp, l2);
    }
    this.#pairs++;
    return loss;
  }

  /** gensim: bisect_left(cum, (next >> 16) % cum[size - 1]). */
  #bisect(rng: Lcg64): number {
    const cum = this.#L.table >> 2,
      i32 = this.#i32;
    let hi = this.#L.tableSize,
      lo = 0;
    const x = rng.shr16mod(i32[cum + hi - 1]!);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (i32[cum + mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Skip-gram with negatives shared by the window (pWord2Vec), as `$sgShared` in the .wat: scores from the
   * values before the window, then per output row E_j += G[j][k] out_k and out_k += G[j][k] in_j (j in order),
   * then in_j += E_j. Scratch offsets as the wasm kernel lays them out from `batch`.
   */
  #sgShared(pos: number, n: number, word: number, b: number, alpha: number): number {
    const L = this.#L,
      m = this.#f32,
      i32 = this.#i32,
      rng = this.#rng,
      dim = L.dim,
      window = L.window;
    const ctx = L.batch >> 2,
      outs = ctx + 2 * window,
      K1 = L.negative + 1,
      G = outs + K1;
    const E = ((L.batch + 8 * window + 4 * K1 + 8 * window * K1 + 15) & ~15) >> 2;
    const sen = L.sen >> 2,
      syn0 = L.syn0 >> 2,
      syn1 = L.syn1 >> 2,
      exp = L.exp >> 2,
      table = L.table >> 2;
    let cnt = 0;
    for (let a = b; a < window * 2 + 1 - b; a++) {
      const c = pos - window + a;
      if (a === window || c < 0 || c >= n) continue;
      i32[ctx + cnt++] = i32[sen + c]!;
    }
    if (cnt === 0) return 0;
    this.#pairs += cnt;
    i32[outs] = word;
    for (let k = 1; k < K1; k++) {
      rng.next();
      const t = L.cumulative ? this.#bisect(rng) : i32[table + rng.shr16mod(L.tableSize)]!;
      i32[outs + k] = t === word ? -1 : t;
    }
    let loss = 0;
    for (let k = 0; k < K1; k++) {
      const t = i32[outs + k]!;
      if (t < 0) continue;
      const label = k === 0 ? 1 : 0;
      for (let j = 0; j < cnt; j++) {
        const fx = this.#dot(syn0 + i32[ctx + j]! * dim, syn1 + t * dim);
        loss += this.#nlogsig(k === 0 ? fx : -fx);
        let g: number;
        if (L.skipSaturated && (fx >= MAX_EXP || fx <= -MAX_EXP)) g = 0;
        else if (fx > MAX_EXP) g = f(f(label - 1) * alpha);
        else if (fx < -MAX_EXP) g = f(label * alpha);
        else g = f(f(label - m[exp + Math.trunc(f(f(fx + MAX_EXP) * EXP_INDEX_SCALE))]!) * alpha);
        m[G + j * K1 + k] = g;
      }
    }
    m.fill(0, E, E + cnt * dim);
    for (let k = 0; k < K1; k++) {
      const t = i32[outs + k]!;
      if (t < 0) continue;
      const out = syn1 + t * dim;
      for (let i = 0; i < dim; i++) {
        const o = m[out + i]!;
        let acc = o;
        for (let j = 0; j < cnt; j++) {
          const g = m[G + j * K1 + k]!;
          m[E + j * dim + i] = m[E + j * dim + i]! + f(g * o);
          acc = f(acc + f(g * m[syn0 + i32[ctx + j]! * dim + i]!));
        }
        m[out + i] = acc;
      }
    }
    for (let j = 0; j < cnt; j++) {
      const w = i32[ctx + j]!;
      if (this.#locked(w)) continue;
      const row = syn0 + w * dim;
      for (let i = 0; i < dim; i++) m[row + i] = m[row + i]! + m[E + j * dim + i]!;
    }
    return loss;
  }

  #locked(w: number): boolean {
    return this.#L.lock !== 0 && this.#u8[this.#L.lock + w] !== 0;
  }

  trainSentence(ptr: number, len: number, alphaIn: number): number {
    const L = this.#L,
      m = this.#f32,
      i32 = this.#i32,
      rng = this.#rng,
      dim = L.dim;
    const alpha = f(alphaIn);
    const sen = L.sen >> 2,
      keep = L.keep >> 2,
      src = ptr >> 2,
      neu1 = L.neu1 >> 2,
      neu1e = L.neu1e >> 2,
      syn0 = L.syn0 >> 2;
    let n = 0;
    for (let i = 0; i < len; i++) {
      const w = i32[src + i]!;
      if (L.keep !== 0) {
        rng.next();
        if (m[keep + w]! < rng.bits16to31() / 65536) continue;
      }
      i32[sen + n++] = w;
    }
    this.#kept = n;
    this.#pairs = 0;
    let loss = 0;
    const window = L.window;
    for (let pos = 0; pos < n; pos++) {
      const word = i32[sen + pos]!;
      rng.next();
      const b = rng.shr16mod(window);
      const end = window * 2 + 1 - b;
      if (L.cbow) {
        m.fill(0, neu1, neu1 + dim);
        m.fill(0, neu1e, neu1e + dim);
        let cw = 0;
        for (let a = b; a < end; a++) {
          const c = pos - window + a;
          if (a === window || c < 0 || c >= n) continue;
          const row = syn0 + i32[sen + c]! * dim;
          for (let k = 0; k < dim; k++) m[neu1 + k] = m[neu1 + k]! + m[row + k]!;
          cw++;
        }
        if (cw > 0) {
          for (let k = 0; k < dim; k++) m[neu1 + k] = m[neu1 + k]! / cw;
          loss += this.#update(neu1, word, alpha);
          for (let a = b; a < end; a++) {
            const c = pos - window + a;
            if (a === window || c < 0 || c >= n) continue;
            const last = i32[sen + c]!;
            if (this.#locked(last)) continue;
            const row = syn0 + last * dim;
            for (let k = 0; k < dim; k++) m[row + k] = m[row + k]! + m[neu1e + k]!;
          }
        }
      } else if (L.batch !== 0) {
        loss += this.#sgShared(pos, n, word, b, alpha);
      } else {
        for (let a = b; a < end; a++) {
          const c = pos - window + a;
          if (a === window || c < 0 || c >= n) continue;
          const last = i32[sen + c]!;
          const l1 = syn0 + last * dim;
          m.fill(0, neu1e, neu1e + dim);
          loss += this.#update(l1, word, alpha);
          if (!this.#locked(last)) for (let k = 0; k < dim; k++) m[l1 + k] = m[l1 + k]! + m[neu1e + k]!;
        }
      }
    }
    return loss;
  }
}
