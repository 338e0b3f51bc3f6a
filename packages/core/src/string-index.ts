/**
 * Word -> row for vocabularies of hundreds of thousands of words. A `Map` costs ~600 ns per insert at that
 * size (per-entry allocation, rehashing as it grows, a cache miss or two); this table is one Int32Array
 * sized once: [row + 1, hash] per slot, linear probing, at most half full. Building it for GloVe's 341k
 * words takes tens of milliseconds instead of ~200.
 */
export class StringIndex {
  readonly #words: readonly string[];
  /** Pairs (row + 1, hash); row + 1 = 0 marks an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** The first repeated word met while building: [first row, repeated row], or undefined. */
  readonly duplicate: readonly [number, number] | undefined;

  constructor(words: readonly string[]) {
    this.#words = words;
    let size = 16;
    while (size < words.length * 2) size *= 2;
    this.#mask = size - 1;
    this.#slots = new Int32Array(size * 2);
    const slots = this.#slots,
      mask = this.#mask;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const h = hashString(w);
      let j = h & mask;
      for (;;) {
        const r = slots[2 * j] as number;
        if (r === 0) {
          slots[2 * j] = i + 1;
          slots[2 * j + 1] = h;
          break;
        }
        if (slots[2 * j + 1] === h && words[r - 1] === w) {
          this.duplicate = [r - 1, i];
          return;
        }
        j = (j + 1) & mask;
      }
    }
  }

  /** Row of `word` (its first occurrence), or -1. */
  get(word: string): number {
    const slots = this.#slots,
      mask = this.#mask;
    const h = hashString(word);
    for (let j = h & mask; ; j = (j + 1) & mask) {
      const r = slots[2 * j] as number;
      if (r === 0) return -1;
      if (slots[2 * j + 1] === h && this.#words[r - 1] === word) return r - 1;
    }
  }
}

/** FNV-1a over UTF-16 code units, then murmur3's finalizer so the low bits (the slot) are well mixed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
