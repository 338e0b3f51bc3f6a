/**
 * Seeded random streams. `createRng(seed)` is the only way to make one, and it refuses a seed that is not a
 * finite integer, so a forgotten seed is an error rather than an unseeded run.
 *
 * Generator: xoshiro128** (Blackman & Vigna), seeded through splitmix32 so that nearby seeds give unrelated
 * streams. 32-bit integer arithmetic only, so the same seed gives the same stream on every platform.
 */
import {ArgumentError} from './errors.js';
import {messages} from './messages.js';

export interface Rng {
  /** The seed this stream was created from (recorded in run metadata). */
  readonly seed: number;
  /** Next uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  float(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal N(0, 1), Box-Muller. */
  normal(): number;
  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[];
  /** An independent child stream, e.g. one per component or worker. */
  fork(label: string): Rng;
}

export function assertSeed(seed: unknown): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isFinite(seed) || !Number.isInteger(seed)) {
    throw new ArgumentError(messages.badSeed(seed));
  }
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a 32-bit hash of a string's UTF-16 code units; used to derive child seeds from labels. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A child seed for a named component (`deriveSeed(run seed, 'evaluators.0')`). Never 0. */
export function deriveSeed(seed: number, label: string): number {
  assertSeed(seed);
  const mix = splitmix32((hashString(label) ^ (seed >>> 0) ^ Math.floor(seed / 2 ** 32)) >>> 0);
  mix();
  return (mix() % 2147483646) + 1;
}

export function createRng(seed: number): Rng {
  assertSeed(seed);
  const init = splitmix32((seed >>> 0) ^ Math.floor(seed / 2 ** 32));
  let a = init(),
    b = init(),
    c = init(),
    d = init();
  if ((a | b | c | d) === 0) a = 1;
  let spareNormal: number | undefined;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const float = () => nextUint32() / 4294967296;
  const rng: Rng = {
    seed,
    nextUint32,
    float,
    int(n: number) {
      if (!(n > 0) || !Number.isInteger(n)) throw new ArgumentError(`rng.int(n) needs a positive integer n (got ${n})`);
      // Rejection sampling keeps the draw unbiased for any n up to 2^32.
      const limit = 4294967296 - (4294967296 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
    normal() {
      if (spareNormal !== undefined) {
        const s = spareNormal;
        spareNormal = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = float();
      const v = float();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle<T>(items: T[]) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const tmp = items[i] as T;
        items[i] = items[j] as T;
        items[j] = tmp;
      }
      return items;
    },
    fork(label: string) {
      return createRng(deriveSeed(seed, label));
    },
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
