/**
 * Character n-grams exactly as fastText 0.9.2 enumerates them (`Dictionary::computeSubwords`).
 *
 * The input is the UTF-8 bytes of `"<" + word + ">"`, no normalisation or lowercasing. An n-gram starts at
 * a character boundary (never at a continuation byte `10xxxxxx`), `n` counts characters, and after each
 * character its continuation bytes are taken in too. Every n-gram with minn <= n <= maxn is kept except a
 * one-character gram that is just the leading `<` or trailing `>`. The whole bracketed word counts when it
 * is at most maxn characters long. Repeats are kept (a gram seen twice is averaged twice). The row of a
 * gram is `nwords + hash(gram) % bucket`, or, for a pruned dictionary, its entry in `pruneidx` (grams
 * without one are dropped; an empty `pruneidx` drops every gram).
 */
import {fastTextHashBytes, utf8} from './hash.js';

export const BOW = '<';
export const EOW = '>';
/** The end-of-sentence token a newline becomes; it never gets n-grams. */
export const EOS = '</s>';

const BOW_BYTES = utf8(BOW);
const EOW_BYTES = utf8(EOW);
const decoder = new TextDecoder();

export interface SubwordOptions {
  minn: number;
  maxn: number;
  bucket: number;
  /** Number of words: n-gram rows start after them. */
  nwords: number;
  /** Pruned dictionaries: bucket -> new index. `undefined` = not pruned. */
  pruneidx?: ReadonlyMap<number, number> | undefined;
}

/** `"<" + word + ">"` as UTF-8 bytes. */
export function bracketed(word: string | Uint8Array): Uint8Array {
  const inner = typeof word === 'string' ? utf8(word) : word;
  const out = new Uint8Array(inner.length + BOW_BYTES.length + EOW_BYTES.length);
  out.set(BOW_BYTES, 0);
  out.set(inner, BOW_BYTES.length);
  out.set(EOW_BYTES, BOW_BYTES.length + inner.length);
  return out;
}

/**
 * Calls `visit(start, end)` for each n-gram of the bracketed bytes, in fastText's order: by start position,
 * then by length.
 */
export function forEachNgram(bytes: Uint8Array, minn: number, maxn: number, visit: (start: number, end: number) => void): void {
  const len = bytes.length;
  for (let i = 0; i < len; i++) {
    if (((bytes[i] as number) & 0xc0) === 0x80) continue;
    for (let j = i, n = 1; j < len && n <= maxn; n++) {
      j++;
      while (j < len && ((bytes[j] as number) & 0xc0) === 0x80) j++;
      if (n >= minn && !(n === 1 && (i === 0 || j === len))) visit(i, j);
    }
  }
}

/** Row of an n-gram given its hash, or -1 when a pruned dictionary dropped it. */
export function ngramRow(hash: number, options: SubwordOptions): number {
  const bucket = hash % options.bucket;
  if (options.pruneidx === undefined) return options.nwords + bucket;
  const mapped = options.pruneidx.get(bucket);
  return mapped === undefined ? -1 : options.nwords + mapped;
}

/**
 * The rows of a word's character n-grams (without the word's own row), in fastText's order. `word` is the
 * word without brackets, as a string or as raw UTF-8 bytes.
 */
export function ngramRows(word: string | Uint8Array, options: SubwordOptions): number[] {
  const rows: number[] = [];
  if (options.maxn <= 0 || options.bucket <= 0) return rows;
  const bytes = bracketed(word);
  forEachNgram(bytes, options.minn, options.maxn, (start, end) => {
    const row = ngramRow(fastTextHashBytes(bytes, start, end), options);
    if (row >= 0) rows.push(row);
  });
  return rows;
}

/** The n-gram strings of a word (brackets included), in fastText's order (`print-ngrams` lists these). */
export function ngramStrings(word: string | Uint8Array, minn: number, maxn: number): string[] {
  const out: string[] = [];
  if (maxn <= 0) return out;
  const bytes = bracketed(word);
  forEachNgram(bytes, minn, maxn, (start, end) => out.push(decoder.decode(bytes.subarray(start, end))));
  return out;
}
