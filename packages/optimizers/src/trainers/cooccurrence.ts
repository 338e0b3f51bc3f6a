/**
 * Word-word co-occurrence counts as GloVe's `cooccur` makes them: for every pair of words at distance
 * d <= window inside a sentence, add 1/d (or 1 without distance weighting) to X[left, right] and, when
 * symmetric, to X[right, left] as well. A word paired with itself counts too. Sentences do not share windows.
 *
 * Storage: an open-addressing hash table in typed arrays (key i * V + j as a float64), because a JS Map
 * stops at 2^24 entries; ~16 bytes per slot at load <= 0.6.
 */
import {ArgumentError} from '@embedlab/core';
import {trainerMessages as msg} from './messages.js';

export interface CooccurrenceOptions {
  /** __Default:__ 10 (GloVe paper; the C tool's default is 15). */
  window?: number;
  /** Count both orders of each pair. __Default:__ true. */
  symmetric?: boolean;
  /** Weight a pair at distance d by 1/d. __Default:__ true. */
  distanceWeighting?: boolean;
}

/** Nonzero entries in coordinate form, sorted by (row, column). */
export interface Cooccurrences {
  vocabSize: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

export function countCooccurrences(sentences: readonly ArrayLike<number>[], vocabSize: number, options: CooccurrenceOptions = {}): Cooccurrences {
  const window = options.window ?? 10,
    symmetric = options.symmetric ?? true,
    weighted = options.distanceWeighting ?? true;
  if (!Number.isInteger(window) || window < 1) throw new ArgumentError(msg.badOption('window', window, 'an integer >= 1'));
  let cap = 1 << 16;
  let keys = new Float64Array(cap).fill(-1);
  let vals = new Float64Array(cap);
  let used = 0;
  const add = (key: number, v: number) => {
    let h = hash(key) & (cap - 1);
    while (keys[h] !== -1 && keys[h] !== key) h = (h + 1) & (cap - 1);
    if (keys[h] === -1) {
      keys[h] = key;
      used++;
    }
    vals[h]! += v;
    if (used > cap * 0.6) {
      const oldK = keys,
        oldV = vals;
      cap *= 2;
      keys = new Float64Array(cap).fill(-1);
      vals = new Float64Array(cap);
      for (let s = 0; s < oldK.length; s++) {
        const k = oldK[s]!;
        if (k === -1) continue;
        let g = hash(k) & (cap - 1);
        while (keys[g] !== -1) g = (g + 1) & (cap - 1);
        keys[g] = k;
        vals[g] = oldV[s]!;
      }
    }
  };
  sentences.forEach((s, si) => {
    for (let j = 0; j < s.length; j++) {
      const right = s[j] as number;
      if (!(right >= 0 && right < vocabSize)) throw new ArgumentError(msg.idOutOfRange(si, j, right, vocabSize));
      for (let k = j - 1; k >= 0 && k >= j - window; k--) {
        const left = s[k] as number;
        const v = weighted ? 1 / (j - k) : 1;
        add(left * vocabSize + right, v);
        if (symmetric) add(right * vocabSize + left, v);
      }
    }
  });
  const order: number[] = [];
  for (let s = 0; s < cap; s++) if (keys[s] !== -1) order.push(s);
  order.sort((a, b) => keys[a]! - keys[b]!);
  const rows = new Int32Array(order.length),
    cols = new Int32Array(order.length),
    values = new Float64Array(order.length);
  order.forEach((s, n) => {
    const k = keys[s]!;
    rows[n] = Math.floor(k / vocabSize);
    cols[n] = k - rows[n]! * vocabSize;
    values[n] = vals[s]!;
  });
  return {vocabSize, rows, cols, values};
}

function hash(key: number): number {
  const lo = key >>> 0,
    hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
