/**
 * fastText's string hash (`Dictionary::hash`, fastText 0.9.2 src/dictionary.cc): 32-bit FNV-1a with offset
 * basis 2166136261 and prime 16777619, XOR first and multiply second, over the UTF-8 bytes. One quirk: each
 * byte is cast to `int8_t` before the XOR, so a byte >= 0x80 is sign-extended to 0xFFFFFFxx. Plain FNV-1a
 * and this hash therefore differ on every non-ASCII string. The same hash picks n-gram buckets.
 */

const OFFSET_BASIS = 2166136261;
const PRIME = 16777619;
const encoder = new TextEncoder();

/** Hash of `bytes[start, end)` as fastText computes it: an unsigned 32-bit integer. */
export function fastTextHashBytes(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = OFFSET_BASIS;
  for (let i = start; i < end; i++) {
    h = (h ^ (((bytes[i] as number) << 24) >> 24)) >>> 0; // int8_t sign extension
    h = Math.imul(h, PRIME) >>> 0;
  }
  return h;
}

/** Hash of a string's UTF-8 bytes (a lone surrogate is encoded as U+FFFD, as TextEncoder does). */
export function fastTextHash(text: string): number {
  return fastTextHashBytes(encoder.encode(text));
}

/** UTF-8 bytes of a string (shared encoder). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
