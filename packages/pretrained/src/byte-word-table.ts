/**
 * Words looked up in their UTF-8 bytes, as the `.evf` cache stores them ('\n' between words), so that a
 * cache load does no per-word work: no string per word, no index, until they are used. The first lookup
 * builds an open-addressing table over the bytes (one pass: word starts, hashes, slots; ~30 ms for 341k
 * words); reading `WordVectors.words` makes the strings (one decode and split). The cache's crc32 and the
 * writer's checks vouch that the words are unique and there are `size` of them; a count that disagrees is
 * still caught when the table is built.
 */
import {DataError, type WordTable} from '@embedlab/core/data';

/** FNV-1a over bytes (= over char codes for ASCII), then murmur3's finalizer to mix the low bits. */
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class ByteWordTable implements WordTable {
  readonly size: number;
  readonly #bytes: Uint8Array;
  readonly #file: string;
  /** Word i is bytes [starts[i], starts[i + 1] - 1). */
  #starts: Int32Array | undefined;
  /** Pairs (row + 1, hash); row + 1 = 0 marks an empty slot. */
  #slots: Int32Array | undefined;
  #mask = 0;

  /**
   * `bytes`: the words, UTF-8, '\n' between them (none after the last); `file` names errors; `index`: a
   * stored {@link buildWordIndex} result (the `.evf` cache's), else it is built on the first lookup.
   */
  constructor(bytes: Uint8Array, size: number, file: string, index?: WordIndex) {
    this.#bytes = bytes;
    this.size = size;
    this.#file = file;
    if (index) {
      this.#starts = index.starts;
      this.#slots = index.slots;
      this.#mask = index.slots.length / 2 - 1;
    }
  }

  indexOf(word: string): number {
    if (this.#slots === undefined) this.#build();
    const slots = this.#slots as Int32Array,
      starts = this.#starts as Int32Array,
      bytes = this.#bytes,
      mask = this.#mask;
    // ASCII words (almost all) are hashed and compared as char codes; others as their UTF-8 bytes.
    let q: Uint8Array | string = word;
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c >= 128) {
        q = Buffer.from(word, 'utf8');
        h = 0x811c9dc5;
        for (let k = 0; k < q.length; k++) h = Math.imul(h ^ (q[k] as number), 0x01000193);
        break;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
    h = finalize(h);
    const n = q.length;
    for (let j = h & mask; ; j = (j + 1) & mask) {
      const r = slots[2 * j] as number;
      if (r === 0) return -1;
      if (slots[2 * j + 1] !== h) continue;
      const s = starts[r - 1] as number;
      if ((starts[r] as number) - 1 - s !== n) continue;
      let k = 0;
      if (typeof q === 'string') while (k < n && bytes[s + k] === q.charCodeAt(k)) k++;
      else while (k < n && bytes[s + k] === q[k]) k++;
      if (k === n) return r - 1;
    }
  }

  words(): string[] {
    const {size} = this;
    if (size === 0) return [];
    const b = this.#bytes;
    const words = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8').split('\n');
    if (words.length !== size) throw new DataError(this.#file, undefined, `the cache holds ${words.length} words for ${size} rows`);
    return words;
  }

  #build(): void {
    const {starts, slots} = buildWordIndex(this.#bytes, this.size, this.#file);
    this.#starts = starts;
    this.#slots = slots;
    this.#mask = slots.length / 2 - 1;
  }
}

/** A word index over the bytes: word starts and the open-addressing slots (what the `.evf` cache stores). */
export interface WordIndex {
  /** Word i is bytes [starts[i], starts[i + 1] - 1); `size + 1` entries. */
  starts: Int32Array;
  /** Pairs (row + 1, hash) over a power-of-two capacity >= 2 x size; row + 1 = 0 marks an empty slot. */
  slots: Int32Array;
}

/**
 * Builds the index in one pass over the bytes (a word ends at '\n' or at the end of the bytes).
 * `repeated`: the row of the first word that equals an earlier one (-1: all distinct); the build stops
 * there, so the index is only usable when it is -1.
 */
export function buildWordIndex(bytes: Uint8Array, size: number, file: string): WordIndex & {repeated: number} {
  if (size === 0) return {starts: new Int32Array(1), slots: new Int32Array(32), repeated: -1};
  let cap = 16;
  while (cap < size * 2) cap *= 2;
  const mask = cap - 1;
  const slots = new Int32Array(cap * 2);
  const starts = new Int32Array(size + 1);
  let row = 0;
  let h = 0x811c9dc5;
  const n = bytes.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? (bytes[i] as number) : 10;
    if (c !== 10) {
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (row === size) throw new DataError(file, undefined, `the cache holds more than ${size} words`);
    const f = finalize(h);
    const s = starts[row] as number;
    let j = f & mask;
    for (let r = slots[2 * j] as number; r !== 0; j = (j + 1) & mask, r = slots[2 * j] as number) {
      if (slots[2 * j + 1] !== f) continue;
      // Same hash: the same word again?
      const t = starts[r - 1] as number;
      if ((starts[r] as number) - 1 - t !== i - s) continue;
      let k = 0;
      while (k < i - s && bytes[t + k] === bytes[s + k]) k++;
      if (k === i - s) return {starts, slots, repeated: row};
    }
    slots[2 * j] = row + 1;
    slots[2 * j + 1] = f;
    starts[++row] = i + 1;
    h = 0x811c9dc5;
  }
  if (row !== size) throw new DataError(file, undefined, `the cache holds ${row} words for ${size} rows`);
  return {starts, slots, repeated: -1};
}
